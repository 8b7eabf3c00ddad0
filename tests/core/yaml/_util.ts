/** Test helpers: a tree as plain typed data, and the error a call throws (tests/_errors.ts). */

import type { Node } from "../../../core/node.ts";

/** A tree as comparable data: `[type, value]` leaves, `{key: ...}` dicts (non-string keys tagged). */
export function plain(n: Node): unknown {
  if (n.kind === "dict") {
    const out: Record<string, unknown> = {};
    for (const e of n.entries.values()) {
      const k = typeof e.key === "string" ? e.key : `<${typeof e.key}:${
        String(
          typeof e.key === "object" && e.key !== null ? e.key.value : e.key,
        )
      }>`;
      out[k] = plain(e.node);
    }
    return out;
  }
  if (n.kind === "list") return n.items.map(plain);
  return [n.type, typeof n.value === "bigint" ? `${n.value}n` : n.value];
}

export { thrown } from "../../_errors.ts";

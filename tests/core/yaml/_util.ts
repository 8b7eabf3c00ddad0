/** Test helpers: a tree as plain typed data, and the error a call throws (tests/_errors.ts). */

import fc from "../../_fast_check.ts";
import { dict, float, int, list, type Node, str } from "../../../core/node.ts";

/** Keys of the generated trees. */
export const word: fc.Arbitrary<string> = fc.stringMatching(/^[a-z_][a-z0-9_]{0,6}$/);

/**
 * Config trees of words, the given tricky strings, ints and floats, in
 * dicts and lists a few levels deep.
 */
export function treeOf(strings: readonly string[]): fc.Arbitrary<Node> {
  const scalar: fc.Arbitrary<Node> = fc.oneof(
    word.map((s) => str(s)),
    fc.constantFrom(...strings).map((s) => str(s)),
    fc.integer().map((i) => int(i)),
    fc.double({ noNaN: true }).map((d) => float(d)),
  );
  return fc.letrec<{ tree: Node }>((tie) => ({
    tree: fc.oneof(
      { depthSize: "small" },
      scalar,
      fc.array(fc.tuple(word, tie("tree")), { maxLength: 4 }).map((es) => dict(es)),
      fc.array(tie("tree"), { maxLength: 4 }).map((items) => list(items)),
    ),
  })).tree;
}

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

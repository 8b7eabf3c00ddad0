/**
 * Which composition a problem is labelled with (`(with db=pg)`) when the
 * composition it was derived from was not checked. With FILES (pre-commit)
 * an option swap (`db=pg`, the primary's defaults list with one option file
 * replaced) is often checked without the primary composition; a problem the
 * swap cannot have caused then shows in the primary composition too, and
 * labelling it `db=pg` says it shows only there. A whole run checks the
 * primary first and so reports such a problem without a label: this keeps
 * FILES mode saying the same, without composing the primary.
 *
 * @module
 */

import { resolve } from "../path.ts";
import { ErrorCode } from "../errors.ts";
import type { Problem } from "./problems.ts";

function under(key: string, pkg: string): boolean {
  return key === pkg || key.startsWith(pkg + ".") || key.startsWith(pkg + "[") ||
    pkg.startsWith(key + ".");
}

/**
 * Whether the composition a swap was made from shows `p` as well: the swap
 * changes only the keys under `pkg` (the swapped option's package; both
 * options have the same header and no defaults list), so a problem written
 * in a file that composition reads (`ownerFiles`), at a key outside `pkg`,
 * of a kind whose cause is the key itself (a `???`, an unknown resolver, an
 * interpolation to a key outside `pkg`, a schema's refusal of a value that is
 * not an interpolation: `interpolatedAt` tells), is not the swap's. Anything
 * else (rules read resolved values, which may come from `pkg`) is left to the
 * swap.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ownerShowsIt } from "./labels.ts";
 * const at = { file: "conf/model/base.yaml", line: 2, col: 7 };
 * const files = new Set([Deno.cwd() + "/conf/model/base.yaml"]);
 * const p = (message: string, fullKey: string) => ({ severity: "error" as const, code: "interpolation-key", message, fullKey, origin: at });
 * assert.equal(ownerShowsIt(p("Interpolation key 'nope' not found", "model.size"), "db", files), true);
 * assert.equal(ownerShowsIt(p("Interpolation key 'db.port' not found", "model.size"), "db", files), false);
 * assert.equal(ownerShowsIt(p("Interpolation key 'nope' not found", "db.size"), "db", files), false);
 * ```
 */
export function ownerShowsIt(
  p: Problem,
  pkg: string,
  ownerFiles: Set<string>,
  interpolatedAt: (fullKey: string) => boolean = () => true,
): boolean {
  const file = p.origin?.file;
  if (pkg === "" || file === undefined || p.origin?.override !== undefined || p.related) {
    return false;
  }
  if (p.fullKey === undefined || under(p.fullKey, pkg) || !ownerFiles.has(resolve(file))) {
    return false;
  }
  if (p.code === ErrorCode.MissingValue || p.code === ErrorCode.UnsupportedInterpolation) {
    return true;
  }
  // a schema's refusal of a value written there, not read through an interpolation (which may
  // read `pkg`): the composition it was swapped from has the value too (checker v31: tagged
  // "(with dataset=folder)" in a pre-commit run, though the default composition has it)
  if (p.code === "schema") return !interpolatedAt(p.fullKey);
  const missing = p.code === ErrorCode.InterpolationKey
    ? /^Interpolation key '([^']+)' not found/.exec(p.message)?.[1]
    : undefined;
  return missing !== undefined && !under(missing, pkg);
}

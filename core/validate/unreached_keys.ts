/**
 * Keys a value reads that its resolution never reached: `${host.data}/${task}`
 * stops at an unset `${oc.env:...}` under `host.data` (a warning, the job's
 * environment is not validate's), so the missing `task` would be found only
 * where the variable is set: a developer's hook blocks what CI passes. A
 * static check of the value's other plain keys finds it everywhere.
 *
 * @module
 */

import { ErrorCode } from "../errors.ts";
import { canonicalKey, type Node, type NodeOrigin, type Origin } from "../node.ts";
import { valuePosition } from "../resolve/value_position.ts";
import { keyPaths } from "../ops/walk.ts";
import { suggest } from "../suggest.ts";
import { interpolatedKeys } from "../resolve/grammar_walk.ts";
import type { Problem } from "./problems.ts";

/** Whether a dict on the key path lacks it: undefined when it cannot be told (no dict on the way). */
function absent(root: Node, segs: readonly string[]): boolean | undefined {
  let node = root;
  for (const seg of segs) {
    // a scalar on the way is another failure (ConfigTypeError), an interpolation may hold the key
    if (node.kind !== "dict") return undefined;
    const e = node.entries.get(canonicalKey(seg));
    if (e === undefined) return true;
    node = e.node;
  }
  return false;
}

/**
 * The plain keys `text` reads that `root` does not have, besides the one its failure `e` names
 * (a missing key, an unset variable: what stopped the resolution short of them): one problem each, worded and placed (at its `${key}`,
 * when `packed`, the value's origin, says where the value is written) as a resolution that
 * reaches them says it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml } from "../yaml/load.ts";
 * import { unreachedMissingKeys } from "./unreached_keys.ts";
 * const root = loadYaml("host: {data: '${oc.env:NOPE}'}\ntasks: 1\ne: '${x}'\n");
 * const found = unreachedMissingKeys("${host.data}/${task}/${e.y}", root,
 *   new Error("Environment variable 'NOPE' not found"), "p", undefined);
 * assert.deepEqual(found.map((p) => [p.message, p.suggestions]), [
 *   ["Interpolation key 'task' not found", ["tasks"]],
 * ]);
 * ```
 */
export function unreachedMissingKeys(
  text: string,
  root: Node,
  e: unknown,
  fullKey: string,
  origin: Origin | undefined,
  packed?: NodeOrigin,
): Problem[] {
  // a key in a scalar is said at this value already, and what follows from it shows once it is
  // fixed; a missing key is one of the value's keys: the others missing are said too (a block
  // scalar with two, one run each before: checker w53), as after an unset or denied variable, a
  // `???` or a resolver strata does not know
  const failure = String((e as Error)?.message);
  if (/Error trying to access|ConfigKeyError/.test(failure)) return [];
  const out: Problem[] = [];
  let paths: string[] | undefined;
  // absolute dotted keys only: a relative one or an index is read as a resolution reads it
  for (const key of interpolatedKeys(text).keys) {
    if (key.startsWith(".") || key.includes("[")) continue;
    if (failure.includes(`'${key}'`) || failure.includes(` ${key}:`)) continue;
    if (absent(root, key.split(".")) !== true) continue;
    const near = suggest(key, paths ??= keyPaths(root));
    // at its `${key}` in the value, as a resolution that reaches it places it
    const from = text.indexOf("${" + key + "}");
    const placed = from < 0 ? undefined : valuePosition(packed, text, from, from + key.length + 3);
    const at = placed?.origin ?? origin;
    out.push({
      severity: "error",
      code: ErrorCode.InterpolationKey,
      message: `Interpolation key '${key}' not found`,
      fullKey,
      ...(at ? { origin: at } : {}),
      ...(near.length > 0 ? { suggestions: near } : {}),
    });
  }
  return out;
}

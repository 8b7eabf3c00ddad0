/**
 * What a tree knows about keys it does not have: a composition can tell that
 * `${action_optimizer}` names a config group none of its defaults lists
 * chose (added with `+action_optimizer=cem`), which the resolution, that sees
 * only the tree, cannot. A hint is kept per root, as the use_cache results are
 * (./caches.ts), and said beside "Interpolation key '...' not found".
 *
 * @module
 */

import type { RelatedInit } from "../errors.ts";
import type { Node } from "../node.ts";

/** A note about an absolute key the tree does not have, or undefined. */
export type AbsentKeyHint = (key: string) => RelatedInit | undefined;

const hints = new WeakMap<Node, AbsentKeyHint>();

/**
 * Sets the hint of the tree `root`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict } from "../../engine.ts";
 * import { absentKeyHint, setAbsentKeyHint } from "./absent_key_hint.ts";
 * const root = dict();
 * setAbsentKeyHint(root, (key) => ({ message: `no ${key}`, origin: {} }));
 * assert.equal(absentKeyHint(root, "a")?.message, "no a");
 * ```
 */
export function setAbsentKeyHint(root: Node, hint: AbsentKeyHint): void {
  hints.set(root, hint);
}

/**
 * The note about the absent absolute key `key` of the tree `root`, if its maker gave one.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict } from "../../engine.ts";
 * import { absentKeyHint } from "./absent_key_hint.ts";
 * assert.equal(absentKeyHint(dict(), "a"), undefined);
 * ```
 */
export function absentKeyHint(root: Node, key: string): RelatedInit | undefined {
  return hints.get(root)?.(key);
}

/**
 * Gives the tree `to` (a wrapper built around `from` for one resolution) the hint of `from`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict } from "../../engine.ts";
 * import { absentKeyHint, setAbsentKeyHint, shareAbsentKeyHint } from "./absent_key_hint.ts";
 * const a = dict();
 * const b = dict();
 * setAbsentKeyHint(a, () => ({ message: "x", origin: {} }));
 * shareAbsentKeyHint(a, b);
 * assert.equal(absentKeyHint(b, "k")?.message, "x");
 * ```
 */
export function shareAbsentKeyHint(from: Node, to: Node): void {
  const hint = hints.get(from);
  if (hint) hints.set(to, hint);
}

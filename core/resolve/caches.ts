/**
 * What resolutions of one process keep: parsed interpolation texts by text,
 * and each tree's use_cache resolver results.
 *
 * @module
 */

import type { Node } from "../node.ts";
import { parseConfigValue } from "./grammar.ts";

const parseCache = new Map<string, ReturnType<typeof parseConfigValue>>();

/**
 * Parses a config value string, caching by text (configs repeat strings).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseCached } from "./caches.ts";
 * assert.equal(parseCached("${a}").parts.length, 1);
 * ```
 */
export function parseCached(text: string): ReturnType<typeof parseConfigValue> {
  let p = parseCache.get(text);
  if (!p) {
    p = parseConfigValue(text);
    if (parseCache.size > 50_000) parseCache.clear();
    parseCache.set(text, p);
  }
  return p;
}

const caches = new WeakMap<Node, Map<string, Node>>();

/**
 * The use_cache results (`register_new_resolver(..., use_cache=True)`) of the
 * tree `root`, by resolver name and argument texts: every resolution of the
 * tree sees them, so `${seed:}` gives one value however often it is read, as
 * OmegaConf's cache on the root config does.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict } from "../../engine.ts";
 * import { resolverCache } from "./caches.ts";
 * const root = dict();
 * assert.equal(resolverCache(root), resolverCache(root));
 * ```
 */
export function resolverCache(root: Node): Map<string, Node> {
  let cache = caches.get(root);
  if (!cache) caches.set(root, cache = new Map());
  return cache;
}

/**
 * Makes the tree `to` share the use_cache results of `from` (a wrapper built
 * around a config for one resolution, such as the job config with `hydra`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict } from "../../engine.ts";
 * import { resolverCache, shareResolverCache } from "./caches.ts";
 * const a = dict();
 * const b = dict();
 * shareResolverCache(a, b);
 * assert.equal(resolverCache(b), resolverCache(a));
 * ```
 */
export function shareResolverCache(from: Node, to: Node): void {
  caches.set(to, resolverCache(from));
}

/**
 * Gives the tree `to` a copy of the use_cache results of `from`, as
 * OmegaConf's deep copy of a root config copies its cache: `OmegaConf.merge`
 * (the copy of its first config's root) and `OmegaConf.create(cfg)` read the
 * values `cfg` cached, and each config caches apart afterwards.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict, int } from "../../engine.ts";
 * import { copyResolverCache, resolverCache } from "./caches.ts";
 * const a = dict();
 * resolverCache(a).set("seed", int(7));
 * const b = dict();
 * copyResolverCache(a, b);
 * assert.equal(resolverCache(b).get("seed"), resolverCache(a).get("seed"));
 * assert.notEqual(resolverCache(b), resolverCache(a));
 * ```
 */
export function copyResolverCache(from: Node, to: Node): void {
  const cache = caches.get(from);
  if (cache && cache.size > 0) caches.set(to, new Map(cache));
}

/**
 * Reading what an interpolation text refers to from its grammar, without
 * resolving anything: the resolvers it calls and the keys it reads, nested
 * ones and arguments included.
 *
 * @module
 */

import { type Element, type Interp, parseConfigValue, type Part } from "./grammar.ts";

/**
 * Calls `visit` with every interpolation in `parts`, outer before inner: those in a key
 * (`${a.${b}}`), in a resolver's name and in its arguments too.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseConfigValue } from "./grammar.ts";
 * import { eachInterpolation } from "./grammar_walk.ts";
 * const seen: string[] = [];
 * eachInterpolation(parseConfigValue("${a}/${f:${b}}").parts, (i) => seen.push(i.t));
 * assert.deepEqual(seen, ["node", "res", "node"]);
 * ```
 */
export function eachInterpolation(parts: readonly Part[], visit: (i: Interp) => void): void {
  // an explicit stack, in the recursion's order: a text nested thousands deep parses (the
  // resolution then says RecursionError), and a walk of it must not overflow V8's stack, whose
  // room per level differs from run to run (optimised code, the code cache)
  type Item = Part | Element;
  const stack: Item[] = [];
  const pushParts = (ps: readonly Part[]) => {
    for (let i = ps.length - 1; i >= 0; i--) stack.push(ps[i]);
  };
  pushParts(parts);
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item === "string") continue;
    if (item.t === "node" || item.t === "res") {
      visit(item);
      if (item.t === "node") pushParts(item.key);
      else {
        const els = item.args.flatMap((a) => a.el ? [a.el] : []);
        for (let i = els.length - 1; i >= 0; i--) stack.push(els[i]);
        pushParts(item.name);
      }
    } else if (item.t === "prim") {
      const toks = item.toks.filter((t) => "t" in t) as Part[];
      pushParts(toks);
    } else if (item.t === "quoted") pushParts(item.parts);
    else if (item.t === "list") {
      const els = item.items.flatMap((a) => a.el ? [a.el] : []);
      for (let i = els.length - 1; i >= 0; i--) stack.push(els[i]);
    } else {
      for (let i = item.pairs.length - 1; i >= 0; i--) stack.push(item.pairs[i].value);
    }
  }
}

/**
 * The keys `text` reads with node interpolations (`${a.b}`, `${.x}`, `${l[0]}`), as written,
 * each once; `computed` when a key is built by an interpolation (`${a.${b}}`), which only
 * resolving tells. None for a text that does not parse.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { interpolatedKeys } from "./grammar_walk.ts";
 * assert.deepEqual(interpolatedKeys("${a.b}/${now:%H}/${oc.env:X,${.c}}"), { keys: ["a.b", ".c"], computed: false });
 * assert.equal(interpolatedKeys("${a.${b}}").computed, true);
 * assert.deepEqual(interpolatedKeys("${oops"), { keys: [], computed: false });
 * ```
 */
export function interpolatedKeys(text: string): { keys: string[]; computed: boolean } {
  const keys = new Set<string>();
  let computed = false;
  let parts;
  try {
    parts = parseConfigValue(text).parts;
  } catch {
    return { keys: [], computed: false };
  }
  eachInterpolation(parts, (i) => {
    if (i.t !== "node") return;
    if (i.key.every((k) => typeof k === "string")) keys.add(i.key.join(""));
    else computed = true;
  });
  return { keys: [...keys], computed };
}

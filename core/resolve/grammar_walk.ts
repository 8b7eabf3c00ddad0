/**
 * Reading what an interpolation text refers to from its grammar, without
 * resolving anything: the resolvers it calls and the keys it reads, nested
 * ones and arguments included.
 *
 * @module
 */

import { type Arg, type Element, type Interp, parseConfigValue, type Part } from "./grammar.ts";

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
  for (const p of parts) {
    if (typeof p === "string") continue;
    visit(p);
    if (p.t === "node") {
      eachInterpolation(p.key, visit);
      continue;
    }
    eachInterpolation(p.name, visit);
    for (const a of p.args) if (a.el) inElement(a.el, visit);
  }
}

function inArgs(args: readonly Arg[], visit: (i: Interp) => void): void {
  for (const a of args) if (a.el) inElement(a.el, visit);
}

function inElement(el: Element, visit: (i: Interp) => void): void {
  if (el.t === "prim") {
    for (const t of el.toks) if ("t" in t) eachInterpolation([t], visit);
  } else if (el.t === "quoted") eachInterpolation(el.parts, visit);
  else if (el.t === "list") inArgs(el.items, visit);
  else for (const pair of el.pairs) inElement(pair.value, visit);
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

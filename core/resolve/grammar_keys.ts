/**
 * What is wrong with the key of a `${...}` (`${a..b}`, `${a.}`, `${}`), in
 * the words OmegaConf's ANTLR parser uses. Until a token rules it out, ANTLR
 * is choosing between a config key and a resolver's name (`${a.b` may go on
 * as `${a.b:x}`), and a token that fits neither is "no viable alternative at
 * input" (the text up to that token); after a leading dot, a bracket or a
 * key-only character, it is a key, and the key rule says what it expected.
 *
 * @module
 */

import type { Part } from "./grammar.ts";
import { wsAt } from "./grammar_tokens.ts";

// In an interpolation OmegaConf's lexer takes `a-b` for a key's text (INTER_KEY), not an ID:
// a resolver's name has no '-'
const NAME_ID = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * Whether key tokens could still begin a resolver's name: IDs (or
 * interpolations) between single dots.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mayBeResolverName } from "./grammar_keys.ts";
 * assert.equal(mayBeResolverName(["oc", ".", "env"]), true);
 * assert.equal(mayBeResolverName([".", "a"]), false);
 * assert.equal(mayBeResolverName(["a", "[", "0", "]"]), false);
 * assert.equal(mayBeResolverName(["a-b"]), false);
 * ```
 */
export function mayBeResolverName(parts: readonly Part[]): boolean {
  return parts.every((p, j) => j % 2 === 1 ? p === "." : typeof p !== "string" || NAME_ID.test(p));
}

/**
 * OmegaConf's message for `..` inside a key, or undefined: no viable
 * alternative up to the second dot while the key could still be a
 * resolver's name, else an extraneous '.'.
 */
function doubleDot(s: string, key: readonly Part[], start: number): string | undefined {
  for (let j = 1; j < key.length; j++) {
    if (key[j] !== "." || key[j - 1] !== "." || key.slice(0, j).every((q) => q === ".")) continue;
    return mayBeResolverName(key.slice(0, j - 1))
      ? `no viable alternative at input '${s.slice(start, tokenEnd(s, key, start, j))}'`
      : "extraneous input '.' expecting {INTER_OPEN, ID, INTER_KEY}";
  }
  return undefined;
}

/**
 * A `]` where no key or resolver's name can have one (`${]`, `${a.]}`): no
 * viable alternative up to it while the text could be either, right after
 * leading dots the key rule's extraneous `]`; undefined when there is none.
 */
function strayBracket(s: string, key: readonly Part[], start: number): string | undefined {
  for (let j = 0; j < key.length; j++) {
    const before = key.slice(0, j);
    if (key[j] !== "]") {
      if (!mayBeResolverName([...before, key[j]]) && !before.every((p) => p === ".")) return;
      continue;
    }
    if (j > 0 && before.every((p) => p === ".")) {
      return "extraneous input ']' expecting {INTER_OPEN, BRACKET_OPEN, ID, '.', INTER_KEY}";
    }
    if (mayBeResolverName(before)) {
      return `no viable alternative at input '${s.slice(start, tokenEnd(s, key, start, j))}'`;
    }
    return undefined;
  }
  return undefined;
}

/** The offset just after key token `j` of the `${...}` at `start`. */
function tokenEnd(s: string, key: readonly Part[], start: number, j: number): number {
  let at = start + 2 + wsAt(s, start + 2);
  for (let i = 0; i <= j; i++) {
    const p = key[i];
    at += typeof p === "string" ? p.length : p.text.length;
  }
  return at;
}

/** Whether a key token is one a key's name can be (an ID, a key character run, an interpolation). */
function isName(p: Part | undefined): boolean {
  return p !== undefined && (typeof p !== "string" || !/^[.[\]]$/.test(p));
}

/** After a `[` (a key for sure): OmegaConf's message for the token `q` that is not a name there. */
function afterBracket(q: Part | undefined, next: Part | undefined): string {
  const what = q === undefined ? "}" : q as string;
  // ANTLR deletes a single stray token when the one after it fits
  return `${isName(next) ? "extraneous" : "mismatched"} input '${what}' expecting ` +
    "{INTER_OPEN, ID, INTER_KEY}";
}

/**
 * Why the key tokens `key` of the `${...}` that spans `s[start, end)` are not
 * a config key (`DOT* (configKey | [configKey]) (DOT configKey | [configKey])*`),
 * or undefined when they are.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { keyError } from "./grammar_keys.ts";
 * assert.equal(keyError("${a.b}", ["a", ".", "b"], 0, 6), undefined);
 * assert.equal(keyError("${a..b}", ["a", ".", ".", "b"], 0, 7), "no viable alternative at input '${a..'");
 * assert.equal(keyError("${}", [], 0, 3), "no viable alternative at input '${}'");
 * // where it went wrong, when that is not the interpolation's start
 * const place = { at: 0 };
 * assert.equal(keyError("${k[a.b]}", ["k", "[", "a", ".", "b", "]"], 0, 9, place),
 *   "missing BRACKET_CLOSE at '.'");
 * assert.equal(place.at, 5);
 * ```
 */
export function keyError(
  s: string,
  key: readonly Part[],
  start: number,
  end: number,
  place?: { at: number },
): string | undefined {
  const bad = `no viable alternative at input '${s.slice(start, end)}'`;
  if (key.length === 0) return bad; // `${}`, `${ }`
  const stray = strayBracket(s, key, start);
  if (stray !== undefined) return stray;
  const dots = doubleDot(s, key, start);
  if (dots !== undefined) return dots;
  let k = 0;
  while (key[k] === ".") k++;
  let first = true;
  while (k < key.length) {
    const p = key[k];
    if (p === "[") {
      if (!isName(key[k + 1])) return afterBracket(key[k + 1], key[k + 2]);
      // ANTLR inserts the `]` before what may follow one: a DOT, a `[` or the `}`
      if (key[k + 2] !== "]") {
        const at = key[k + 2];
        // the caret under the token the `]` is missing before (checker v35), not the `$`
        if (place) place.at = at === undefined ? end - 1 : tokenEnd(s, key, start, k + 1);
        return `missing BRACKET_CLOSE at '${at === "." || at === "[" ? at : "}"}'`;
      }
      k += 3;
    } else if (p === ".") {
      if (first) return bad;
      const q = key[k + 1];
      if (q === undefined && !mayBeResolverName(key.slice(0, k))) {
        // `${a[0].}`, `${.a.}`: a key for sure, whose DOT wants a key after it
        if (place) place.at = end - 1;
        return "mismatched input '}' expecting {INTER_OPEN, ID, INTER_KEY}";
      }
      if (q === undefined || q === "." || q === "[" || q === "]") return bad;
      k += 2;
    } else if (p === "]" && mayBeResolverName(key.slice(0, k))) {
      // `${a]}`: no viable alternative up to the bracket
      return `no viable alternative at input '${s.slice(start, tokenEnd(s, key, start, k))}'`;
    } else if (p === "]" || !first) {
      if (mayBeResolverName(key.slice(0, k))) return bad;
      // a key for sure (`${.a]}`, `${a[0]b}`): after a name, a DOT, a `[` or the `}`;
      // ANTLR's sync in the key's loop calls any other token extraneous
      const what = typeof p === "string" ? p : p.text;
      return `extraneous input '${what}' expecting {BRACKET_OPEN, INTER_CLOSE, '.'}`;
    } else k++;
    first = false;
  }
  if (first) {
    // `${.}`, `${..}`: the caret under the `}` it names (checker x31)
    if (place) place.at = end - 1;
    return `extraneous input '}' expecting {INTER_OPEN, BRACKET_OPEN, ID, '.', INTER_KEY}`;
  }
  return undefined;
}

/**
 * Why `name`, the key tokens before a `:`, is not a resolver's name
 * (`(interpolation | ID) (DOT (interpolation | ID))*`), or undefined when it
 * is; `s.slice(start, colonEnd)` is the text up to the `:`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { resolverNameError } from "./grammar_keys.ts";
 * assert.equal(resolverNameError("${oc.env:x}", ["oc", ".", "env"], 0, 9), undefined);
 * assert.equal(resolverNameError("${a.:x}", ["a", "."], 0, 5), "no viable alternative at input '${a.:'");
 * assert.match(resolverNameError("${a-b:x}", ["a-b"], 0, 6)!, /^mismatched input ':'/);
 * ```
 */
export function resolverNameError(
  s: string,
  name: readonly Part[],
  start: number,
  colonEnd: number,
): string | undefined {
  if (name.length % 2 === 1 && mayBeResolverName(name)) return undefined;
  // `${:a}`, `${a.:x}`: ANTLR was still choosing between a key and a resolver name
  if (mayBeResolverName(name)) {
    return `no viable alternative at input '${s.slice(start, colonEnd)}'`;
  }
  // inside a bracket still open (`${a[0:1]}`, `${a[:c]}`): its key, or its `]`, was due
  const open = name.lastIndexOf("[");
  if (open > name.lastIndexOf("]")) {
    return open === name.length - 1
      ? "extraneous input ':' expecting {INTER_OPEN, ID, INTER_KEY}"
      : "mismatched input ':' expecting BRACKET_CLOSE";
  }
  // a key for sure: after its first name the ':' is mismatched, in the key's loop extraneous
  let k = 0;
  while (name[k] === ".") k++;
  const more = name.slice(k + 1).some((p) => p === "." || p === "[");
  return `${
    more ? "extraneous" : "mismatched"
  } input ':' expecting {BRACKET_OPEN, INTER_CLOSE, '.'}`;
}

/**
 * OmegaConf's message for a `${` whose key tokens `key` run to the end of
 * the text: no viable alternative while it could still be a key or a
 * resolver's name, else what the key rule expected at `<EOF>`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { eofError } from "./grammar_keys.ts";
 * assert.equal(eofError("${a.b", ["a", ".", "b"], 0), "no viable alternative at input '${a.b'");
 * assert.equal(eofError("${a[0", ["a", "[", "0"], 0), "mismatched input '<EOF>' expecting BRACKET_CLOSE");
 * ```
 */
export function eofError(s: string, key: readonly Part[], start: number): string {
  if (mayBeResolverName(key)) return `no viable alternative at input '${s.slice(start)}'`;
  const stray = strayBracket(s, key, start);
  if (stray !== undefined) return stray;
  let k = 0;
  while (key[k] === ".") k++;
  if (k === key.length) {
    return "extraneous input '<EOF>' expecting {INTER_OPEN, BRACKET_OPEN, ID, '.', INTER_KEY}";
  }
  const last = key[key.length - 1];
  if (last === "." || last === "[") {
    return "mismatched input '<EOF>' expecting {INTER_OPEN, ID, INTER_KEY}";
  }
  if (key[key.length - 2] === "[" && last !== "]") {
    return "mismatched input '<EOF>' expecting BRACKET_CLOSE";
  }
  // after a name: mismatched when it is the key's first, in the key's loop extraneous
  const more = key.slice(k + 1).some((p) => p === "." || p === "[");
  return `${more ? "extraneous" : "mismatched"} input '<EOF>' expecting ` +
    "{BRACKET_OPEN, INTER_CLOSE, '.'}";
}

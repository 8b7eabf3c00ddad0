/**
 * A hint for an override that fails to parse on an unquoted nested
 * interpolation (`+a=${f:${b},3}`): Hydra's lexer reads an unquoted
 * interpolation as `${` up to the first `}` (`INTERPOLATION: '${' ~('}')+ '}'`),
 * so the nested one ends it early; a quoted value is handed to OmegaConf whole.
 *
 * @module
 */

/** Characters that end an unquoted element of an override's value. */
const ENDS = new Set([",", "[", "]", "(", ")", "{", "}", "=", ":", " ", "\t"]);

/** The end (exclusive) of the balanced `${...}` starting at `at`, or -1 when it is not closed. */
function interpolationEnd(text: string, at: number): number {
  let depth = 0;
  for (let p = at; p < text.length; p++) {
    if (text[p] === "{") depth++;
    else if (text[p] === "}" && --depth === 0) return p + 1;
  }
  return -1;
}

/**
 * The override with each unquoted element that holds a nested interpolation
 * quoted (`+a='${f:${b},3}'`, `x=[1,'${f:${b}}']`), or `undefined` when it
 * holds none (or an element holds both kinds of quote).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { quotedNestedInterpolations } from "./quote_hint.ts";
 * assert.equal(quotedNestedInterpolations("+a=${f:${b},3}"), "+a='${f:${b},3}'");
 * assert.equal(quotedNestedInterpolations("x=[1,${f:${b}}]"), "x=[1,'${f:${b}}']");
 * assert.equal(quotedNestedInterpolations("x=${a}"), undefined);
 * ```
 */
export function quotedNestedInterpolations(text: string): string | undefined {
  const eq = text.indexOf("=");
  if (eq < 0) return undefined;
  let out = text.slice(0, eq + 1);
  let changed = false;
  let p = eq + 1;
  let elementStart = out.length; // where the current element begins in `out`
  while (p < text.length) {
    const c = text[p];
    if (c === "'" || c === '"') {
      const close = text.indexOf(c, p + 1);
      const q = close < 0 ? text.length : close + 1;
      out += text.slice(p, q);
      p = q;
    } else if (c === "\\") {
      out += text.slice(p, p + 2);
      p += 2;
    } else if (text.startsWith("${", p)) {
      const end = interpolationEnd(text, p);
      if (end < 0) return changed ? out + text.slice(p) : undefined;
      const inner = text.slice(p + 2, end);
      if (!inner.includes("${")) {
        out += text.slice(p, end);
        p = end;
        continue;
      }
      // the element around it: back to the previous delimiter, on to the next
      let stop = end;
      while (stop < text.length && !ENDS.has(text[stop])) {
        stop = text.startsWith("${", stop)
          ? Math.max(interpolationEnd(text, stop), stop + 1)
          : stop + 1;
      }
      const element = out.slice(elementStart) + text.slice(p, stop);
      const quote = !element.includes("'") ? "'" : !element.includes('"') ? '"' : undefined;
      if (quote === undefined) return undefined;
      out = out.slice(0, elementStart) + quote + element + quote;
      changed = true;
      p = stop;
    } else {
      out += c;
      p++;
      if (ENDS.has(c)) elementStart = out.length;
    }
  }
  return changed ? out : undefined;
}

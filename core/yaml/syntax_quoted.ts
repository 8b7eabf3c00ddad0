/**
 * PyYAML's words and places for a bad escape in a double-quoted scalar
 * (`"C:\\data"`, `"\\u12"`), for ./syntax_error.ts.
 *
 * @module
 */

import { place, type SyntaxReport } from "./syntax_lines.ts";

const HEX_DIGITS: Record<string, number> = { x: 2, u: 4, U: 8 };

/** Where PyYAML places the bad escape at `backslash`: at its letter, or after it (hex digits). */
function escapePlace(text: string, backslash: number): number {
  return HEX_DIGITS[text[backslash + 1]] === undefined ? backslash + 1 : backslash + 2;
}

/** The first character of the hex escape at `backslash` that is not a hex digit. */
function firstNonHex(text: string, backslash: number, n: number): number {
  let p = backslash + 2;
  while (p < backslash + 2 + n && /[0-9a-fA-F]/.test(text[p] ?? "")) p++;
  return p;
}

/**
 * PyYAML's words and place for the bad escape at `backslash` in a
 * double-quoted scalar; `added`: spaces full.ts added at line starts.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { badEscape } from "./syntax_quoted.ts";
 * const r = badEscape('a: "C:\\data"', 6);
 * assert.equal(r.offset, 7);
 * assert.match(r.message, /^while scanning a double-quoted scalar \(opened at 1:4\): found unknown escape character 'd'/);
 * ```
 */
export function badEscape(
  text: string,
  backslash: number,
  added?: Map<number, number>,
): SyntaxReport {
  const offset = escapePlace(text, backslash);
  let open = backslash - 1;
  // the opening quote: the nearest '"' before that no backslash escapes
  for (; open > 0; open--) {
    if (text[open] !== '"') continue;
    let slashes = 0;
    while (text[open - 1 - slashes] === "\\") slashes++;
    if (slashes % 2 === 0) break;
  }
  const head = `while scanning a double-quoted scalar (opened at ${place(text, open, added)}): `;
  const letter = text[backslash + 1];
  const n = HEX_DIGITS[letter];
  if (n !== undefined) {
    const bad = text[firstNonHex(text, backslash, n)];
    return {
      message: head + `expected escape sequence of ${n} hexadecimal numbers, but found ` +
        (bad === undefined ? "the end of the file" : `'${bad === "\n" ? "\\n" : bad}'`),
      offset,
    };
  }
  return {
    message: head + `found unknown escape character '${letter}' (in "...", a \\ starts an ` +
      `escape: write \\\\ for a backslash, or quote with '...')`,
    offset,
  };
}

/**
 * Where the quoted value that ends just before `offset` opened, when it spans lines (a quote left
 * open, closed by one on a later line); undefined otherwise.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { openingQuote } from "./syntax_quoted.ts";
 * const text = 'b: "x\ny" z';
 * assert.equal(openingQuote(text, text.indexOf("z")), 3);
 * ```
 */
export function openingQuote(text: string, offset: number): number | undefined {
  let end = offset - 1;
  while (end >= 0 && text[end] === " ") end--;
  const q = text[end];
  if (q !== '"' && q !== "'") return undefined;
  for (let i = end - 1; i >= 0; i--) {
    if (text[i] !== q) continue;
    // `\"` inside "...", `''` inside '...': no end
    if (q === '"' && text[i - 1] === "\\") continue;
    if (q === "'" && (text[i - 1] === "'" || text[i + 1] === "'")) {
      i--;
      continue;
    }
    return text.slice(i, end).includes("\n") ? i : undefined;
  }
  return undefined;
}

/**
 * Just after the quoted scalar on one line that starts at `offset` (`"..."` with its escapes,
 * `'...'` with `''`); undefined when there is none there, or it runs past its line.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { quotedEnd } from "./syntax_quoted.ts";
 * assert.equal(quotedEnd('a: "x\\"y" b', 3), 9);
 * assert.equal(quotedEnd("a: x", 3), undefined);
 * ```
 */
export function quotedEnd(text: string, offset: number): number | undefined {
  const q = text[offset];
  if (q !== '"' && q !== "'") return undefined;
  for (let i = offset + 1; i < text.length && text[i] !== "\n"; i++) {
    if (q === '"' && text[i] === "\\") {
      i++;
      continue;
    }
    if (text[i] !== q) continue;
    if (q === "'" && text[i + 1] === "'") {
      i++;
      continue;
    }
    return i + 1;
  }
  return undefined;
}

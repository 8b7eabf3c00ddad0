/**
 * PyYAML's scanner rules for the names of anchors, aliases and tags, which
 * are narrower than YAML 1.2's (npm:yaml reads `&a#c` as the anchor `a#c`):
 * an anchor or alias name is ASCII letters, digits, `-` and `_`; a tag is a
 * handle and URI characters, followed by a space. PyYAML refuses the rest
 * with a scanner error at the first character it does not take.
 *
 * @module
 */

import type { SyntaxReport } from "./syntax_error.ts";
import { walkTokens } from "./cst.ts";

/** A CST token as this check looks at it. */
const NAME = /[0-9A-Za-z_-]/;
/** What may follow an anchor or alias name in PyYAML (scan_anchor), past white space. */
const AFTER_NAME = "?:,]}%@`";
/** PyYAML's scan_tag_uri characters (`%` escapes taken as they come). */
const URI = /[0-9A-Za-z\-;/?:@&=+$,_.!~*'()[\]%]/;

/** PyYAML's %r of one character, as its messages show it. */
function repr(ch: string | undefined): string {
  if (ch === undefined) return "'\\x00'";
  return ch === "\n" ? "'\\n'" : ch === "\t" ? "'\\t'" : `'${ch}'`;
}

/** The error of an anchor (`&`) or alias (`*`) token's name, if PyYAML refuses it. */
function nameError(src: string, offset: number, text: string): SyntaxReport | undefined {
  let i = 1;
  while (i < src.length && NAME.test(src[i])) i++;
  const ch = [...text.slice(offset + i, offset + i + 2)][0];
  // a character PyYAML ends the name at starts its next token: not this check's
  if (i > 1 && (i === src.length || AFTER_NAME.includes(src[i]))) return undefined;
  const what = src[0] === "&" ? "an anchor" : "an alias";
  return {
    message: `while scanning ${what}: expected alphabetic or numeric character, but found ${
      repr(ch)
    }`,
    offset: offset + i,
  };
}

/** The error of a tag token (`!x`, `!!x`, `!h!x`, `!<uri>`), if PyYAML refuses it. */
function tagError(src: string, offset: number): SyntaxReport | undefined {
  if (src.length === 1) return undefined; // `!` alone, the non-specific tag
  const at = (i: number, message: string): SyntaxReport => ({
    message: `${message}, but found ${repr(src[i])}`,
    offset: offset + i,
  });
  let i = 1;
  if (src[1] === "<") {
    for (i = 2; i < src.length && URI.test(src[i]); i++);
    if (i === 2) return at(i, "while parsing a tag: expected URI");
    if (src[i] !== ">") return at(i, "while parsing a tag: expected '>'");
    i++;
  } else {
    if (src.indexOf("!", 1) !== -1) {
      // a handle (`!!`, `!h!`): letters, digits, `-` and `_` up to its `!`
      while (i < src.length && NAME.test(src[i])) i++;
      if (src[i] !== "!") return at(i, "while scanning a tag: expected '!'");
      i++;
    }
    const start = i;
    while (i < src.length && URI.test(src[i])) i++;
    if (i === start) return at(i, "while parsing a tag: expected URI");
  }
  return i < src.length ? at(i, "while scanning a tag: expected ' '") : undefined;
}

/**
 * The first anchor, alias or tag in npm:yaml's CST `tokens` of `text` whose
 * name PyYAML's scanner refuses (`&a#c`, `*a.b`, `!!str#c`), as a syntax
 * report at the refused character; undefined when there is none.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Parser } from "npm:yaml@2.9.1";
 * import { badPropName } from "./prop_names.ts";
 * const text = "x: &a#c 1\n";
 * const r = badPropName(text, [...new Parser().parse(text)]);
 * assert.equal(r?.offset, 5);
 * assert.match(r?.message ?? "", /but found '#'/);
 * assert.equal(badPropName("x: &a 1\n", [...new Parser().parse("x: &a 1\n")]), undefined);
 * ```
 */
export function badPropName(text: string, tokens: readonly unknown[]): SyntaxReport | undefined {
  let first: SyntaxReport | undefined;
  walkTokens(tokens, ({ type, source, offset }) => {
    if (typeof source !== "string" || offset === undefined) return;
    const r = type === "anchor" || type === "alias"
      ? nameError(source, offset, text)
      : type === "tag"
      ? tagError(source, offset)
      : undefined;
    if (r && (first === undefined || r.offset < first.offset)) first = r;
  });
  return first;
}

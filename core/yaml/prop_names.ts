/**
 * PyYAML's scanner rules for the names of anchors, aliases and tags, which
 * differ from YAML 1.2's as npm:yaml reads them:
 * - an anchor or alias name is ASCII letters, digits, `-` and `_` (npm:yaml
 *   reads `&a#c` as the anchor `a#c`). PyYAML refuses a name running into
 *   anything but white space or ``?:,]}%@` ``, where the name ends and the next
 *   token starts: `x: &a:b 1` is the anchor `a` on the plain scalar `:b 1`,
 *   `x: &a% 1` fails at the `%`; `y: *a:b` is the alias `a` followed by the
 *   plain scalar `:b` (npm:yaml reads the alias `a:b`), `*a: 1` the alias
 *   `a` as a key;
 * - a tag is a handle and URI characters, followed by a space. URI
 *   characters include `,`, `[` and `]`, so in a flow collection `[!!str, 1]`
 *   is the tag `!!str,` (npm:yaml ends a tag at a flow indicator).
 *
 * This module finds the names PyYAML refuses (a syntax report at the refused
 * character) and, where PyYAML splits the tokens otherwise, rewrites the text
 * for npm:yaml, keeping every character's offset.
 *
 * @module
 */

import type { SyntaxReport } from "./syntax_error.ts";
import { walkTokens } from "./cst.ts";

/** An anchor or alias name character. */
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

/** Whether `ch` ends a token as white space (or the end of the text) does. */
const blank = (ch: string | undefined) => ch === undefined || " \t\n".includes(ch);

/** What PyYAML reads differently in a text's anchors, aliases and tags. */
export interface PropsScan {
  /**
   * The first anchor, alias or tag name PyYAML refuses; `from`: where the
   * token it is about starts when npm:yaml's errors from there on come of
   * npm:yaml's other reading of it (`*a:b: 1`).
   */
  error?: SyntaxReport & { from?: number };
  /** The text to give npm:yaml (same length, same lines); undefined when unchanged. */
  text?: string;
  /**
   * Anchors PyYAML ends before a plain scalar (`x: &a:b 1`), blanked in
   * `text`: the name, the offset of the `&` and of the scalar.
   */
  anchors: { name: string; amp: number; at: number }[];
  /**
   * Aliases PyYAML ends before a `:` that npm:yaml is given as quoted
   * scalars of their length in `text` (`*a: 1`): the name, the offset of the `*`.
   */
  aliases: { name: string; at: number }[];
  /** Tags PyYAML reads longer in a flow collection: the `!`'s offset → the characters it adds. */
  tags: Map<number, string>;
  /** Every anchor's name and the offset of its `&` (an alias refers to one before it). */
  defined: [string, number][];
}

/** The pieces of a scan while it runs. */
interface Scan extends PropsScan {
  edits: [number, string][];
  /** Aliases PyYAML ends before a `:` or `?` (or a `,` in block context): the offset of the `*`, of its end, the flow bracket. */
  cut: { amp: number; end: number; flow: string | undefined }[];
}

function report(scan: Scan, message: string, offset: number, from?: number): void {
  if (scan.error === undefined || offset < scan.error.offset) {
    scan.error = from === undefined ? { message, offset } : { message, offset, from };
  }
}

/** Whether only spaces and `- ` / `? ` indicators precede `offset` on its line (a block key starts there). */
function atKeyStart(text: string, offset: number): boolean {
  const line = text.slice(text.lastIndexOf("\n", offset - 1) + 1, offset);
  return /^ *(?:[-?] +)*$/.test(line);
}

/** An anchor (`&`) or alias (`*`) at `offset`, its name read by PyYAML's rules. */
function scanName(scan: Scan, text: string, offset: number, flow: string | undefined): void {
  let p = offset + 1;
  while (p < text.length && NAME.test(text[p])) p++;
  const ch = text[p];
  const anchor = text[offset] === "&";
  if (anchor && p > offset + 1) scan.defined.push([text.slice(offset + 1, p), offset]);
  if (p > offset + 1 && blank(ch)) return;
  if (p === offset + 1 || !AFTER_NAME.includes(ch)) {
    const what = anchor ? "an anchor" : "an alias";
    const found = repr([...text.slice(p, p + 2)][0]);
    report(
      scan,
      `while scanning ${what}: expected alphabetic or numeric character, but found ${found}`,
      p,
    );
    return;
  }
  // the name ends here and PyYAML reads the next token from this character
  if ("%@`".includes(ch)) {
    report(
      scan,
      `while scanning for the next token: found character '${ch}' that cannot start any token`,
      p,
    );
    return;
  }
  const comma = ch === "," && flow === undefined;
  if (comma && anchor) {
    // `x: &a,b`: PyYAML reads a ',' as a flow entry in any context, so the
    // anchor is on an empty node and the ',' ends the block (npm:yaml wants a space)
    return report(scan, commaAfterNode(text, offset), p);
  }
  if (ch !== ":" && ch !== "?" && !comma) return; // `,]}`: npm:yaml ends the name there too
  if (!anchor) {
    // what follows depends on whether an anchor of the name comes before (aliasCut)
    scan.cut.push({ amp: offset, end: p, flow });
    return;
  }
  const close = flow === "{" ? "}" : "]";
  const name = text.slice(offset + 1, p);
  if (flow !== undefined && ch === "?") {
    const what = flow === "{" ? "flow mapping" : "flow sequence";
    report(scan, `while parsing a ${what}: expected ',' or '${close}', but got '?'`, p);
  } else if (flow === undefined && !blank(text[p + 1])) {
    // `&a:b 1`: the plain scalar `:b 1`, which npm:yaml reads once the anchor is blanked
    scan.edits.push([offset, " ".repeat(p - offset)]);
    scan.anchors.push({ name, amp: offset, at: p });
  } else if (flow === undefined && ch === "?") {
    report(scan, "mapping keys are not allowed here", p);
  } else if (flow === undefined && !atKeyStart(text, offset)) {
    report(scan, "mapping values are not allowed here", p);
  } else {
    // `&a: 1`, `[&a:b]`: an empty key with its anchor, then the value indicator
    // (npm:yaml reads `:b` in a flow collection as a scalar, so a space follows)
    scan.edits.push([offset, ":" + " ".repeat(p - offset)]);
  }
}

/**
 * PyYAML's error for a `,` after the complete node at `offset` in block
 * context: the parser wants the block's end, or at the document's root (only
 * props, comments and directives before it) the next document.
 */
function commaAfterNode(text: string, offset: number): string {
  return /^(?:\s|#[^\n]*|%[^\n]*|---|[!&]\S*)*$/.test(text.slice(0, offset))
    ? "expected '<document start>', but found ','"
    : "expected <block end>, but found ','";
}

/**
 * An alias PyYAML ends before a `:` or `?`, or a `,` in block context (npm:yaml reads `*a:b` as the
 * alias `a:b`): PyYAML's composer takes the alias `a` (refused when no anchor
 * `a` comes before it), then the parser meets what the `:` or `?` starts.
 */
function aliasCut(scan: Scan, text: string, cut: Scan["cut"][number]): void {
  const { amp, end, flow } = cut;
  const name = text.slice(amp + 1, end);
  const ch = text[end];
  const value = blank(text[end + 1]);
  // `*a? 1` where a key may start: the scanner refuses the `?` before the
  // parser hands the alias to the composer
  if (flow === undefined && ch === "?" && value && atKeyStart(text, amp)) {
    return report(scan, "mapping keys are not allowed here", end, amp);
  }
  if (!scan.defined.some(([n, at]) => n === name && at < amp)) {
    return report(scan, `found undefined alias '${name}'`, amp, amp);
  }
  if (ch === ",") return report(scan, commaAfterNode(text, amp), end, amp);
  if (flow !== undefined && ch === ":" || value && ch === ":" && atKeyStart(text, amp)) {
    // `*a: 1`, `[*a:b]`: the alias as a key. npm:yaml reads it so once it is
    // a quoted scalar of its length (`"":b` is a key and its value in a flow
    // collection), which full.ts turns back into the alias
    scan.edits.push([amp, `"${"x".repeat(end - amp - 2)}"`]);
    scan.aliases.push({ name, at: amp });
    return;
  }
  if (flow !== undefined) {
    // `[*a?b]`
    if (ch === "?") {
      const what = flow === "{" ? "flow mapping" : "flow sequence";
      report(
        scan,
        `while parsing a ${what}: expected ',' or '${flow === "{" ? "}" : "]"}', but got '?'`,
        end,
        amp,
      );
    }
    return;
  }
  if (!value) {
    // `y: *a:b`: the plain scalar `:b` after a complete node
    return report(scan, "expected <block end>, but found '<scalar>'", end, amp);
  }
  report(scan, `mapping ${ch === "?" ? "keys" : "values"} are not allowed here`, end, amp);
}

/** A tag at `offset` (`!x`, `!!x`, `!h!x`, `!<uri>`), read by PyYAML's rules; `end`: npm:yaml's end. */
function scanTag(scan: Scan, text: string, offset: number, end: number): void {
  if (blank(text[offset + 1])) return; // `!` alone, the non-specific tag
  const fail = (i: number, message: string) =>
    report(scan, `${message}, but found ${repr(text[i])}`, i);
  let i = offset + 1;
  if (text[i] === "<") {
    for (i++; i < text.length && URI.test(text[i]); i++);
    if (i === offset + 2) return fail(i, "while parsing a tag: expected URI");
    if (text[i] !== ">") return fail(i, "while parsing a tag: expected '>'");
    i++;
    if (!blank(text[i])) fail(i, "while scanning a tag: expected ' '");
    return;
  }
  let space = i;
  while (!blank(text[space])) space++;
  if (text.slice(offset + 1, space).includes("!")) {
    // a handle (`!!`, `!h!`): letters, digits, `-` and `_` up to its `!`
    while (i < text.length && NAME.test(text[i])) i++;
    if (text[i] !== "!") return fail(i, "while scanning a tag: expected '!'");
    i++;
  }
  const start = i;
  while (i < text.length && URI.test(text[i])) i++;
  if (i === start) return fail(i, "while parsing a tag: expected URI");
  if (!blank(text[i])) return fail(i, "while scanning a tag: expected ' '");
  if (i > end) {
    // `[!!str, 1]`: the tag `!!str,`; npm:yaml reads the tag it ends at `,`
    // and the rest as PyYAML does once the characters the tag takes are blanked
    scan.tags.set(offset, text.slice(end, i));
    scan.edits.push([end, " ".repeat(i - end)]);
  }
}

/**
 * PyYAML's reading of the anchors, aliases and tags in npm:yaml's CST
 * `tokens` of `text`: the first name PyYAML refuses (`&a#c`, `*a.b`,
 * `!!str#c`, `&a%`) as a syntax report at the refused character, and the
 * text rewritten where PyYAML splits the tokens otherwise (`&a:b 1`,
 * `[!!str, 1]`); `before`: the scan that rewrote `text`, to go on from.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Parser } from "npm:yaml@2.9.1";
 * import { scanProps } from "./prop_names.ts";
 * const text = "x: &a#c 1\n";
 * const r = scanProps(text, [...new Parser().parse(text)]);
 * assert.equal(r.error?.offset, 5);
 * assert.match(r.error?.message ?? "", /but found '#'/);
 * const split = scanProps("x: &a:b 1\n", [...new Parser().parse("x: &a:b 1\n")]);
 * assert.equal(split.text, "x:   :b 1\n");
 * assert.deepEqual(split.anchors, [{ name: "a", amp: 3, at: 5 }]);
 * ```
 */
export function scanProps(
  text: string,
  tokens: readonly unknown[],
  before?: PropsScan,
): PropsScan {
  // a scan of a text a scan rewrote goes on from what that one found (the
  // anchors it blanked are still defined)
  const scan: Scan = {
    error: before?.error,
    anchors: [...before?.anchors ?? []],
    aliases: [...before?.aliases ?? []],
    tags: new Map(before?.tags),
    edits: [],
    defined: [...before?.defined ?? []],
    cut: [],
  };
  walkTokens(tokens, ({ type, source, offset }, flow) => {
    if (typeof source !== "string" || offset === undefined) return;
    if (type === "anchor" || type === "alias") scanName(scan, text, offset, flow);
    else if (type === "tag") scanTag(scan, text, offset, offset + source.length);
  });
  for (const cut of scan.cut) aliasCut(scan, text, cut);
  const { edits, cut: _, ...out } = scan;
  if (edits.length === 0) return out;
  const parts: string[] = [];
  let done = 0;
  for (const [at, chars] of edits.sort((a, b) => a[0] - b[0])) {
    parts.push(text.slice(done, at), chars);
    done = at + chars.length;
  }
  parts.push(text.slice(done));
  return { ...out, text: parts.join("") };
}

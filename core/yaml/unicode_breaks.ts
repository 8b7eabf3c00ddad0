/**
 * U+2028 (LINE SEPARATOR) and U+2029 (PARAGRAPH SEPARATOR) as PyYAML reads
 * them. PyYAML follows YAML 1.1, where both are line breaks everywhere: they
 * end a comment, a plain scalar's line, a key's line; but where a scalar
 * folds its lines, such a break is kept as itself (YAML 1.1's "specific"
 * breaks), where a `\n` becomes a space. npm:yaml follows YAML 1.2, where
 * they are ordinary characters. The full reader (./full.ts) gives npm:yaml
 * the text with each of them as `\n` (one character for one: offsets stay,
 * and lines count as PyYAML's marks count them), then reads again, from the
 * text as written, the scalars that span one of them.
 *
 * (NEL, U+0085, is a line break in YAML 1.1 too, but PyYAML folds it as a
 * `\n`: ./load.ts reads it as `\n` before either reader.)
 *
 * The same scan reads a double-quoted scalar with empty lines after an
 * escaped line break, which npm:yaml folds into a space.
 *
 * @module
 */

import { DQ_ESCAPES } from "./fast_quoted.ts";

/** The two breaks YAML 1.1 keeps as themselves when it folds a scalar. */
const SPECIAL = /[\u2028\u2029]/;

/** Whether `c` is a line break as PyYAML scans a scalar (CR and NEL already read as LF). */
function isBreak(c: string | undefined): boolean {
  return c === "\n" || c === "\u2028" || c === "\u2029";
}

/** A text's U+2028/U+2029 as `\n`, and which lines (0-based) they ended. */
export interface UnicodeBreaks {
  /** The text with each U+2028/U+2029 as `\n`. */
  text: string;
  /** The line (0-based, counting them as breaks) each one ends, and which it was. */
  breaks: ReadonlyMap<number, string>;
}

/**
 * The text with its U+2028/U+2029 read as `\n`, or undefined when it has none.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { replaceUnicodeBreaks } from "./unicode_breaks.ts";
 * const r = replaceUnicodeBreaks("# c\u2028a: 1\n")!;
 * assert.equal(r.text, "# c\na: 1\n");
 * assert.equal(r.breaks.get(0), "\u2028");
 * ```
 */
export function replaceUnicodeBreaks(text: string): UnicodeBreaks | undefined {
  if (!SPECIAL.test(text)) return undefined;
  const breaks = new Map<number, string>();
  let line = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\u2028" || c === "\u2029") breaks.set(line, c);
    if (isBreak(c)) line++;
  }
  return { text: text.replace(/[\u2028\u2029]/g, "\n"), breaks };
}

/**
 * `slice` (of the text {@link replaceUnicodeBreaks} gave, starting on line
 * `firstLine`, 0-based) with its U+2028/U+2029 back in place of `\n`.
 */
export function restoreBreaks(
  slice: string,
  firstLine: number,
  breaks: ReadonlyMap<number, string>,
): string {
  let line = firstLine;
  let out = "";
  let from = 0;
  for (let i = slice.indexOf("\n"); i >= 0; i = slice.indexOf("\n", i + 1), line++) {
    const b = breaks.get(line);
    if (b === undefined) continue;
    out += slice.slice(from, i) + b;
    from = i + 1;
  }
  return out + slice.slice(from);
}

/** How a flow scalar's text is written. */
export type FlowStyle = "plain" | "single" | "double";

/**
 * A plain or quoted scalar's value as PyYAML scans it, from its text as
 * written (quotes included): spaces and tabs around a line break go; the
 * first break of a run becomes a space when it is a `\n` and nothing follows
 * it but the next line, goes when empty lines follow, and stays when it is a
 * U+2028/U+2029; the breaks of the empty lines stay as they are. In double
 * quotes an escaped break goes with the spaces after it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { flowScalarValue } from "./unicode_breaks.ts";
 * assert.equal(flowScalarValue('"x \u2028  y"', "double"), "x\u2028y");
 * assert.equal(flowScalarValue("x\n  y", "plain"), "x y");
 * ```
 */
export function flowScalarValue(written: string, style: FlowStyle): string {
  const s = style === "plain" ? written : written.slice(1, -1);
  let out = "";
  let i = 0;
  /** The breaks of the empty lines from `i`, with the spaces and tabs that start lines. */
  const emptyLines = (): string => {
    let breaks = "";
    for (;;) {
      while (s[i] === " " || s[i] === "\t") i++;
      if (!isBreak(s[i])) return breaks;
      breaks += s[i++];
    }
  };
  while (i < s.length) {
    const c = s[i];
    if (c === " " || c === "\t" || isBreak(c)) {
      let j = i;
      while (s[j] === " " || s[j] === "\t") j++;
      if (!isBreak(s[j])) {
        out += s.slice(i, j);
        i = j;
        continue;
      }
      const first = s[j];
      i = j + 1;
      const breaks = emptyLines();
      out += (first !== "\n" ? first : breaks === "" ? " " : "") + breaks;
    } else if (style === "single" && c === "'" && s[i + 1] === "'") {
      out += "'";
      i += 2;
    } else if (style === "double" && c === "\\") {
      const e = s[i + 1];
      if (isBreak(e)) {
        i += 2;
        out += emptyLines();
        continue;
      }
      const hex = e === "x" ? 2 : e === "u" ? 4 : e === "U" ? 8 : 0;
      if (hex > 0) {
        out += String.fromCodePoint(parseInt(s.slice(i + 2, i + 2 + hex), 16));
        i += 2 + hex;
      } else {
        // npm:yaml has read the scalar already: an unknown escape was an error there
        out += DQ_ESCAPES[e] ?? e;
        i += 2;
      }
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/**
 * A block scalar's value as PyYAML scans it, from its text as written (from
 * its `|` or `>` on), with its content indented `indent` spaces: a literal
 * keeps every break as written; a folded one folds a `\n` between two lines
 * that start with no space into a space (or into nothing before empty lines),
 * but keeps a U+2028/U+2029. The last break and the empty lines after it
 * follow the chomping indicator (`-` none, `+` all, else the break).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { blockScalarValue } from "./unicode_breaks.ts";
 * assert.equal(blockScalarValue(">\n  a\n  b\u2028  c\n", 2), "a b\u2028c\n");
 * ```
 */
export function blockScalarValue(written: string, indent: number): string {
  const header = /^[|>][^\n\u2028\u2029]*/.exec(written)![0];
  const folded = header[0] === ">";
  const chomp = header.includes("-") ? "strip" : header.includes("+") ? "keep" : "clip";
  const s = written;
  let i = header.length + 1;
  let col = 0;
  /** The breaks of empty lines from `i`, skipping up to `indent` spaces that start lines. */
  const emptyLines = (): string => {
    let breaks = "";
    for (;;) {
      col = 0;
      while (col < indent && s[i] === " ") i++, col++;
      if (!isBreak(s[i])) return breaks;
      breaks += s[i++];
    }
  };
  const out: string[] = [];
  let lineBreak = "";
  let breaks = emptyLines();
  while (col === indent && i < s.length) {
    out.push(breaks);
    const leadingNonSpace = s[i] !== " " && s[i] !== "\t";
    const start = i;
    while (i < s.length && !isBreak(s[i])) i++;
    out.push(s.slice(start, i));
    lineBreak = i < s.length ? s[i++] : "";
    breaks = emptyLines();
    if (col !== indent || i >= s.length) break;
    const folds = folded && lineBreak === "\n" && leadingNonSpace && s[i] !== " " &&
      s[i] !== "\t";
    if (!folds) out.push(lineBreak);
    else if (breaks === "") out.push(" ");
  }
  if (chomp !== "strip") out.push(lineBreak);
  if (chomp === "keep") out.push(breaks);
  return out.join("");
}

/**
 * The content indent of a block scalar whose value npm:yaml read as `value`
 * from `written` (its text from the `|` or `>` on, every break a `\n`): the
 * spaces its first content line starts with in the text, less those its
 * value keeps. Undefined for a block scalar with no content line.
 */
export function blockIndent(written: string, value: string): number | undefined {
  const leadingBreaks = /^\n*/.exec(value)![0].length;
  if (leadingBreaks === value.length) return undefined;
  const kept = /^ */.exec(value.slice(leadingBreaks))![0].length;
  const lines = written.split(/[\n\u2028\u2029]/);
  const first = lines[1 + leadingBreaks] ?? "";
  return /^ */.exec(first)![0].length - kept;
}

/**
 * The value of a scalar npm:yaml read as `value` (of type `type`: `PLAIN`,
 * `QUOTE_SINGLE`, ...) from `slice`, a slice of the text
 * {@link replaceUnicodeBreaks} gave starting on line `firstLine` (`breaks`
 * undefined: a text without them): as PyYAML reads it from the text as
 * written, or undefined when the scalar spans none of those breaks and is
 * no double-quoted scalar with empty lines after an escaped line break
 * (npm:yaml's value stands).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { replaceUnicodeBreaks, scalarWithBreaks } from "./unicode_breaks.ts";
 * const { text, breaks } = replaceUnicodeBreaks("a: 'x\u2028 y'\n")!;
 * assert.equal(scalarWithBreaks("QUOTE_SINGLE", text.slice(3, 9), 0, breaks, "x y"), "x\u2028y");
 * assert.equal(scalarWithBreaks("PLAIN", "a", 0, breaks, "a"), undefined);
 * ```
 */
export function scalarWithBreaks(
  type: string | undefined,
  slice: string,
  firstLine: number,
  breaks: ReadonlyMap<number, string> | undefined,
  value: string,
): string | undefined {
  const written = breaks === undefined ? slice : restoreBreaks(slice, firstLine, breaks);
  // npm:yaml folds the empty lines after an escaped line break into a space
  // (`"x\<LF><LF>y"`); PyYAML keeps them as breaks (`x<LF>y`), as YAML 1.2 does
  const escapedBreak = type === "QUOTE_DOUBLE" && /\\\n[ \t]*\n/.test(slice);
  if (written === slice && !escapedBreak) return undefined;
  switch (type) {
    case "BLOCK_LITERAL":
    case "BLOCK_FOLDED":
      return blockScalarValue(written, blockIndent(slice, value) ?? Number.MAX_SAFE_INTEGER);
    case "QUOTE_SINGLE":
      return flowScalarValue(written, "single");
    case "QUOTE_DOUBLE":
      return flowScalarValue(written, "double");
    default:
      return flowScalarValue(written, "plain");
  }
}

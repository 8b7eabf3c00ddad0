/**
 * PyYAML reads a quoted scalar's continuation lines at any indent (its
 * scanner does not look at indentation inside `"..."` or `'...'`), so
 *
 * ```yaml
 * a: "hello
 * world"
 * ```
 *
 * is `{a: hello world}`. npm:yaml (YAML 1.2) wants them indented past the
 * parent and cuts the scalar short at the first line that is not. The full
 * reader (./full.ts) then gives npm:yaml a copy of the text with those lines
 * indented: the leading white space of a continuation line is not part of
 * the value, so the value is the same, and the columns of what follows a
 * closing quote are moved back by what was added. What PyYAML refuses there,
 * a document separator at the start of a line or the end of the text, is
 * reported with PyYAML's message, at its place.
 *
 * @module
 */

import { Lexer } from "npm:yaml@2.9.1";

const SP = 32, NL = 10, CR = 13, BS = 92, SQ = 39, DQ = 34;

/** PyYAML's scanner error inside a quoted scalar. */
export interface QuotedError {
  /** What PyYAML found (`unexpected end of stream`), after its "while scanning a quoted scalar". */
  message: string;
  /** Where PyYAML reports it (an offset in the text given). */
  offset: number;
  /** Where the quoted scalar starts: an npm:yaml error before it comes first. */
  scalarStart: number;
}

/** The text to give npm:yaml, and what was added to it. */
export interface Reindented {
  /** The text with the continuation lines of quoted scalars indented. */
  text: string;
  /** Spaces added at the start of a line (0-based line index → count). */
  added: Map<number, number>;
  /** The first quoted scalar PyYAML refuses, if any (the text is left as is from there). */
  error?: QuotedError;
}

/**
 * The quoted scalar at `p` as PyYAML scans it: the starts of its
 * continuation lines and its closing quote, or an error.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { scanQuoted } from "./quoted_indent.ts";
 * assert.deepEqual(scanQuoted('a: "x\ny"', 3), { lines: [6], close: 7 });
 * ```
 */
export function scanQuoted(
  text: string,
  p: number,
): { lines: number[]; close: number } | QuotedError {
  const quote = text.charCodeAt(p);
  const lines: number[] = [];
  const fail = (message: string, offset: number): QuotedError => ({
    message,
    offset,
    scalarStart: p,
  });
  for (let i = p + 1;;) {
    if (i >= text.length) return fail("unexpected end of stream", text.length);
    const c = text.charCodeAt(i);
    let brk = false;
    if (c === quote) {
      if (quote === SQ && text.charCodeAt(i + 1) === SQ) i += 2;
      else return { lines, close: i };
    } else if (c === BS && quote === DQ) {
      const n = text.charCodeAt(i + 1);
      if (n === NL) i++;
      else if (n === CR && text.charCodeAt(i + 2) === NL) i += 2;
      else i++;
      brk = text.charCodeAt(i) === NL;
      if (!brk) i++;
    } else if (c === NL) brk = true;
    else i++;
    if (!brk) continue;
    // a line break (escaped or not): on to the next line's start
    i++;
    const sep = text.startsWith("---", i) || text.startsWith("...", i);
    if (sep && (i + 3 >= text.length || " \t\r\n".includes(text[i + 3]))) {
      return fail("unexpected document separator", i);
    }
    lines.push(i);
  }
}

/** The fields of npm:yaml's Lexer this module reads and restores (npm:yaml@2.9.1). */
interface LexerState {
  /** The state it stopped in, waiting for more text (`quoted-scalar`: at an open quote). */
  next: string | null;
}

/** The lexemes npm:yaml's lexer adds that are not in the text (document, flow end, scalar). */
const MARKS = new Set(["\x02", "\x18", "\x1f"]);

/**
 * Indents, in a copy of `text`, the continuation lines of the quoted scalars
 * npm:yaml cuts short; `undefined` when it cuts none short and PyYAML
 * refuses none.
 *
 * One pass: npm:yaml's lexer is fed the text a few lines at a time (it reads
 * a piece as it would the whole text: it is made for streams). When it stops
 * at an open quote, the scalar's lines up to PyYAML's closing quote are fed;
 * if the lexer cuts the scalar short there, it is put back as it was before
 * them and given the lines indented instead. What it read before a scalar
 * depends only on the text before it, so this indents the same lines as
 * reading the whole text again after each indented scalar, without doing so.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { reindentQuoted } from "./quoted_indent.ts";
 * const r = reindentQuoted('a: "hello\nworld"\n');
 * assert.equal(r?.text, 'a: "hello\n    world"\n');
 * assert.deepEqual([...r!.added], [[1, 4]]);
 * assert.equal(reindentQuoted('a: "x\n---\n"\n')?.error?.offset, 6);
 * assert.equal(reindentQuoted('a: "x\n  y"\n'), undefined);
 * ```
 */
export function reindentQuoted(src: string): Reindented | undefined {
  const added = new Map<number, number>();
  const lexer = new Lexer();
  const state = lexer as unknown as LexerState;
  // the text given to the lexer, indented: src up to `fed`, `shift` spaces longer
  const out: string[] = [];
  let fed = 0, shift = 0;
  let at = 0; // the offset, in the indented text, of the lexer's next lexeme
  // a line count moving forward only: line indices of offsets asked in order
  let lineAt = 0, lineNo = 0;
  const lineOf = (offset: number): number => {
    for (let i = src.indexOf("\n", lineAt); i !== -1 && i < offset; i = src.indexOf("\n", i + 1)) {
      lineNo++;
      lineAt = i + 1;
    }
    return lineNo;
  };
  const lastLine: number[] = [];
  /** Gives the lexer `chunk`, src up to `end` indented; the first lexeme's length. */
  const feed = (chunk: string, end: number): number => {
    let first = -1;
    let scalar = false;
    for (const lexeme of lexer.lex(chunk, end < src.length)) {
      if (MARKS.has(lexeme)) {
        scalar = lexeme === "\x1f"; // none of the text: the next lexeme is a plain or block scalar
        continue;
      }
      if (first === -1) first = lexeme.length;
      const c = lexeme.charCodeAt(0);
      // the last line, when no line break ends it, is read whole: its quoted scalars are here
      if (end === src.length && !scalar && (c === DQ || c === SQ)) lastLine.push(at - shift);
      scalar = false;
      at += lexeme.length;
    }
    out.push(chunk);
    fed = end;
    return first;
  };
  /** The end of the line holding `offset` (past its line break). */
  const lineEnd = (offset: number) => {
    const nl = src.indexOf("\n", offset);
    return nl === -1 ? src.length : nl + 1;
  };
  const result = (error?: QuotedError): Reindented | undefined => {
    if (error === undefined && added.size === 0) return undefined;
    const text = out.join("") + src.slice(fed);
    return error === undefined ? { text, added } : { text, added, error };
  };
  const moved = (e: QuotedError): QuotedError => ({
    ...e,
    offset: e.offset + shift,
    scalarStart: e.scalarStart + shift,
  });
  for (;;) {
    if (state.next !== "quoted-scalar" || fed === src.length) {
      // on to the line of the next quote: a quoted scalar can start nowhere else
      let q = fed;
      while (q < src.length && src.charCodeAt(q) !== DQ && src.charCodeAt(q) !== SQ) q++;
      if (q === src.length) break;
      const end = lineEnd(q);
      feed(src.slice(fed, end), end);
      continue;
    }
    // stopped at an open quote, its closing one not given yet
    const start = at - shift;
    const s = scanQuoted(src, start);
    if ("message" in s) return result(moved(s));
    const end = lineEnd(s.close);
    if (s.close < fed) {
      // given already: npm:yaml closes it elsewhere than PyYAML (not seen), on
      feed(src.slice(fed, lineEnd(fed)), lineEnd(fed));
      continue;
    }
    const before = { ...lexer };
    const fedBefore = fed, atBefore = at, lastBefore = lastLine.length;
    if (feed(src.slice(fed, end), end) >= s.close + 1 - start) continue;
    // cut short: again from the open quote, the lines indented past it (what
    // the cut-short reading saw on the last line, a closing quote read as an
    // open one, is forgotten with it)
    Object.assign(lexer, before);
    out.pop();
    fed = fedBefore;
    at = atBefore;
    lastLine.length = lastBefore;
    const lineStart = src.lastIndexOf("\n", start - 1) + 1;
    const col = start - lineStart + (added.get(lineOf(start)) ?? 0) + 1;
    const padded = padFrom(src, s.lines, col, added, lineOf(s.lines[0]), end);
    feed(src.slice(fed, s.lines[0]) + padded.out, end);
    shift += padded.moved;
  }
  for (const p of lastLine) {
    const s = scanQuoted(src, p);
    if ("message" in s) return result(moved(s));
  }
  return result();
}

/**
 * Indents, in a copy of `text`, the lines starting at `lines` (offsets, in
 * order) to `need` spaces at least (or `need[k]` for `lines[k]`); blank
 * lines stay as they are. What is added is counted in `added` (0-based line
 * index → spaces). One pass over the text, whatever the number of lines.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { padLines } from "./quoted_indent.ts";
 * const added = new Map<number, number>();
 * const r = padLines("a: [1,\n2,\n\n  3]\n", [7, 10, 11], 4, added);
 * assert.equal(r.out, "a: [1,\n    2,\n\n    3]\n");
 * assert.equal(r.moved, 6);
 * assert.deepEqual([...added], [[1, 4], [3, 2]]);
 * ```
 */
export function padLines(
  text: string,
  lines: number[],
  need: number | number[],
  added: Map<number, number>,
): { out: string; moved: number } {
  if (lines.length === 0) return { out: text, moved: 0 };
  let line = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < lines[0]; i = text.indexOf("\n", i + 1)) {
    line++;
  }
  const r = padFrom(text, lines, need, added, line, text.length);
  return { out: text.slice(0, lines[0]) + r.out, moved: r.moved };
}

/**
 * {@link padLines} on `text` from `lines[0]` (line index `line`) to `end`:
 * that part of the text, indented.
 */
function padFrom(
  text: string,
  lines: number[],
  need: number | number[],
  added: Map<number, number>,
  line: number,
  end: number,
): { out: string; moved: number } {
  let out = "";
  let moved = 0;
  lines.forEach((start, k) => {
    const next = lines[k + 1] ?? end; // the last: the rest of the part
    let q = start;
    while (text.charCodeAt(q) === SP) q++;
    const c = text.charCodeAt(q);
    const want = typeof need === "number" ? need : need[k];
    const pad = q < text.length && c !== NL && c !== CR ? Math.max(0, want - (q - start)) : 0;
    if (pad > 0) added.set(line, (added.get(line) ?? 0) + pad);
    out += " ".repeat(pad) + text.slice(start, next);
    moved += pad;
    // the lines between this one and the next (none for consecutive lines)
    for (let i = text.indexOf("\n", start); i !== -1 && i < next; i = text.indexOf("\n", i + 1)) {
      line++;
    }
  });
  return { out, moved };
}

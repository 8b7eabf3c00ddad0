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

import { walkCst } from "./cst.ts";

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

/** Offsets where npm:yaml's concrete syntax tree starts a quoted scalar, and its length, in order. */
function quotedTokens(text: string): { offset: number; length: number }[] {
  const out: { offset: number; length: number }[] = [];
  walkCst(text, (tok) => {
    if (
      (tok.type === "double-quoted-scalar" || tok.type === "single-quoted-scalar") &&
      typeof tok.source === "string" && typeof tok.offset === "number"
    ) out.push({ offset: tok.offset, length: tok.source.length });
  });
  return out.sort((a, b) => a.offset - b.offset);
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

/**
 * Indents, in a copy of `text`, the continuation lines of the quoted scalars
 * npm:yaml cuts short; `undefined` when it cuts none short and PyYAML
 * refuses none.
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
export function reindentQuoted(text: string): Reindented | undefined {
  const added = new Map<number, number>();
  let from = 0;
  for (;;) {
    let patch: { start: number; lines: number[]; close: number } | undefined;
    for (const tok of quotedTokens(text)) {
      if (tok.offset < from) continue;
      const s = scanQuoted(text, tok.offset);
      if ("message" in s) return { text, added, error: s };
      if (s.close + 1 > tok.offset + tok.length) {
        patch = { start: tok.offset, lines: s.lines, close: s.close };
        break;
      }
      from = s.close + 1;
    }
    if (patch === undefined) return added.size === 0 ? undefined : { text, added };
    // indent past the opening quote: past whatever indent npm:yaml wants
    const lineStart = text.lastIndexOf("\n", patch.start - 1) + 1;
    const { out, moved } = padLines(text, patch.lines, patch.start - lineStart + 1, added);
    text = out;
    from = patch.close + 1 + moved;
  }
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
  let out = text.slice(0, lines[0]);
  let moved = 0;
  lines.forEach((start, k) => {
    const next = lines[k + 1] ?? text.length; // the last: the rest of the text
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

/**
 * The scalar half of a PyYAML-compatible emitter: the writers for plain,
 * single-quoted, double-quoted and literal scalars, with PyYAML's folding at
 * width 80 (which styles a string allows is ./scalar_analysis.ts). Columns
 * count code points, as Python does.
 *
 * @module
 */

import { TextRuns } from "../output/runs.ts";
import { BREAKS } from "./scalar_analysis.ts";

const ESCAPES: Record<string, string> = {
  "\0": "0",
  "\x07": "a",
  "\x08": "b",
  "\x09": "t",
  "\x0A": "n",
  "\x0B": "v",
  "\x0C": "f",
  "\x0D": "r",
  "\x1B": "e",
  '"': '"',
  "\\": "\\",
  "\x85": "N",
  "\xA0": "_",
  "\u2028": "L",
  "\u2029": "P",
};

/** Runs of spaces by length, for indentation. */
const SPACES: string[] = [];
/** A line break and then that many spaces. */
const BREAK_INDENT: string[] = [];

/**
 * The output stream with PyYAML's emitter state: column, whether the last
 * thing written was whitespace / indentation, the indent stack. emit.ts's
 * emitter extends it with the events of a document.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Writer } from "./emit_scalar.ts";
 * const w = new Writer();
 * w.plain([..."hello world"], true);
 * assert.equal(w.text(), "hello world");
 * ```
 */
export class Writer {
  /** What was written (as UTF-8 bytes, decoded a run at a time: ../output/runs.ts). */
  private readonly out = new TextRuns();
  column = 0;
  whitespace = true;
  indention = true;
  indent: number | null = null;
  indents: (number | null)[] = [];
  flowLevel = 0;
  readonly bestWidth = 80;
  readonly bestIndent = 2;

  private push(data: string) {
    this.out.write(data);
  }

  /** Everything written so far, as runs of text (never joined into one string). */
  runs(): string[] {
    return this.out.runs();
  }

  /**
   * Keeps what is written as UTF-8 bytes, for {@link Writer.byteRuns}, or hands
   * each chunk to `sink` as it fills: call before writing.
   */
  keepBytes(sink?: (chunk: Uint8Array) => void): void {
    this.out.keepBytes(sink);
  }

  /** Everything written since {@link Writer.keepBytes}, as UTF-8 chunks. */
  byteRuns(): Uint8Array[] {
    return this.out.byteRuns();
  }

  /** Everything written so far. */
  text(): string {
    return this.out.text();
  }

  write(data: string, length: number) {
    this.column += length;
    this.push(data);
  }

  /**
   * What {@link Writer.plain} writes for a text with no line break that it
   * would not fold (no space, or short enough to end before column 80).
   */
  plainText(text: string) {
    if (!this.whitespace) {
      this.column++;
      this.push(" ");
    }
    this.whitespace = this.indention = false;
    this.write(text, text.length);
  }

  /**
   * What {@link Writer.plain} writes, folding, for an ASCII text with no
   * line break: word by word, a single space past column 80 becomes a line
   * break (long strings are common in configs; splitting them into
   * characters cost most of writing a big file).
   */
  plainFolded(text: string) {
    if (!this.whitespace) this.write(" ", 1);
    this.whitespace = this.indention = false;
    this.words(text, true);
  }

  /**
   * What {@link Writer.singleQuoted} writes, folding, for an ASCII text with
   * no line break and no `'` (as {@link Writer.plainFolded}; a space at
   * either end is never a fold).
   */
  singleQuotedFolded(text: string) {
    this.indicator("'", true);
    this.words(text, false);
    this.indicator("'", false);
  }

  /**
   * Writes `text` word by word; a single space past column 80 becomes a line
   * break and indent (`plain`: one at either end may, and the flags are
   * reset after it, as {@link Writer.plain} does).
   */
  private words(text: string, plain: boolean) {
    const n = text.length;
    for (let i = 0; i < n;) {
      let j = text.indexOf(" ", i);
      if (j === -1) j = n;
      if (j > i) this.write(text.slice(i, j), j - i);
      if (j === n) break;
      let k = j + 1;
      while (k < n && text.charCodeAt(k) === 32) k++;
      if (k - j === 1 && this.column > this.bestWidth && (plain || (j !== 0 && k !== n))) {
        this.writeIndent();
        if (plain) this.whitespace = this.indention = false;
      } else this.write(text.slice(j, k), k - j);
      i = k;
    }
  }

  /** What {@link Writer.singleQuoted} writes for such a text that holds no `'`. */
  singleQuotedText(text: string) {
    this.indicator("'", true);
    this.write(text, text.length);
    this.indicator("'", false);
  }

  increaseIndent(flow: boolean, indentless = false) {
    this.indents.push(this.indent);
    if (this.indent === null) this.indent = flow ? this.bestIndent : 0;
    else if (!indentless) this.indent += this.bestIndent;
  }

  popIndent() {
    this.indent = this.indents.pop() ?? null;
  }

  indicator(ind: string, needWhitespace: boolean, whitespace = false, indention = false) {
    const data = this.whitespace || !needWhitespace ? ind : " " + ind;
    this.whitespace = whitespace;
    this.indention = this.indention && indention;
    this.write(data, data.length);
  }

  writeIndent() {
    const indent = this.indent ?? 0;
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) {
      if (indent > 0) {
        // the line break and the indent as one piece (a piece per token is most of the cost)
        this.whitespace = true;
        this.indention = true;
        this.column = indent;
        this.push(BREAK_INDENT[indent] ??= "\n" + " ".repeat(indent));
        return;
      }
      this.lineBreak();
    }
    if (this.column < indent) {
      this.whitespace = true;
      const n = indent - this.column;
      this.push(SPACES[n] ??= " ".repeat(n));
      this.column = indent;
    }
  }

  lineBreak(data = "\n") {
    this.whitespace = true;
    this.indention = true;
    this.column = 0;
    this.push(data);
  }

  private breaksRun(chars: string[], start: number, end: number) {
    if (chars[start] === "\n") this.lineBreak();
    for (let i = start; i < end; i++) this.lineBreak(chars[i]);
    this.writeIndent();
  }

  plain(chars: string[], split: boolean) {
    if (chars.length === 0) return;
    if (!this.whitespace) this.write(" ", 1);
    this.whitespace = this.indention = false;
    let spaces = false, breaks = false, start = 0;
    for (let end = 0; end <= chars.length; end++) {
      const ch = end < chars.length ? chars[end] : undefined;
      if (spaces) {
        if (ch !== " ") {
          if (start + 1 === end && this.column > this.bestWidth && split) {
            this.writeIndent();
            this.whitespace = this.indention = false;
          } else this.write(chars.slice(start, end).join(""), end - start);
          start = end;
        }
      } else if (breaks) {
        if (ch === undefined || !BREAKS.has(ch)) {
          this.breaksRun(chars, start, end);
          this.whitespace = this.indention = false;
          start = end;
        }
      } else if (ch === undefined || ch === " " || BREAKS.has(ch)) {
        this.write(chars.slice(start, end).join(""), end - start);
        start = end;
      }
      if (ch !== undefined) {
        spaces = ch === " ";
        breaks = BREAKS.has(ch);
      }
    }
  }

  singleQuoted(chars: string[], split: boolean) {
    this.indicator("'", true);
    let spaces = false, breaks = false, start = 0;
    const n = chars.length;
    for (let end = 0; end <= n; end++) {
      const ch = end < n ? chars[end] : undefined;
      if (spaces) {
        if (ch !== " ") {
          if (
            start + 1 === end && this.column > this.bestWidth && split && start !== 0 && end !== n
          ) this.writeIndent();
          else this.write(chars.slice(start, end).join(""), end - start);
          start = end;
        }
      } else if (breaks) {
        if (ch === undefined || !BREAKS.has(ch)) {
          this.breaksRun(chars, start, end);
          start = end;
        }
      } else if (ch === undefined || ch === " " || ch === "'" || BREAKS.has(ch)) {
        if (start < end) {
          this.write(chars.slice(start, end).join(""), end - start);
          start = end;
        }
      }
      if (ch === "'") {
        this.write("''", 2);
        start = end + 1;
      }
      if (ch !== undefined) {
        spaces = ch === " ";
        breaks = BREAKS.has(ch);
      }
    }
    this.indicator("'", false);
  }

  doubleQuoted(chars: string[], split: boolean) {
    this.indicator('"', true);
    let start = 0;
    const n = chars.length;
    for (let end = 0; end <= n; end++) {
      const ch = end < n ? chars[end] : undefined;
      const c = ch === undefined ? 0 : ch.codePointAt(0)!;
      if (
        ch === undefined || '"\\\x85\u2028\u2029\uFEFF'.includes(ch) ||
        !((c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd))
      ) {
        if (start < end) {
          this.write(chars.slice(start, end).join(""), end - start);
          start = end;
        }
        if (ch !== undefined) {
          let data: string;
          if (ch in ESCAPES) data = "\\" + ESCAPES[ch];
          else if (c <= 0xff) data = "\\x" + c.toString(16).toUpperCase().padStart(2, "0");
          else if (c <= 0xffff) data = "\\u" + c.toString(16).toUpperCase().padStart(4, "0");
          else data = "\\U" + c.toString(16).toUpperCase().padStart(8, "0");
          this.write(data, data.length);
          start = end + 1;
        }
      }
      if (
        end > 0 && end < n - 1 && (ch === " " || start >= end) &&
        this.column + (end - start) > this.bestWidth && split
      ) {
        const data = chars.slice(start, end).join("") + "\\";
        const len = end - start + 1;
        if (start < end) start = end;
        this.write(data, len);
        this.writeIndent();
        this.whitespace = this.indention = false;
        if (chars[start] === " ") this.write("\\", 1);
      }
    }
    this.indicator('"', false);
  }

  /** A literal block (`|`) of lines that each end with a newline (base64 of `!!binary`). */
  literal(text: string) {
    this.indicator("|", true);
    this.lineBreak();
    for (const line of text.split("\n")) {
      if (line === "") continue;
      this.writeIndent();
      this.write(line, line.length);
      this.lineBreak();
    }
  }
}

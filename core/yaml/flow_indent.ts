/**
 * PyYAML ignores indentation inside a flow collection (its scanner does not
 * unwind indents at a flow level above 0), so
 *
 * ```yaml
 * a: [1,
 * 2]
 * ```
 *
 * is `{a: [1, 2]}`. npm:yaml (YAML 1.2) wants a flow collection's following
 * lines indented past the block it is in and stops the collection at the
 * first line that is not. As ./quoted_indent.ts does for quoted scalars, the
 * full reader (./full.ts) then gives npm:yaml a copy of the text with the
 * lines of such a collection indented past its opening bracket: white space
 * at a line start inside a flow collection (between tokens, or in a
 * multi-line plain or quoted scalar) is not part of any value, so the values
 * are the same, and the columns are moved back by what was added.
 *
 * Where a collection ends is found as PyYAML's scanner finds it (quoted
 * scalars, comments, plain scalars over several lines, nested collections);
 * a collection PyYAML would refuse on the way (a document separator at a
 * line start, a character that cannot start a token, no closing bracket or
 * the wrong one) is
 * left as it is: npm:yaml's error stays.
 *
 * @module
 */

import { walkCst } from "./cst.ts";
import { padLines, scanQuoted } from "./quoted_indent.ts";

/** The text to give npm:yaml, and what was added to it. */
export interface FlowReindented {
  /** The text with the following lines of flow collections indented. */
  text: string;
  /** Spaces added at the start of a line (0-based line index → count). */
  added: Map<number, number>;
}

/** Offsets of the outermost flow collections in npm:yaml's concrete syntax tree, in order. */
function flowStarts(text: string): number[] {
  const out: number[] = [];
  walkCst(text, (tok) => {
    if (tok.type !== "flow-collection") return;
    const start = (tok as { start?: { offset?: number } }).start?.offset;
    if (typeof start === "number") out.push(start);
    return false; // the nested ones are scanned with it
  });
  return out.sort((a, b) => a - b);
}

/** Characters that end a plain scalar in flow context, or a token. */
const FLOW_IND = ",?[]{}";
const BLANK = " \t\n";

/** Whether a document separator (`---` or `...` and a blank or the end) starts at `i`. */
function separator(text: string, i: number): boolean {
  const s = text.slice(i, i + 3);
  return (s === "---" || s === "...") && (i + 3 >= text.length || BLANK.includes(text[i + 3]));
}

/**
 * The flow collection opening at `p` as PyYAML scans it: the starts of its
 * following lines and its closing bracket; `undefined` when PyYAML refuses
 * it before its end.
 */
function scanFlow(text: string, p: number): { lines: number[]; close: number } | undefined {
  const lines: number[] = [];
  const open: string[] = []; // the closing brackets expected, innermost last
  let plain = false; // in a plain scalar, which may go on after white space
  for (let i = p;;) {
    // white space, comments and line breaks between tokens (and in a plain scalar)
    const before = i;
    for (;;) {
      while (text[i] === " ") i++;
      if (text[i] === "#") {
        plain = false;
        while (i < text.length && text[i] !== "\n") i++;
      }
      if (text[i] !== "\n") break;
      i++;
      lines.push(i);
      if (separator(text, i)) return undefined;
    }
    if (i >= text.length) return undefined;
    const c = text[i];
    if (c === "\t") return undefined; // a tab cannot start a token
    if (plain && i > before && !FLOW_IND.includes(c) && !(c === ":" && endsPlain(text, i))) {
      i = plainChunk(text, i); // the plain scalar goes on
      continue;
    }
    plain = false;
    if (c === "[" || c === "{") {
      open.push(c === "[" ? "]" : "}");
      i++;
    } else if (c === "]" || c === "}") {
      if (open.pop() !== c) return undefined; // PyYAML's parser refuses a wrong bracket
      if (open.length === 0) return { lines, close: i };
      i++;
    } else if (c === "," || c === "?" || c === ":") i++;
    else if (c === "-" && (i + 1 >= text.length || BLANK.includes(text[i + 1]))) i++;
    else if (c === "*" || c === "&") {
      i++;
      while (i < text.length && /[\w-]/.test(text[i])) i++;
    } else if (c === "!") {
      while (i < text.length && !BLANK.includes(text[i])) i++;
    } else if (c === '"' || c === "'") {
      const q = scanQuoted(text, i);
      if ("message" in q) return undefined;
      lines.push(...q.lines);
      i = q.close + 1;
    } else if ("|>@`%#".includes(c)) return undefined;
    else {
      i = plainChunk(text, i);
      plain = true;
    }
  }
}

/** Whether the `:` at `i` ends a plain scalar (a blank, a flow indicator or the end follows). */
function endsPlain(text: string, i: number): boolean {
  return i + 1 >= text.length || (BLANK + FLOW_IND).includes(text[i + 1]);
}

/** The end of the run of a plain scalar's characters at `i` (up to a blank or an indicator). */
function plainChunk(text: string, i: number): number {
  while (i < text.length) {
    const c = text[i];
    if (BLANK.includes(c) || FLOW_IND.includes(c) || (c === ":" && endsPlain(text, i))) break;
    i++;
  }
  return i;
}

/**
 * Indents, in a copy of `text`, the following lines of the flow collections
 * PyYAML closes that are not indented past their opening bracket (npm:yaml
 * may cut them short, or read a comment at column 1 in them as part of a
 * scalar); `undefined` when there are none. Indenting more than npm:yaml
 * needs changes no value: full.ts calls this only on text npm:yaml refused.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { reindentFlow } from "./flow_indent.ts";
 * const r = reindentFlow("a: [1,\n2]\nb: {x: 1,\ny: 2}\n");
 * assert.equal(r?.text, "a: [1,\n    2]\nb: {x: 1,\n    y: 2}\n");
 * assert.deepEqual([...r!.added], [[1, 4], [3, 4]]);
 * assert.equal(reindentFlow("a: [1,\n    2]\n"), undefined);
 * assert.equal(reindentFlow("a: [1,\n2\n"), undefined); // never closed
 * ```
 */
export function reindentFlow(text: string): FlowReindented | undefined {
  const added = new Map<number, number>();
  // in rounds: all the collections one walk of the syntax tree shows (one
  // walk per collection would be quadratic in a file of many), then again
  // for any a cut-short one hid from npm:yaml
  for (;;) {
    const lines: number[] = [], needs: number[] = [];
    let from = 0;
    for (const start of flowStarts(text)) {
      if (start < from) continue; // scanned with the one before
      const s = scanFlow(text, start);
      if (s === undefined) break; // PyYAML refuses it: what follows is not known
      const need = start - (text.lastIndexOf("\n", start - 1) + 1) + 1;
      const short = s.lines.some((l) => {
        let q = l;
        while (text[q] === " ") q++;
        return q < text.length && text[q] !== "\n" && q - l < need;
      });
      if (short) {
        lines.push(...s.lines);
        needs.push(...s.lines.map(() => need));
      }
      from = s.close + 1;
    }
    if (lines.length === 0) return added.size === 0 ? undefined : { text, added };
    text = padLines(text, lines, needs, added).out;
  }
}

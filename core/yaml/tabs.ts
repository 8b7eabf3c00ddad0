/**
 * PyYAML's rule for tabs: its scanner skips spaces between tokens, never
 * tabs, so a tab anywhere but inside a quoted scalar, a block scalar or a
 * comment (`a:\t1`, `a: 1\t`, `a: x\ty`, `[1,\t2]`) is a ScannerError.
 * npm:yaml takes them as spaces; this check, on npm:yaml's concrete syntax
 * tree, refuses what PyYAML refuses, at the tab.
 *
 * @module
 */

import { walkCst } from "./cst.ts";
import { ErrorCode, StrataError } from "../errors.ts";

/**
 * Fails at the first tab PyYAML's scanner would find between tokens (or in
 * a plain scalar, which ends at a tab). A text without tabs costs one scan.
 * `added`: spaces ./quoted_indent.ts added at line starts (0-based line →
 * count), taken off the column reported.
 *
 * @throws {StrataError} `yaml-syntax` at the tab.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkTabs } from "./tabs.ts";
 * checkTabs('a: "x\ty"\nb: |\n  \tz\n# \tc\n', "c.yaml");
 * assert.throws(() => checkTabs("a:\t1\n", "c.yaml"), /found character '\\t' that cannot start any token \(PyYAML/);
 * assert.throws(() => checkTabs("a:\n\tb: 1\n", "c.yaml"), /\(YAML indents with spaces, never tabs\)/);
 * ```
 */
export function checkTabs(text: string, file: string, added?: Map<number, number>): void {
  if (!text.includes("\t")) return;
  // a file of blank and comment lines is an empty config (core/compose/repository.ts's rule)
  if (isBlank(text)) return;
  let first = -1;
  // a tab after a block scalar's header (`a: |\t`): PyYAML wants a comment or the line's end
  let header = false;
  const note = (source: string, offset: number | undefined, inHeader: boolean) => {
    const i = source.indexOf("\t");
    const at = (offset ?? 0) + i;
    if (i !== -1 && (first === -1 || at < first)) {
      first = at;
      header = inHeader;
    }
  };
  walkCst(text, (tok) => {
    if ((tok.type === "space" || tok.type === "scalar") && typeof tok.source === "string") {
      note(tok.source, tok.offset, false);
    }
    if (tok.type === "block-scalar") {
      for (
        const p
          of (tok as { props?: { type?: string; source?: string; offset?: number }[] }).props ?? []
      ) {
        if (p.type === "space" && typeof p.source === "string") note(p.source, p.offset, true);
      }
    }
    return tok.type !== "block-scalar" && tok.type !== "comment";
  });
  if (first === -1) return;
  if (header) {
    // right after `|`, `>-`, `|2`: PyYAML reads indicators there; after a space, a comment
    const wanted = /[|>+\-0-9]/.test(text[first - 1])
      ? "chomping or indentation indicators"
      : "a comment or a line break";
    throw new StrataError(
      ErrorCode.YamlSyntax,
      `while scanning a block scalar: expected ${wanted}, but found '\\t' (a block scalar's ` +
        "header line holds its indicators, then spaces and a comment)",
      { origin: { file, ...lineCol(text, first, added) } },
    );
  }
  // a tab at a line's start is indentation; one after `a:` or between words is not (checker x30)
  const before = text.slice(text.lastIndexOf("\n", first - 1) + 1, first);
  const hint = /^ *$/.test(before)
    ? "YAML indents with spaces, never tabs"
    : "PyYAML, which Hydra reads YAML with, separates tokens with spaces, never tabs";
  // the line and a caret at the tab, as the other syntax errors show theirs (checker x43)
  const at = lineCol(text, first, added);
  const lineStart = text.lastIndexOf("\n", first - 1) + 1;
  const lineEnd = text.indexOf("\n", first);
  const skip = added?.get(at.line - 1) ?? 0;
  const shown = text.slice(lineStart + skip, lineEnd === -1 ? text.length : lineEnd);
  throw new StrataError(
    ErrorCode.YamlSyntax,
    "while scanning for the next token: found character '\\t' that cannot start any token" +
      ` (${hint})`,
    {
      origin: { file, ...at },
      snippet: { text: shown.replace(/\r$/, ""), start: Math.max(0, first - lineStart - skip) },
    },
  );
}

/**
 * Line and column (1-based, in characters as PyYAML counts them) of an
 * offset; `added`: spaces added at line starts (./quoted_indent.ts), taken off.
 */
function lineCol(
  text: string,
  index: number,
  added?: Map<number, number>,
): { line: number; col: number } {
  const start = text.lastIndexOf("\n", index - 1) + 1;
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < index; i = text.indexOf("\n", i + 1)) line++;
  const col = [...text.slice(start, index)].length + 1 - (added?.get(line - 1) ?? 0);
  return { line, col: Math.max(1, col) };
}

/** Whether every line is blank or a comment (stops at the first that is not). */
function isBlank(text: string): boolean {
  for (let start = 0; start <= text.length;) {
    const end = text.indexOf("\n", start);
    const line = text.slice(start, end === -1 ? text.length : end);
    if (!/^\s*(#.*)?$/.test(line)) return false;
    if (end === -1) break;
    start = end + 1;
  }
  return true;
}

/**
 * Words of a `# @package` header that Hydra 1.3 composes as literal keys but
 * that read as a keyword: `_here_` (a keyword of defaults list entries only)
 * and a misspelt `_global_` (`_globl_`). This module alone decides them:
 * compose, run and sweep warn at the header of each file they compose, and
 * `strata validate` reports them for every file it reads. What is composed is
 * Hydra's: the word stays a literal key.
 *
 * @module
 */

import type { Origin } from "../node.ts";
import { suggest } from "../suggest.ts";

/** Hydra 1.0/1.1's header words, warned of apart ({@link ./legacy_header.ts}). */
const LEGACY_PACKAGE_KEYWORDS = ["_group_", "_name_"];

/** A header word that reads as a keyword and is a literal key. */
export interface LiteralHeaderWord {
  /** The word (`_globl_`), as written in the header. */
  word: string;
  /** What the warning says, "Did you mean" included. */
  message: string;
  /** The keywords it may have meant (`_global_`). */
  suggestions: string[];
}

/**
 * The words of a header's package that Hydra reads as literal keys though they
 * look like keywords. Only those of the package kept count: Hydra keeps what
 * follows the last `_global_` (a word before it is dropped with it).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { literalHeaderWords } from "./header_words.ts";
 * const [w] = literalHeaderWords("_globl_.db");
 * assert.equal(w.message,
 *   "'_globl_' is a literal key in a header (its only keyword is '_global_'). Did you mean '_global_'?");
 * assert.deepEqual(literalHeaderWords("_here_").map((w) => w.word), ["_here_"]);
 * assert.deepEqual(literalHeaderWords("_globl_._global_.db"), [], "dropped with the _global_ after it");
 * assert.deepEqual(literalHeaderWords("_private_"), [], "no keyword is like it");
 * assert.deepEqual(literalHeaderWords("_gruop_")[0].suggestions, ["_group_"]);
 * ```
 */
export function literalHeaderWords(value: string): LiteralHeaderWord[] {
  const lastGlobal = value.lastIndexOf("_global_");
  const kept = lastGlobal === -1 ? value : value.slice(lastGlobal + "_global_".length + 1);
  const out: LiteralHeaderWord[] = [];
  for (const word of new Set(kept.split("."))) {
    if (!/^_.*_$/.test(word) || LEGACY_PACKAGE_KEYWORDS.includes(word)) continue;
    if (word === "_here_") {
      out.push({
        word,
        message: "'_here_' is a literal key in a header: it is a keyword of defaults list " +
          "entries only ('db@_here_: mysql')",
        suggestions: [],
      });
      continue;
    }
    const suggestions = suggest(word, ["_global_"]);
    if (suggestions.length === 0) {
      // a misspelt Hydra 1.1 word (`_gruop_`): the option goes to a top-level key of that name
      // (checker w35), not to its group's package, which a header left out gives it
      const legacy = suggest(word, LEGACY_PACKAGE_KEYWORDS);
      if (legacy.length === 0) continue;
      out.push({
        word,
        // (no "its only keyword is '_global_'": under version_base 1.1 `_group_` is one too)
        message:
          `'${word}' is a literal key in a header, no keyword. Did you mean ${
            legacy.map((s) => `'${s}'`).join(" or ")
          }? (Hydra 1.1's word, deprecated: a header left out puts the option at its group's ` +
          "package)",
        suggestions: legacy,
      });
      continue;
    }
    out.push({
      word,
      message: `'${word}' is a literal key in a header (its only keyword is '_global_'). ` +
        `Did you mean ${suggestions.map((s) => `'${s}'`).join(" or ")}?`,
      suggestions,
    });
  }
  return out;
}

/**
 * Where the package of the header Hydra reads is: the line of the last
 * `# @package` line of `head` (what Hydra reads of the file, {@link ./repository.ts}'s
 * `headerText`) and the column its value starts at, 1-based; blank lines are
 * skipped and the first line that is not `# @...` ends the header.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { packagePlace } from "./header_words.ts";
 * assert.deepEqual(packagePlace("\n# @package _group_\na: 1\n"), { line: 2, col: 12, value: "_group_" });
 * assert.equal(packagePlace("# plain\n# @package db\n"), undefined);
 * ```
 */
export function packagePlace(
  head: string,
): { line: number; col: number; value: string } | undefined {
  const lines = head.split("\n");
  let place: { line: number; col: number; value: string } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === "") continue;
    if (!/^\s*#\s*@/.test(line)) break;
    const m = /^\s*#\s*@package\s+(\S+)/.exec(line);
    if (m === null) continue;
    place = { line: i + 1, col: m[0].length - m[1].length + 1, value: m[1] };
  }
  return place;
}

/**
 * The located warnings of a loaded config's header words ({@link literalHeaderWords}),
 * each at its word; none when the file has no header.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { headerWordWarnings } from "./header_words.ts";
 * const [w] = headerWordWarnings("# @package _globl_\n", "_globl_", "conf/db/a.yaml");
 * assert.deepEqual(w.origin, { file: "conf/db/a.yaml", line: 1, col: 12 });
 * ```
 */
export function headerWordWarnings(
  head: string,
  header: string | null,
  file: string,
): { message: string; origin: Origin }[] {
  if (header === null) return [];
  const words = literalHeaderWords(header);
  if (words.length === 0) return [];
  const place = packagePlace(head);
  if (place === undefined || place.value !== header) return [];
  return words.map((w) => ({
    message: w.message,
    origin: { file, line: place.line, col: place.col + place.value.indexOf(w.word) },
  }));
}

/**
 * The lines of a config's leading block of comments and blank lines (where a
 * header can be), read line by line: compose reads every file it merges
 * through here, and splitting a 50 MB file into lines to look at its first
 * few would cost seconds.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { leadingLines } from "./header_words.ts";
 * assert.deepEqual(leadingLines("# a\r\n\n# @package x\nk: 1\n# late\n"), ["# a", "", "# @package x"]);
 * assert.deepEqual(leadingLines("---\n# @package x\nk: 1\n"), ["---", "# @package x"]);
 * ```
 */
export function leadingLines(text: string): string[] {
  const lines: string[] = [];
  for (let at = 0; at < text.length;) {
    const end = text.indexOf("\n", at);
    const raw = text.slice(at, end < 0 ? text.length : end).replace(/\r$/, "");
    const trimmed = raw.trim();
    // a document start (`---`) ends Hydra's header but not the comments a header line may be in
    // (a `# @package` after it is ignored: said, checker x34)
    const documentStart = /^---(\s+#.*)?$/.test(trimmed);
    if (trimmed !== "" && !trimmed.startsWith("#") && !documentStart) break;
    lines.push(raw);
    if (end < 0) break;
    at = end + 1;
  }
  return lines;
}

/** The leading lines of a config as Hydra reads them for its header (see {@link headerLines}). */
export interface HeaderLines {
  /** The `# @KEY REST` lines Hydra reads, with their line index (0-based) and text. */
  read: { index: number; raw: string; key: string; rest: string }[];
  /**
   * The `# @package` lines Hydra does not read: one after a plain comment
   * (Hydra reads the header only up to its first line that is not `# @...`:
   * AutoCDSR's `debug/fdr.yaml`, whose settings then land under its group), or
   * written `## @package`. Each a warning at its `@`.
   */
  ignored: { message: string; line: number; col: number }[];
}

/**
 * A config's leading lines as Hydra reads them for its header: the `# @...`
 * lines it reads, and the `# @package` lines it does not. The one reading
 * compose's warnings and validate's header checks share.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { headerLines } from "./header_words.ts";
 * const h = headerLines("# @package db\n## note\n# @package x\nk: 1\n");
 * assert.deepEqual(h.read.map((l) => [l.index, l.key, l.rest]), [[0, "package", "db"]]);
 * assert.deepEqual(h.ignored.map((w) => w.line), [3]);
 * ```
 */
export function headerLines(text: string): HeaderLines {
  const out: HeaderLines = { read: [], ignored: [] };
  const lines = leadingLines(text);
  let plainComment = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === "") continue;
    const m = /^#\s*@(\S*)\s*(.*)$/.exec(line);
    if (m !== null && plainComment < 0) {
      out.read.push({ index: i, raw: lines[i], key: m[1], rest: m[2] });
      // `# @package: db` (Hydra 1.0's form) or `# @pakage db`: Hydra 1.1+ reads the key as
      // written, not `package`, and ignores the line without a word (checker w28)
      if (m[1] !== "package" && suggest(m[1], ["package"]).length > 0) {
        out.ignored.push({
          message: `Hydra reads the key '@${m[1]}' here, not '@package', and ignores the line: ` +
            `the config lands at its group's package. Did you mean '# @package ${m[2].trim()}'?`,
          line: i + 1,
          col: lines[i].indexOf("@") + 1,
        });
      }
      continue;
    }
    if (/^#+\s*@package\b/.test(line)) {
      const why = m === null
        ? "Hydra reads only '# @...' lines (one '#')"
        : `Hydra reads a config's header only up to its first line that is not '# @...', ` +
          `line ${plainComment + 1} here`;
      out.ignored.push({
        message: `${why}: this line is ignored`,
        line: i + 1,
        col: lines[i].indexOf("@") + 1,
      });
    }
    if (plainComment < 0) plainComment = i;
  }
  return out;
}

/**
 * The `# @package` lines Hydra does not read ({@link HeaderLines.ignored}), at `file`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ignoredHeaderLines } from "./header_words.ts";
 * const [w] = ignoredHeaderLines("## runs 1 step\n\n# @package _global_\ntrainer: {}\n", "c.yaml");
 * assert.deepEqual(w.origin, { file: "c.yaml", line: 3, col: 3 });
 * assert.match(w.message, /only up to its first line that is not '# @\.\.\.', line 1 here/);
 * assert.deepEqual(ignoredHeaderLines("# @package _global_\na: 1\n", "c.yaml"), []);
 * ```
 */
export function ignoredHeaderLines(
  text: string,
  file: string,
): { message: string; origin: Origin }[] {
  return headerLines(text).ignored.map((w) => ({
    message: w.message,
    origin: { file, line: w.line, col: w.col },
  }));
}

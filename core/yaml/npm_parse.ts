/**
 * npm:yaml's reading of a text as PyYAML would have it: its documents and
 * syntax tree (comments right after a flow indicator or quote allowed), where
 * node props start, and line/column positions in code points.
 *
 * @module
 */

import { Composer, type CST, type Document, type LineCounter, Parser } from "npm:yaml@2.9.1";
import { ColumnCounter } from "./columns.ts";
import { propsStarts } from "./props.ts";

// every node's origin asks for its column: a counter for each parse's text
const counters = new WeakMap<LineCounter, ColumnCounter>();

/**
 * Line and code-point column of an offset (the line counter's column counts
 * UTF-16 units); `added`: spaces ./flow_indent.ts and ./quoted_indent.ts
 * added at line starts, taken off again.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { LineCounter } from "npm:yaml@2.9.1";
 * import { lineCol, parseDocuments } from "./npm_parse.ts";
 * const lines = new LineCounter();
 * parseDocuments("a: 1\nb: 2\n", lines);
 * assert.deepEqual(lineCol(lines, "a: 1\nb: 2\n", 5), { line: 2, col: 1 });
 * ```
 */
export function lineCol(
  lines: LineCounter,
  text: string,
  offset: number,
  added?: Map<number, number>,
): { line: number; col: number } {
  const { line, col } = lines.linePos(offset);
  let columns = counters.get(lines);
  if (columns?.text !== text) counters.set(lines, columns = new ColumnCounter(text));
  const c = columns.col(offset - col + 1, offset);
  return { line, col: Math.max(1, c - (added?.get(line - 1) ?? 0)) };
}

/**
 * Whether npm:yaml's error is its YAML 1.2 rule that a comment follows white
 * space, where PyYAML reads a comment: its scanner starts one at any `#`
 * between tokens, so right after a flow indicator or a closing quote
 * (`[a,#c`, `{x: 1}#c`, `"x"#c`) it is a comment. After a block scalar's
 * `|` or `>` PyYAML refuses it too, so that error stays.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { LineCounter } from "npm:yaml@2.9.1";
 * import { parseDocuments } from "./npm_parse.ts";
 * const { docs } = parseDocuments("a: [1,#c\n  2]\n", new LineCounter());
 * assert.equal(docs[0].errors.length, 0);
 * ```
 */
function commentPyYamlReads(text: string, err: { code: string; pos: [number, number] }): boolean {
  return err.code === "MISSING_CHAR" && text[err.pos[0]] === "#" &&
    ",[]{}:\"'".includes(text[err.pos[0] - 1]);
}

/**
 * npm:yaml's documents of `text`, its lines counted in `lines` (what
 * parseAllDocuments does, keeping the syntax tree for ./props.ts).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { LineCounter } from "npm:yaml@2.9.1";
 * import { parseDocuments } from "./npm_parse.ts";
 * const { docs } = parseDocuments("a: [1,#c\n  2]\n", new LineCounter());
 * assert.equal(docs[0].errors.length, 0);
 * ```
 */
export function parseDocuments(
  text: string,
  lines: LineCounter,
): { docs: Document[]; tokens: unknown[] } {
  const tokens = yamlTokens(text, lines.addNewLine);
  const composer = new Composer({
    schema: "failsafe",
    uniqueKeys: false,
    merge: false,
    resolveKnownTags: false,
    keepSourceTokens: true,
  });
  const docs: Document[] = withoutNodeEnv(() => [...composer.compose(tokens)]);
  for (const d of docs) {
    if (d.errors.length > 0) d.errors = d.errors.filter((e) => !commentPyYamlReads(text, e));
  }
  return { docs, tokens };
}

/** {@link propsStarts}, when the text can hold props at all (most files have none). *
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { LineCounter } from "npm:yaml@2.9.1";
 * import { parseDocuments, propsStartsOf } from "./npm_parse.ts";
 * const text = "a: 1\n";
 * const { tokens } = parseDocuments(text, new LineCounter());
 * assert.ok(propsStartsOf(text, tokens) instanceof WeakMap);
 * ```
 */
export function propsStartsOf(text: string, tokens: unknown[]): WeakMap<object, number> {
  return text.includes("!") || text.includes("&") ? propsStarts(tokens) : new WeakMap();
}

/**
 * Runs `fn` with `process.env` an empty object. npm:yaml's Node build (what
 * `deno run` of the sources loads; the binary's bundle has its browser build,
 * which reads nothing) reads `process.env.LOG_TOKENS` for every token and
 * `LOG_STREAM` for every document: without `--allow-env` that is Deno's
 * NotCapable error (a library user's stack trace on any file the full reader
 * reads), and with it an op call each (~250 ms on a 10^5-line file). `fn`
 * runs synchronously, so nothing else sees the swap.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { withoutNodeEnv } from "./npm_parse.ts";
 * assert.equal(withoutNodeEnv(() => 1 + 1), 2);
 * ```
 */
export function withoutNodeEnv<T>(fn: () => T): T {
  const proc = (globalThis as { process?: { env: unknown } }).process;
  if (proc === undefined) return fn();
  const env = proc.env;
  proc.env = {};
  try {
    return fn();
  } finally {
    proc.env = env;
  }
}

/**
 * npm:yaml's CST tokens of `text` (its `Parser`), read without the
 * environment ({@link withoutNodeEnv}).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { yamlTokens } from "./npm_parse.ts";
 * assert.equal((yamlTokens("a: 1\n")[0] as { type: string }).type, "document");
 * ```
 */
export function yamlTokens(text: string, onNewLine?: (offset: number) => void): CST.Token[] {
  return withoutNodeEnv(() => [...new Parser(onNewLine).parse(text)]);
}

/**
 * PyYAML's limits on an implicit key (`key: value` without `?`) that
 * npm:yaml does not have: the key and its `:` are on one line, and the `:`
 * is at most 1024 characters after the key's start (PyYAML's scanner drops
 * a "possible simple key" past either, ScannerMixin.stale_possible_simple_keys).
 * npm:yaml takes a 2,000-character key, and a flow mapping's key with its `:`
 * on the next line (`{"z"\n  : 2}`); PyYAML refuses both, so the config
 * would load here and fail under Hydra.
 *
 * @module
 */

import { walkTokens } from "./cst.ts";
import { flowExpected } from "./syntax_flow.ts";
import { place, type SyntaxReport } from "./syntax_lines.ts";
import { longerThan, MAX_SIMPLE_KEY } from "./key_length.ts";

interface SourceToken {
  type?: string;
  offset?: number;
}

interface Item {
  start?: SourceToken[];
  key?: SourceToken | null;
  sep?: SourceToken[];
}

/**
 * The first implicit key PyYAML refuses, with `from`, the key's start (the
 * place to compare with other errors), or `undefined`. In a block mapping a
 * key too long is "mapping values are not allowed here" at its `:` when it is
 * the mapping's first (no mapping has begun at its column) and "while
 * scanning a simple key ... could not find expected ':'" at the key for the
 * others; in a flow collection either limit is the parser's "expected ','
 * or '}', but got ':'".
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Parser } from "npm:yaml@2.9.1";
 * import { implicitKeyProblem } from "./implicit_keys.ts";
 * const flow = 'm: {"z"\n  : 2}\n';
 * const r = implicitKeyProblem(flow, [...new Parser().parse(flow)]);
 * assert.match(r?.message ?? "", /^while parsing a flow mapping \(opened at 1:4\): expected ',' or '}', but got ':'/);
 * assert.equal(r?.offset, 10);
 * const long = "k".repeat(1025) + ": 1\n";
 * assert.match(implicitKeyProblem(long, [...new Parser().parse(long)])?.message ?? "", /^mapping values are not allowed here/);
 * const ok = "k".repeat(1024) + ": 1\n";
 * assert.equal(implicitKeyProblem(ok, [...new Parser().parse(ok)]), undefined);
 * ```
 */
export function implicitKeyProblem(
  text: string,
  tokens: readonly unknown[],
  added?: Map<number, number>,
): (SyntaxReport & { from: number }) | undefined {
  const flowish = text.includes("{") || text.includes("[");
  if (!flowish && !hasLongLine(text)) return undefined;
  let found: (SyntaxReport & { from: number }) | undefined;
  walkTokens(tokens, (tok) => {
    if (tok.type !== "block-map" && tok.type !== "flow-collection") return;
    const items = (tok as { items?: Item[] }).items ?? [];
    const open = tok.type === "flow-collection"
      ? (tok as { start?: { source?: string; offset?: number } }).start
      : undefined;
    items.forEach((item, index) => {
      const colon = item.sep?.find((s) => s.type === "map-value-ind")?.offset;
      if (colon === undefined || item.start?.some((s) => s.type === "explicit-key-ind")) return;
      const props = item.start?.find((s) => s.type === "anchor" || s.type === "tag")?.offset;
      const from = props ?? item.key?.offset;
      if (from === undefined || (found !== undefined && found.from <= from)) return;
      const long = longerThan(text, from, colon, MAX_SIMPLE_KEY);
      const why = `(a key and its ':' are on one line, at most ${MAX_SIMPLE_KEY} characters ` +
        "apart, in PyYAML)";
      if (open !== undefined) {
        const lines = text.lastIndexOf("\n", colon - 1) >= from;
        if (!long && !lines) return;
        const r = flowExpected(
          text,
          { open: open.source ?? "{", offset: open.offset ?? 0 },
          colon,
          added,
        );
        // without flowExpected's hints (a missing ',', text after a quote): not what this is
        const head = r.message.slice(0, r.message.indexOf("but got ':'") + "but got ':'".length);
        found = { message: `${head} ${why}`, offset: colon, from };
      } else if (long && index === 0) {
        found = { message: `mapping values are not allowed here ${why}`, offset: colon, from };
      } else if (long) {
        found = {
          message: `while scanning a simple key: could not find expected ':' (at ${
            place(text, colon, added)
          }) ${why}`,
          offset: from,
          from,
        };
      }
    });
  });
  return found;
}

/** Whether a line of `text` is longer than {@link MAX_SIMPLE_KEY} characters (the only place a key can be). */
function hasLongLine(text: string): boolean {
  let start = 0;
  for (;;) {
    const nl = text.indexOf("\n", start);
    const end = nl === -1 ? text.length : nl;
    if (end - start > MAX_SIMPLE_KEY) return true;
    if (nl === -1) return false;
    start = nl + 1;
  }
}

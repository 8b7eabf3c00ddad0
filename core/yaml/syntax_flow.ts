/**
 * Where flow collections are, for ./syntax_error.ts: the one left open, the
 * one around an offset, and PyYAML's name of the token found inside one.
 *
 * @module
 */

import { walkCst } from "./cst.ts";
import { yamlTokens } from "./npm_parse.ts";
import { place, type SyntaxReport } from "./syntax_lines.ts";

/** PyYAML's names of the flow collections, by their opening bracket. */
export const NAMES: Record<string, string> = { "[": "flow sequence", "{": "flow mapping" };
/** The closing bracket of each opening one. */
export const CLOSE: Record<string, string> = { "[": "]", "{": "}" };

/** A flow collection of the text, as npm:yaml's CST has it. */
interface Flow {
  /** `[` or `{`. */
  open: string;
  /** Where its opening bracket is. */
  offset: number;
  /** Whether it has its closing bracket. */
  closed: boolean;
  /** Where its closing bracket is, when known. */
  close?: number;
}

/** Every flow collection of `text`. */
function flows(text: string): Flow[] {
  const out: Flow[] = [];
  walkCst(text, (tok) => {
    if (tok.type !== "flow-collection") return;
    const t = tok as {
      start?: { source?: string; offset?: number };
      end?: { source?: string; offset?: number }[];
    };
    const open = t.start?.source, at = t.start?.offset;
    if (open === undefined || at === undefined || !(open in CLOSE)) return;
    const close = (t.end ?? []).find((e) => e.source === CLOSE[open]);
    out.push({ open, offset: at, closed: close !== undefined, close: close?.offset });
  });
  return out;
}

/** The innermost (latest opened) of `candidates`. */
function innermost(candidates: Flow[]): { open: string; offset: number } | undefined {
  let best: Flow | undefined;
  for (const f of candidates) if (best === undefined || f.offset > best.offset) best = f;
  return best && { open: best.open, offset: best.offset };
}

/**
 * The innermost flow collection that starts before `offset` and has no closing bracket.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { unclosedFlow } from "./syntax_flow.ts";
 * assert.deepEqual(unclosedFlow("a: [1, {b: 2}\n", 12), { open: "[", offset: 3 });
 * ```
 */
export function unclosedFlow(
  text: string,
  offset: number,
): { open: string; offset: number } | undefined {
  return innermost(flows(text).filter((f) => f.offset <= offset && !f.closed));
}

/**
 * The innermost flow collection whose brackets hold `offset` (opened before
 * it, closed at or after it, or never closed).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { enclosingFlow } from "./syntax_flow.ts";
 * assert.deepEqual(enclosingFlow("s: {a: 1, b: ${x}}\n", 14), { open: "{", offset: 3 });
 * assert.equal(enclosingFlow("s: [1] x\n", 7), undefined);
 * ```
 */
export function enclosingFlow(
  text: string,
  offset: number,
): { open: string; offset: number } | undefined {
  return innermost(
    flows(text).filter((f) => f.offset < offset && (f.close === undefined || f.close >= offset)),
  );
}

/**
 * PyYAML's name of the token that starts at `offset` (a flow collection's "but got ...").
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tokenAt } from "./syntax_flow.ts";
 * assert.equal(tokenAt("{a: 1 ${x}}", 7), "'{'");
 * assert.equal(tokenAt("[a 'b']", 3), "'<scalar>'");
 * ```
 */
export function tokenAt(text: string, offset: number): string {
  const c = text[offset];
  if (c === "{" || c === "[" || c === "?" || c === ":") return `'${c}'`;
  const props: Record<string, string> = { "&": "<anchor>", "*": "<alias>", "!": "<tag>" };
  return `'${props[c] ?? "<scalar>"}'`;
}

/**
 * What PyYAML's parser expected where a closing bracket no flow collection
 * matches stands: the end of the block collection it is in, the document's
 * node when none came before it (`]`, `--- ]`), else the next document
 * (`[1]]`, `&a ]`: an anchor alone is an empty node).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { strayExpected } from "./syntax_flow.ts";
 * assert.equal(strayExpected("a: [1]]\n", 6), "expected <block end>");
 * assert.equal(strayExpected("[1]]\n", 3), "expected '<document start>'");
 * ```
 */
export function strayExpected(text: string, offset: number): string {
  type Doc = {
    type?: string;
    offset: number;
    start?: { type?: string }[];
    value?: { type?: string };
  };
  let doc: Doc | undefined;
  for (const t of yamlTokens(text) as Doc[]) {
    if (t.type === "document" && t.offset <= offset) doc = t;
  }
  const root = doc?.value?.type;
  if (root === "block-map" || root === "block-seq") return "expected <block end>";
  const props = (doc?.start ?? []).some((t) => t.type === "anchor" || t.type === "tag");
  return root !== undefined || props ? "expected '<document start>'" : "expected the node content";
}

/**
 * PyYAML's error for a `?` inside a plain scalar of a flow collection
 * (`[a?b]`, `urls: [http://h/x?y=1]`): in flow context its scanner ends a
 * plain scalar at `?` and reads a key indicator, which the parser refuses
 * there. npm:yaml keeps the `?` in the scalar. Undefined when `[start, end)`
 * holds no `?`. `added`: spaces full.ts put at line starts.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { flowQuestionMark } from "./syntax_flow.ts";
 * assert.deepEqual(flowQuestionMark("k: [a?b]\n", 4, 7), {
 *   message: "while parsing a flow sequence (opened at 1:4): expected ',' or ']', but got '?' " +
 *     "(inside [...] and {...} a '?' ends an unquoted value: quote the value)",
 *   offset: 5,
 * });
 * ```
 */
export function flowQuestionMark(
  text: string,
  start: number,
  end: number,
  added?: Map<number, number>,
): SyntaxReport | undefined {
  const q = text.indexOf("?", start);
  if (q < 0 || q >= end) return undefined;
  const flow = enclosingFlow(text, q);
  return flow && flowExpected(text, flow, q, added);
}

/**
 * PyYAML's "expected ',' or '}', but got X" for the token at `offset` inside `flow`, with
 * what to do about it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { flowExpected } from "./syntax_flow.ts";
 * assert.match(flowExpected("s: [1 2]\n", { open: "[", offset: 3 }, 6).message, /but got '<scalar>'/);
 * ```
 */
export function flowExpected(
  text: string,
  flow: { open: string; offset: number },
  offset: number,
  added?: Map<number, number>,
): SyntaxReport {
  return {
    message:
      `while parsing a ${NAMES[flow.open]} (opened at ${place(text, flow.offset, added)}): ` +
      `expected ',' or '${CLOSE[flow.open]}', but got ${tokenAt(text, offset)}` +
      flowHint(text, offset),
    offset,
  };
}

/**
 * What to do about text after a complete value inside a flow collection: an
 * unquoted `${...}` (the usual case in Hydra configs: PyYAML reads `$` and
 * then a flow mapping), a `?` in an unquoted value, text after a quoted
 * value, or a missing ','.
 */
function flowHint(text: string, offset: number): string {
  if (text[offset] === "?") {
    return " (inside [...] and {...} a '?' ends an unquoted value: quote the value)";
  }
  if (text[offset] === "{" && text[offset - 1] === "$") {
    let depth = 0, end = offset;
    for (; end < text.length && text[end] !== "\n"; end++) {
      if (text[end] === "{") depth++;
      else if (text[end] === "}" && --depth === 0) break;
    }
    const interpolation = text.slice(offset - 1, end + 1);
    return ` (inside [...] or {...}, quote a value that holds \${...}: '${interpolation}')`;
  }
  const before = text.slice(0, offset).trimEnd();
  if (/['"]$/.test(before)) {
    return ": text after the quoted value (quote the whole value; inside '...' a ' is written '')";
  }
  return ": a ',' is missing before it";
}

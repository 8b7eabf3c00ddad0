/**
 * Parses command-line overrides with Hydra 1.3's override grammar. The
 * grammar runs in WASM (asm/override.ts): one call parses a whole batch; this
 * module turns the result table into {@link Override} objects, evaluating
 * grammar functions (`choice`, `range`, casts, ...) with Hydra's semantics
 * (./reader.ts reads each value).
 *
 * @module
 */

import { OV, parseOverridesRaw, type RawBatch, Status } from "../../asm/override.ts";
import { clip, ErrorCode, StrataError } from "../errors.ts";
import { escapeUnprintable } from "../pyformat.ts";
import { toNode } from "./element.ts";
import { markedElement } from "./nested.ts";
import type {
  ElementValue,
  NestedSweep,
  Override,
  OverrideType,
  OverrideValue,
  OverrideValueType,
  ParsedElement,
} from "./types.ts";
import { quotedNestedInterpolations } from "./quote_hint.ts";
import { Reader } from "./reader.ts";
import { isSweep, pyRepr, type SweepObj, type Val } from "./values.ts";

const TYPES: OverrideType[] = ["change", "add", "force_add", "delete"];
const EXPECTED = [
  "",
  "'=' after the key",
  "a value",
  "the end of the override",
  "',' or ')'",
  "',' or ']'",
  "',' or '}'",
  "':' after the dict key",
  "a dict key",
  "a group name after '/'",
  "at most 1000 levels of nesting",
];

function tagsOf(s: SweepObj): string[] {
  return "tags" in s ? [...s.tags].sort() : [];
}

function item(v: Val, nested: Map<ParsedElement, NestedSweep>): ElementValue {
  if (!isSweep(v)) return markedElement(v, nested);
  const repr = `${
    { choice: "ChoiceSweep", range: "RangeSweep", interval: "IntervalSweep", glob: "Glob" }[v.kind]
  }:${pyRepr(v)}`;
  return {
    kind: "element",
    node: toNode({ t: "str", v: repr }),
    parsed: { t: "str", v: repr },
    sweep: toPublic(v, nested)[1],
  };
}

function toPublic(
  v: Val,
  nested: Map<ParsedElement, NestedSweep>,
): [OverrideValueType, OverrideValue] {
  if (!isSweep(v)) return ["ELEMENT", markedElement(v, nested)];
  switch (v.kind) {
    case "choice":
      return [v.simple ? "SIMPLE_CHOICE_SWEEP" : "CHOICE_SWEEP", {
        kind: "choice",
        items: v.list.map((x) => item(x, nested)),
        simple: v.simple,
        tags: tagsOf(v),
        shuffle: v.shuffle,
      }];
    case "range":
      return ["RANGE_SWEEP", {
        kind: "range",
        start: toNode(v.start),
        stop: toNode(v.stop),
        step: toNode(v.step),
        tags: tagsOf(v),
        shuffle: v.shuffle,
      }];
    case "interval":
      return ["INTERVAL_SWEEP", {
        kind: "interval",
        start: Number(v.start.t === "bool" ? +v.start.v : v.start.v),
        end: Number(v.end.t === "bool" ? +v.end.v : v.end.v),
        ints: v.start.t !== "float",
        tags: tagsOf(v),
      }];
    case "glob": {
      const s = (x: Val) => (isSweep(x) ? pyRepr(x) : "v" in x ? String(x.v) : "None");
      return ["GLOB_CHOICE_SWEEP", {
        kind: "glob",
        include: v.include.map(s),
        exclude: v.exclude.map(s),
        tags: [],
      }];
    }
  }
}

/**
 * The deepest bracket nesting an override may have. The parser and the
 * evaluation of its values recurse per level (Hydra's ANTLR parser stops at
 * Python's recursion limit; YAML stops at the same depth): past this it would exhaust the stack, and a WASM
 * stack overflow leaves the engine unusable for every later call.
 */
const MAX_NESTING = 500;

/** Fails, as a parse error at the offending bracket, when `text` nests deeper than {@link MAX_NESTING}. */
function checkNesting(text: string, index: number | undefined): void {
  let depth = 0;
  for (let p = 0; p < text.length; p++) {
    const c = text.charCodeAt(p);
    if (c === 0x27 || c === 0x22) {
      // a quoted string: brackets inside do not nest; an unclosed quote is the parser's to report
      let q = p + 1;
      while (q < text.length && text.charCodeAt(q) !== c) q += text.charCodeAt(q) === 0x5c ? 2 : 1;
      if (q >= text.length) return;
      p = q;
    } else if (c === 0x5c) p++; // an escaped character
    else if (c === 0x28 || c === 0x5b || c === 0x7b) {
      if (++depth > MAX_NESTING) {
        throw new StrataError(
          ErrorCode.OverrideParse,
          `Error parsing override '${
            clip(escapeUnprintable(text))
          }': nesting deeper than ${MAX_NESTING} levels at column ${p + 1}`,
          {
            snippet: { text, start: p, end: p + 1 },
            origin: index === undefined ? undefined : { override: index, text },
          },
        );
      }
    } else if ((c === 0x29 || c === 0x5d || c === 0x7d) && depth > 0) depth--;
  }
}

function build(raw: RawBatch, i: number, text: string, index: number | undefined): Override {
  const r = i * OV;
  const o = raw.ovs;
  const base = raw.starts[i];
  const origin = index === undefined ? undefined : { override: index, text };
  const status = o[r];
  if (status !== Status.Ok) {
    const start = o[r + 7] - base;
    // a character beyond the BMP (an emoji) is two UTF-16 units: shown whole, not its half
    const end = Math.max(o[r + 8] - base, start + (text.codePointAt(start)! > 0xffff ? 2 : 0));
    const got = start >= text.length ? "the end" : `'${escapeUnprintable(text.slice(start, end))}'`;
    const column = [...text.slice(0, start)].length + 1; // in characters, as Python counts them
    // `key='abc`: the lexer sees a quote that no quote closes
    const quote = text[start];
    const unclosed = (quote === "'" || quote === '"') && !text.includes(quote, start + 1);
    const message = status === Status.Lex
      ? `unexpected character ${got} at column ${column}${
        unclosed ? ": the quote that starts it is not closed" : ""
      }`
      : status === Status.Blank
      ? "Trying to parse a primitive that is all whitespaces"
      : `expected ${EXPECTED[o[r + 9]]} at column ${column}, got ${got}`;
    const quoted = quotedNestedInterpolations(text);
    throw new StrataError(
      ErrorCode.OverrideParse,
      `Error parsing override '${clip(escapeUnprintable(text))}': ${message}`,
      {
        snippet: { text, start, end: Math.max(end, start + 1) },
        origin,
        ...(quoted === undefined ? {} : {
          related: [{
            message: `an unquoted interpolation ends at its first '}'; quote the value: ${
              clip(quoted)
            }`,
            origin: {},
          }],
        }),
      },
    );
  }
  const key = raw.text.slice(o[r + 2], o[r + 3]);
  const pkg = o[r + 4] < 0 ? null : raw.text.slice(o[r + 4], o[r + 5]);
  const out: Override = { type: TYPES[o[r + 1]], key, package: pkg, valueType: null, text, index };
  if (o[r + 6] < 0) return out;
  const reader = new Reader(raw, text, base);
  reader.at = o[r + 6];
  let v: Val;
  try {
    v = reader.read();
  } catch (e) {
    if (e instanceof StrataError) {
      throw new StrataError(e.code, e.message, {
        snippet: e.snippet,
        origin,
        ...(e.related.length > 0 ? { related: e.related } : {}),
      });
    }
    throw e;
  }
  const [valueType, value] = toPublic(v, reader.nested);
  out.valueType = valueType;
  out.value = value;
  return out;
}

/**
 * Parses a batch of overrides in one WASM call; override `i` gets index `i`.
 *
 * @throws {StrataError} `override-parse` for the first override that fails,
 * with a caret snippet and origin `{ override: i, text }`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseOverrides } from "../../engine.ts";
 * assert.deepEqual(parseOverrides(["db=mysql", "lr=1e-3,1e-4"]).map((o) => o.valueType), ["ELEMENT", "SIMPLE_CHOICE_SWEEP"]);
 * ```
 */
export function parseOverrides(texts: readonly string[]): Override[] {
  texts.forEach((t, i) => checkNesting(t, i));
  const raw = parseOverridesRaw(texts);
  return texts.map((t, i) => build(raw, i, t, i));
}

/**
 * Parses one override.
 *
 * @throws {StrataError} `override-parse`, with the override and a caret at the position.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseOverride } from "../../engine.ts";
 * assert.equal(parseOverride("+optimizer.lr=1e-3").type, "add");
 * ```
 */
export function parseOverride(text: string, index?: number): Override {
  checkNesting(text, index);
  return build(parseOverridesRaw([text]), 0, text, index);
}

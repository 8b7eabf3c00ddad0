/**
 * Parses command-line overrides with Hydra 1.3's override grammar. The
 * grammar runs in WASM (asm/override.ts): one call parses a whole batch; this
 * module turns the result table into {@link Override} objects, evaluating
 * grammar functions (`choice`, `range`, casts, ...) with Hydra's semantics.
 *
 * @module
 */

import {
  NODE,
  NodeKind,
  OV,
  parseOverridesRaw,
  type RawBatch,
  Status,
} from "../../asm/override.ts";
import { clip, ErrorCode, StrataError } from "../errors.ts";
import { pyFloatOfString, pyIntOfString } from "./casts.ts";
import { toNode } from "./element.ts";
import { callFunction } from "./functions.ts";
import { globElement, markedElement } from "./nested.ts";
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
import { isSweep, PyError, pyRepr, pyType, type SweepObj, type Val } from "./values.ts";

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

/** Reads the node table of one override into values, evaluating functions. */
class Reader {
  at = 0;
  /** Sweeps written inside a list or dict, by the placeholder standing for each (see {@link readItem}). */
  readonly nested = new Map<ParsedElement, NestedSweep>();
  constructor(private raw: RawBatch, private text: string, private base: number) {}

  private slice(a: number, b: number): string {
    return this.raw.text.slice(a, b);
  }

  private arena(a: number, b: number): string {
    let s = "";
    for (let i = a; i < b; i += 4096) {
      s += String.fromCharCode(...this.raw.arena.subarray(i, Math.min(b, i + 4096)));
    }
    return s;
  }

  /** Reads the node at `this.at` and its subtree. */
  read(): Val {
    const n = this.raw.nodes;
    const r = this.at * NODE;
    const kind = n[r], size = n[r + 1], a = n[r + 2], b = n[r + 3];
    const end = this.at + size;
    this.at++;
    switch (kind) {
      case NodeKind.Slice:
        return { t: "str", v: this.slice(a, b) };
      case NodeKind.Arena:
        return { t: "str", v: this.arena(a, b) };
      case NodeKind.QuotedSingle:
      case NodeKind.QuotedDouble: {
        const quote = kind === NodeKind.QuotedSingle ? "'" : '"';
        return { t: "quoted", v: unescapeQuoted(this.slice(a, b), quote), quote };
      }
      case NodeKind.Int:
        return { t: "int", v: pyIntOfString(this.slice(a, b)) };
      case NodeKind.Float:
        return { t: "float", v: pyFloatOfString(this.slice(a, b)) };
      case NodeKind.Bool:
        return { t: "bool", v: a === 1 };
      case NodeKind.Null:
        return { t: "null" };
      case NodeKind.Empty:
        return { t: "str", v: "" };
      case NodeKind.List: {
        const items: Val[] = [];
        while (this.at < end) items.push(this.readItem());
        return { t: "list", v: items as ParsedElement[] };
      }
      case NodeKind.Dict: {
        const pairs: [ParsedElement, ParsedElement][] = [];
        while (this.at < end) {
          const k = this.read() as ParsedElement;
          const v = this.readItem() as ParsedElement;
          const i = pairs.findIndex(([k2]) => sameKey(k, k2));
          if (i >= 0) pairs[i] = [pairs[i][0], v];
          else pairs.push([k, v]);
        }
        return { t: "dict", v: pairs };
      }
      case NodeKind.Func:
        return this.call(a, b, end);
      case NodeKind.Sweep: {
        const list: Val[] = [];
        while (this.at < end) list.push(this.read());
        return { kind: "choice", list, simple: true, shuffle: false, tags: new Set() };
      }
      default: // Value wrapper: one element
        return this.read();
    }
  }

  /**
   * A list item or dict value. A sweep function's object stays there in
   * Hydra (core/override/nested.ts): a `glob(...)` becomes the dict OmegaConf
   * makes of it, another sweep a placeholder remembered in {@link nested}.
   */
  private readItem(): Val {
    const r = this.at * NODE;
    const a = this.raw.nodes[r + 2], b = this.raw.nodes[r + 3];
    const v = this.read();
    if (!isSweep(v)) return v;
    if (v.kind === "glob") return globElement(v);
    const placeholder: ParsedElement = { t: "str", v: `${pyType(v)}:${pyRepr(v)}` };
    this.nested.set(placeholder, {
      type: pyType(v),
      text: this.slice(a, b),
      path: "",
      start: a - this.base,
      end: b - this.base,
    });
    return placeholder;
  }

  private call(a: number, b: number, end: number): Val {
    const src = this.slice(a, b);
    const name = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(src)![0];
    const args: Val[] = [];
    const kwargs = new Map<string, Val>();
    while (this.at < end) {
      const r = this.at * NODE;
      if (this.raw.nodes[r] === NodeKind.Arg) {
        const argName = this.slice(this.raw.nodes[r + 2], this.raw.nodes[r + 3]);
        this.at++;
        kwargs.set(argName, this.read());
      } else {
        if (kwargs.size > 0) {
          throw this.error(
            "positional argument follows keyword argument",
            a - this.base,
            b - this.base,
          );
        }
        args.push(this.read());
      }
    }
    try {
      return callFunction(name, args, kwargs);
    } catch (e) {
      if (!(e instanceof PyError)) throw e;
      throw this.error(
        `${e.pyType} while evaluating '${src}': ${e.message}`,
        a - this.base,
        b - this.base,
      );
    }
  }

  error(message: string, start: number, end?: number): StrataError {
    return new StrataError(
      ErrorCode.OverrideParse,
      `Error parsing override '${clip(this.text)}': ${message}`,
      {
        snippet: { text: this.text, start, end },
      },
    );
  }
}

/** Python dict key equality (1, 1.0 and True are one key). */
function sameKey(a: ParsedElement, b: ParsedElement): boolean {
  const num = (x: ParsedElement) =>
    x.t === "int" || x.t === "float" ? Number(x.v) : x.t === "bool" ? (x.v ? 1 : 0) : undefined;
  const x = num(a), y = num(b);
  if (x !== undefined || y !== undefined) return x === y;
  if (a.t === "null" || b.t === "null") return a.t === b.t;
  return (a.t === "str" || a.t === "quoted") && (b.t === "str" || b.t === "quoted") && a.v === b.v;
}

/** Un-escapes a quoted value's content: backslashes before a quote are halved. */
function unescapeQuoted(body: string, quote: string): string {
  if (!body.includes("\\")) return body;
  let out = "";
  let i = 0;
  while (i < body.length) {
    if (body[i] !== "\\") {
      out += body[i++];
      continue;
    }
    let j = i;
    while (j < body.length && body[j] === "\\") j++;
    const run = j - i;
    if (j === body.length) out += "\\".repeat(run / 2);
    else if (body[j] === quote) {
      out += "\\".repeat((run - 1) / 2) + quote;
      j++;
    } else out += "\\".repeat(run);
    i = j;
  }
  return out;
}

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
            clip(text)
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
    const start = o[r + 7] - base, end = o[r + 8] - base;
    const got = start >= text.length ? "the end" : `'${text.slice(start, end)}'`;
    const message = status === Status.Lex
      ? `unexpected character ${got} at column ${start + 1}`
      : status === Status.Blank
      ? "Trying to parse a primitive that is all whitespaces"
      : `expected ${EXPECTED[o[r + 9]]} at column ${start + 1}, got ${got}`;
    const quoted = quotedNestedInterpolations(text);
    throw new StrataError(
      ErrorCode.OverrideParse,
      `Error parsing override '${clip(text)}': ${message}`,
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
      throw new StrataError(e.code, e.message, { snippet: e.snippet, origin });
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

/**
 * Config trees as plain data: `toContainer` (OmegaConf.to_container) and
 * `toJson` (what Python's `json.dumps(to_container(cfg))` writes, so floats
 * stay floats: `1.0`, not `1`).
 *
 * @module
 */

import {
  type DictNode,
  FloatKey,
  type Key,
  type ListNode,
  type Node,
  type ValueNode,
} from "./node.ts";
import { pyFloatRepr } from "./pyformat.ts";
import { eachEntry, eachItem, isUnread, lazyNodesMade } from "./lazy.ts";
import { TextRuns } from "./output/runs.ts";

/** A plain value: what {@link toContainer} returns. */
export type Plain =
  | string
  | number
  | bigint
  | boolean
  | null
  | Plain[]
  | { [key: string]: Plain }
  | Map<Key, Plain>;

/**
 * The tree as plain JS data. Dicts with only string keys become objects; dicts
 * with other keys become Maps. `???` stays the string `???`. Interpolations are
 * returned as written: resolve the tree first for resolved values.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml, toContainer } from "../engine.ts";
 * assert.deepEqual(toContainer(loadYaml("a: {b: [1, 2.5]}")), { a: { b: [1, 2.5] } });
 * ```
 */
export function toContainer(node: Node): Plain {
  if (node.kind === "list") return node.items.map(toContainer);
  if (node.kind === "dict") {
    const entries = [...node.entries.values()];
    if (entries.every((e) => typeof e.key === "string")) {
      const out: { [key: string]: Plain } = {};
      for (const e of entries) out[e.key as string] = toContainer(e.node);
      return out;
    }
    return new Map(entries.map((e) => [e.key, toContainer(e.node)]));
  }
  if (node.type === "missing") return "???";
  return node.value as Plain;
}

/**
 * A dict key as Python's `json.dumps` writes it: `1`, `true`, `null`, `1.5`,
 * `Infinity` (a key is a JSON string: no need to spell a non-finite one otherwise).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { jsonKey } from "./container.ts";
 * import { FloatKey } from "./node.ts";
 * assert.equal(jsonKey(true), "true");
 * assert.equal(jsonKey(new FloatKey(-Infinity)), "-Infinity");
 * ```
 */
export function jsonKey(key: Key): string {
  if (typeof key === "string") return key;
  if (key === null) return "null";
  if (typeof key === "boolean") return String(key);
  if (key instanceof FloatKey) {
    const v = key.value;
    if (Number.isNaN(v)) return "NaN";
    if (!Number.isFinite(v)) return v > 0 ? "Infinity" : "-Infinity";
    return pyFloatRepr(v);
  }
  return String(key);
}

/**
 * How non-finite floats are written: `strings` as `"nan"`, `"inf"`, `"-inf"`
 * (valid JSON, RFC 8259; Python's `float()` reads them back), or `python` as
 * Python's `json.dumps` writes them (`NaN`, `Infinity`: not JSON, but what
 * the documented canonical form of `strata hash` uses).
 */
export type NonFinite = "strings" | "python";

/**
 * A float as JSON: `repr(x)`, non-finite ones as {@link NonFinite} says.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { jsonFloat } from "./container.ts";
 * assert.equal(jsonFloat(1), "1.0");
 * assert.equal(jsonFloat(-Infinity), '"-inf"');
 * assert.equal(jsonFloat(-Infinity, "python"), "-Infinity");
 * ```
 */
export function jsonFloat(x: number, nonFinite: NonFinite = "strings"): string {
  const py = nonFinite === "python";
  if (Number.isNaN(x)) return py ? "NaN" : '"nan"';
  if (x === Infinity) return py ? "Infinity" : '"inf"';
  if (x === -Infinity) return py ? "-Infinity" : '"-inf"';
  return pyFloatRepr(x);
}

/**
 * The tree as JSON text, keeping int vs float (`1.0`), like Python's
 * `json.dumps` of `to_container`, but always valid JSON (RFC 8259):
 * non-finite floats are the strings `"nan"`, `"inf"` and `"-inf"`; and
 * UTF-8, as `json.dumps(..., ensure_ascii=False)`: `é` is written as it is,
 * not as `\u00e9`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml, toJson } from "../engine.ts";
 * assert.equal(toJson(loadYaml("lr: 1e-5\nepochs: 3\nw: 1.0")), '{"lr": 1e-05, "epochs": 3, "w": 1.0}');
 * assert.equal(toJson(loadYaml("x: .nan\ny: -.inf")), '{"x": "nan", "y": "-inf"}');
 * ```
 */
export function toJson(node: Node, indent?: number): string {
  return toJsonRuns(node, indent).join("");
}

/** `JSON.rawJSON` (ES2025): a number written by JSON.stringify as the text given. */
const rawJSON = (JSON as unknown as { rawJSON(text: string): unknown }).rawJSON;

/** `JSON.parse` with the reviver's third argument (ES2025: the source text of a primitive). */
type ParseWithSource = (
  text: string,
  reviver: (key: string, value: unknown, context: { source?: string }) => unknown,
) => unknown;

/**
 * The tree as data for a larger `JSON.stringify` (a report that holds
 * values), writing each number as {@link toJson} does: `1.0` stays `1.0`, not
 * `1`, and an int past 2^53 keeps its digits.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml } from "../engine.ts";
 * import { toJsonData } from "./container.ts";
 * const data = toJsonData(loadYaml("lr: 1.0\nn: 99999999999999999999"));
 * assert.equal(JSON.stringify({ v: data }), '{"v":{"lr":1.0,"n":99999999999999999999}}');
 * ```
 */
export function toJsonData(node: Node): unknown {
  return (JSON.parse as ParseWithSource)(
    toJson(node),
    (_key, value, context) =>
      typeof value === "number" && context.source !== undefined ? rawJSON(context.source) : value,
  );
}

/**
 * {@link toJson} as runs of text to write one after the other: a 90 MB JSON
 * output is written without ever being one 90 MB string.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml, toJson, toJsonRuns } from "../engine.ts";
 * const cfg = loadYaml("a: [1, 2.0]");
 * assert.equal(toJsonRuns(cfg).join(""), toJson(cfg));
 * ```
 */
export function toJsonRuns(node: Node, indent?: number): string[] {
  return writeJson(node, indent, new TextRuns()).runs();
}

/**
 * {@link toJson} as UTF-8 chunks, for output that goes to a file or a pipe
 * (no string is decoded only to be encoded again). With `sink`, each chunk
 * goes to it as it fills (valid only during the call) and none is returned.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml, toJson } from "../engine.ts";
 * import { toJsonBytes } from "./container.ts";
 * const cfg = loadYaml("a: [1, 2.0, é]");
 * const text = toJsonBytes(cfg, 2).map((c) => new TextDecoder().decode(c)).join("");
 * assert.equal(text, toJson(cfg, 2));
 * ```
 */
export function toJsonBytes(
  node: Node,
  indent?: number,
  sink?: (chunk: Uint8Array) => void,
): Uint8Array[] {
  const out = new TextRuns();
  out.keepBytes(sink);
  return writeJson(node, indent, out).byteRuns();
}

/** Writes the tree as JSON into `out` (pieces go into its byte buffer: ./output/runs.ts). */
function writeJson(node: Node, indent: number | undefined, out: TextRuns): TextRuns {
  new JsonWriter(indent, out).node(node, 0);
  return out;
}

/**
 * One JSON output. The CLI writes a tree once, cold, so the walk is a few
 * plain loops (a callback per entry, or JSON.stringify per key and string,
 * cost more than the writing): keys are quoted once per spelling, strings
 * that need no escape are written as they are. A big file's unread subtree
 * is read a child at a time, and not kept (core/lazy.ts).
 */
class JsonWriter {
  private readonly pads: string[] = [];
  private readonly sep: string;
  private readonly keys = new Map<Key, string>();
  private readonly lazy = lazyNodesMade();

  constructor(private readonly indent: number | undefined, private readonly out: TextRuns) {
    this.sep = indent === undefined ? ", " : ",";
  }

  private pad(depth: number): string {
    return this.indent === undefined
      ? ""
      : this.pads[depth] ??= "\n" + " ".repeat(this.indent * depth);
  }

  private key(key: Key): string {
    let quoted = this.keys.get(key);
    if (quoted === undefined) {
      quoted = JSON.stringify(jsonKey(key)) + ": ";
      this.keys.set(key, quoted);
    }
    return quoted;
  }

  node(n: Node, depth: number): void {
    const out = this.out;
    if (n.kind === "value") {
      if (n.type === "str") out.writeJsonString(n.value as string);
      else out.write(jsonScalar(n));
      return;
    }
    if (this.lazy && isUnread(n)) return this.unread(n, depth);
    const inner = this.pad(depth + 1);
    if (n.kind === "list") {
      const items = n.items;
      if (items.length === 0) return out.write("[]");
      out.write("[");
      for (let i = 0; i < items.length; i++) {
        if (i > 0) out.write(this.sep);
        out.write(inner);
        this.node(items[i], depth + 1);
      }
      out.write(this.pad(depth));
      return out.write("]");
    }
    if (n.entries.size === 0) return out.write("{}");
    out.write("{");
    let first = true;
    for (const e of n.entries.values()) {
      if (!first) out.write(this.sep);
      first = false;
      out.write(inner);
      out.write(this.key(e.key));
      this.node(e.node, depth + 1);
    }
    out.write(this.pad(depth));
    out.write("}");
  }

  /** An unread lazy container, read one child at a time. */
  private unread(n: DictNode | ListNode, depth: number): void {
    const out = this.out;
    const inner = this.pad(depth + 1);
    let first = true;
    const next = () => {
      if (!first) out.write(this.sep);
      first = false;
      out.write(inner);
    };
    out.write(n.kind === "list" ? "[" : "{");
    if (n.kind === "list") {
      eachItem(n, (item) => {
        next();
        this.node(item, depth + 1);
      });
    } else {
      eachEntry(n, (key, value) => {
        next();
        out.write(this.key(key));
        this.node(value, depth + 1);
      });
    }
    if (!first) out.write(this.pad(depth));
    out.write(n.kind === "list" ? "]" : "}");
  }
}

/**
 * A value on one line of a text report (explain's layers, diff's changes): as
 * {@link toJson} writes it (1 vs 1.0 kept, strings quoted), but MISSING bare,
 * `???`, as compose's YAML shows it: OmegaConf's MISSING is no string.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { inlineValue } from "./container.ts";
 * import { float, missing, str } from "./node.ts";
 * assert.equal(inlineValue(missing()), "???");
 * assert.equal(inlineValue(str("a")), '"a"');
 * assert.equal(inlineValue(float(1)), "1.0");
 * ```
 */
export function inlineValue(node: Node): string {
  return node.kind === "value" && node.type === "missing" ? "???" : toJson(node);
}

/**
 * A leaf as Python's `json.dumps` writes it (`1.0`, `3`, `true`, `null`,
 * `"???"` for missing, strings escaped, non-ASCII as is).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { jsonScalar } from "./container.ts";
 * import { float, missing } from "./node.ts";
 * assert.equal(jsonScalar(float(1)), "1.0");
 * assert.equal(jsonScalar(missing()), '"???"');
 * ```
 */
export function jsonScalar(n: ValueNode, nonFinite: NonFinite = "strings"): string {
  switch (n.type) {
    case "float":
      return jsonFloat(n.value as number, nonFinite);
    case "int":
      return String(n.value);
    case "bool":
      return n.value ? "true" : "false";
    case "null":
      return "null";
    case "missing":
      return '"???"';
    default:
      return JSON.stringify(String(n.value));
  }
}

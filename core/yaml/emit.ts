/**
 * Writes a config tree as YAML, byte for byte as OmegaConf.to_yaml does:
 * PyYAML's `dump(default_flow_style=False, allow_unicode=True)` with
 * OmegaConf's string representer (strings that read back as a bool, an int
 * or a float are single-quoted), PyYAML's float format (`1.0e-05`), `? key`
 * for long keys, folding at 80 columns.
 *
 * @module
 */

import { FloatKey, type Key, type Node, type ValueNode } from "../node.ts";
import { pyFloatRepr } from "../pyformat.ts";
import { Writer } from "./emit_scalar.ts";
import { type Analysis, analyzeScalar } from "./scalar_analysis.ts";
import { SCAN_NOT_ASCII, SCAN_NOT_PLAIN, SCAN_QUOTE, SCAN_SPACE, scanAscii } from "./emit_plain.ts";
import { bytesFromRepr } from "./tags.ts";
import { eachEntry, eachItem, isEmpty, isUnread, peek } from "../lazy.ts";

/** Options of {@link toYaml}. */
export interface ToYamlOptions {
  /** Sort dict keys (PyYAML's `sort_keys`: left unsorted when keys are not comparable). */
  sortKeys?: boolean;
}

/** A scalar as PyYAML's serializer hands it to the emitter. */
interface ScalarEvent {
  value: string;
  /** `'` when OmegaConf asks for quotes, `|` for binary, else undefined (emitter's choice). */
  style?: "'" | "|";
  /** Whether the value would read back as the same type when written plain. */
  implicitPlain: boolean;
  tag?: string;
}

/** PyYAML's float representer: `1.0e-05`, `.inf`, `.nan`. */
function yamlFloat(x: number): string {
  if (Number.isNaN(x)) return ".nan";
  if (x === Infinity) return ".inf";
  if (x === -Infinity) return "-.inf";
  const r = pyFloatRepr(x).toLowerCase();
  if (r.includes("e") && !r.includes(".")) return r.replace("e", ".0e");
  return r;
}

const YAML_BOOLS = new Set(
  "y Y yes Yes YES n N no No NO true True TRUE false False FALSE on On ON off Off OFF".split(" "),
);
const PY_DIGITS = "\\p{Nd}(?:_?\\p{Nd})*";
const PY_INT = new RegExp(`^[-+]?${PY_DIGITS}$`, "u");
const PY_FLOAT = new RegExp(
  `^[-+]?(?:(?:${PY_DIGITS}(?:\\.(?:${PY_DIGITS})?)?|\\.${PY_DIGITS})(?:[eE][-+]?${PY_DIGITS})?` +
    `|inf|infinity|nan)$`,
  "iu",
);

/**
 * ASCII characters that can start a text one of the resolvers below accepts
 * (after trimming), or that trimming removes: any other first character
 * decides both tests without a regex.
 */
const RESOLVER_START = new Uint8Array(128);
for (const ch of "yYnNtTfFoOiI-+.0123456789~<= \t\n\v\f\r") RESOLVER_START[ch.charCodeAt(0)] = 1;

function plainByFirstChar(s: string): boolean {
  const c = s.charCodeAt(0);
  return c < 128 && RESOLVER_START[c] === 0;
}

/** OmegaConf's test for quoting: `yaml_is_bool(s) or is_int(s) or is_float(s)` (Python's int()/float()). */
function omegaQuotes(s: string): boolean {
  if (YAML_BOOLS.has(s)) return true;
  const t = s.trim();
  return PY_INT.test(t) || PY_FLOAT.test(t);
}

/**
 * PyYAML's (YAML 1.1, with timestamps) resolver: does a plain scalar read back as a str?
 * PyYAML 6's own, which the dumper uses: its float wants a digit after a leading dot
 * (`._` is a str), where OmegaConf's loader reads `._` as a float (./scalar.ts).
 */
const DUMP_BOOL =
  /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const DUMP_FLOAT =
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const DUMP_INT =
  /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const DUMP_NULL = /^(?:~|null|Null|NULL|)$/;
const DUMP_TIMESTAMP =
  /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/;

function readsBackAsStr(s: string): boolean {
  // Python's `$` also matches before a final newline
  const t = s.endsWith("\n") ? s.slice(0, -1) : s;
  if (s === "") return false;
  return !(DUMP_BOOL.test(t) || DUMP_FLOAT.test(t) || DUMP_INT.test(t) || DUMP_NULL.test(t) ||
    DUMP_TIMESTAMP.test(t) || t === "<<" || t === "=");
}

function strEvent(s: string): ScalarEvent {
  return omegaQuotes(s)
    ? { value: s, style: "'", implicitPlain: readsBackAsStr(s) }
    : { value: s, implicitPlain: readsBackAsStr(s) };
}

function base64Lines(bytes: Uint8Array): string {
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  const b64 = btoa(bin);
  let out = "";
  for (let i = 0; i < b64.length; i += 76) out += b64.slice(i, i + 76) + "\n";
  return out;
}

function valueEvent(node: ValueNode): ScalarEvent {
  switch (node.type) {
    case "int":
      return { value: String(node.value), implicitPlain: true };
    case "float":
      return { value: yamlFloat(node.value as number), implicitPlain: true };
    case "bool":
      return { value: node.value ? "true" : "false", implicitPlain: true };
    case "null":
      return { value: "null", implicitPlain: true };
    case "missing":
      return strEvent("???");
    case "bytes":
      return {
        value: base64Lines(bytesFromRepr(node.value as string)),
        style: "|",
        implicitPlain: false,
        tag: "!!binary",
      };
    default:
      return strEvent(node.value as string);
  }
}

function keyEvent(key: Key): ScalarEvent {
  if (typeof key === "string") return strEvent(key);
  if (key === null) return { value: "null", implicitPlain: true };
  if (typeof key === "boolean") return { value: key ? "true" : "false", implicitPlain: true };
  if (key instanceof FloatKey) return { value: yamlFloat(key.value), implicitPlain: true };
  // a JS number that is no int (a Map's NaN or Infinity key) is a float: `.nan`, not `NaN`
  if (typeof key === "number" && !Number.isInteger(key)) {
    return { value: yamlFloat(key), implicitPlain: true };
  }
  return { value: String(key), implicitPlain: true };
}

/** Python's `sorted` over dict keys, or undefined when it would raise TypeError. */
function sortedKeys<T extends { key: Key }>(entries: T[]): T[] | undefined {
  const kinds = new Set(entries.map((e) => {
    const k = e.key;
    if (typeof k === "string") return "str";
    if (k === null) return "none";
    return "num";
  }));
  if (kinds.size > 1 || (kinds.has("none") && entries.length > 1)) return undefined;
  const num = (k: Key) =>
    k instanceof FloatKey ? k.value : typeof k === "boolean" ? (k ? 1 : 0) : Number(k);
  return [...entries].sort((a, b) => {
    if (typeof a.key === "string") {
      const x = a.key, y = b.key as string;
      // code point order, as Python compares str
      const xa = Array.from(x), ya = Array.from(y);
      for (let i = 0; i < Math.min(xa.length, ya.length); i++) {
        const d = xa[i].codePointAt(0)! - ya[i].codePointAt(0)!;
        if (d !== 0) return d;
      }
      return xa.length - ya.length;
    }
    return num(a.key) - num(b.key);
  });
}

class Emitter extends Writer {
  constructor(readonly sortKeys: boolean, readonly fast: boolean) {
    super();
  }

  chooseStyle(ev: ScalarEvent, a: Analysis, simpleKey: boolean): string {
    if (!ev.style && ev.implicitPlain) {
      if (
        !(simpleKey && (a.empty || a.multiline)) &&
        (this.flowLevel ? a.allowFlowPlain : a.allowBlockPlain)
      ) return "";
    }
    if (ev.style === "|" && !this.flowLevel && !simpleKey) return "|";
    if (!ev.style || ev.style === "'") {
      if (a.allowSingleQuoted && !(simpleKey && a.multiline)) return "'";
    }
    return '"';
  }

  /**
   * Writes a string scalar the short way when it is printable ASCII that is
   * written plain (folded or not) or single-quoted without folding: the same bytes
   * {@link Emitter.scalar} writes, without splitting it into characters.
   * Returns false (nothing written) for any other text.
   */
  fastStr(s: string, simpleKey: boolean): boolean {
    if (s.length === 0 || this.flowLevel !== 0) return false;
    const bits = scanAscii(s);
    if ((bits & SCAN_NOT_ASCII) !== 0) return false;
    const plain = (bits & SCAN_NOT_PLAIN) === 0 &&
      (plainByFirstChar(s) || (!omegaQuotes(s) && readsBackAsStr(s)));
    // folding happens only at a space past column 80
    if (!simpleKey && (bits & SCAN_SPACE) !== 0 && this.column + s.length + 3 > this.bestWidth) {
      if (!plain && (bits & SCAN_QUOTE) !== 0) return false;
      this.increaseIndent(true); // as scalar() does: a folded line is indented one step more
      if (plain) this.plainFolded(s);
      else this.singleQuotedFolded(s);
      this.popIndent();
      return true;
    }
    if (plain) this.plainText(s);
    else if ((bits & SCAN_QUOTE) !== 0) return false;
    else this.singleQuotedText(s);
    return true;
  }

  value(node: ValueNode) {
    if (this.fast) {
      switch (node.type) {
        case "int":
          return this.plainText(String(node.value));
        case "float":
          return this.plainText(yamlFloat(node.value as number));
        case "bool":
          return this.plainText(node.value ? "true" : "false");
        case "null":
          return this.plainText("null");
        case "str":
          if (this.fastStr(node.value as string, false)) return;
      }
    }
    this.scalar(valueEvent(node), false);
  }

  scalar(ev: ScalarEvent, simpleKey: boolean, a = analyzeScalar(ev.value)) {
    this.increaseIndent(true);
    const style = this.chooseStyle(ev, a, simpleKey);
    if (ev.tag) this.indicator(ev.tag, true);
    const split = !simpleKey;
    if (style === "") this.plain(a.chars, split);
    else if (style === "'") this.singleQuoted(a.chars, split);
    else if (style === "|") this.literal(ev.value);
    else this.doubleQuoted(a.chars, split);
    this.popIndent();
  }

  node(node: Node, mapping: boolean) {
    if (node.kind === "value") return this.value(node);
    // a big file's unread subtree is read a child at a time, and not kept (core/lazy.ts)
    if (node.kind === "list") {
      if (isEmpty(node)) return this.emptyFlow("[", "]");
      this.increaseIndent(false, mapping && !this.indention);
      eachItem(node, (item) => {
        this.writeIndent();
        this.indicator("-", true, false, true);
        this.node(item, false);
      });
      return this.popIndent();
    }
    if (isEmpty(node)) return this.emptyFlow("{", "}");
    this.increaseIndent(false);
    const sorted = this.sortKeys ? sortedKeys([...peek(node).entries.values()]) : undefined;
    if (sorted) { for (const { key, node: value } of sorted) this.entry(key, value); }
    else if (isUnread(node)) eachEntry(node, (key, value) => this.entry(key, value));
    else for (const e of node.entries.values()) this.entry(e.key, e.node);
    this.popIndent();
  }

  entry(key: Key, value: Node) {
    this.writeIndent();
    if (this.fast && typeof key === "string" && key.length < 128 && this.fastStr(key, true)) {
      this.indicator(":", false);
      this.node(value, true);
      return;
    }
    const ev = keyEvent(key);
    const a = analyzeScalar(ev.value);
    if (a.chars.length < 128 && !a.empty && !a.multiline) {
      this.scalar(ev, true, a);
      this.indicator(":", false);
    } else {
      this.indicator("?", true, false, true);
      this.scalar(ev, false, a);
      this.writeIndent();
      this.indicator(":", true, false, true);
    }
    this.node(value, true);
  }

  emptyFlow(open: string, close: string) {
    this.indicator(open, true, true);
    this.flowLevel++;
    this.increaseIndent(true);
    this.popIndent();
    this.flowLevel--;
    this.indicator(close, false);
  }
}

/**
 * The YAML text of a config as OmegaConf.to_yaml writes it (unresolved:
 * interpolations stay as written; resolve the tree first for `resolve=True`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml, toYaml } from "../../engine.ts";
 * assert.equal(toYaml(loadYaml("lr: 1e-5\nname: '1'\n")), "lr: 1.0e-05\nname: '1'\n");
 * ```
 */
export function toYaml(node: Node, options: ToYamlOptions = {}): string {
  return emit(node, options, true);
}

/**
 * {@link toYaml} without its fast path for plain ASCII scalars: every scalar
 * goes through PyYAML's full analysis. The tests compare the two.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml } from "./load.ts";
 * import { toYaml, toYamlGeneral } from "./emit.ts";
 * const cfg = loadYaml("a: x y\nb: '1'\n");
 * assert.equal(toYamlGeneral(cfg), toYaml(cfg));
 * ```
 */
export function toYamlGeneral(node: Node, options: ToYamlOptions = {}): string {
  return emit(node, options, false);
}

/**
 * {@link toYaml} as runs of text to write one after the other (a 50 MB
 * output is never one string).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml, toYaml, toYamlRuns } from "../../engine.ts";
 * const cfg = loadYaml("a: [1, x]");
 * assert.equal(toYamlRuns(cfg).join(""), toYaml(cfg));
 * ```
 */
export function toYamlRuns(node: Node, options: ToYamlOptions = {}): string[] {
  const e = new Emitter(options.sortKeys ?? false, true);
  e.node(node, false);
  e.writeIndent();
  return e.runs();
}

/**
 * {@link toYaml} as UTF-8 chunks, for output that goes to a file or a pipe
 * (no string is decoded only to be encoded again). With `sink`, each chunk
 * goes to it as it fills (valid only during the call) and none is returned.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml } from "./load.ts";
 * import { toYaml, toYamlBytes } from "./emit.ts";
 * const cfg = loadYaml("a: [1, é]");
 * const text = toYamlBytes(cfg).map((c) => new TextDecoder().decode(c)).join("");
 * assert.equal(text, toYaml(cfg));
 * ```
 */
export function toYamlBytes(
  node: Node,
  options: ToYamlOptions = {},
  sink?: (chunk: Uint8Array) => void,
): Uint8Array[] {
  const e = new Emitter(options.sortKeys ?? false, true);
  e.keepBytes(sink);
  e.node(node, false);
  e.writeIndent();
  return e.byteRuns();
}

function emit(node: Node, options: ToYamlOptions, fast: boolean): string {
  const e = new Emitter(options.sortKeys ?? false, fast);
  e.node(node, false);
  e.writeIndent();
  return e.text();
}

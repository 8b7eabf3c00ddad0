/**
 * Reads the node table the WASM override parser (asm/override.ts) leaves for
 * one override into values ({@link Val}), evaluating grammar functions
 * (`choice`, `range`, casts, ...) with Hydra's semantics as it goes.
 *
 * @module
 */

import { NODE, NodeKind, type RawBatch } from "../../asm/override.ts";
import { clip, ErrorCode, StrataError } from "../errors.ts";
import { escapeUnprintable } from "../pyformat.ts";
import { pyFloatOfString, pyIntOfString } from "./casts.ts";
import { callFunction } from "./functions.ts";
import { globElement } from "./nested.ts";
import type { NestedSweep, ParsedElement } from "./types.ts";
import { isSweep, PyError, pyRepr, pyType, type Val } from "./values.ts";

/**
 * Reads the node table of one override into values, evaluating functions.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { OV, parseOverridesRaw } from "../../asm/override.ts";
 * import { Reader } from "./reader.ts";
 * const text = "a=[x,'y']";
 * const raw = parseOverridesRaw([text]);
 * const reader = new Reader(raw, text, raw.starts[0]);
 * reader.at = raw.ovs[0 * OV + 6]; // the override's value node
 * assert.deepEqual(reader.read(), {
 *   t: "list",
 *   v: [{ t: "str", v: "x" }, { t: "quoted", v: "y", quote: "'" }],
 * });
 * ```
 */
export class Reader {
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
        e.hint,
      );
    }
  }

  error(message: string, start: number, end?: number, hint?: string): StrataError {
    return new StrataError(
      ErrorCode.OverrideParse,
      `Error parsing override '${clip(escapeUnprintable(this.text))}': ${message}`,
      {
        snippet: { text: this.text, start, end },
        ...(hint === undefined ? {} : { related: [{ message: hint, origin: {} }] }),
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

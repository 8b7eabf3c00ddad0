/**
 * The flat table of the WASM interpolation engine: one preorder walk writes
 * i32 records (kind, parent, key id, subtree size, text offset, text length)
 * and one UTF-8 arena (key texts, interpolation texts, and str leaves when a
 * nested interpolation may need them as key pieces). Buffers are reused
 * between calls; the layout is documented in asm/assembly/interp/engine.ts.
 *
 * @module
 */

import type { Node, ValueNode } from "../node.ts";
import { Interp, Kind } from "../../asm/abi.ts";

const encoder = new TextEncoder();

/** A flattened tree; `recs` and `arena` may be longer than used (reused buffers). */
export interface Flat {
  n: number;
  nodes: Node[];
  recs: Int32Array;
  keyOffLen: number[];
  /** The string keys by id. */
  keyNames: string[];
  arena: Uint8Array;
  arenaLen: number;
  /** Whether str leaves carry their bytes (some interpolation nests `${`). */
  strBytes: boolean;
  /** `plain[i]` is 1 when no interpolation is in node i's subtree. */
  plain: Uint8Array;
}

/**
 * Reusable buffers of one encoder (a nested resolution gets its own).
 *
 * @example
 * ```ts
 * import { Encoder } from "./engine_codec.ts";
 * import { dict, str } from "../node.ts";
 * const enc = new Encoder();
 * const flat = enc.encode(dict([["a", str("${b}")]]));
 * new TextDecoder().decode(flat.arena.subarray(0, flat.arenaLen)); // "a${b}"
 * ```
 */
export class Encoder {
  recs = new Int32Array(1 << 12);
  arena = new Uint8Array(1 << 14);
  plain = new Uint8Array(1 << 10);
  at = 0;

  private growRecs(need: number): void {
    let cap = this.recs.length * 2;
    while (cap < need) cap *= 2;
    const r = new Int32Array(cap);
    r.set(this.recs);
    this.recs = r;
  }

  private ensureArena(extra: number): void {
    if (this.at + extra <= this.arena.length) return;
    let cap = this.arena.length * 2;
    while (cap < this.at + extra) cap *= 2;
    const a = new Uint8Array(cap);
    a.set(this.arena.subarray(0, this.at));
    this.arena = a;
  }

  /** Writes a string as UTF-8 (ASCII fast path); returns its byte length. */
  write(s: string): number {
    const len = s.length;
    this.ensureArena(len * 3);
    const a = this.arena;
    const at = this.at;
    for (let k = 0; k < len; k++) {
      const c = s.charCodeAt(k);
      if (c >= 128) {
        const w = encoder.encodeInto(s, a.subarray(at)).written;
        this.at = at + w;
        return w;
      }
      a[at + k] = c;
    }
    this.at = at + len;
    return len;
  }

  /**
   * Flattens a tree in preorder.
   *
   * @example
   * ```ts
   * import { Encoder } from "./engine_codec.ts";
   * import { dict, int, str } from "../node.ts";
   * new Encoder().encode(dict([["a", int(1)], ["b", str("${a}")]])).n; // 3
   * ```
   */
  encode(root: Node): Flat {
    this.at = 0;
    const nodes: Node[] = [];
    const keyIds = new Map<string, number>();
    const keyOffLen: number[] = [];
    const keyNames: string[] = [];
    const strLeaves: number[] = [];
    let nested = false;
    let recs = this.recs;
    let plain = this.plain;
    /** Returns whether the subtree holds an interpolation. */
    const visit = (node: Node, parent: number, key: number): boolean => {
      const self = nodes.length;
      nodes.push(node);
      const r = self * Interp.Rec;
      if (r + Interp.Rec > recs.length) {
        this.growRecs(r + Interp.Rec);
        recs = this.recs;
      }
      if (self >= plain.length) {
        const p = new Uint8Array(plain.length * 2);
        p.set(plain);
        plain = this.plain = p;
      }
      let interp = false;
      recs[r + 1] = parent;
      recs[r + 2] = key;
      recs[r + 4] = 0;
      recs[r + 5] = 0;
      if (node.kind === "dict") {
        recs[r] = Kind.Dict;
        for (const e of node.entries.values()) {
          const k = e.key;
          let id = -1;
          if (typeof k === "string") {
            id = keyIds.get(k) ?? -1;
            if (id < 0) {
              id = keyOffLen.length >> 1;
              keyIds.set(k, id);
              keyNames.push(k);
              const off = this.at;
              keyOffLen.push(off, this.write(k));
            }
          }
          if (visit(e.node, self, id)) interp = true;
        }
      } else if (node.kind === "list") {
        recs[r] = Kind.List;
        const items = node.items;
        for (let i = 0; i < items.length; i++) if (visit(items[i], self, -(i + 2))) interp = true;
      } else {
        const t = node.type;
        if (t === "str") {
          const s = node.value as string;
          const first = s.indexOf("${");
          if (first >= 0) {
            recs[r] = Kind.Interp;
            interp = true;
            recs[r + 4] = this.at;
            recs[r + 5] = this.write(s);
            if (!nested && s.indexOf("${", first + 2) >= 0) nested = true;
          } else {
            recs[r] = Kind.Str;
            strLeaves.push(self);
          }
        } else recs[r] = t === "missing" ? Kind.Missing : t === "null" ? Kind.Null : Kind.Value;
      }
      recs[r + 3] = nodes.length - self;
      plain[self] = interp ? 0 : 1;
      return interp;
    };
    visit(root, -1, -1);
    if (nested) {
      for (const i of strLeaves) {
        recs[i * Interp.Rec + 4] = this.at;
        recs[i * Interp.Rec + 5] = this.write((nodes[i] as ValueNode).value as string);
      }
    }
    return {
      n: nodes.length,
      nodes,
      recs: this.recs,
      keyOffLen,
      keyNames,
      arena: this.arena,
      arenaLen: this.at,
      strBytes: nested,
      plain: this.plain,
    };
  }
}

/**
 * The flat table of the WASM interpolation engine: one preorder walk writes
 * i32 records (kind, parent, key id, subtree size, text offset, text length)
 * and one UTF-8 arena (key texts, interpolation texts, and str leaves when a
 * nested interpolation may need them as key pieces). The records are written
 * straight into the engine's memory, in a buffer that grows in place as the
 * walk learns the tree's size, and read there after the call: no copy, and no
 * fresh JS buffer per doubling (on this kind of VM a first touch of a page
 * costs ~13 µs; BENCHMARKS.md). The layout is asm/ABI.md's.
 *
 * @module
 */

import type { Node, ValueNode } from "../node.ts";
import { Interp, Kind } from "../../asm/abi.ts";
import { alloc, free, memory, realloc } from "../../asm/wasm.ts";

const encoder = new TextEncoder();
const HEADER_BYTES = Interp.Header * 4;

/**
 * A flattened tree. `recs` is a view of the engine's memory: any call into
 * the engine may grow that memory and leave the view empty, so code that
 * reads the records after one takes them again with {@link Flat.fresh}.
 * `arena` and `plain` may be longer than used (reused buffers).
 */
export class Flat {
  /**
   * @param n how many nodes
   * @param nodes the nodes, in preorder
   * @param recs the records (a view of the engine's memory)
   * @param keyOffLen each string key's offset and length in the arena
   * @param keyNames the string keys by id
   * @param arena the UTF-8 texts
   * @param arenaLen the arena's used length
   * @param strBytes whether str leaves carry their bytes (some interpolation nests `${`)
   * @param plain `plain[i]` is 1 when no interpolation is in node i's subtree
   * @param owner the encoder whose engine buffer holds the records
   */
  constructor(
    readonly n: number,
    readonly nodes: Node[],
    public recs: Int32Array,
    readonly keyOffLen: number[],
    readonly keyNames: string[],
    readonly arena: Uint8Array,
    readonly arenaLen: number,
    readonly strBytes: boolean,
    readonly plain: Uint8Array,
    readonly owner: Encoder,
  ) {}

  /** The records, as a view taken again if the engine's memory has grown since. */
  fresh(): Int32Array {
    if (this.recs.buffer !== memory.buffer) {
      this.recs = new Int32Array(memory.buffer, this.owner.ptr + HEADER_BYTES, this.n * Interp.Rec);
    }
    return this.recs;
  }
}

/** The records an encoder first makes room for (address space; written pages are the cost). */
const FIRST_ROOM = 1 << 20;

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
  arena = new Uint8Array(1 << 14);
  plain = new Uint8Array(1 << 10);
  at = 0;
  /** The engine buffer: header words, then room for `cap` records (0: none yet). */
  ptr = 0;
  private cap = 0;

  /** A view of room for at least `need` records, the buffer grown (in place, at the top) if short. */
  private table(need: number): Int32Array {
    if (need > this.cap) {
      // a first room of 2^20 records (24 MiB of engine address space): pages are memory only
      // once written, and a table grown by doubling would leave each move's pages touched
      // (~2x the table, which the engine never gives back: peak memory)
      let cap = Math.max(this.cap * 2, FIRST_ROOM);
      while (cap < need) cap *= 2;
      const bytes = HEADER_BYTES + cap * Interp.Rec * 4;
      this.ptr = this.ptr === 0 ? alloc(bytes) : realloc(this.ptr, bytes);
      this.cap = cap;
    }
    return new Int32Array(memory.buffer, this.ptr + HEADER_BYTES, this.cap * Interp.Rec);
  }

  /**
   * The engine buffer resized to `bytes` (the header, the records, then what
   * the call reads after them), for the call; its address.
   */
  seal(bytes: number): number {
    this.ptr = realloc(this.ptr, bytes);
    this.cap = Math.floor((bytes - HEADER_BYTES) / (Interp.Rec * 4));
    return this.ptr;
  }

  /** Frees the engine buffer (an encoder of one nested resolution, once done). */
  release(): void {
    if (this.ptr !== 0) free(this.ptr);
    this.ptr = 0;
    this.cap = 0;
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
    let recs = this.table(1 << 10);
    let plain = this.plain;
    /** Returns whether the subtree holds an interpolation. */
    const visit = (node: Node, parent: number, key: number): boolean => {
      const self = nodes.length;
      nodes.push(node);
      const r = self * Interp.Rec;
      if (r + Interp.Rec > recs.length) recs = this.table(self + 1);
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
    const n = nodes.length;
    return new Flat(
      n,
      nodes,
      recs.subarray(0, n * Interp.Rec),
      keyOffLen,
      keyNames,
      this.arena,
      this.at,
      nested,
      this.plain,
      this,
    );
  }
}

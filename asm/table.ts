/**
 * The flat node table: config trees flattened into i32 records (preorder) and
 * one UTF-8 string arena, the only form in which trees cross into WASM. The
 * layout is documented beside its reader, asm/assembly/table.ts.
 *
 * @module
 */

import { fullKey, isInterpolationString, type Key, type Node } from "../core/node.ts";

/** Record width in i32 words. */
export const REC = 5;
/** Header words before the first tree. */
export const HEADER = 6;
/** "STR1" */
export const MAGIC = 0x53545231;

/** Node kinds in the table. */
export const Kind = { Dict: 0, List: 1, Value: 2, Missing: 3, Interp: 4, Null: 5 } as const;

/** Flag bits in the table. */
export const FlagBit = { StructSet: 1, Struct: 2, ReadonlySet: 4, Readonly: 8 } as const;

/** One flattened tree: its nodes in preorder with parent links, for reading results back. */
export interface FlatTree {
  nodes: Node[];
  parents: Int32Array;
  /** The key of each node in its parent (for dict children), as written. */
  keys: unknown[];
}

/** The encoded input of one engine call. */
export interface Encoded {
  words: Int32Array;
  arena: Uint8Array;
  trees: FlatTree[];
  /** String id → string, for keys and interpolation texts. */
  strings: string[];
}

function flagBits(node: Node): number {
  const f = node.flags;
  if (!f) return 0;
  let bits = 0;
  if (f.struct !== undefined) bits |= FlagBit.StructSet | (f.struct ? FlagBit.Struct : 0);
  if (f.readonly !== undefined) bits |= FlagBit.ReadonlySet | (f.readonly ? FlagBit.Readonly : 0);
  return bits;
}

function kindOf(node: Node): number {
  if (node.kind === "dict") return Kind.Dict;
  if (node.kind === "list") return Kind.List;
  if (node.type === "missing") return Kind.Missing;
  if (node.type === "null") return Kind.Null;
  if (node.type === "str" && isInterpolationString(node.value as string)) return Kind.Interp;
  return Kind.Value;
}

/**
 * Flattens trees into one table. Keys are interned by their canonical form, so
 * the engine compares keys as integers.
 *
 * @example
 * ```ts
 * import { encodeTrees } from "./table.ts";
 * import { dict, int } from "../core/node.ts";
 * const enc = encodeTrees([dict([["a", int(1)]])]);
 * enc.trees[0].nodes.length; // 2
 * ```
 */
export function encodeTrees(roots: Node[]): Encoded {
  const ids = new Map<string, number>();
  const strings: string[] = [];
  const intern = (canon: string, text: string): number => {
    let id = ids.get(canon);
    if (id === undefined) {
      id = strings.length;
      ids.set(canon, id);
      strings.push(text);
    }
    return id;
  };
  const recs: number[] = [MAGIC, roots.length, 0, 0, 0, 0];
  const trees: FlatTree[] = [];
  for (const root of roots) {
    const countAt = recs.length;
    recs.push(0);
    const nodes: Node[] = [];
    const parents: number[] = [];
    const keys: unknown[] = [];
    const visit = (node: Node, key: number, keyValue: unknown, parent: number): void => {
      const self = nodes.length;
      nodes.push(node);
      parents.push(parent);
      keys.push(keyValue);
      const at = recs.length;
      const kind = kindOf(node);
      const text = node.kind === "value" ? node.value as string : "";
      const strId = kind === Kind.Interp ? intern("v" + text, text) : -1;
      recs.push(kind, 1, key, flagBits(node), strId);
      if (node.kind === "dict") {
        for (const [canon, e] of node.entries) {
          visit(e.node, intern(canon, String(e.key)), e.key, self);
        }
      } else if (node.kind === "list") {
        node.items.forEach((item, i) => visit(item, -1, i, self));
      }
      recs[at + 1] = nodes.length - self;
    };
    visit(root, -1, undefined, -1);
    recs[countAt] = nodes.length;
    trees.push({ nodes, parents: Int32Array.from(parents), keys });
  }
  // string table and arena
  const enc = new TextEncoder();
  const encoded = strings.map((s) => enc.encode(s));
  recs[2] = strings.length;
  recs[3] = recs.length;
  let offset = 0;
  for (const bytes of encoded) {
    recs.push(offset, bytes.length);
    offset += bytes.length;
  }
  const arena = new Uint8Array(offset);
  offset = 0;
  for (const bytes of encoded) {
    arena.set(bytes, offset);
    offset += bytes.length;
  }
  recs[4] = recs.length * 4;
  recs[5] = arena.length;
  return { words: Int32Array.from(recs), arena, trees, strings };
}

/**
 * The full key (`a.b[0]`) of node `i` of a flattened tree.
 *
 * @example
 * ```ts
 * import { encodeTrees, fullKeyOf } from "./table.ts";
 * import { dict, int } from "../core/node.ts";
 * const enc = encodeTrees([dict([["a", dict([["b", int(1)]])]])]);
 * fullKeyOf(enc.trees[0], 2); // "a.b"
 * ```
 */
export function fullKeyOf(tree: FlatTree, i: number): string {
  const keys: Key[] = [];
  const indexes: boolean[] = [];
  for (let n = i; n > 0; n = tree.parents[n]) {
    keys.unshift(tree.keys[n] as Key);
    indexes.unshift(tree.nodes[tree.parents[n]].kind === "list");
  }
  return fullKey(keys, indexes);
}

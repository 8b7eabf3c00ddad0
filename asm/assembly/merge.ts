// Deep merge of N config trees, left to right, with OmegaConf's rules.
//
// The result is a new table whose records point back at input nodes
// (side = tree index, idx = node index), so the host reuses leaves and
// origins without copying values through the boundary.

import {
  F_RO,
  F_RO_SET,
  F_STRUCT,
  F_STRUCT_SET,
  KIND_DICT,
  KIND_LIST,
  KIND_MISSING,
  Tree,
} from "./table";

export const OK: i32 = 0;
/** A key that the struct-mode destination does not have. */
export const ERR_STRUCT_KEY: i32 = 1;
/** Dict merged with list or list with dict. */
export const ERR_TYPE: i32 = 2;
/** A merge into a readonly destination (only when readonly is honoured). */
export const ERR_READONLY: i32 = 3;

/** A node of the tree being built. */
class MNode {
  children: Array<MNode> = new Array<MNode>(0);
  byKey: Map<i32, i32> = new Map<i32, i32>();
  constructor(
    public kind: i32,
    public key: i32,
    public side: i32,
    public idx: i32,
    public flags: i32,
  ) {}
}

export class MergeError {
  constructor(
    public code: i32,
    public side: i32,
    public idx: i32,
    /** the destination container the failing key was merged into */
    public destSide: i32,
    public destIdx: i32,
  ) {}
}

export class Merger {
  error: MergeError | null = null;
  constructor(public trees: Array<Tree>, public honourReadonly: bool) {}

  /** A copy of input node `i` of tree `side`, with its subtree. */
  copy(side: i32, i: i32, key: i32): MNode {
    const t = this.trees[side];
    const node = new MNode(t.kind(i), key, side, i, t.flags(i));
    const kind = node.kind;
    if (kind == KIND_DICT || kind == KIND_LIST) {
      const end = i + t.size(i);
      let c = i + 1;
      while (c < end) {
        const child = this.copy(side, c, kind == KIND_DICT ? t.key(c) : -1);
        if (kind == KIND_DICT) node.byKey.set(child.key, node.children.length);
        node.children.push(child);
        c += t.size(c);
      }
    }
    return node;
  }

  /** Merges input node `i` of tree `side` into `dest`; returns the node that replaces dest. */
  mergeInto(dest: MNode, side: i32, i: i32, struct: bool, readonly: bool): MNode {
    if (this.error != null) return dest;
    const t = this.trees[side];
    const kind = t.kind(i);
    if (kind == KIND_MISSING) return dest; // ??? never overwrites
    const f = dest.flags;
    if (f & F_STRUCT_SET) struct = (f & F_STRUCT) != 0;
    if (f & F_RO_SET) readonly = (f & F_RO) != 0;
    if (readonly && this.honourReadonly) {
      this.error = new MergeError(ERR_READONLY, side, i, dest.side, dest.idx);
      return dest;
    }
    const dk = dest.kind;
    if ((dk == KIND_DICT && kind == KIND_LIST) || (dk == KIND_LIST && kind == KIND_DICT)) {
      this.error = new MergeError(ERR_TYPE, side, i, dest.side, dest.idx);
      return dest;
    }
    if (dk != KIND_DICT || kind != KIND_DICT) {
      // scalars, lists and scalar-over-dict replace the destination; it keeps its key and flags
      const out = this.copy(side, i, dest.key);
      if (dk == KIND_DICT || dk == KIND_LIST) {
        out.flags = dest.flags | (out.flags & ~(F_STRUCT_SET | F_STRUCT));
      }
      return out;
    }
    const end = i + t.size(i);
    let c = i + 1;
    while (c < end && this.error == null) {
      const key = t.key(c);
      if (dest.byKey.has(key)) {
        const pos = dest.byKey.get(key);
        dest.children[pos] = this.mergeInto(dest.children[pos], side, c, struct, readonly);
      } else if (struct) {
        this.error = new MergeError(ERR_STRUCT_KEY, side, c, dest.side, dest.idx);
      } else {
        dest.byKey.set(key, dest.children.length);
        dest.children.push(this.copy(side, c, key));
      }
      c += t.size(c);
    }
    return dest;
  }
}

/** Output record width: kind, size, key, side, idx, flags. */
export const OUT_REC: i32 = 6;

export function countNodes(n: MNode): i32 {
  let total = 1;
  for (let i = 0; i < n.children.length; i++) total += countNodes(n.children[i]);
  return total;
}

/** Writes `n` in preorder at record `at` of `out`; returns the next free record. */
export function emit(n: MNode, out: usize, at: i32): i32 {
  const p = out + ((<usize> (at * OUT_REC)) << 2);
  store<i32>(p, n.kind);
  store<i32>(p + 8, n.key);
  store<i32>(p + 12, n.side);
  store<i32>(p + 16, n.idx);
  store<i32>(p + 20, n.flags);
  let next = at + 1;
  for (let i = 0; i < n.children.length; i++) next = emit(n.children[i], out, next);
  store<i32>(p + 4, next - at);
  return next;
}

export { MNode };

// The flat node tables as the engine reads them (the writers are asm/table.ts
// for the generic STR1 table and asm/merge_codec.ts for the merge table).
//
// STR1 (generic): one buffer of i32 words in linear memory:
//   [0] magic  [1] nTrees  [2] nStrings  [3] stringTableWord  [4] arenaByte  [5] arenaLen
//   then per tree: nNodes, then nNodes records of REC words (preorder)
//   string table: nStrings pairs (byteOffset, byteLength) into the UTF-8 arena
// A record: kind, size (nodes in the subtree, itself included), key (string id
// of the key in its parent dict, -1 otherwise), flags, str (string id of the
// value text for interpolation leaves, -1 otherwise).
//
// MRG1 (merge): no strings cross the boundary, only interned key ids:
//   [0] magic  [1] nTrees  [2] pathWord (start of the path table)
//   [3] nKeys (key ids are below it: the engine sizes its key marks by it)
//   then per tree: nNodes, then nNodes records of MREC words (preorder):
//     word 0: kind | flags << 4
//     word 1: containers: nodes in the subtree (itself included);
//             interpolation leaves: word offset of its path in the path table, or -1
//     word 2: key id in the parent dict, -1 for list items and roots
//   path table entries: up (-1 absolute, else levels above the parent), nSegs,
//     then per segment: key id, int index (or -1 when the segment is not an index)

export const MAGIC: i32 = 0x53545231; // "STR1"
export const MERGE_MAGIC: i32 = 0x4d524731; // "MRG1"
export const REC: i32 = 5;
export const MREC: i32 = 3;

export const KIND_DICT: i32 = 0;
export const KIND_LIST: i32 = 1;
export const KIND_VALUE: i32 = 2;
export const KIND_MISSING: i32 = 3;
export const KIND_INTERP: i32 = 4;
export const KIND_NULL: i32 = 5;

// flags: bit 0 struct is set, bit 1 struct value, bit 2 readonly is set, bit 3 readonly value
export const F_STRUCT_SET: i32 = 1;
export const F_STRUCT: i32 = 2;
export const F_RO_SET: i32 = 4;
export const F_RO: i32 = 8;

/** One tree of a STR1 input: where its records start and how many there are. */
export class Tree {
  constructor(public base: usize, public n: i32) {}

  @inline
  kind(i: i32): i32 {
    return load<i32>(this.base + ((<usize> (i * REC)) << 2));
  }
  @inline
  size(i: i32): i32 {
    return load<i32>(this.base + ((<usize> (i * REC + 1)) << 2));
  }
  @inline
  key(i: i32): i32 {
    return load<i32>(this.base + ((<usize> (i * REC + 2)) << 2));
  }
  @inline
  flags(i: i32): i32 {
    return load<i32>(this.base + ((<usize> (i * REC + 3)) << 2));
  }
}

/** Reads the trees of a STR1 input buffer. */
export function readTrees(buf: usize): Array<Tree> {
  const n = load<i32>(buf + 4);
  const trees = new Array<Tree>(0);
  let p: usize = buf + 24;
  for (let t = 0; t < n; t++) {
    const count = load<i32>(p);
    trees.push(new Tree(p + 4, count));
    p += 4 + ((<usize> (count * REC)) << 2);
  }
  return trees;
}

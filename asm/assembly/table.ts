// The flat node table of the merge, as the engine reads it (the writer is
// core/engine/merge_codec.ts; the interpolation engine has its own, core/resolve/engine_codec.ts).
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

import { Flag, Kind, Merge } from "../abi";

export const MERGE_MAGIC: i32 = Merge.Magic; // "MRG1"
export const MREC: i32 = Merge.Rec;

export const KIND_DICT: i32 = Kind.Dict;
export const KIND_LIST: i32 = Kind.List;
export const KIND_VALUE: i32 = Kind.Value;
export const KIND_MISSING: i32 = Kind.Missing;
export const KIND_INTERP: i32 = Kind.Interp;
export const KIND_NULL: i32 = Kind.Null;

// flags: bit 0 struct is set, bit 1 struct value, bit 2 readonly is set, bit 3 readonly value
export const F_STRUCT_SET: i32 = Flag.StructSet;
export const F_STRUCT: i32 = Flag.Struct;
export const F_RO_SET: i32 = Flag.ReadonlySet;
export const F_RO: i32 = Flag.Readonly;

// Deep merge of N config trees, left to right, with OmegaConf 2.2's rules
// (BaseContainer._map_merge / _list_merge), over MRG1 tables (see table.ts).
//
// Speed: no managed objects. The result tree lives in one raw node arena
// (NODE_W words per node). Merging a source dict into a result dict marks the
// result's children in a key-id-indexed array, looks every source key up
// there, clears the marks, then recurses: O(children) per dict, no hashing.
// Input subtrees are referenced lazily: a result node that nothing merges into
// stays a reference to its input node and is never expanded, so merging a
// small override into a big base costs the size of the override. Buffers
// persist across calls.

import { Merge, MergeError, MergeMode } from "../abi";
import {
  childByKey,
  expand,
  EXPANDED,
  inAddr,
  inFlags,
  inKind,
  inWord1,
  markGet,
  markSet,
  N_FIRST,
  N_HEAD,
  N_IDX,
  N_KEY,
  N_KIDX,
  N_KSIDE,
  N_LAST,
  N_NEXT,
  N_PARENT,
  N_SIDE,
  ncopy,
  newNode,
  nflags,
  nget,
  nkind,
  nodesCount,
  nodesReset,
  nset,
  pathWord,
  setFlags,
  setInput,
  sizeAt,
  stackCapacity,
  stackEnsure,
  stackGet,
  stackPop,
  stackPush,
  stackSet,
} from "./merge_store";
import {
  F_RO,
  F_RO_SET,
  F_STRUCT,
  F_STRUCT_SET,
  KIND_DICT,
  KIND_INTERP,
  KIND_LIST,
  KIND_MISSING,
  KIND_NULL,
  MREC,
} from "./table";

/** A key that the struct-mode destination does not have. */
export const ERR_STRUCT_KEY: i32 = MergeError.StructKey;
/** Dict merged with list or list with dict. */
export const ERR_TYPE: i32 = MergeError.Type;
/** A set into a readonly dict. */
export const ERR_READONLY: i32 = MergeError.Readonly;
/** An append into a readonly list. */
export const ERR_READONLY_LIST: i32 = MergeError.ReadonlyList;
/** A destination interpolation only the host can dereference (see abi.ts). */
export const ERR_HOST_DEREF: i32 = MergeError.HostDeref;

/** Merge into a copy: the first tree's root readonly flag is ignored (OmegaConf.merge). */
export const MODE_MERGE: i32 = MergeMode.Merge;
/** Merge in place: readonly is honoured everywhere (DictConfig.merge_with). */
export const MODE_MERGE_WITH: i32 = MergeMode.MergeWith;

const OUT_HEADER: i32 = Merge.OutHeader;
const OUT_REC: i32 = Merge.OutRec;
const MAX_DEREF: i32 = 64;

let errCode: i32 = 0;
let errSide: i32 = 0;
let errIdx: i32 = 0;
let errDest: i32 = -1;
let derefDepth: i32 = 0;
// set when a dereference met an interpolation that only the host can resolve
let needHost: bool = false;
let root: i32 = 0;

let inputPtr: usize = 0;
let inputCap: usize = 0;
let outPtr: usize = 0;
let outCap: usize = 0;

/** A buffer of at least `bytes` bytes for the host to write a MRG1 table into (reused). */
export function mergeInput(bytes: i32): usize {
  if (<usize> bytes > inputCap) {
    if (inputPtr != 0) heap.free(inputPtr);
    inputCap = max<usize>(<usize> bytes, inputCap << 1);
    inputPtr = heap.alloc(inputCap);
  }
  return inputPtr;
}

function fail(code: i32, side: i32, idx: i32, dest: i32): void {
  errCode = code;
  errSide = side;
  errIdx = idx;
  errDest = dest;
}

function applyFlags(d: i32, src: i32): void {
  let f = nflags(d);
  if (src & F_STRUCT_SET) f = (f & ~(F_STRUCT_SET | F_STRUCT)) | (src & (F_STRUCT_SET | F_STRUCT));
  if (src & F_RO_SET) f = (f & ~(F_RO_SET | F_RO)) | (src & (F_RO_SET | F_RO));
  setFlags(d, f);
}

/** Makes result node `n` a lazy reference to input node (side, i); it keeps its key and place. */
function replaceWithRef(n: i32, side: i32, i: i32): void {
  refTo(n, load<i32>(inAddr(side, i)), side, i);
}

/** {@link replaceWithRef} with the input record's word 0 already loaded. */

function refTo(n: i32, w0: i32, side: i32, i: i32): void {
  nset(n, N_HEAD, w0 & 0xff);
  nset(n, N_SIDE, side);
  nset(n, N_IDX, i);
  nset(n, N_FIRST, -1);
  nset(n, N_LAST, -1);
}

/** The container an interpolation leaf points at (following chains), or -1. */
function deref(n: i32): i32 {
  if (derefDepth >= MAX_DEREF) return -1;
  derefDepth++;
  const found = derefPath(n);
  derefDepth--;
  // OmegaConf refuses an interpolation to one of its own ancestors ("Interpolation to
  // parent node detected"): a merge then finds no container there and replaces the leaf
  return found >= 0 && isAncestor(found, n) ? -1 : found;
}

/** Whether result node `a` is a parent, grandparent, ... of result node `n`. */
function isAncestor(a: i32, n: i32): bool {
  for (let p = nget(n, N_PARENT); p >= 0; p = nget(p, N_PARENT)) if (p == a) return true;
  return false;
}

function derefPath(n: i32): i32 {
  const p = inWord1(nget(n, N_SIDE), nget(n, N_IDX));
  if (p < 0) {
    if (p == Merge.HostPath) needHost = true;
    return -1;
  }
  const up = pathWord(p);
  const nSegs = pathWord(p + 1);
  let cur = up < 0 ? root : nget(n, N_PARENT);
  for (let k = 0; k < up && cur >= 0; k++) cur = nget(cur, N_PARENT);
  for (let s = 0; s < nSegs && cur >= 0; s++) {
    if (nkind(cur) == KIND_INTERP) cur = deref(cur);
    if (cur < 0) return -1;
    const kind = nkind(cur);
    if (kind == KIND_DICT) {
      expand(cur);
      cur = childByKey(cur, pathWord(p + 2 + 2 * s));
    } else if (kind == KIND_LIST) {
      let index = pathWord(p + 3 + 2 * s);
      if (index < 0) return -1;
      expand(cur);
      cur = nget(cur, N_FIRST);
      while (index > 0 && cur >= 0) {
        cur = nget(cur, N_NEXT);
        index--;
      }
    } else {
      return -1;
    }
  }
  if (cur >= 0 && nkind(cur) == KIND_INTERP) cur = deref(cur);
  if (cur < 0) return -1;
  const kind = nkind(cur);
  return kind == KIND_DICT || kind == KIND_LIST ? cur : -1;
}

/** Replaces the content of `n` with a deep copy of result node `t` (dest[key] = target). */
function copyInto(n: i32, t: i32): void {
  const m = ncopy(t, -1, nget(n, N_KEY));
  nset(n, N_HEAD, nget(m, N_HEAD));
  nset(n, N_SIDE, nget(m, N_SIDE));
  nset(n, N_IDX, nget(m, N_IDX));
  nset(n, N_FIRST, nget(m, N_FIRST));
  nset(n, N_LAST, nget(m, N_LAST));
  for (let c = nget(n, N_FIRST); c >= 0; c = nget(c, N_NEXT)) nset(c, N_PARENT, n);
}

function effective(flags: i32, setBit: i32, valueBit: i32, inherited: bool): bool {
  return (flags & setBit) != 0 ? (flags & valueBit) != 0 : inherited;
}

function mergeList(d: i32, side: i32, i: i32, readonly: bool): void {
  if (readonly && inWord1(side, i) > 1) {
    fail(ERR_READONLY_LIST, side, i + 1, d);
    return;
  }
  const keep = nflags(d);
  replaceWithRef(d, side, i);
  setFlags(d, keep);
  applyFlags(d, inFlags(side, i));
}

/** Merges the source dict (side, i) into result dict d. */
function mergeDict(d: i32, side: i32, i: i32, struct: bool, readonly: bool): void {
  expand(d);
  const base = inAddr(side, 0);
  const end = i + inWord1(side, i);
  // Phase 1: find every source key's match among d's children (one pass each way).
  for (let c = nget(d, N_FIRST); c >= 0; c = nget(c, N_NEXT)) markSet(nget(c, N_KEY), c);
  const at = stackPush(0);
  let k = at;
  for (let c = i + 1; c < end; c += sizeAt(base + ((<usize> (c * MREC)) << 2))) {
    if (k == stackCapacity()) stackEnsure(k + 1);
    stackSet(k++, markGet(load<i32>(base + ((<usize> (c * MREC)) << 2), 8)));
  }
  stackPush(k - at);
  for (let c = nget(d, N_FIRST); c >= 0; c = nget(c, N_NEXT)) markSet(nget(c, N_KEY), -1);
  // Phase 2: merge each source child into its match (recursing) or add it.
  k = at;
  let c = i + 1;
  while (c < end && errCode == 0) {
    const addr = base + ((<usize> (c * MREC)) << 2);
    const w0 = load<i32>(addr);
    const key = load<i32>(addr, 8);
    const sk = w0 & 15;
    let dc = stackGet(k++);
    // OmegaConf first replaces a dest interpolation by a copy of the container
    // it points at. A source leaf other than ??? then replaces that copy (and
    // fails the same way on a readonly dest), so only those sources look.
    const derefs = sk == KIND_DICT || sk == KIND_LIST || sk == KIND_MISSING;
    if (derefs && dc >= 0 && nkind(dc) == KIND_INTERP) {
      const target = deref(dc);
      if (needHost) {
        // a resolver may give a container: the host resolves it and merges again
        fail(ERR_HOST_DEREF, side, c, dc);
        break;
      }
      if (target >= 0) {
        if (readonly) {
          fail(ERR_READONLY, side, c, d);
          break;
        }
        copyInto(dc, target);
      }
    }
    if (dc < 0) {
      const special = sk == KIND_MISSING || sk == KIND_NULL || sk == KIND_INTERP;
      if (struct && !(readonly && special)) fail(ERR_STRUCT_KEY, side, c, d);
      else if (readonly) fail(ERR_READONLY, side, c, d);
      else newNode(w0 & 0xff, key, side, c, d);
    } else {
      const dk = nkind(dc);
      const srcIsContainer = sk == KIND_DICT || sk == KIND_LIST;
      if (dk == KIND_DICT || dk == KIND_LIST) {
        if (srcIsContainer) {
          if (dk != sk) {
            fail(ERR_TYPE, side, c, dc);
          } else {
            const f = nflags(dc);
            const ro = effective(f, F_RO_SET, F_RO, readonly);
            if (dk == KIND_DICT) {
              mergeDict(dc, side, c, effective(f, F_STRUCT_SET, F_STRUCT, struct), ro);
            } else {
              mergeList(dc, side, c, ro);
            }
          }
        } else if (sk != KIND_MISSING) {
          if (readonly) fail(ERR_READONLY, side, c, d);
          else replaceWithRef(dc, side, c);
        }
      } else if (readonly) {
        fail(ERR_READONLY, side, c, d);
      } else if (sk != KIND_MISSING) {
        refTo(dc, w0, side, c);
      }
    }
    c += sizeAt(addr);
  }
  stackPop(at);
  if (errCode == 0) applyFlags(d, inFlags(side, i));
}

/** Writes the record of result node n at output record `at`. */

function record(n: i32, at: i32, head: i32, count: i32): void {
  const p = outPtr + ((<usize> (OUT_HEADER + at * OUT_REC)) << 2);
  store<i32>(p, head);
  store<i32>(p, count, 4);
  store<i32>(p, nget(n, N_KEY), 8);
  store<i32>(p, nget(n, N_KSIDE), 12);
  store<i32>(p, nget(n, N_KIDX), 16);
  store<i32>(p, nget(n, N_SIDE), 20);
  store<i32>(p, nget(n, N_IDX), 24);
}

/** Emits expanded container n and its subtree from record `at`; returns the next record. */
function emit(n: i32, at: i32): i32 {
  let next = at + 1;
  let count = 0;
  for (let c = nget(n, N_FIRST); c >= 0; c = nget(c, N_NEXT)) {
    const head = nget(c, N_HEAD);
    const kind = head & 15;
    if ((head & EXPANDED) != 0 && (kind == KIND_DICT || kind == KIND_LIST)) next = emit(c, next);
    else record(c, next++, head & ~EXPANDED, 0);
    count++;
  }
  record(n, at, nget(n, N_HEAD), count);
  return next;
}

/**
 * Merges every tree of the MRG1 table at `buf` into the first, left to right.
 * Returns the result buffer (reused across calls): a header of OUT_HEADER
 * words (error code, error side, error node, dest side, dest node, nRecords)
 * then nRecords records (kind | flags << 4 | expanded << 8, nChildren, key id,
 * key side, key idx, side, idx) in preorder. Unexpanded records stand for
 * their whole input node.
 */
export function mergeTables(buf: usize, mode: i32): usize {
  const nTrees = setInput(buf);
  nodesReset();
  stackPop(0);
  errCode = 0;
  errDest = -1;
  derefDepth = 0;
  needHost = false;
  root = newNode(load<i32>(inAddr(0, 0)) & 0xff, -1, 0, 0, -1);
  const rootRo = nflags(root) & (F_RO_SET | F_RO);
  if (mode == MODE_MERGE) setFlags(root, (nflags(root) & ~F_RO) | F_RO_SET);
  for (let s = 1; s < nTrees && errCode == 0; s++) {
    const rk = nkind(root);
    const sk = inKind(s, 0);
    const f = nflags(root);
    const ro = effective(f, F_RO_SET, F_RO, false);
    if (rk != sk) fail(ERR_TYPE, s, 0, root);
    else if (rk == KIND_DICT) {
      mergeDict(root, s, 0, effective(f, F_STRUCT_SET, F_STRUCT, false), ro);
    } else mergeList(root, s, 0, ro);
  }
  if (mode == MODE_MERGE) {
    const f = nflags(root);
    const turned = (f & F_RO_SET) != 0 && (f & F_RO) != 0;
    setFlags(root, (f & ~(F_RO_SET | F_RO)) | (turned ? F_RO_SET | F_RO : rootRo));
  }
  const need: usize = (<usize> (OUT_HEADER + (errCode != 0 ? 0 : nodesCount() * OUT_REC))) << 2;
  if (need > outCap) {
    if (outPtr != 0) heap.free(outPtr);
    outCap = max<usize>(need, outCap << 1);
    outPtr = heap.alloc(outCap);
  }
  store<i32>(outPtr, errCode);
  if (errCode != 0) {
    store<i32>(outPtr + 4, errSide);
    store<i32>(outPtr + 8, errIdx);
    store<i32>(outPtr + 12, errDest >= 0 ? nget(errDest, N_SIDE) : 0);
    store<i32>(outPtr + 16, errDest >= 0 ? nget(errDest, N_IDX) : 0);
    store<i32>(outPtr + 20, 0);
    return outPtr;
  }
  const rootHead = nget(root, N_HEAD);
  const rootKind = rootHead & 15;
  const expanded = (rootHead & EXPANDED) != 0 && (rootKind == KIND_DICT || rootKind == KIND_LIST);
  if (expanded) store<i32>(outPtr + 20, emit(root, 0));
  else {
    record(root, 0, rootHead & ~EXPANDED, 0);
    store<i32>(outPtr + 20, 1);
  }
  return outPtr;
}

/**
 * The fast YAML reader: a hand-written reader for what nearly all config
 * files, written by hand or generated, hold: block mappings and sequences,
 * plain and quoted scalars, also over several lines as PyYAML wraps them
 * (./fast_multiline.ts), block scalars (./fast_block.ts), PyYAML's standard
 * scalar tags, flow collections over any number of lines, JSON included
 * (./fast_flow.ts), comments, CRLF line ends. It gives up (returns
 * undefined) on anything else — anchors, other tags, comments in a flow
 * collection, tabs, errors — and the caller then reads the text with
 * the full npm:yaml path, so there is one dialect and one set of error
 * messages. Nodes are built with the same rules (./build.ts, ./scalar.ts)
 * and carry the same origins as the full path.
 *
 * In lazy mode (a big text, ./fast_lazy.ts and core/lazy.ts) big subtrees
 * are read once to check them, then kept as lazy nodes that read their lines
 * again when used. Moving through the lines is ./fast_lines.ts's.
 *
 * @module
 */

import { ErrorCode } from "../errors.ts";
import {
  type DictNode,
  type Entry,
  fullKey,
  type Key,
  type ListNode,
  type Node,
  type NodeOrigin,
} from "../node.ts";
import { fail, MAX_DEPTH } from "./build.ts";
import { resolvePlainScalar, strValue } from "./scalar.ts";
import { constructTaggedScalar, TagError, YAML_TAG } from "./tags.ts";
import { readDouble, readSingle } from "./fast_quoted.ts";
import { lazyContainer } from "../lazy.ts";
import { BAIL, COLON, DASH, DQ, HASH, SP, SQ } from "./fast_lines.ts";
import { holdsBetween, type LazyText, lazyText, type Spot } from "./fast_lazy.ts";
import { plainContinued, quotedContinued } from "./fast_multiline.ts";
import { blockScalar } from "./fast_block.ts";
import { BAD_START, FlowReader } from "./fast_flow.ts";
import { longerThan, MAX_SIMPLE_KEY } from "./key_length.ts";
import { Children, DROP, DROPPED_STR, type Each } from "./fast_children.ts";
import { through, TooDeep } from "./fast_deep.ts";
import { unitOffset } from "./columns.ts";
import type { SharedKeys } from "./fast_keys.ts";

/** Where a read of the root mapping's entries stopped (see {@link readFastRoot}). */
interface RootProgress {
  /** The root mapping's children, as read so far. */
  kids?: Children;
  /** The current entry's first line (0-based) and its offset. */
  line: number;
  start: number;
  /** The current entry's canonical key once it is among `kids` (a later check may still fail). */
  added?: string;
  /** An offset no entry read may reach (a line the fast reader cannot read: a tab's). */
  limit: number;
}

class FastReader extends FlowReader {
  /** Set for a read of the root mapping entry by entry ({@link readFastRoot}). */
  root?: RootProgress;

  /**
   * Reads the lazy subtree at `spot` again (it was read once, so it reads);
   * `interpolating`: a walk for interpolations, see {@link child}.
   */
  static reread(
    text: string,
    lazy: LazyText,
    spot: Spot,
    each?: Each,
    interpolating = false,
  ): DictNode | ListNode {
    const r = new FastReader(text, lazy.source.file, lazy, {
      walking: each !== undefined,
      interpolating,
    });
    r.seek(spot.line - 1, spot.start);
    if (spot.flowInd !== undefined) {
      // the column counts code points: an emoji before the `{` on its line is one
      return r.flow(unitOffset(text, spot.start, spot.col), spot.flowInd, spot.depth, each);
    }
    r.ind = spot.col - 1;
    r.cs = spot.start + r.ind;
    return (spot.inSeq ? r.map(r.ind, r.cs, spot.depth, each) : r.block(spot.depth, each)) as
      | DictNode
      | ListNode;
  }

  /**
   * {@link block} (or, given `at`, the map that starts at `at` on a `- `
   * line), a child of the container at indent `ind`. In lazy mode a subtree
   * spanning `lazy.minBytes` or more comes back as a lazy node
   * (core/lazy.ts). The first read checks it (reading it, keeping little);
   * a read again of checked text only skips its lines. A walk for
   * interpolations skips, as a lazy node, any child whose text has no `${`.
   */
  child(ind: number, depth: number, at?: number): Node {
    const lazy = this.lazy;
    const inSeq = at !== undefined;
    if (lazy === undefined) return inSeq ? this.map(at - this.start, at, depth) : this.block(depth);
    const line = this.line, start = this.start, col = (inSeq ? at : this.cs) - start + 1;
    if (this.dropping > 0) {
      // inside a read that is dropped: check this child too, and make no lazy node
      return inSeq ? this.map(col - 1, at, depth, DROP) : this.block(depth, DROP);
    }
    const seqAtInd = !inSeq && this.ind === ind;
    const kind = inSeq || !this.isSeqItem(this.cs) ? "dict" : "list";
    if (this.interpolating) {
      const here = this.mark();
      this.skipBlock(ind, seqAtInd);
      const end = Math.min(this.start, this.text.length);
      if (!holdsBetween(lazy, start, end)) {
        const spot: Spot = {
          kind,
          line: line + 1,
          col,
          mayInterpolate: false,
          start,
          depth,
          inSeq,
        };
        return lazyContainer(lazy.source, spot);
      }
      this.restore(here);
    }
    const min = this.smallestLazy(lazy);
    if (!this.spansAtLeast(ind, seqAtInd, min)) {
      return inSeq ? this.map(col - 1, at, depth) : this.block(depth);
    }
    if (this.checked) this.skipBlock(ind, seqAtInd);
    else {
      // read to check it, and dropped: no origins, no children kept
      this.dropping++;
      if (inSeq) this.map(col - 1, at, depth, DROP);
      else this.block(depth, DROP);
      this.dropping--;
    }
    const end = Math.min(this.start, this.text.length);
    const mayInterpolate = holdsBetween(lazy, start, end);
    const spot: Spot = { kind, line: line + 1, col, mayInterpolate, start, depth, inSeq };
    return lazyContainer(lazy.source, spot);
  }

  /**
   * Reads the block node whose first line is the current line (indent `ind`),
   * `depth` containers deep. Errors, a document nested deeper than MAX_DEPTH
   * included, are the full reader's to report, so no path is kept here.
   */
  block(depth: number, each?: Each | typeof DROP): Node {
    return this.isSeqItem(this.cs)
      ? this.seq(this.ind, depth, each)
      : this.map(this.ind, this.cs, depth, each);
  }

  /**
   * A block sequence. `each` (a lazy node's children, streamed) gets every
   * item and none is kept; `DROP` (a lazy node read to check it) keeps none.
   */
  seq(ind: number, depth: number, each?: Each | typeof DROP): ListNode {
    const origin = this.origin(this.cs);
    const kids = new Children(each, false);
    if (depth >= MAX_DEPTH) throw BAIL;
    const inner = depth + 1;
    for (let n = 0; this.ind === ind && this.isSeqItem(this.cs); n++) {
      const dash = this.cs;
      let p = dash + 1;
      const end = this.end;
      while (p < end && this.text.charCodeAt(p) === SP) p++;
      let item: Node;
      try {
        if (p === end || this.text.charCodeAt(p) === HASH) {
          const at = this.origin(p);
          this.nextLine();
          if (this.content() && this.ind > ind) item = this.child(ind, inner);
          else item = resolvePlainScalar("", at);
        } else if (this.isSeqItem(p)) throw BAIL;
        else if (this.startsFlow(p)) item = this.inline(p, ind, inner);
        else if (this.startsKey(p)) item = this.child(ind, inner, p);
        else item = this.inline(p, ind, inner);
      } catch (e) {
        through(e, n, true);
      }
      kids.item(item);
      if (!this.content()) break;
      if (this.ind > ind) throw BAIL;
    }
    return { kind: "list", items: kids.items, origin };
  }

  /** A block mapping; `each` as for {@link seq} (a dropping read keeps the keys, to find repeats). */
  map(ind: number, first: number, depth: number, each?: Each | typeof DROP): Node {
    const t = this.text;
    const origin = this.origin(first);
    // A repeated key (an error, or a silent collapse of `yes:` and `on:`) is the full reader's.
    const kids = new Children(each, true);
    if (depth >= MAX_DEPTH) throw BAIL;
    const inner = depth + 1;
    const root = depth === 0 ? this.root : undefined;
    if (root !== undefined) root.kids = kids;
    let p = first;
    for (;;) {
      if (root !== undefined) {
        [root.line, root.start, root.added] = [this.line, this.start, undefined];
        if (this.start >= root.limit) throw BAIL;
      }
      const c = t.charCodeAt(p);
      let colon: number;
      let keyRead: { key: Key; canon: string };
      if (c === SQ || c === DQ) {
        const q = c === SQ
          ? readSingle(this.text, p, this.end)
          : readDouble(this.text, p, this.end);
        if (q === undefined || t.charCodeAt(q.end) !== COLON) throw BAIL;
        keyRead = this.keyFor(q.value, true);
        colon = q.end;
        const n = t.charCodeAt(colon + 1);
        if (
          colon + 1 < this.end && n !== SP ||
          colon - p > MAX_SIMPLE_KEY && longerThan(t, p, colon, MAX_SIMPLE_KEY)
        ) throw BAIL;
      } else {
        if (c < 128 && (BAD_START[c] === 1 || c === COLON)) throw BAIL;
        if ((c === DASH || c === 63) && t.charCodeAt(p + 1) === SP) throw BAIL;
        colon = this.plainKeyEnd(p);
        // PyYAML's longest key (./implicit_keys.ts): the full reader words the error
        if (colon === -1 || colon - p > MAX_SIMPLE_KEY && longerThan(t, p, colon, MAX_SIMPLE_KEY)) {
          throw BAIL;
        }
        let e = colon;
        while (t.charCodeAt(e - 1) === SP) e--;
        keyRead = this.keyAt(p, e, false);
      }
      const { key, canon } = keyRead;
      let v = colon + 1;
      const end = this.end;
      while (v < end && t.charCodeAt(v) === SP) v++;
      let value: Node;
      try {
        if (v === end || t.charCodeAt(v) === HASH) {
          const at = this.origin(v);
          this.nextLine();
          if (
            this.content() && (this.ind > ind || (this.ind === ind && this.isSeqItem(this.cs)))
          ) {
            value = this.child(ind, inner);
          } else value = resolvePlainScalar("", at);
        } else value = this.inline(v, ind, inner);
      } catch (e) {
        through(e, key, false);
      }
      // (a repeated root key stops a read by entries before it replaces the first one's entry)
      if (root !== undefined && kids.entries.has(canon)) throw BAIL;
      kids.entry(key, canon, value);
      if (root !== undefined) {
        root.added = canon;
        if (this.start > root.limit) throw BAIL; // it went past the limit: read again, whole
      }
      if (!this.content() || this.ind < ind) break;
      if (this.ind > ind || this.isSeqItem(this.cs)) throw BAIL;
      p = this.cs;
    }
    return { kind: "dict", entries: kids.entries, origin };
  }

  /**
   * A value that starts at p on the current line; a scalar may go on to
   * lines indented past `ind`, its parent's indent (./fast_multiline.ts).
   */
  inline(p: number, ind: number, depth: number): Node {
    const t = this.text;
    const origin = this.origin(p);
    // `!!str 1`, `!!float 2`: a standard scalar tag (placed at the tag, as the full reader
    // places it), constructed as PyYAML constructs it; any other is the full reader's
    const tag = t.charCodeAt(p) === BANG ? scalarTag(t, p, this.end) : undefined;
    if (tag !== undefined) p = tag.end;
    const c = t.charCodeAt(p);
    if (c === SQ || c === DQ) {
      const q =
        (c === SQ ? readSingle(this.text, p, this.end) : readDouble(this.text, p, this.end)) ??
          quotedContinued(this, p, ind);
      this.endOfLine(q.end);
      if (tag !== undefined) return tagged(tag.name, q.value, origin);
      return this.dropping > 0 ? DROPPED_STR : strValue(q.value, origin);
    }
    if (tag !== undefined && c === HASH) throw BAIL; // (an empty value: the full reader's)
    if (this.startsFlow(p)) {
      if (tag !== undefined) throw BAIL;
      const node = this.flowChild(p, ind, depth);
      this.endOfLine(this.pos);
      return node;
    }
    if ((c === PIPE || c === GT) && tag === undefined) {
      const value = blockScalar(this, p, ind);
      return this.dropping > 0 ? DROPPED_STR : strValue(value, origin);
    }
    if (c < 128 && (BAD_START[c] === 1 || c === COLON)) throw BAIL;
    const next = t.charCodeAt(p + 1);
    if ((c === DASH || c === 63) && (next === SP || p + 1 >= this.end)) throw BAIL;
    const end = this.end;
    let e = p;
    for (; e < end; e++) {
      const ch = t.charCodeAt(e);
      if (ch === HASH && t.charCodeAt(e - 1) === SP) break;
      if (ch === COLON && (e + 1 >= end || t.charCodeAt(e + 1) === SP)) throw BAIL;
    }
    const commented = e < end;
    while (t.charCodeAt(e - 1) === SP) e--;
    this.nextLine();
    const text = commented ? t.slice(p, e) : plainContinued(this, t.slice(p, e), ind);
    if (tag !== undefined) return tagged(tag.name, text, origin);
    return this.plainLeaf(text, origin);
  }

  read(): Node | undefined {
    if (!this.content()) return undefined;
    if (this.startsFlow(this.cs)) {
      const root = this.flow(this.cs, -1, 0);
      this.endOfLine(this.pos);
      if (this.content()) throw BAIL;
      return root;
    }
    if (!this.isSeqItem(this.cs) && !this.startsKey(this.cs)) return undefined;
    const root = this.block(0);
    if (this.content()) throw BAIL;
    return root;
  }
}

/** The root mapping's entries a fast read got through (see {@link readFastRoot}). */
export interface RootEntries {
  /** The entries read, in order. */
  entries: Map<string, Entry>;
  /** The root mapping's origin (its first key). */
  origin: NodeOrigin;
  /** The first line (0-based) and offset of the entry it could not read, when it stopped at one. */
  stop?: { line: number; start: number };
}

/**
 * Reads the entries of a root block mapping from line `from.line` (0-based, at offset
 * `from.start`) on, stopping at the first entry the fast reader cannot read (one it would
 * give up the whole text for: a block scalar, a tab, an error), so that only that entry
 * goes to the full reader (./pieces.ts). Undefined when the text there is no block mapping
 * at column 1.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readFastRoot } from "./fast.ts";
 * const r = readFastRoot("a: 1\nb: &x 1\nc: 2\n", "c.yaml", undefined, { line: 0, start: 0 });
 * assert.deepEqual([...r!.entries.keys()], ["a"]);
 * assert.deepEqual(r!.stop, { line: 1, start: 5 });
 * ```
 */
export function readFastRoot(
  text: string,
  file: string,
  lazy: LazyText | undefined,
  from: { line: number; start: number },
  limit = Infinity,
  keys?: SharedKeys,
): RootEntries | undefined {
  const r = new FastReader(text, file, lazy, undefined, keys);
  r.seek(from.line, from.start);
  if (!r.content() || r.ind !== 0 || r.startsFlow(r.cs) || r.isSeqItem(r.cs)) return undefined;
  const progress: RootProgress = { line: r.line, start: r.start, limit };
  r.root = progress;
  const origin = r.origin(r.cs);
  try {
    r.map(0, r.cs, 0);
    return { entries: progress.kids!.entries, origin };
  } catch (e) {
    if (e instanceof TooDeep) tooDeep(e);
    if (e !== BAIL || progress.kids === undefined) throw e;
    const entries = progress.kids.entries;
    // a check after the entry failed (what follows it): the entry is read again with it
    if (progress.added !== undefined) entries.delete(progress.added);
    return { entries, origin, stop: { line: progress.line, start: progress.start } };
  }
}

/**
 * The lazy text of a big text read by entries ({@link readFastRoot}): one for all its reads, as
 * its lazy nodes read it again.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { lazyTextOf } from "./fast.ts";
 * assert.equal(lazyTextOf("a: 1\n", "c.yaml", undefined), undefined);
 * ```
 */
export function lazyTextOf(
  text: string,
  file: string,
  lazyMinBytes: number | undefined,
): LazyText | undefined {
  return lazyMinBytes === undefined
    ? undefined
    : lazyText(text, file, lazyMinBytes, FastReader.reread);
}

const BANG = 33, PIPE = 124, GT = 62;
/** The tags of PyYAML's scalar constructors the fast reader reads: what config files write. */
const SCALAR_TAGS = new Set(["str", "int", "float", "bool", "null"]);

/**
 * The name of a standard scalar tag at `p` (`!!str ` and a value after it on the line), and
 * where that value starts; undefined for anything else (the full reader's).
 */
function scalarTag(t: string, p: number, end: number): { name: string; end: number } | undefined {
  if (t.charCodeAt(p + 1) !== BANG) return undefined;
  let q = p + 2;
  while (q < end && t.charCodeAt(q) >= 97 && t.charCodeAt(q) <= 122) q++;
  const name = t.slice(p + 2, q);
  if (!SCALAR_TAGS.has(name) || t.charCodeAt(q) !== SP) return undefined;
  while (t.charCodeAt(q) === SP) q++;
  return q < end ? { name, end: q } : undefined;
}

/** A tagged scalar as PyYAML constructs it; one it refuses is the full reader's to say. */
function tagged(name: string, text: string, origin: NodeOrigin): Node {
  const node = constructTaggedScalar(YAML_TAG + name, text, origin);
  if (node instanceof TagError) throw BAIL;
  return node;
}

/** The fast reader's limit error, placed where the text crosses it. */
function tooDeep(e: TooDeep): never {
  const path = e.path.toReversed();
  const key = fullKey(path.map((p) => p.key), path.map((p) => p.index));
  fail(ErrorCode.Limit, `the document nests deeper than ${MAX_DEPTH} levels`, e.origin, key);
}

/**
 * Reads YAML text with the fast block reader, or returns undefined when the
 * text needs the full reader (unsupported syntax, or any error: the full
 * reader reports errors, so messages stay the same).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readFast } from "./fast.ts";
 * assert.equal(readFast("a: 1\nb: [x, 'y']\n", "c.yaml")?.kind, "dict");
 * assert.equal(readFast("a: &x 1\n", "c.yaml"), undefined, "anchors need the full reader");
 * ```
 */
export function readFast(text: string, file: string, lazyMinBytes?: number): Node | undefined {
  if (text.includes("\r")) {
    // Windows line ends: YAML reads CRLF as LF, and lines and columns stay the same
    text = text.replaceAll("\r\n", "\n");
    if (text.includes("\r")) return undefined;
  }
  if (text.includes("\t") || text.charCodeAt(0) === 0xfeff) return undefined;
  // U+2028/U+2029: PyYAML's line breaks, which the full reader handles (./unicode_breaks.ts)
  if (text.includes("\u2028") || text.includes("\u2029")) return undefined;
  const lazy = lazyMinBytes === undefined
    ? undefined
    : lazyText(text, file, lazyMinBytes, FastReader.reread);
  try {
    return new FastReader(text, file, lazy).read();
  } catch (e) {
    if (e instanceof TooDeep) tooDeep(e);
    return undefined;
  }
}

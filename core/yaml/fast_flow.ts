/**
 * The fast YAML reader's state shared by block and flow reading (./fast.ts
 * extends it), and its flow collections: `{...}` and `[...]` over any number
 * of lines, as JSON writes them (a JSON file is YAML) — quoted or plain
 * scalars, nested collections; comments, a trailing comma and lines not
 * indented past the block around it as PyYAML reads them (vissl writes its
 * lists so: `PARAMS: [` ... `]` on a line of its own, `],` before it). It
 * throws BAIL on anything less common (a multi-line scalar, `a:1`, `[a: 1]`,
 * a repeated key; in lazy mode a line not indented past the block, which
 * lazy nodes skip by): the full reader decides. In lazy mode a big flow
 * collection becomes a lazy node like a block one (core/lazy.ts).
 *
 * @module
 */

import {
  canonicalKey,
  type DictNode,
  type Key,
  type ListNode,
  type Node,
  type NodeOrigin,
  type ValueNode,
} from "../node.ts";
import { keyOf, MAX_DEPTH } from "./build.ts";
import { through, TooDeep } from "./fast_deep.ts";
import { decimalNumber, plainType, resolvePlainScalar, scalarOfType, strValue } from "./scalar.ts";
import { readDouble, readSingle } from "./fast_quoted.ts";
import { lazyContainer } from "../lazy.ts";
import { BAIL, COLON, DASH, DQ, HASH, LineReader, NL, SP, SQ } from "./fast_lines.ts";
import { holdsBetween, type LazyText, type Spot } from "./fast_lazy.ts";
import { Children, DROP, DROPPED_STR, type Each } from "./fast_children.ts";
import { SharedKeys } from "./fast_keys.ts";
import { longerThan, MAX_SIMPLE_KEY } from "./key_length.ts";

const LBRACE = 123, RBRACE = 125, LBRACKET = 91, RBRACKET = 93, COMMA = 44, QMARK = 63;

/** Characters a plain scalar in block context may not start with (besides `-`, `?`, `:`). */
export const BAD_START = new Uint8Array(128);
for (const ch of ",[]{}#&*!|>'\"%@`") BAD_START[ch.charCodeAt(0)] = 1;
/** First characters of plain scalars that may resolve to something other than a str. */
const TYPED_START = new Uint8Array(128);
for (const ch of "~nNyYtTfFoO-+0123456789.?<=") TYPED_START[ch.charCodeAt(0)] = 1;

/** Whether a plain scalar is a str by its first character alone (as ./scalar.ts decides). */
export function plainStr(text: string): boolean {
  return strByFirst(text.charCodeAt(0));
}

/** Whether a plain scalar starting with character code `c` is a str whatever follows. */
function strByFirst(c: number): boolean {
  return c >= 128 || TYPED_START[c] === 0;
}

/**
 * Walked (read again a child at a time, as the emitters do), a child becomes
 * a lazy node only from this size: what is walked is used right away. Read
 * again for good (an override into it, or resolving in it), a child is lazy
 * from the usual size: most of it is left as it is.
 */
export const REREAD_LAZY_BYTES = 4096;

/** How a lazy node is read again. */
export interface ReadAgain {
  /** It hands out its children one at a time (an `each` is given). */
  walking: boolean;
  /** A walk that looks for interpolations only (core/lazy.ts). */
  interpolating: boolean;
}

/**
 * The fast reader's shared state (keys shared, lazy mode) and its
 * flow collections. See the module doc.
 */
export class FlowReader extends LineReader {
  private strKeys: SharedKeys;
  /** The offset just after the flow collection read last. */
  pos = 0;
  /** The text was read once already (a lazy node's read again). */
  readonly checked: boolean;
  /** A read again that hands out its children one at a time. */
  readonly walking: boolean;
  /** A walk for interpolations (core/lazy.ts). */
  readonly interpolating: boolean;

  /**
   * @param lazy lazy mode's settings, if on
   * @param again a lazy node's read again, of text the first read checked
   * @param keys the shared keys of the text, when other reads of it share them
   */
  constructor(
    text: string,
    file: string,
    readonly lazy?: LazyText,
    again?: ReadAgain,
    keys?: SharedKeys,
  ) {
    super(text, file);
    this.strKeys = keys ?? lazy?.keys ?? new SharedKeys(text.length);
    this.checked = again !== undefined;
    this.walking = again?.walking ?? false;
    this.interpolating = again?.interpolating ?? false;
  }

  /**
   * A mapping key and its canonical string. Most keys are strings by their
   * first character: no scalar node is built for them, and a repeated one
   * shares its key and canonical strings.
   */
  keyFor(text: string, quoted: boolean): { key: Key; canon: string } {
    return quoted || plainStr(text) ? this.strKeys.of(text) : this.typedKey(text);
  }

  /**
   * The key of the plain scalar t[p, e), or (`quoted`) of a quoted one with
   * no escape between its quotes, read in place: a repeat is not sliced.
   */
  keyAt(p: number, e: number, quoted: boolean): { key: Key; canon: string } {
    const t = this.text;
    if (quoted || strByFirst(t.charCodeAt(p))) return this.strKeys.at(t, p, e);
    return this.typedKey(t.slice(p, e));
  }

  /** The key of a plain scalar that may not be a str (`1:`, `true:`, `1.5:`). */
  private typedKey(text: string): { key: Key; canon: string } {
    const pt = plainType(text);
    if (pt === "merge" || pt === "value") throw BAIL;
    const keyValue = resolvePlainScalar(text);
    if (keyValue.type === "null" || keyValue.type === "bytes") throw BAIL;
    const key = keyOf(keyValue, undefined);
    return { key, canon: canonicalKey(key) };
  }

  /** The smallest child (in bytes of text) this read makes lazy. */
  smallestLazy(lazy: LazyText): number {
    return this.walking ? Math.max(lazy.minBytes, REREAD_LAZY_BYTES) : lazy.minBytes;
  }

  /** Whether a flow collection (`[` or `{`) starts at p. */
  startsFlow(p: number): boolean {
    const c = this.text.charCodeAt(p);
    return c === LBRACKET || c === LBRACE;
  }

  /** The leaf of a plain scalar (its text trimmed). */
  plainLeaf(text: string, origin: NodeOrigin): ValueNode {
    if (plainStr(text)) {
      if (this.dropping > 0) return DROPPED_STR;
      return { kind: "value", type: "str", value: text, origin };
    }
    const number = decimalNumber(text, origin);
    if (number !== undefined) return number;
    const pt = plainType(text);
    if (pt === "merge" || pt === "value") throw BAIL;
    return scalarOfType(text, pt, origin);
  }

  /**
   * Skips spaces, comments and line breaks from `i` (on the current line),
   * as PyYAML's scanner does between the tokens of a flow collection: a `#`
   * there always starts a comment, and the indentation of a line does not
   * matter (but in lazy mode, whose nodes skip the block by its indentation,
   * a line not indented past `ind`, -1 at the root, is the full reader's).
   * Returns the offset of the next content.
   */
  private gap(i: number, ind: number): number {
    const t = this.text;
    for (;;) {
      const c = t.charCodeAt(i);
      if (c === SP) i++;
      else if (c === NL) {
        this.nextLine();
        i = this.start;
        while (t.charCodeAt(i) === SP) i++;
        if (i < this.end) {
          if (this.lazy !== undefined && i - this.start <= ind) throw BAIL;
          if (i === this.start && (t.startsWith("---", i) || t.startsWith("...", i))) throw BAIL;
        }
      } else if (c === HASH) i = this.end;
      else return i;
    }
  }

  /**
   * The flow collection at `p` (a `{` or `[`), a child `depth` containers
   * deep of a block at indent `ind`. In lazy mode a big one comes back as a
   * lazy node, as ./fast.ts's block children do. Sets {@link pos}.
   */
  flowChild(p: number, ind: number, depth: number): Node {
    const lazy = this.lazy;
    if (lazy === undefined) return this.flow(p, ind, depth);
    if (this.dropping > 0) return this.flow(p, ind, depth, DROP);
    const here = this.mark();
    const line = this.line, start = this.start, col = this.col(p);
    const end = this.skipFlow(p);
    const kind = this.text.charCodeAt(p) === LBRACE ? "dict" : "list";
    const spot = (mayInterpolate: boolean): Spot => ({
      kind,
      line: line + 1,
      col,
      mayInterpolate,
      start,
      depth,
      inSeq: false,
      flowInd: ind,
    });
    if (this.isEmptyFlow(p, end)) {
      // an unread lazy node is never empty (core/lazy.ts's isEmpty)
      this.restore(here);
      return this.flow(p, ind, depth);
    }
    if (this.interpolating && !holdsBetween(lazy, p, end)) {
      this.pos = end;
      return lazyContainer(lazy.source, spot(false));
    }
    const min = this.smallestLazy(lazy);
    if (this.checked && end - p >= min) {
      this.pos = end;
    } else {
      this.restore(here);
      if (end - p < min) return this.flow(p, ind, depth);
      // read to check it, and dropped: no origins, no children kept
      this.dropping++;
      this.flow(p, ind, depth, DROP);
      this.dropping--;
    }
    return lazyContainer(lazy.source, spot(holdsBetween(lazy, p, this.pos)));
  }

  /** Whether the flow collection in [p, end) holds only spaces and line breaks. */
  private isEmptyFlow(p: number, end: number): boolean {
    const t = this.text;
    let i = p + 1;
    while (i < end - 1 && (t.charCodeAt(i) === SP || t.charCodeAt(i) === NL)) i++;
    return i === end - 1;
  }

  /**
   * The offset after the flow collection at `p`, found by counting brackets
   * outside quoted scalars (exact on checked text, a size guess on any
   * other); moves the reader's line there.
   */
  private skipFlow(p: number): number {
    const t = this.text, n = t.length;
    let depth = 0, tokenStart = true;
    for (let i = p; i < n; i++) {
      const c = t.charCodeAt(i);
      if (c === NL) {
        this.nextLine();
        tokenStart = true;
      } else if (c === LBRACE || c === LBRACKET) {
        depth++;
        tokenStart = true;
      } else if (c === RBRACE || c === RBRACKET) {
        if (--depth === 0) return i + 1;
      } else if (c === COMMA || c === COLON) tokenStart = true;
      else if ((c === DQ || c === SQ) && tokenStart) {
        for (i++; i < n; i++) {
          const q = t.charCodeAt(i);
          if (q === NL) this.nextLine();
          else if (q === 92 && c === DQ) i++;
          else if (q === c) {
            if (c === SQ && t.charCodeAt(i + 1) === SQ) i++;
            else break;
          }
        }
        tokenStart = false;
      } else if (c !== SP) tokenStart = false;
    }
    return n;
  }

  /**
   * Reads the flow collection at `p`; `each` as ./fast.ts's block reads
   * take it (stream the children, or check and drop them). Sets {@link pos}.
   */
  flow(p: number, ind: number, depth: number, each?: Each | typeof DROP): DictNode | ListNode {
    if (depth > MAX_DEPTH) throw BAIL;
    const t = this.text;
    const origin = this.origin(p);
    const isMap = t.charCodeAt(p) === LBRACE;
    const close = isMap ? RBRACE : RBRACKET;
    const kids = new Children(each, isMap);
    const done = (i: number): DictNode | ListNode => {
      this.pos = i + 1;
      return isMap
        ? { kind: "dict", entries: kids.entries, origin }
        : { kind: "list", items: kids.items, origin };
    };
    let i = this.gap(p + 1, ind);
    if (t.charCodeAt(i) === close) return done(i);
    for (let n = 0;; n++) {
      let key: Key = "", canon = "";
      if (isMap) {
        const c = t.charCodeAt(i);
        const from = i;
        const plainDq = c === DQ ? this.plainDoubleQuoted(i) : -1;
        if (plainDq !== -1) {
          // `"name":` as JSON writes keys: read in place
          if (t.charCodeAt(plainDq + 1) !== COLON) throw BAIL;
          ({ key, canon } = this.keyAt(i + 1, plainDq, true));
          i = plainDq + 2;
        } else if (c === SQ || c === DQ) {
          const q = c === SQ ? readSingle(t, i, this.end) : readDouble(t, i, this.end);
          if (q === undefined || t.charCodeAt(q.end) !== COLON) throw BAIL;
          ({ key, canon } = this.keyFor(q.value, true));
          i = q.end + 1;
        } else {
          const e = this.plainEnd(i, true);
          ({ key, canon } = this.keyFor(t.slice(i, e), false));
          i = e;
          while (t.charCodeAt(i) === SP) i++;
          const n = t.charCodeAt(i + 1);
          if (t.charCodeAt(i) !== COLON || (n !== SP && n !== NL)) throw BAIL;
          i++;
        }
        // PyYAML's longest key (./implicit_keys.ts): the full reader words the error
        if (i - 1 - from > MAX_SIMPLE_KEY && longerThan(t, from, i - 1, MAX_SIMPLE_KEY)) throw BAIL;
        i = this.gap(i, ind);
      }
      const c = t.charCodeAt(i);
      let value: Node;
      if (c === LBRACE || c === LBRACKET) {
        // crossed here: located at this collection, as the full reader's builder does
        if (depth >= MAX_DEPTH) throw new TooDeep(origin);
        try {
          value = this.flowChild(i, ind, depth + 1);
        } catch (e) {
          through(e, isMap ? key : n, !isMap);
        }
        i = this.pos;
      } else if (c === SQ || c === DQ) {
        const at = this.origin(i);
        const q = c === SQ ? readSingle(t, i, this.end) : readDouble(t, i, this.end);
        if (q === undefined) throw BAIL;
        value = this.dropping > 0 ? DROPPED_STR : strValue(q.value, at);
        i = q.end;
      } else {
        const e = this.plainEnd(i, false);
        value = this.plainLeaf(t.slice(i, e), this.origin(i));
        i = e;
      }
      if (isMap) kids.entry(key, canon, value);
      else kids.item(value);
      i = this.gap(i, ind);
      const sep = t.charCodeAt(i);
      if (sep === close) return done(i);
      if (sep !== COMMA) throw BAIL; // `[a: 1]` and the like too
      i = this.gap(i + 1, ind);
      // a trailing comma (`[1, 2,]`), which PyYAML reads as none
      if (t.charCodeAt(i) === close) return done(i);
    }
  }

  /**
   * The offset of the closing quote of the double-quoted scalar at `p` when
   * it holds no escape and ends on its line; -1 otherwise.
   */
  private plainDoubleQuoted(p: number): number {
    const t = this.text, end = this.end;
    for (let j = p + 1; j < end; j++) {
      const ch = t.charCodeAt(j);
      if (ch === DQ) return j;
      if (ch === 92) return -1;
    }
    return -1;
  }

  /**
   * The end (trimmed) of a plain scalar at `p` in a flow collection, on one
   * line: before `,`, `]`, `}`, ` #`, a line break, or (a key) `: `. No
   * `:`, `#`, `[` or `{` inside, no indicator first.
   */
  private plainEnd(p: number, isKey: boolean): number {
    const t = this.text, end = this.end;
    const c = t.charCodeAt(p);
    // `?` first is an explicit key in flow (PyYAML fails `[???]`)
    if (p >= end || (c < 128 && (BAD_START[c] === 1 || c === COLON || c === QMARK))) throw BAIL;
    const next = t.charCodeAt(p + 1);
    if (c === DASH && (next === SP || p + 1 >= end)) throw BAIL;
    let e = p;
    for (; e < end; e++) {
      const ch = t.charCodeAt(e);
      if (ch === COMMA || ch === RBRACKET || ch === RBRACE) break;
      if (ch === COLON) {
        const n = t.charCodeAt(e + 1);
        if (isKey && (n === SP || e + 1 >= end)) break;
        throw BAIL;
      }
      // a comment after it (` #`) ends it
      if (ch === HASH && t.charCodeAt(e - 1) === SP) break;
      // `?` ends a plain scalar in flow context (PyYAML): the full reader's error
      if (ch === LBRACKET || ch === LBRACE || ch === HASH || ch === QMARK) throw BAIL;
    }
    while (t.charCodeAt(e - 1) === SP) e--;
    return e;
  }
}

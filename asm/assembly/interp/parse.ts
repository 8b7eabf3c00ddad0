// OmegaConf 2.2's interpolation grammar over UTF-8 bytes: the same rules as the
// TypeScript parser (core/resolve/grammar.ts), producing an AST of i32 records
// in an IntVec. It only decides whether a text parses and what it means; the
// host re-parses a failing text with the TypeScript parser for the message.
//
// Records (first word is the type):
//   LIT  [T_LIT, a, b]            source bytes [a, b)
//   HALF [T_HALF, a, b]           the bytes at odd offsets of [a, b) (unescaped run)
//   NODE [T_NODE, keyList]        key pieces: LIT ('.', '[', ']', names) and interpolations
//   RES  [T_RES, nameList, argList, a, b]
//   ARG  [T_ARG, element or -1, a, b]   (a, b: the trimmed source text)
//   PRIM [T_PRIM, tokList]        TOK records and interpolations
//   QUOT [T_QUOT, partList]
//   LIST [T_LIST, argList]
//   DICT [T_DICT, pairList]       PAIR [T_PAIR, keyTokList, element]
//   TOK  [T_TOK, kind, a, b]
// A list is [count, id...].

import { IntVec } from "./vec";

export const T_LIT: i32 = 1;
export const T_HALF: i32 = 2;
export const T_NODE: i32 = 3;
export const T_RES: i32 = 4;
export const T_ARG: i32 = 5;
export const T_PRIM: i32 = 6;
export const T_QUOT: i32 = 7;
export const T_LIST: i32 = 8;
export const T_DICT: i32 = 9;
export const T_PAIR: i32 = 10;
export const T_TOK: i32 = 11;

export const K_ID: i32 = 0;
export const K_NULL: i32 = 1;
export const K_INT: i32 = 2;
export const K_FLOAT: i32 = 3;
export const K_BOOL: i32 = 4;
export const K_UNQ: i32 = 5;
export const K_COLON: i32 = 6;
export const K_ESC: i32 = 7;
export const K_WS: i32 = 8;

function isDigit(c: i32): bool {
  return c >= 48 && c <= 57;
}
function isAlpha(c: i32): bool {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c == 95;
}
function lower(c: i32): i32 {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/** Unmanaged: no GC bookkeeping on the hot path; {@link Parser.release} frees it. */
@unmanaged
export class Parser {
  ast: IntVec = new IntVec();
  /** Scratch stack of list items under construction (frames nest). */
  stk: IntVec = new IntVec();
  s: usize = 0;
  n: i32 = 0;
  i: i32 = 0;
  ok: bool = true;
  warned: bool = false;

  release(): void {
    this.ast.release();
    this.stk.release();
    heap.free(changetype<usize>(this.ast));
    heap.free(changetype<usize>(this.stk));
  }

  @inline
  at(j: i32): i32 {
    return j < this.n && j >= 0 ? <i32> load<u8>(this.s + <usize> j) : -1;
  }
  @inline
  fail(): i32 {
    this.ok = false;
    return -1;
  }
  ws(j: i32): i32 {
    let k = j;
    while (k < this.n) {
      const c = load<u8>(this.s + <usize> k);
      if (c != 32 && c != 9) break;
      k++;
    }
    return k - j;
  }
  @inline
  opens(j: i32): bool {
    return this.at(j) == 36 && this.at(j + 1) == 123;
  }

  rec3(t: i32, a: i32, b: i32): i32 {
    const r = this.ast.reserve(3);
    this.ast.set(r, t);
    this.ast.set(r + 1, a);
    this.ast.set(r + 2, b);
    return r;
  }
  /** Moves the stack frame from `mark` into a list record. */
  list(mark: i32): i32 {
    const n = this.stk.len - mark;
    const r = this.ast.reserve(n + 1);
    this.ast.set(r, n);
    memory.copy(
      this.ast.ptr + ((<usize> (r + 1)) << 2),
      this.stk.ptr + ((<usize> mark) << 2),
      (<usize> n) << 2,
    );
    this.stk.len = mark;
    return r;
  }
  @inline
  item(mark: i32, k: i32): i32 {
    return this.stk.get(mark + k);
  }
  /** Whether record r is a one-byte LIT holding `c`. */
  isPunct(r: i32, c: i32): bool {
    const a = this.ast;
    return a.get(r) == T_LIT && a.get(r + 2) - a.get(r + 1) == 1 && this.at(a.get(r + 1)) == c;
  }
  isAnyPunct(r: i32): bool {
    return this.isPunct(r, 46) || this.isPunct(r, 91) || this.isPunct(r, 93);
  }

  /** Parses a whole config value: the list of its parts, or -1. */
  parseValue(s: usize, n: i32): i32 {
    this.s = s;
    this.n = n;
    this.i = 0;
    this.ok = true;
    this.warned = false;
    this.stk.len = 0;
    const r = this.text(-1);
    return this.ok ? r : -1;
  }

  text(stop: i32): i32 {
    const parts = this.stk.len;
    while (this.ok && this.i < this.n) {
      const i = this.i;
      const c0 = this.at(i);
      if (stop >= 0 && c0 == stop) break;
      if (this.opens(i)) {
        const r = this.interpolation();
        if (!this.ok) return -1;
        this.stk.push(r);
        continue;
      }
      let nb = 0;
      while (this.at(i + nb) == 92) nb++;
      let run = 0;
      while (i + run < this.n) {
        const c = this.at(i + run);
        if (c == 36 || c == stop) break;
        run++;
      }
      while (run > 0 && this.at(i + run - 1) == 92) run--;
      const escInter = (nb & 1) == 1 && this.opens(i + nb) ? nb + 2 : 0;
      const escQuote = stop >= 0 && (nb & 1) == 1 && this.at(i + nb) == stop ? nb + 1 : 0;
      const escRun = nb - (nb & 1);
      const dollar = c0 == 36 ? 1 : 0;
      let best = run;
      if (escInter > best) best = escInter;
      if (escQuote > best) best = escQuote;
      if (escRun > best) best = escRun;
      if (nb > best) best = nb;
      if (dollar > best) best = dollar;
      if (best == 0) return this.fail();
      if (best == run) this.stk.push(this.rec3(T_LIT, i, i + best));
      else if (best == escInter) {
        this.stk.push(this.rec3(T_LIT, i + best - (best / 2 + 1), i + best));
      } else if (best == escQuote) this.stk.push(this.rec3(T_HALF, i, i + best));
      else if (best == escRun) {
        const next = i + best;
        const unescape = this.opens(next) || (stop >= 0 && this.at(next) == stop) ||
          (stop >= 0 && next >= this.n);
        this.stk.push(this.rec3(unescape ? T_HALF : T_LIT, i, i + best));
      } else this.stk.push(this.rec3(T_LIT, i, i + best));
      this.i = i + best;
    }
    return this.list(parts);
  }

  matchId(j: i32): i32 {
    if (!isAlpha(this.at(j))) return 0;
    let k = j + 1;
    for (;;) {
      const c = this.at(k);
      if (isAlpha(c) || isDigit(c) || c == 45) k++;
      else break;
    }
    return k - j;
  }
  matchInterKey(j: i32): i32 {
    let k = j;
    while (k < this.n) {
      const c = this.at(k);
      if (
        c == 92 || c == 123 || c == 125 || c == 40 || c == 41 || c == 91 || c == 93 ||
        c == 58 || c == 46 || c == 32 || c == 9 || c == 39 || c == 34
      ) break;
      k++;
    }
    return k - j;
  }

  interpolation(): i32 {
    const start = this.i;
    this.i += 2;
    this.i += this.ws(this.i);
    const key = this.stk.len;
    for (;;) {
      const i = this.i;
      if (i >= this.n) return this.fail();
      if (this.opens(i)) {
        const r = this.interpolation();
        if (!this.ok) return -1;
        this.stk.push(r);
        continue;
      }
      const c = this.at(i);
      if (c == 46 || c == 91 || c == 93) {
        this.stk.push(this.rec3(T_LIT, i, i + 1));
        this.i++;
        continue;
      }
      const w = this.ws(i);
      const d = this.at(i + w);
      if (d == 125) {
        this.i = i + w + 1;
        return this.nodeInterp(key);
      }
      if (d == 58) {
        this.i = i + w + 1;
        this.i += this.ws(this.i);
        return this.resolver(key, start);
      }
      const a = this.matchId(i);
      const b = this.matchInterKey(i);
      const id = a > b ? a : b;
      if (id == 0) return this.fail();
      this.stk.push(this.rec3(T_LIT, i, i + id));
      this.i = i + id;
    }
    return -1; // unreachable
  }

  nodeInterp(key: i32): i32 {
    let k = 0;
    const len = this.stk.len - key;
    while (k < len && this.isPunct(this.item(key, k), 46)) k++;
    let first = true;
    while (k < len) {
      const p = this.item(key, k);
      if (this.isPunct(p, 91)) {
        if (k + 1 < len && this.isAnyPunct(this.item(key, k + 1))) return this.fail();
        if (k + 2 >= len || !this.isPunct(this.item(key, k + 2), 93)) return this.fail();
        k += 3;
      } else if (this.isPunct(p, 46)) {
        if (first) return this.fail();
        if (k + 1 >= len || this.isAnyPunct(this.item(key, k + 1))) return this.fail();
        k += 2;
      } else if (this.isPunct(p, 93)) return this.fail();
      else if (first) k++;
      else return this.fail();
      first = false;
    }
    if (first) return this.fail();
    const r = this.ast.reserve(2);
    this.ast.set(r, T_NODE);
    this.ast.set(r + 1, this.list(key));
    return r;
  }

  resolver(name: i32, start: i32): i32 {
    const len = this.stk.len - name;
    if (len == 0 || (len & 1) == 0) return this.fail();
    for (let j = 0; j < len; j++) {
      const p = this.item(name, j);
      if ((j & 1) == 1) {
        if (!this.isPunct(p, 46)) return this.fail();
      } else if (this.ast.get(p) == T_LIT) {
        const a = this.ast.get(p + 1);
        if (this.matchId(a) != this.ast.get(p + 2) - a) return this.fail();
      }
    }
    const nameList = this.list(name);
    const args = this.at(this.i) == 125 ? this.list(this.stk.len) : this.sequence();
    if (!this.ok) return -1;
    this.i += this.ws(this.i);
    if (this.at(this.i) != 125) return this.fail();
    this.i++;
    const r = this.ast.reserve(5);
    this.ast.set(r, T_RES);
    this.ast.set(r + 1, nameList);
    this.ast.set(r + 2, args);
    this.ast.set(r + 3, start);
    this.ast.set(r + 4, this.i);
    return r;
  }

  arg(el: i32, a: i32, b: i32): i32 {
    // trim whitespace of the source text
    while (a < b && this.isSpace(this.at(a))) a++;
    while (b > a && this.isSpace(this.at(b - 1))) b--;
    const r = this.ast.reserve(4);
    this.ast.set(r, T_ARG);
    this.ast.set(r + 1, el);
    this.ast.set(r + 2, a);
    this.ast.set(r + 3, b);
    return r;
  }
  @inline
  isSpace(c: i32): bool {
    return c == 32 || c == 9 || c == 10 || c == 13 || c == 11 || c == 12;
  }

  sequence(): i32 {
    const out = this.stk.len;
    let prevComma = true;
    let missing = false;
    for (;;) {
      const w = this.ws(this.i);
      const c = this.at(this.i + w);
      if (c == 44) {
        if (prevComma) {
          this.stk.push(this.arg(-1, 0, 0));
          missing = true;
        }
        this.i += w + 1;
        this.i += this.ws(this.i);
        prevComma = true;
        continue;
      }
      if (c < 0 || c == 125 || c == 93) break;
      if (!prevComma) return this.fail();
      const at = this.i;
      const el = this.element();
      if (!this.ok) return -1;
      this.stk.push(this.arg(el, at, this.i));
      prevComma = false;
    }
    if (prevComma) {
      this.stk.push(this.arg(-1, 0, 0));
      missing = true;
    }
    if (missing) this.warned = true;
    return this.list(out);
  }

  element(): i32 {
    const c = this.at(this.i);
    if (c == 91) {
      this.i++;
      this.i += this.ws(this.i);
      const items = this.at(this.i) == 93 ? this.list(this.stk.len) : this.sequence();
      if (!this.ok) return -1;
      this.i += this.ws(this.i);
      if (this.at(this.i) != 93) return this.fail();
      this.i++;
      return this.rec2(T_LIST, items);
    }
    if (c == 123) return this.dict();
    if (c == 39 || c == 34) {
      this.i++;
      const parts = this.text(c);
      if (!this.ok) return -1;
      if (this.at(this.i) != c) return this.fail();
      this.i++;
      const w = this.ws(this.i);
      const d = this.at(this.i + w);
      if (d >= 0 && d != 44 && d != 125 && d != 93) return this.fail();
      return this.rec2(T_QUOT, parts);
    }
    const toks = this.primitiveToks(true);
    if (!this.ok) return -1;
    if (this.ast.get(toks) == 0) return this.fail();
    return this.rec2(T_PRIM, toks);
  }

  rec2(t: i32, a: i32): i32 {
    const r = this.ast.reserve(2);
    this.ast.set(r, t);
    this.ast.set(r + 1, a);
    return r;
  }

  dict(): i32 {
    this.i++;
    this.i += this.ws(this.i);
    const pairs = this.stk.len;
    for (;;) {
      const w = this.ws(this.i);
      if (this.at(this.i + w) == 125) {
        this.i += w + 1;
        return this.rec2(T_DICT, this.list(pairs));
      }
      if (this.stk.len > pairs) {
        if (this.at(this.i + w) != 44) return this.fail();
        this.i += w + 1;
        this.i += this.ws(this.i);
      }
      const key = this.primitiveToks(false);
      if (!this.ok) return -1;
      if (this.ast.get(key) == 0) return this.fail();
      this.i += this.ws(this.i);
      if (this.at(this.i) != 58) return this.fail();
      this.i++;
      this.i += this.ws(this.i);
      const v = this.element();
      if (!this.ok) return -1;
      this.stk.push(this.rec3(T_PAIR, key, v));
    }
    return -1; // unreachable
  }

  primitiveToks(full: bool): i32 {
    const toks = this.stk.len;
    for (;;) {
      const i = this.i;
      if (i >= this.n) break;
      if (this.opens(i)) {
        if (!full) break;
        const r = this.interpolation();
        if (!this.ok) return -1;
        this.stk.push(r);
        continue;
      }
      const w = this.ws(i);
      const c = this.at(i + w);
      if (c == 44 || c == 125 || c == 93 || (c == 58 && !full)) break;
      if (c == 58) {
        const w2 = this.ws(i + w + 1);
        this.stk.push(this.tok(K_COLON, i, i + w + 1 + w2));
        this.i = i + w + 1 + w2;
        continue;
      }
      let best = 0;
      let kind = K_WS;
      let m = this.matchFloat(i);
      if (m > best) {
        best = m;
        kind = K_FLOAT;
      }
      m = this.matchInt(i);
      if (m > best) {
        best = m;
        kind = K_INT;
      }
      m = this.matchBool(i);
      if (m > best) {
        best = m;
        kind = K_BOOL;
      }
      m = this.matchWord(i, "null");
      if (m > best) {
        best = m;
        kind = K_NULL;
      }
      m = this.matchUnq(i);
      if (m > best) {
        best = m;
        kind = K_UNQ;
      }
      m = this.matchId(i);
      if (m > best) {
        best = m;
        kind = K_ID;
      }
      m = this.matchEsc(i);
      if (m > best) {
        best = m;
        kind = K_ESC;
      }
      if (w > best) {
        best = w;
        kind = K_WS;
      }
      if (best == 0) {
        if ((c == 39 || c == 34) && this.stk.len > toks) return this.fail();
        if (c == 91 || c == 123 || c == 39 || c == 34) break;
        return this.fail();
      }
      this.stk.push(this.tok(kind, i, i + best));
      this.i = i + best;
    }
    return this.list(toks);
  }

  tok(kind: i32, a: i32, b: i32): i32 {
    const r = this.ast.reserve(4);
    this.ast.set(r, T_TOK);
    this.ast.set(r + 1, kind);
    this.ast.set(r + 2, a);
    this.ast.set(r + 3, b);
    return r;
  }

  // ---- VALUE_MODE token matchers: JS regex semantics (ordered alternation) ----

  intu(j: i32): i32 {
    const c = this.at(j);
    if (c == 48) return 1;
    if (c < 49 || c > 57) return 0;
    return 1 + this.digitTail(j + 1);
  }
  /** (?:_?[0-9])* */
  digitTail(j: i32): i32 {
    let k = j;
    for (;;) {
      const c = this.at(k);
      if (isDigit(c)) k++;
      else if (c == 95 && isDigit(this.at(k + 1))) k += 2;
      else break;
    }
    return k - j;
  }
  /** [0-9](?:_?[0-9])* */
  digits(j: i32): i32 {
    return isDigit(this.at(j)) ? 1 + this.digitTail(j + 1) : 0;
  }
  /** The prefix candidates of EF in the order the regex tries them (0 = no match). */
  pfAlt1(j: i32, u: i32): i32 {
    if (this.at(j + u) != 46) return 0;
    const d = this.digits(j + u + 1);
    return d > 0 ? u + 1 + d : 0;
  }
  matchPF(j: i32): i32 {
    const u = this.intu(j);
    let m = u > 0 ? this.pfAlt1(j, u) : 0;
    if (m > 0) return m;
    m = this.pfAlt1(j, 0);
    if (m > 0) return m;
    return u > 0 && this.at(j + u) == 46 ? u + 1 : 0;
  }
  expTail(j: i32, pre: i32): i32 {
    if (pre == 0) return 0;
    const e = this.at(j + pre);
    if (e != 101 && e != 69) return 0;
    let q = j + pre + 1;
    const s = this.at(q);
    if (s == 43 || s == 45) q++;
    const d = this.digits(q);
    return d > 0 ? q + d - j : 0;
  }
  matchEF(j: i32): i32 {
    const u = this.intu(j);
    let m = u > 0 ? this.expTail(j, this.pfAlt1(j, u)) : 0;
    if (m > 0) return m;
    m = this.expTail(j, this.pfAlt1(j, 0));
    if (m > 0) return m;
    m = u > 0 && this.at(j + u) == 46 ? this.expTail(j, u + 1) : 0;
    if (m > 0) return m;
    return this.expTail(j, u);
  }
  matchFloat(j: i32): i32 {
    const c = this.at(j);
    const sign = c == 43 || c == 45 ? 1 : 0;
    const q = j + sign;
    let m = this.matchEF(q);
    if (m > 0) return sign + m;
    m = this.matchPF(q);
    if (m > 0) return sign + m;
    m = this.matchWord(q, "inf");
    if (m > 0) return sign + m;
    m = this.matchWord(q, "nan");
    return m > 0 ? sign + m : 0;
  }
  matchInt(j: i32): i32 {
    const c = this.at(j);
    const sign = c == 43 || c == 45 ? 1 : 0;
    const u = this.intu(j + sign);
    return u > 0 ? sign + u : 0;
  }
  matchWord(j: i32, w: string): i32 {
    for (let k = 0; k < w.length; k++) {
      if (lower(this.at(j + k)) != w.charCodeAt(k)) return 0;
    }
    return w.length;
  }
  matchBool(j: i32): i32 {
    const t = this.matchWord(j, "true");
    return t > 0 ? t : this.matchWord(j, "false");
  }
  matchUnq(j: i32): i32 {
    const c = this.at(j);
    return c == 47 || c == 45 || c == 92 || c == 43 || c == 46 || c == 36 || c == 37 ||
        c == 42 || c == 64 || c == 63 || c == 124
      ? 1
      : 0;
  }
  matchEsc(j: i32): i32 {
    let k = j;
    while (this.at(k) == 92) {
      const c = this.at(k + 1);
      if (
        c == 92 || c == 40 || c == 41 || c == 91 || c == 93 || c == 123 || c == 125 ||
        c == 58 || c == 61 || c == 44 || c == 32 || c == 9
      ) k += 2;
      else break;
    }
    return k - j;
  }
}

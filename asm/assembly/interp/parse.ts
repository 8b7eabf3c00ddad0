// OmegaConf 2.2's interpolation grammar over UTF-8 bytes: the same rules as the
// TypeScript parser (core/resolve/grammar_parser.ts), producing an AST of i32 records
// (ast.ts) in an IntVec; the token matchers are in scan.ts. It only decides
// whether a text parses and what it means; the host re-parses a failing text
// with the TypeScript parser for the message.

import {
  AstWriter,
  K_BOOL,
  K_COLON,
  K_ESC,
  K_FLOAT,
  K_ID,
  K_INT,
  K_NULL,
  K_UNQ,
  K_WS,
  T_ARG,
  T_DICT,
  T_HALF,
  T_LIST,
  T_LIT,
  T_NODE,
  T_PAIR,
  T_PRIM,
  T_QUOT,
  T_RES,
} from "./ast";

/** Unmanaged: no GC bookkeeping on the hot path; {@link Parser.release} frees it. */
@unmanaged
export class Parser extends AstWriter {
  i: i32 = 0;
  ok: bool = true;
  warned: bool = false;

  @inline
  fail(): i32 {
    this.ok = false;
    return -1;
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
        if (this.matchName(a) != this.ast.get(p + 2) - a) return this.fail();
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
}

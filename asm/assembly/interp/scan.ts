// The interpolation grammar's lexical layer over UTF-8 bytes: byte access,
// whitespace and the token matchers (ID, INTER_KEY and the VALUE_MODE tokens of
// core/resolve/grammar_tokens.ts). A matcher returns the length of its match at j
// (0: none), as the regex would; the parser (parse.ts) takes the longest.

function isDigit(c: i32): bool {
  return c >= 48 && c <= 57;
}
function isAlpha(c: i32): bool {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c == 95;
}
function lower(c: i32): i32 {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/** The text being scanned: the root of {@link Parser}, which sets `s` and `n`. */
@unmanaged
export class Scanner {
  s: usize = 0;
  n: i32 = 0;

  @inline
  at(j: i32): i32 {
    return j < this.n && j >= 0 ? <i32> load<u8>(this.s + <usize> j) : -1;
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
  @inline
  isSpace(c: i32): bool {
    return c == 32 || c == 9 || c == 10 || c == 13 || c == 11 || c == 12;
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
  // A resolver's name: an ID of the interpolation lexer mode, where `a-b` is
  // INTER_KEY text, so no '-' (OmegaConf: `${a-b:x}` is a GrammarParseError).
  matchName(j: i32): i32 {
    if (!isAlpha(this.at(j))) return 0;
    let k = j + 1;
    while (isAlpha(this.at(k)) || isDigit(this.at(k))) k++;
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

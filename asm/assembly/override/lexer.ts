// The override lexer: Hydra 1.3's OverrideLexer.g4 (a key mode and a value
// mode) as hand-written longest-match scanners over UTF-16 code units. Ties
// between rules go to the rule the grammar defines first, as in ANTLR.
// Tokens go into three growable i32 columns (type, start, end), reused across
// overrides so a batch allocates nothing per override.

export const T_EOF: i32 = 0;
export const T_EQUAL: i32 = 1;
export const T_TILDE: i32 = 2;
export const T_PLUS: i32 = 3;
export const T_AT: i32 = 4;
export const T_COLON: i32 = 5;
export const T_SLASH: i32 = 6;
export const T_ID: i32 = 7;
export const T_KEY_SPECIAL: i32 = 8;
export const T_DOT_PATH: i32 = 9;
export const T_POPEN: i32 = 10;
export const T_COMMA: i32 = 11;
export const T_PCLOSE: i32 = 12;
export const T_BRACKET_OPEN: i32 = 13;
export const T_BRACKET_CLOSE: i32 = 14;
export const T_BRACE_OPEN: i32 = 15;
export const T_BRACE_CLOSE: i32 = 16;
export const T_FLOAT: i32 = 17;
export const T_INT: i32 = 18;
export const T_BOOL: i32 = 19;
export const T_NULL: i32 = 20;
export const T_UNQUOTED: i32 = 21;
export const T_ESC: i32 = 22;
export const T_WS: i32 = 23;
export const T_QUOTED: i32 = 24;
export const T_INTERP: i32 = 25;

export const tokType = new Array<i32>(64);
export const tokStart = new Array<i32>(64);
export const tokEnd = new Array<i32>(64);
export let nTok: i32 = 0;

/** Base address of the UTF-16 text and the end of the current override. */
export let chars: usize = 0;
let limit: i32 = 0;

/** Where the lexer failed (absolute offset), or -1. */
export let lexErrorAt: i32 = -1;
export let lexErrorEnd: i32 = -1;

export function setChars(base: usize): void {
  chars = base;
}

export function ch(i: i32): i32 {
  return i < limit ? <i32> load<u16>(chars + (<usize> i << 1)) : -1;
}

function isDigit(c: i32): bool {
  return c >= 48 && c <= 57;
}
function isAlpha(c: i32): bool {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
function isWs(c: i32): bool {
  return c == 32 || c == 9;
}

export function setI(arr: Array<i32>, i: i32, v: i32): void {
  store<i32>(arr.dataStart + (<usize> i << 2), v);
}
export function getI(arr: Array<i32>, i: i32): i32 {
  return load<i32>(arr.dataStart + (<usize> i << 2));
}

function push(t: i32, s: i32, e: i32): void {
  if (nTok == tokType.length) {
    tokType.push(t);
    tokStart.push(s);
    tokEnd.push(e);
  } else {
    setI(tokType, nTok, t);
    setI(tokStart, nTok, s);
    setI(tokEnd, nTok, e);
  }
  nTok++;
}

function skipWs(i: i32): i32 {
  while (isWs(ch(i))) i++;
  return i;
}

// INT_UNSIGNED: '0' | [1-9] ('_'? DIGIT)*
function intU(q: i32): i32 {
  const c = ch(q);
  if (c == 48) return q + 1;
  if (c < 49 || c > 57) return -1;
  q++;
  while (true) {
    const d = ch(q);
    if (isDigit(d)) q++;
    else if (d == 95 && isDigit(ch(q + 1))) q += 2;
    else break;
  }
  return q;
}

// DIGIT ('_'? DIGIT)*
function digitsPart(q: i32): i32 {
  if (!isDigit(ch(q))) return -1;
  q++;
  while (true) {
    const d = ch(q);
    if (isDigit(d)) q++;
    else if (d == 95 && isDigit(ch(q + 1))) q += 2;
    else break;
  }
  return q;
}

function lowerIs(q: i32, word: string): bool {
  for (let k = 0; k < word.length; k++) {
    if ((ch(q + k) | 32) != word.charCodeAt(k)) return false;
  }
  return true;
}

function exponent(b: i32): i32 {
  if (b < 0) return -1;
  const c = ch(b);
  if (c != 101 && c != 69) return -1;
  let r = b + 1;
  const s = ch(r);
  if (s == 43 || s == 45) r++;
  return digitsPart(r);
}

// FLOAT: [+-]? (POINT_FLOAT | EXPONENT_FLOAT | inf | nan)
function matchFloat(p: i32): i32 {
  let q = p;
  const s = ch(q);
  if (s == 43 || s == 45) q++;
  let best = -1;
  if (lowerIs(q, "inf") || lowerIs(q, "nan")) best = q + 3;
  const i = intU(q);
  let a = -1, b1 = -1, b2 = -1;
  if (i >= 0 && ch(i) == 46) {
    a = i + 1;
    b1 = digitsPart(i + 1);
  }
  if (ch(q) == 46) b2 = digitsPart(q + 1);
  best = max(best, max(a, max(b1, b2)));
  best = max(best, max(exponent(i), max(exponent(a), max(exponent(b1), exponent(b2)))));
  return best;
}

function matchInt(p: i32): i32 {
  const s = ch(p);
  return intU(s == 43 || s == 45 ? p + 1 : p);
}

// ID: (CHAR|'_') (CHAR|DIGIT|'_'|'-')*
function matchId(p: i32): i32 {
  const c = ch(p);
  if (!isAlpha(c) && c != 95) return -1;
  let q = p + 1;
  while (true) {
    const d = ch(q);
    if (isAlpha(d) || isDigit(d) || d == 95 || d == 45) q++;
    else break;
  }
  return q;
}

// KEY_SPECIAL: (CHAR|'_'|'$') (CHAR|DIGIT|'_'|'-'|'$')*
function matchKeySpecial(p: i32): i32 {
  const c = ch(p);
  if (!isAlpha(c) && c != 95 && c != 36) return -1;
  let q = p + 1;
  while (true) {
    const d = ch(q);
    if (isAlpha(d) || isDigit(d) || d == 95 || d == 45 || d == 36) q++;
    else break;
  }
  return q;
}

// DOT_PATH: (KEY_SPECIAL | INT_UNSIGNED) ('.' (KEY_SPECIAL | INT_UNSIGNED))+
function segment(q: i32): i32 {
  return max(matchKeySpecial(q), intU(q));
}
function matchDotPath(p: i32): i32 {
  let q = segment(p);
  if (q < 0) return -1;
  let n = 0;
  while (ch(q) == 46) {
    const r = segment(q + 1);
    if (r < 0) break;
    q = r;
    n++;
  }
  return n > 0 ? q : -1;
}

function isEscapable(c: i32): bool {
  // \ ( ) [ ] { } : = , space tab
  return c == 92 || c == 40 || c == 41 || c == 91 || c == 93 || c == 123 || c == 125 ||
    c == 58 || c == 61 || c == 44 || c == 32 || c == 9;
}

function matchEsc(p: i32): i32 {
  let q = p;
  while (ch(q) == 92 && isEscapable(ch(q + 1))) q += 2;
  return q > p ? q : -1;
}

// UNQUOTED_CHAR: [/\-\\+.$%*@?|]
function isUnquoted(c: i32): bool {
  return c == 47 || c == 45 || c == 92 || c == 43 || c == 46 || c == 36 || c == 37 ||
    c == 42 || c == 64 || c == 63 || c == 124;
}

// INTERPOLATION: '${' ~('}')+ '}'
function matchInterp(p: i32): i32 {
  if (ch(p) != 36 || ch(p + 1) != 123) return -1;
  let j = p + 2;
  while (j < limit && ch(j) != 125) j++;
  return j < limit && j > p + 2 ? j + 1 : -1;
}

// QUOTED_VALUE closes at the first quote preceded by an even number of backslashes.
function matchQuoted(p: i32, q: i32): i32 {
  let j = p + 1;
  let run = 0;
  while (j < limit) {
    const c = ch(j);
    if (c == q && (run & 1) == 0) return j + 1;
    run = c == 92 ? run + 1 : 0;
    j++;
  }
  return -1;
}

function fail(at: i32, end: i32): bool {
  lexErrorAt = at;
  lexErrorEnd = end;
  return false;
}

/** Lexes [start, end). Returns false on a token recognition error. */
export function lex(start: i32, end: i32): bool {
  nTok = 0;
  limit = end;
  lexErrorAt = -1;
  let p = start;
  let valueMode = false;
  while (p < end) {
    const c = ch(p);
    if (!valueMode) {
      if (c == 61) {
        const e = skipWs(p + 1);
        push(T_EQUAL, p, e);
        p = e;
        valueMode = true;
        continue;
      }
      let t = -1;
      if (c == 126) t = T_TILDE;
      else if (c == 43) t = T_PLUS;
      else if (c == 64) t = T_AT;
      else if (c == 58) t = T_COLON;
      else if (c == 47) t = T_SLASH;
      if (t >= 0) {
        push(t, p, p + 1);
        p++;
        continue;
      }
      let best = matchId(p);
      t = T_ID;
      const ks = matchKeySpecial(p);
      if (ks > best) {
        best = ks;
        t = T_KEY_SPECIAL;
      }
      // a DOT_PATH needs a '.' right after its first segment
      if (ch(max(ks, intU(p))) == 46) {
        const dp = matchDotPath(p);
        if (dp > best) {
          best = dp;
          t = T_DOT_PATH;
        }
      }
      if (best < 0) return fail(p, p + 1);
      push(t, p, best);
      p = best;
      continue;
    }
    // value mode: tokens that may start with whitespace
    const w = skipWs(p);
    const d = ch(w);
    let t = -1;
    let e = -1;
    if (d == 40) t = T_POPEN;
    else if (d == 44) t = T_COMMA;
    else if (d == 58) t = T_COLON;
    else if (d == 61) t = T_EQUAL;
    if (t >= 0) e = skipWs(w + 1);
    else if (d == 41) t = T_PCLOSE;
    else if (d == 93) t = T_BRACKET_CLOSE;
    else if (d == 125) t = T_BRACE_CLOSE;
    if (t >= 0) {
      if (e < 0) e = w + 1;
      push(t, p, e);
      p = e;
      continue;
    }
    if (w > p) {
      push(T_WS, p, w);
      p = w;
      continue;
    }
    if (c == 91 || c == 123) {
      e = skipWs(p + 1);
      push(c == 91 ? T_BRACKET_OPEN : T_BRACE_OPEN, p, e);
      p = e;
      continue;
    }
    if (c == 39 || c == 34) {
      e = matchQuoted(p, c);
      if (e < 0) return fail(p, end);
      push(T_QUOTED, p, e);
      p = e;
      continue;
    }
    // dispatch on the first character; ties go to the rule defined first
    // (FLOAT, INT, BOOL, NULL, UNQUOTED_CHAR, ID, ESC, INTERPOLATION)
    let x = -1;
    if (isDigit(c) || c == 46 || c == 43 || c == 45) {
      e = matchFloat(p);
      t = T_FLOAT;
      x = matchInt(p);
      if (x > e) {
        e = x;
        t = T_INT;
      }
      if (!isDigit(c) && p + 1 > e) {
        e = p + 1;
        t = T_UNQUOTED;
      }
    } else if (isAlpha(c) || c == 95) {
      e = matchId(p);
      t = T_ID;
      const l = c | 32;
      if (l == 105 || l == 110) {
        x = matchFloat(p);
        if (x >= e) {
          e = x;
          t = T_FLOAT;
        }
      }
      if (l == 116 || l == 102) {
        x = lowerIs(p, "true") ? p + 4 : lowerIs(p, "false") ? p + 5 : -1;
        if (x >= e) {
          e = x;
          t = T_BOOL;
        }
      }
      if (l == 110) {
        x = lowerIs(p, "null") ? p + 4 : -1;
        if (x >= e) {
          e = x;
          t = T_NULL;
        }
      }
    } else if (c == 92) {
      e = matchEsc(p);
      t = T_ESC;
      if (e < 0) {
        e = p + 1;
        t = T_UNQUOTED;
      }
    } else if (c == 36) {
      e = matchInterp(p);
      t = T_INTERP;
      if (e < 0) {
        e = p + 1;
        t = T_UNQUOTED;
      }
    } else if (isUnquoted(c)) {
      e = p + 1;
      t = T_UNQUOTED;
    }
    if (e < 0) return fail(p, p + 1);
    push(t, p, e);
    p = e;
  }
  push(T_EOF, end, end);
  return true;
}

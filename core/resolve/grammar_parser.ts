/**
 * The recursive-descent parser of OmegaConf 2.2's interpolation grammar
 * (OmegaConfGrammarParser.g4); the error it throws is ./grammar_error.ts's.
 * Escapes are applied while parsing, exactly where OmegaConf's visitor
 * applies them.
 *
 * @module
 */

import type {
  Arg,
  Element,
  Interp,
  NodeInterp,
  Part,
  ResolverInterp,
  Tok,
  TokKind,
} from "./grammar.ts";
import {
  ARGUMENT_START,
  ELEMENT_START,
  halve,
  ID_RE,
  INTER_KEY_RE,
  KEY_KINDS,
  LIST_START,
  matchAt,
  mergeText,
  PRIMITIVE_KINDS,
  VALUE_TOKENS,
  valueToken,
  wsAt,
} from "./grammar_tokens.ts";
import { eofError, keyError, resolverNameError } from "./grammar_keys.ts";
import { GrammarError } from "./grammar_error.ts";

export { GrammarError } from "./grammar_error.ts";

/**
 * A parser over one string: {@link Parser.text} for a config value,
 * {@link Parser.element} for one element; `warnings` collects OmegaConf's
 * `some elements are missing` notes.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Parser } from "./grammar_parser.ts";
 * assert.deepEqual(new Parser("a${b}").text("").length, 2);
 * ```
 */
export class Parser {
  i = 0;
  warnings: string[] = [];
  /** The closing tokens of the resolver argument lists, lists and dicts being read, innermost last. */
  closers: string[] = [];
  constructor(readonly s: string) {}

  fail(message: string, at = this.i): never {
    throw new GrammarError(message, at);
  }

  /**
   * Fails on the token at `this.i` where `expecting` (`closes`: its token
   * kinds) was due, in ANTLR's words: 'extraneous input' when the token after
   * it is one expected (one token too many), 'missing X at' when the token
   * may follow the expected one (`follow`: one token too few), else
   * 'mismatched input'.
   */
  unexpected(expecting: string, closes: string[], follow: string[] = []): never {
    const tok = valueToken(this.s, this.i);
    const next = valueToken(this.s, this.i + tok.text.length);
    if (closes.includes(next.k)) this.fail(`extraneous input '${tok.text}' expecting ${expecting}`);
    if (follow.includes(tok.k)) this.fail(`missing ${expecting} at '${tok.text}'`);
    this.fail(`mismatched input '${tok.text}' expecting ${expecting}`);
  }

  /** Text pieces until `stop` (a quote char) or the end; top level when stop is "". */
  text(stop: string): Part[] {
    const s = this.s;
    const parts: Part[] = [];
    while (this.i < s.length) {
      const i = this.i;
      if (stop && s[i] === stop) break;
      if (s.startsWith("${", i)) {
        parts.push(this.interpolation(false, stop === ""));
        continue;
      }
      let n = 0;
      while (s[i + n] === "\\") n++;
      // candidate lengths in lexer rule order: ANY_STR, ESC_INTER, ESC (quote), ESC run,
      // BACKSLASHES, DOLLAR; the longest wins, the first on ties
      let run = 0;
      while (i + run < s.length && s[i + run] !== "$" && s[i + run] !== stop) run++;
      while (run > 0 && s[i + run - 1] === "\\") run--;
      const escInter = n % 2 === 1 && s.startsWith("${", i + n) ? n + 2 : 0;
      const escQuote = stop && n % 2 === 1 && s[i + n] === stop ? n + 1 : 0;
      const escRun = n - (n % 2);
      const best = Math.max(run, escInter, escQuote, escRun, n, s[i] === "$" ? 1 : 0);
      const text = s.slice(i, i + best);
      if (best === run) parts.push(text);
      else if (best === escInter) parts.push(text.slice(-(Math.floor(best / 2) + 1)));
      else if (best === escQuote) parts.push(halve(text));
      else if (best === escRun) {
        // an even run is unescaped only before an interpolation (or, quoted, the close)
        const next = i + best;
        const unescape = s.startsWith("${", next) || (stop !== "" && s[next] === stop) ||
          (stop !== "" && next >= s.length);
        parts.push(unescape ? halve(text) : text);
      } else parts.push(text);
      this.i = i + best;
    }
    return mergeText(parts);
  }

  /**
   * After `${`: a node or resolver interpolation; `inPrimitive`: inside a
   * resolver argument's primitive; `atTop`: in the config value's own text
   * (not a quoted argument's), where the end of the input may follow it.
   */
  interpolation(inPrimitive = false, atTop = false): Interp {
    const s = this.s;
    const start = this.i;
    this.i += 2;
    this.i += wsAt(s, this.i);
    const key: Part[] = [];
    // key tokens: DOT, [, ], ID, INTER_KEY, nested interpolation
    for (;;) {
      const i = this.i;
      if (i >= s.length) this.fail(eofError(s, key, start), start);
      if (s.startsWith("${", i)) {
        key.push(this.interpolation());
        continue;
      }
      const c = s[i];
      if (c === "." || c === "[" || c === "]") {
        key.push(c);
        this.i++;
        continue;
      }
      const ws = wsAt(s, i);
      if (s[i + ws] === "}") {
        this.i = i + ws + 1;
        return this.nodeInterp(key, start);
      }
      if (s[i + ws] === ":") {
        this.i = i + ws + 1;
        this.i += wsAt(s, this.i);
        return this.resolver(key, start, inPrimitive, atTop);
      }
      const id = Math.max(matchAt(ID_RE, s, i), matchAt(INTER_KEY_RE, s, i));
      if (id === 0) {
        this.fail(
          `token recognition error at: '${
            s.slice(i, i + Math.max(ws, 0)) + charAt(s, i + Math.max(ws, 0))
          }'`,
          i,
        );
      }
      key.push(s.slice(i, i + id));
      this.i = i + id;
    }
  }

  nodeInterp(key: Part[], start: number): NodeInterp {
    const place = { at: start };
    const why = keyError(this.s, key, start, this.i, place);
    if (why !== undefined) this.fail(why, place.at);
    return { t: "node", key, text: this.s.slice(start, this.i) };
  }

  resolver(name: Part[], start: number, inPrimitive = false, atTop = false): ResolverInterp {
    // resolverName: (interpolation | ID) (DOT (interpolation | ID))*
    const why = resolverNameError(this.s, name, start, this.i);
    if (why !== undefined) this.fail(why, start);
    // `${b:` and nothing more: ANTLR expected an argument or the `}`
    if (this.i >= this.s.length) {
      this.fail(`mismatched input '<EOF>' expecting {${ARGUMENT_START.join(", ")}}`);
    }
    // what may follow its `}`: the primitive it is in goes on, or the text around it (or its end)
    const follow = inPrimitive
      ? [...PRIMITIVE_KINDS, "COMMA", this.closers[this.closers.length - 1]]
      : atTop
      ? ["INTER_OPEN", "ESC", "EOF"]
      : ["INTER_OPEN", "ESC"];
    this.closers.push("BRACE_CLOSE");
    const args = this.s[this.i] === "}" ? [] : this.sequence("}", follow);
    this.closers.pop();
    // the arguments end at a `}` or at the end of the input (`${b:x`, `${b:'x' `)
    if (this.s[this.i + wsAt(this.s, this.i)] !== "}") {
      this.unexpected("BRACE_CLOSE", ["BRACE_CLOSE"], follow);
    }
    this.i += wsAt(this.s, this.i);
    this.i++;
    return { t: "res", name, args, text: this.s.slice(start, this.i) };
  }

  /**
   * `element (COMMA element?)*` or `(COMMA element?)+`, up to `close` (`}`
   * ends a resolver's arguments, `]` a list) or the end; `follow`: the tokens
   * that may come after `close`.
   */
  sequence(close: "}" | "]", follow: string[] = []): Arg[] {
    const s = this.s;
    const out: Arg[] = [];
    const start = this.i;
    let prevComma = true;
    let missing = false;
    for (;;) {
      const ws = wsAt(s, this.i);
      const c = s[this.i + ws];
      if (c === ",") {
        if (prevComma) {
          out.push({ el: null, text: "" });
          missing = true;
        }
        this.i += ws + 1;
        this.i += wsAt(s, this.i);
        prevComma = true;
        continue;
      }
      // a list leaves a `}` to element(); a resolver's arguments take a `]` as
      // one too many (`${f:a]}`)
      if (c === undefined || c === "}" || (c === "]" && close === "]")) break;
      if (c === "]" && out.length === 0 && prevComma && this.i === start) {
        this.unexpected(`{${ARGUMENT_START.join(", ")}}`, [...ARGUMENT_START, "UNQ"]);
      }
      if (!prevComma || c === "]") {
        // `${oc.select:lst[0]}`: an argument is not a key path, so `[` cannot follow it
        const name = close === "}" ? "BRACE_CLOSE" : "BRACKET_CLOSE";
        this.unexpected(name, [name], close === "}" ? follow : []);
      }
      const at = this.i;
      const el = this.element();
      out.push({ el, text: s.slice(at, this.i).trim() });
      prevComma = false;
    }
    if (prevComma) {
      out.push({ el: null, text: "" });
      missing = true;
    }
    if (missing) this.warnings.push(s.slice(start, this.i).trim());
    return out;
  }

  element(): Element {
    const s = this.s;
    const c = s[this.i];
    if (c === "[") {
      this.i++;
      this.i += wsAt(s, this.i);
      if (this.i >= s.length) {
        this.fail(`mismatched input '<EOF>' expecting {${LIST_START.join(", ")}}`);
      }
      // `${b:[}`: ANTLR is still choosing whether a sequence starts, so no `]` is missing yet
      if (s[this.i] === "}") this.fail(`mismatched input '}' expecting {${LIST_START.join(", ")}}`);
      // what may follow the `]`: a comma or the close of what the list is in; oc.decode's end
      const outer = this.closers[this.closers.length - 1];
      this.closers.push("BRACKET_CLOSE");
      const items = s[this.i] === "]" ? [] : this.sequence("]");
      this.closers.pop();
      if (s[this.i + wsAt(s, this.i)] !== "]") {
        this.missingOrMismatched("BRACKET_CLOSE", outer === undefined ? ["EOF"] : ["COMMA", outer]);
      }
      this.i += wsAt(s, this.i);
      this.i++;
      return { t: "list", items };
    }
    if (c === "{") return this.dict();
    if (c === "'" || c === '"') {
      this.i++;
      const parts = this.text(c);
      if (s[this.i] !== c) this.fail(`mismatched input '<EOF>' expecting MATCHING_QUOTE_CLOSE`);
      this.i++;
      // what follows is the caller's to judge (a sequence, a dict, the end)
      return { t: "quoted", parts };
    }
    const toks = this.primitiveToks(true);
    if (toks.length === 0) {
      this.fail(
        `mismatched input '${s[this.i] ?? "<EOF>"}' expecting {${ELEMENT_START.join(", ")}}`,
      );
    }
    return { t: "prim", toks };
  }

  dict(): Element {
    const s = this.s;
    this.i++;
    this.i += wsAt(s, this.i);
    const pairs: { key: Tok[]; value: Element }[] = [];
    for (;;) {
      const ws = wsAt(s, this.i);
      if (s[this.i + ws] === "}") {
        this.i += ws + 1;
        return { t: "dict", pairs };
      }
      if (pairs.length > 0) {
        if (s[this.i + ws] !== ",") {
          this.unexpected("{BRACE_CLOSE, COMMA}", ["BRACE_CLOSE", "COMMA"]);
        }
        this.i += ws + 1;
        this.i += wsAt(s, this.i);
      }
      const key = this.primitiveToks(false) as Tok[];
      if (key.length === 0) this.badKey(pairs.length === 0);
      // whitespace before the colon belongs to COLON
      const colon = valueToken(s, this.i);
      if (colon.k !== "COLON") {
        // a token that may start the value: one too few (the colon); else the wrong one
        const starts = !["COMMA", "BRACE_CLOSE", "BRACKET_CLOSE", "EOF"].includes(colon.k);
        this.i += wsAt(s, this.i);
        if (starts) this.fail(`missing COLON at '${valueToken(s, this.i).text}'`);
        this.fail(`mismatched input '${colon.text}' expecting COLON`);
      }
      this.i += wsAt(s, this.i);
      this.i++;
      this.i += wsAt(s, this.i);
      this.closers.push("BRACE_CLOSE");
      pairs.push({ key, value: this.element() });
      this.closers.pop();
    }
  }

  /**
   * Fails where a dict key was due (`first`: the dict's first, where its `}`
   * may come instead): the token is one too many when the one after it is
   * expected; the end of the input and a quote (its text is lexed apart) are
   * the wrong token.
   */
  badKey(first: boolean): never {
    const expecting = `{${
      first ? "BRACE_CLOSE, " : ""
    }FLOAT, INT, BOOL, NULL, UNQUOTED_CHAR, ID, ESC, WS}`;
    const tok = valueToken(this.s, this.i);
    // after `${` comes a key's token: only an ID (not a longer INTER_KEY) is one a key has
    const after = this.i + 2 + wsAt(this.s, this.i + 2);
    const id = tok.k === "INTER_OPEN" && matchAt(ID_RE, this.s, after);
    const keyId = id && id >= matchAt(INTER_KEY_RE, this.s, after);
    const wrong = tok.k === "EOF" || tok.k.startsWith("QUOTE_OPEN") ||
      (tok.k === "INTER_OPEN" && !keyId);
    const text = tok.k === "INTER_OPEN" ? this.s.slice(this.i, after) : tok.text;
    if (wrong) this.fail(`mismatched input '${text}' expecting ${expecting}`);
    if (keyId) this.fail(`extraneous input '${text}' expecting ${expecting}`);
    this.unexpected(expecting, first ? ["BRACE_CLOSE", ...KEY_KINDS] : KEY_KINDS);
  }

  /**
   * Fails on the token at `this.i` where the closing `name` was due: 'missing'
   * when that token may follow the close (`follow`), else 'mismatched'.
   */
  missingOrMismatched(name: string, follow: string[]): never {
    const tok = valueToken(this.s, this.i);
    if (follow.includes(tok.k)) this.fail(`missing ${name} at '${tok.text}'`);
    this.fail(`mismatched input '${tok.text}' expecting ${name}`);
  }

  /** Primitive tokens; `full` allows COLON and interpolations (not in dict keys). */
  primitiveToks(full: boolean): (Tok | Interp)[] {
    const s = this.s;
    const toks: (Tok | Interp)[] = [];
    for (;;) {
      const i = this.i;
      if (i >= s.length) break;
      if (s.startsWith("${", i)) {
        if (!full) break;
        toks.push(this.interpolation(true));
        continue;
      }
      const ws = wsAt(s, i);
      const c = s[i + ws];
      // delimiters that swallow surrounding whitespace end the primitive
      if (c === "," || c === "}" || c === "]" || (c === ":" && !full)) break;
      if (c === ":") {
        const w2 = wsAt(s, i + ws + 1);
        toks.push({ k: "COLON", s: s.slice(i, i + ws + 1 + w2) });
        this.i = i + ws + 1 + w2;
        continue;
      }
      let best = 0;
      let kind: TokKind = "WS";
      for (const [k, re] of VALUE_TOKENS) {
        const n = matchAt(re, s, i);
        if (n > best) {
          best = n;
          kind = k;
        }
      }
      if (best === 0) {
        // a quote, bracket or brace after a primitive is the caller's to judge
        if (c === "[" || c === "{" || c === "'" || c === '"') break;
        this.fail(`token recognition error at: '${charAt(s, i)}'`);
      }
      const text = s.slice(i, i + best);
      toks.push({ k: kind, s: kind === "ESC" ? halve(text) : text });
      this.i = i + best;
    }
    return toks;
  }
}

/** The character at `i`, whole: an emoji is two UTF-16 units, and its first alone prints as '�'. */
function charAt(s: string, i: number): string {
  const code = s.codePointAt(i);
  return code === undefined ? "" : String.fromCodePoint(code);
}

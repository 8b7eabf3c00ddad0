/**
 * The text Hydra writes back for override values: job override strings,
 * `override_dirname`, `.hydra/overrides.yaml` (Hydra's
 * `Override.get_value_element_as_str` and `sweep_string_iterator`).
 *
 * @module
 */

import { ErrorCode, StrataError } from "../errors.ts";
import { pyFloatRepr } from "../pyformat.ts";
import { fromNode, parsedOf } from "./element.ts";
import { nestedSweepTextError } from "./nested.ts";
import { expandRange, intRangeValues } from "./range.ts";
import type { ElementValue, Override, ParsedElement, SweepValues } from "./types.ts";

/** Characters the grammar's ESC token escapes in unquoted strings. */
const SPECIAL = /[\\()[\]{}:=, \t]/g;

/** One segment of an override key: Hydra's KEY_SPECIAL or INT_UNSIGNED (OverrideLexer.g4). */
const KEY_SEGMENT = /^(?:[A-Za-z_$][A-Za-z0-9_$-]*|0|[1-9](?:_?[0-9])*)$/;

/**
 * Whether an override key can name the dict key `key` as one segment of its
 * dotted path: Hydra's override grammar has no brackets and no quoting in a
 * key, so a key holding `.` (`observation.state`), a space or `[` cannot be
 * overridden on its own, only its parent replaced whole.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isOverrideKeySegment } from "./format.ts";
 * assert.equal(isOverrideKeySegment("batch_size"), true);
 * assert.equal(isOverrideKeySegment("observation.state"), false);
 * ```
 */
export function isOverrideKeySegment(key: string): boolean {
  return KEY_SEGMENT.test(key);
}

/**
 * The key an override targets, with its package (`db@src` for `+db@src=pg`): what a defaults
 * entry's override key (Hydra's `get_override_key`) is compared with.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { overrideTargetKey } from "./format.ts";
 * import { parseOverride } from "./parse.ts";
 * assert.equal(overrideTargetKey(parseOverride("task@_global_=t2", 0)), "task@_global_");
 * assert.equal(overrideTargetKey(parseOverride("~db", 0)), "db");
 * ```
 */
export function overrideTargetKey(o: Override): string {
  return o.package === null ? o.key : `${o.key}@${o.package}`;
}

/**
 * Escapes an unquoted string so it parses back to itself (`a b` → `a\ b`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { escapeSpecial } from "./format.ts";
 * assert.equal(escapeSpecial("${x}"), "$\\{x\\}");
 * ```
 */
export function escapeSpecial(s: string): string {
  return s.replace(SPECIAL, "\\$&");
}

/** An option name the override grammar reads unquoted as that same string. */
const PLAIN_OPTION = /^[A-Za-z0-9_./-]+$/;

/**
 * What the override grammar reads as no string though its characters are plain: null, a bool,
 * an int or a float (`16`, `null`, `true`, `1e3`, `.5`, `inf`): an option file so named is
 * chosen quoted (`flag='null'`), or Hydra says "Config group override must be a string"
 * (checker x34).
 */
const DIGITS = String.raw`\d(?:_?\d)*`;
const POINT = String.raw`(?:(?:${DIGITS})?\.${DIGITS}|${DIGITS}\.)`;
const NOT_A_STRING = new RegExp(
  String
    .raw`^(?:null|true|false|[+-]?(?:0|[1-9](?:_?\d)*|${POINT}|(?:${DIGITS}|${POINT})[eE][+-]?${DIGITS}|inf|nan))$`,
  "i",
);

/**
 * The override that chooses `option` of the group (or defaults entry) `key`:
 * `db=mysql`, the option quoted when its name is not a plain word of the
 * grammar (a file `copy (2).yaml` is `task='copy (2)'`, as Hydra's
 * `escape_special_characters` would also make it parse).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { choiceOverride } from "./format.ts";
 * assert.equal(choiceOverride("db", "mysql"), "db=mysql");
 * assert.equal(choiceOverride("task@_global_", "copy (2)"), "task@_global_='copy (2)'");
 * assert.equal(choiceOverride("lr", "lr=0.1"), "lr='lr=0.1'");
 * assert.equal(choiceOverride("bs", "16"), "bs='16'");
 * assert.equal(choiceOverride("flag", "null"), "flag='null'");
 * assert.equal(choiceOverride("x", "1e3"), "x='1e3'");
 * assert.equal(choiceOverride("v", "v1.5"), "v=v1.5");
 * assert.equal(choiceOverride("z", "010"), "z=010");
 * ```
 */
export function choiceOverride(key: string, option: string): string {
  const plain = PLAIN_OPTION.test(option) && !NOT_A_STRING.test(option);
  return `${key}=${plain ? option : withQuotes(option, "'")}`;
}

/**
 * A quoted string with its quotes, escaped so it parses back to `text`
 * (Hydra's `QuotedString.with_quotes`): quotes are escaped, and backslashes
 * that precede a quote (or the closing quote) are doubled.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { withQuotes } from "./format.ts";
 * assert.equal(withQuotes("it's", "'"), "'it\\'s'");
 * assert.equal(withQuotes("a\\", "'"), "'a\\\\'");
 * ```
 */
export function withQuotes(text: string, quote: "'" | '"'): string {
  let out = quote;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === "\\") {
      let j = i;
      while (j < text.length && text[j] === "\\") j++;
      const run = j - i;
      // a run before a quote or before the closing quote is doubled
      out += j === text.length || text[j] === quote ? "\\".repeat(run * 2) : "\\".repeat(run);
      i = j;
    } else {
      out += c === quote ? "\\" + c : c;
      i++;
    }
  }
  return out + quote;
}

function parsedToString(pe: ParsedElement, spaced: boolean): string {
  switch (pe.t) {
    case "null":
      return "null";
    case "quoted":
      return withQuotes(pe.v, pe.quote);
    case "str":
      return escapeSpecial(pe.v);
    case "int":
      return String(pe.v);
    case "float":
      return pyFloatRepr(pe.v);
    case "bool":
      return pe.v ? "True" : "False";
    case "list":
      return "[" + pe.v.map((x) => parsedToString(x, spaced)).join(spaced ? ", " : ",") + "]";
    case "dict":
      return "{" +
        pe.v.map(([k, v]) =>
          parsedToString(k, false) + (spaced ? ": " : ":") + parsedToString(v, spaced)
        )
          .join(spaced ? ", " : ",") +
        "}";
  }
}

/**
 * The text of an element value as Hydra writes it back
 * (`Override.get_value_element_as_str`): `True`, `1000.0`, `a\ b`, `$\{x\}`,
 * quoted strings keep their quotes. `spaced` puts a space after `,` and `:`.
 *
 * @example
 * ```ts
 * import { elementToString } from "../../engine.ts";
 * elementToString({ t: "list", v: [{ t: "int", v: 1 }, { t: "quoted", v: "a b", quote: "'" }] }, true);
 * // "[1, 'a b']"
 * ```
 */
export function elementToString(
  value: ElementValue | ParsedElement | null | undefined,
  spaced = false,
): string {
  if (value === null || value === undefined) return "null";
  if ("kind" in value) {
    if (value.sweep) {
      // (`seed=choice(1,2),3`: Hydra's BasicSweeper fails on it with an AssertionError; a sweep
      // error, so that one typed on the command line is bad usage with a caret: checker x58)
      throw new StrataError(
        ErrorCode.Sweep,
        "A sweep nested in a sweep's values is not supported (Hydra's BasicSweeper fails on " +
          "it): write its values in the one sweep (a=1,2,3, not a=choice(1,2),3)",
      );
    }
    // Hydra fails converting the sweep object in it to text
    if (value.nested) throw nestedSweepTextError(value.nested);
    return parsedToString(parsedOf(value), spaced);
  }
  return parsedToString(value, spaced);
}

/**
 * Python's `fnmatch.fnmatch` on POSIX: `*`, `?`, `[seq]`, `[!seq]`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fnmatch } from "./format.ts";
 * assert.ok(fnmatch("mysql", "my*"));
 * ```
 */
export function fnmatch(name: string, pattern: string): boolean {
  // matched without a regular expression: a pattern of many stars (`*a*a*a*b`) made the
  // backtracking regex exponential in the name's length (a config or a settings file may hold
  // one: a hang, where Python's fnmatch answers at once); this is O(name x pattern)
  const toks = globTokens(pattern);
  let n = 0, t = 0, star = -1, resume = 0;
  while (n < name.length) {
    const tok = toks[t];
    if (tok !== undefined && tok !== STAR && tok(name[n])) {
      n++;
      t++;
    } else if (tok === STAR) {
      star = t++;
      resume = n;
    } else if (star >= 0) {
      // the last star takes one character more, and the rest is tried again from there
      t = star + 1;
      n = ++resume;
    } else return false;
  }
  while (toks[t] === STAR) t++;
  return t === toks.length;
}

/** A pattern's `*`, apart from the tokens that match one character. */
const STAR = "*";

/** A glob's tokens: `*`, or a test of one character (`?`, `[seq]`, `[!seq]`, a literal). */
function globTokens(pattern: string): (typeof STAR | ((c: string) => boolean))[] {
  const out: (typeof STAR | ((c: string) => boolean))[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "*") {
      if (out.at(-1) !== STAR) out.push(STAR);
    } else if (c === "?") out.push(() => true);
    else if (c === "[") {
      let j = i + 1;
      if (pattern[j] === "!") j++;
      if (pattern[j] === "]") j++;
      while (j < pattern.length && pattern[j] !== "]") j++;
      if (j >= pattern.length) out.push((x) => x === "[");
      else {
        let body = pattern.slice(i + 1, j).replaceAll("\\", "\\\\");
        if (body.startsWith("!")) body = "^" + body.slice(1);
        else if (body.startsWith("^")) body = "\\" + body;
        // a `]` first in the set is one of its characters (`[]]`), as in Python
        body = body.replace(/^(\^?)\]/, "$1\\]");
        const re = new RegExp(`^[${body}]$`);
        out.push((x) => re.test(x));
        i = j;
      }
    } else out.push((x) => x === c);
  }
  return out;
}

function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * The values a discrete sweep expands to, as the strings BasicSweeper puts in
 * job overrides (`Override.sweep_string_iterator`). Globs are matched against
 * `globOptions` (the config group's options) and returned unescaped;
 * `shuffle(...)` sweeps come out in a new random order on every call.
 *
 * @throws {StrataError} `sweep` for intervals, elements and zero-step ranges.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseOverride, sweepStrings } from "../../engine.ts";
 * assert.deepEqual(sweepStrings(parseOverride("lr=1e-3,true,'a b'")), ["0.001", "True", "'a b'"]);
 * assert.deepEqual(sweepStrings(parseOverride("db=glob(m*)"), ["mysql", "postgres"]), ["mysql"]);
 * ```
 */
export function sweepStrings(override: Override, globOptions: readonly string[] = []): string[] {
  const v = override.value;
  const t = override.valueType;
  if (
    !v || !(t === "CHOICE_SWEEP" || t === "SIMPLE_CHOICE_SWEEP" || t === "GLOB_CHOICE_SWEEP" ||
      t === "RANGE_SWEEP")
  ) {
    throw new StrataError(
      ErrorCode.Sweep,
      `Can only enumerate CHOICE and RANGE sweeps, type is ${t ?? "None"}`,
      {
        origin: override.index === undefined
          ? undefined
          : { override: override.index, text: override.text },
      },
    );
  }
  if (v.kind === "choice") {
    return (v.shuffle ? shuffled(v.items) : v.items).map((i) => elementToString(i));
  }
  if (v.kind === "glob") {
    return globOptions.filter((n) =>
      v.include.some((g) => fnmatch(n, g)) && !v.exclude.some((g) => fnmatch(n, g))
    );
  }
  if (v.kind === "range") {
    // An int is written as Python's str() writes it; anything else the general way.
    const values = expandRange(v).map((n) =>
      n.kind === "value" && n.type === "int" ? String(n.value) : elementToString(fromNode(n))
    );
    return v.shuffle ? shuffled(values) : values;
  }
  throw new StrataError(ErrorCode.Sweep, `Cannot enumerate ${t}`);
}

export { expandRange };

/**
 * {@link sweepStrings} read by position: an unshuffled integer range is not
 * expanded (its values are written when read), anything else is the array
 * of strings.
 *
 * @throws {StrataError} what {@link sweepStrings} throws.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseOverride, sweepValues } from "../../engine.ts";
 * const v = sweepValues(parseOverride("seed=range(0,1000000)"));
 * assert.deepEqual([v.length, v.at(999999)], [1000000, "999999"]);
 * ```
 */
export function sweepValues(override: Override, globOptions: readonly string[] = []): SweepValues {
  const v = override.value;
  if (v?.kind === "range" && !v.shuffle && override.valueType === "RANGE_SWEEP") {
    const lazy = intRangeValues(v);
    if (lazy) return lazy;
  }
  return sweepStrings(override, globOptions);
}

/**
 * Python's text forms of values, which leak into OmegaConf strings (string
 * interpolation) and Hydra's override strings: `1e-05`, `1000.0`, `True`, `None`.
 *
 * @module
 */

import type { Node, NodeOrigin } from "./node.ts";

/**
 * Python's `repr(float)`: the shortest round-trip digits, scientific notation
 * when the exponent is below -4 or at least 16, always a `.0` or exponent.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { pyFloatRepr } from "./pyformat.ts";
 * assert.equal(pyFloatRepr(1e-5), "1e-05");
 * assert.equal(pyFloatRepr(1000), "1000.0");
 * assert.equal(pyFloatRepr(1e16), "1e+16");
 * ```
 */
export function pyFloatRepr(x: number): string {
  const ax = Math.abs(x);
  if (ax >= 1e-4 && ax < 1e16) {
    // both write the shortest round-trip digits in fixed notation here (JS up to 1e21)
    const s = String(x);
    return s.includes(".") ? s : s + ".0";
  }
  return pyFloatReprDigits(x);
}

/**
 * {@link pyFloatRepr} the long way, from the digits and exponent of
 * `toExponential()`, for every float (the tests check the short way with it).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { pyFloatReprDigits } from "./pyformat.ts";
 * assert.equal(pyFloatReprDigits(0.5), "0.5");
 * ```
 */
export function pyFloatReprDigits(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  // digits and exponent of the shortest round-trip form
  const [mant, expPart] = x.toExponential().split("e");
  const exp = Number(expPart);
  const neg = mant.startsWith("-");
  const digits = mant.replace("-", "").replace(".", "");
  const sign = neg ? "-" : "";
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exp) < 10 ? `0${Math.abs(exp)}` : String(Math.abs(exp));
    return `${sign}${m}e${exp < 0 ? "-" : "+"}${e}`;
  }
  if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return `${sign}${digits}${"0".repeat(exp + 1 - digits.length)}.0`;
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

/**
 * Python's `str()` of a string inside `repr()` of a container: single quotes
 * unless the string holds a single quote and no double quote.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { pyStrRepr } from "./pyformat.ts";
 * assert.equal(pyStrRepr("a"), "'a'");
 * assert.equal(pyStrRepr("it's"), "\"it's\"");
 * ```
 */
export function pyStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = "";
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === "\\") out += "\\\\";
    else if (ch === quote) out += "\\" + ch;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch !== " " && NOT_PRINTABLE.test(ch)) out += pyEscape(code);
    else out += ch;
  }
  return quote + out + quote;
}

/**
 * `s` with each character Python's str.isprintable() refuses (space aside)
 * written as repr() writes it (`\t`, `\r`, `\x1b`, `\u200b`), the rest as is:
 * what a line of a report shows of a key like `"a\tb"`, whose raw tab or CR
 * would hide in the line or overwrite it. Backslashes are kept (a path key
 * `C:\data` reads as written), so only the escapes are repr()'s.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { escapeUnprintable } from "./pyformat.ts";
 * assert.equal(escapeUnprintable("unknown key 'a\tb\r'"), "unknown key 'a\\tb\\r'");
 * assert.equal(escapeUnprintable("C:\\d é"), "C:\\d é");
 * ```
 */
export function escapeUnprintable(s: string): string {
  if (!ANY_UNPRINTABLE.test(s)) return s;
  let out = "";
  for (const ch of s) {
    if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch !== " " && NOT_PRINTABLE.test(ch)) out += pyEscape(ch.codePointAt(0)!);
    else out += ch;
  }
  return out;
}

/** Whether a text holds a character {@link escapeUnprintable} escapes (the common case: none). */
const ANY_UNPRINTABLE = /(?! )[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

/** What Python's str.isprintable() refuses (space aside): control, format, separators, unassigned. */
const NOT_PRINTABLE = /^[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]$/u;

/** repr()'s escape of a code point: `\xhh`, `\uhhhh` or `\Uhhhhhhhh`. */
function pyEscape(code: number): string {
  const hex = code.toString(16);
  if (code < 0x100) return "\\x" + hex.padStart(2, "0");
  if (code < 0x10000) return "\\u" + hex.padStart(4, "0");
  return "\\U" + hex.padStart(8, "0");
}

/** A plain value as Python's `str()` prints it (`True`, `None`, `1e-05`, `[1, 'a']`). */
export type PyValue =
  | string
  | number
  | bigint
  | boolean
  | null
  | { float: number }
  | PyValue[]
  | Map<PyValue, PyValue>;

/**
 * `str(x)` of a config leaf as Python would print it inside a string
 * interpolation.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { bool, float } from "../engine.ts";
 * import { pyStrOfLeaf } from "./pyformat.ts";
 * assert.equal(pyStrOfLeaf(float(1000)), "1000.0");
 * assert.equal(pyStrOfLeaf(bool(true)), "True");
 * ```
 */
export function pyStrOfLeaf(node: Node): string {
  if (node.kind !== "value") throw new Error("pyStrOfLeaf: not a leaf");
  const member = enumMembers.get(node);
  if (member !== undefined) return member;
  switch (node.type) {
    case "float":
      return pyFloatRepr(node.value as number);
    case "bool":
      return node.value ? "True" : "False";
    case "null":
      return "None";
    case "missing":
      return "???";
    default:
      return String(node.value);
  }
}

/** str() of leaves that stand for a Python enum member (see {@link enumMember}). */
const enumMembers = new WeakMap<Node, string>();

/**
 * A str leaf holding an enum member's name (`MULTIRUN`) that Python's str()
 * spells with its class (`RunMode.MULTIRUN`): Hydra's `${hydra:mode}` reads
 * the typed `hydra.mode`, an EnumNode, whose value a string interpolation
 * (`x_${hydra:mode}`) converts with str() (checker v49). As a whole value it
 * stays the name, as OmegaConf prints the member.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { enumMember, pyStrOfLeaf } from "./pyformat.ts";
 * const mode = enumMember("RunMode", "MULTIRUN");
 * assert.equal(mode.kind === "value" && mode.value, "MULTIRUN");
 * assert.equal(pyStrOfLeaf(mode), "RunMode.MULTIRUN");
 * ```
 */
export function enumMember(enumClass: string, name: string, origin?: NodeOrigin): Node {
  const node: Node = origin === undefined
    ? { kind: "value", type: "str", value: name }
    : { kind: "value", type: "str", value: name, origin };
  enumMembers.set(node, `${enumClass}.${name}`);
  return node;
}

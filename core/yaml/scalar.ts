/**
 * How a plain YAML scalar becomes a typed value in OmegaConf's dialect: the
 * PyYAML 1.1 SafeLoader resolvers, OmegaConf's float rule, no timestamps.
 * Resolvers are picked by the first character, as PyYAML does, so most
 * strings (`${a.b}`, names, paths) are decided without running a regex.
 *
 * @module
 */

import { bool, float, int, missing, nil, type NodeOrigin, str, type ValueNode } from "../node.ts";
import { ErrorCode, StrataError } from "../errors.ts";

const TRUE_WORDS = new Set(["yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"]);
const FALSE_WORDS = new Set(["no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"]);
const NULL_WORDS = new Set(["~", "null", "Null", "NULL", ""]);
const INT =
  /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
/** PyYAML's float resolver united with OmegaConf's (which adds `1e3`, `5e-5`). */
const FLOAT = new RegExp(
  "^(?:[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+]?[0-9]+)?" +
    "|[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)" +
    "|\\.[0-9_]+(?:[eE][-+][0-9]+)?" +
    "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*" +
    "|[-+]?\\.(?:inf|Inf|INF)" +
    "|\\.(?:nan|NaN|NAN))$",
);

/** First characters that can start a non-string plain scalar (bool, null, number, `???`). */
const SPECIAL_START = new Uint8Array(128);
for (const ch of "~nNyYtTfFoO-+0123456789.?<=") SPECIAL_START[ch.charCodeAt(0)] = 1;

/**
 * The int a PyYAML 1.1 int literal stands for (`0b101`, `010` octal, `0x1F`, `1:30`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseYamlInt } from "./scalar.ts";
 * assert.equal(parseYamlInt("010"), 8);
 * assert.equal(parseYamlInt("1:30"), 90);
 * ```
 */
export function parseYamlInt(text: string): number | bigint {
  let t = text.replaceAll("_", "");
  let sign = 1n;
  if (t[0] === "-" || t[0] === "+") {
    if (t[0] === "-") sign = -1n;
    t = t.slice(1);
  }
  if (t === "") throw new RangeError(`invalid literal for int(): '${text}'`);
  let big: bigint;
  if (t === "0") big = 0n;
  else if (t.startsWith("0b") || t.startsWith("0x")) {
    // PyYAML reads the digits after the prefix with int(digits, base): `0b_` has none
    if (t.length === 2) {
      throw new RangeError(`invalid literal for int() with base ${t[1] === "b" ? 2 : 16}: ''`);
    }
    big = BigInt(t);
  } else if (t.startsWith("0o")) big = BigInt(t);
  else if (t[0] === "0") big = BigInt("0o" + t.slice(1));
  else if (t.includes(":")) {
    big = 0n;
    for (const part of t.split(":")) big = big * 60n + BigInt(part);
  } else {
    if (!/^\s*[0-9]+\s*$/.test(t)) throw new RangeError(`invalid literal for int(): '${text}'`);
    big = BigInt(t);
  }
  big *= sign;
  return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(big)
    : big;
}

/**
 * The float a PyYAML/OmegaConf float literal stands for. Sexagesimal parts
 * are summed from the last one, as PyYAML does, so rounding matches.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseYamlFloat } from "./scalar.ts";
 * assert.equal(parseYamlFloat("5e-5"), 0.00005);
 * ```
 */
export function parseYamlFloat(text: string): number {
  let t = text.replaceAll("_", "").toLowerCase().trim();
  let sign = 1;
  if (t[0] === "-" || t[0] === "+") {
    if (t[0] === "-") sign = -1;
    t = t.slice(1);
  }
  if (t === ".inf" || t === "inf" || t === "infinity") return sign * Infinity;
  if (t === ".nan" || t === "nan") return NaN;
  if (t.includes(":")) {
    const parts = t.split(":").map(Number).reverse();
    let base = 1;
    let value = 0;
    for (const d of parts) {
      value += d * base;
      base *= 60;
    }
    return sign * value;
  }
  if (!/^(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:e[-+]?[0-9]+)?$/.test(t)) {
    // Python's float() of what PyYAML hands it: `_` removed, lower case, no sign
    throw new RangeError(`could not convert string to float: '${t}'`);
  }
  return sign * Number(t);
}

/**
 * The node of a plain scalar that is a plain decimal number (`42`, `0.5`,
 * `3.`, `1e-5`), read without the resolvers' regexes; undefined for anything
 * else (signs, `_`, leading zeros, ints past 15 digits), which
 * {@link resolvePlainScalar} reads the long way to the same value.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { decimalNumber } from "./scalar.ts";
 * assert.equal(decimalNumber("0.25")?.type, "float");
 * assert.equal(decimalNumber("010"), undefined, "octal: the long way");
 * assert.equal(decimalNumber("1e-3")?.value, 0.001);
 * ```
 */
export function decimalNumber(text: string, origin?: NodeOrigin): ValueNode | undefined {
  const n = text.length;
  if (n === 0 || n > 40) return undefined;
  let dot = -1;
  let i = 0;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (dot !== -1 || i === 0) return undefined;
      dot = i;
    } else if (c < 48 || c > 57) break;
  }
  if (i < n) {
    // digits, maybe a dot, then an exponent (`1e3`, `5e-05`, `0e-3`): a float
    if (i === 0 || (text.charCodeAt(i) | 32) !== 101) return undefined;
    let j = i + 1;
    const sign = text.charCodeAt(j);
    if (sign === 43 || sign === 45) j++;
    if (j === n) return undefined;
    for (; j < n; j++) {
      const c = text.charCodeAt(j);
      if (c < 48 || c > 57) return undefined;
    }
    return float(Number(text), origin);
  }
  // a leading 0 not before the dot is octal, 0x, 0b or 0_: the long way
  if (text.charCodeAt(0) === 48 && n > 1 && text.charCodeAt(1) !== 46) return undefined;
  if (dot === -1) return n > 15 ? undefined : int(Number(text), origin);
  return float(Number(text), origin);
}

/** The plain-scalar type PyYAML's resolver (with OmegaConf's float rule) gives a text. */
export type PlainType = "null" | "bool" | "int" | "float" | "str" | "merge" | "value";

/**
 * Which tag a plain scalar resolves to, without building it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { plainType } from "./scalar.ts";
 * assert.equal(plainType("5e-5"), "float");
 * assert.equal(plainType("${a}"), "str");
 * ```
 */
export function plainType(text: string): PlainType {
  const c = text.charCodeAt(0);
  if (text.length > 0 && (c >= 128 || SPECIAL_START[c] === 0)) return "str";
  if (NULL_WORDS.has(text)) return "null";
  if (TRUE_WORDS.has(text) || FALSE_WORDS.has(text)) return "bool";
  // ints and floats start with a digit, a sign or a dot: a letter is a str
  if ((c | 32) >= 97 && (c | 32) <= 122) return "str";
  if (INT.test(text)) return "int";
  if (FLOAT.test(text)) return "float";
  if (text === "<<") return "merge";
  if (text === "=") return "value";
  return "str";
}

/**
 * Resolves a plain (unquoted, untagged) scalar the way OmegaConf's loader does.
 * `<<` and `=` resolve to tags SafeLoader cannot construct: the caller reports
 * them (they come back as strings here).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { resolvePlainScalar } from "./scalar.ts";
 * assert.ok(resolvePlainScalar("yes").value);
 * assert.equal(resolvePlainScalar("y").value, "y");
 * assert.equal(resolvePlainScalar("1e3").type, "float");
 * ```
 */
export function resolvePlainScalar(text: string, origin?: NodeOrigin): ValueNode {
  const c = text.charCodeAt(0);
  if (text.length > 0 && (c >= 128 || SPECIAL_START[c] === 0)) return str(text, origin);
  const number = decimalNumber(text, origin);
  if (number !== undefined) return number;
  return scalarOfType(text, plainType(text), origin);
}

/**
 * The node of a plain scalar whose {@link plainType} is known (`merge` and
 * `value` come back as strings, as from {@link resolvePlainScalar}).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { plainType, scalarOfType } from "./scalar.ts";
 * assert.equal(scalarOfType("0x1F", plainType("0x1F")).value, 31);
 * ```
 */
export function scalarOfType(text: string, type: PlainType, origin?: NodeOrigin): ValueNode {
  switch (type) {
    case "null":
      return nil(origin);
    case "bool":
      return bool(TRUE_WORDS.has(text), origin);
    case "int":
    case "float":
      try {
        return type === "int"
          ? int(parseYamlInt(text), origin)
          : float(parseYamlFloat(text), origin);
      } catch (e) {
        // PyYAML's resolvers take `0b_` for an int and `._` for a float, then fail to read
        // them (a ValueError when OmegaConf loads the file): an error at the value
        if (!(e instanceof RangeError)) throw e;
        throw new StrataError(ErrorCode.YamlConstruct, e.message, origin ? { origin } : {});
      }
    default:
      return text === "???" ? missing(origin) : str(text, origin);
  }
}

/**
 * A string value as OmegaConf keeps it: `???` is the missing value.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { strValue } from "./scalar.ts";
 * assert.equal(strValue("???").type, "missing");
 * ```
 */
export function strValue(text: string, origin?: NodeOrigin): ValueNode {
  return text === "???" ? missing(origin) : str(text, origin);
}

/**
 * Hydra 1.3's cast functions `int()`, `float()`, `str()`, `bool()` with
 * Python's conversion rules (`int('1_000')`, `float('inf')`, `str(true)` is
 * `true`, `bool('yes')` fails), applied through lists, dicts and sweeps.
 *
 * @module
 */

import { pyFloatRepr } from "../pyformat.ts";
import type { ParsedElement } from "./types.ts";
import { isSweep, type Num, PyError, pyRepr, pyType, type Val } from "./values.ts";

/** The four casts. */
export type CastName = "int" | "float" | "str" | "bool";

const INT_RE = /^\s*[+-]?\d(?:_?\d)*\s*$/;
const D = String.raw`\d(?:_?\d)*`;
const FLOAT_RE = new RegExp(
  String.raw`^\s*[+-]?(?:inf|infinity|nan|(?:${D}(?:\.(?:${D})?)?|\.${D})(?:e[+-]?${D})?)\s*$`,
  "i",
);

function intOfNumber(x: number): ParsedElement {
  if (x === Infinity || x === -Infinity) {
    throw new PyError("OverflowError", "cannot convert float infinity to integer");
  }
  if (Number.isNaN(x)) throw new PyError("ValueError", "cannot convert float NaN to integer");
  const t = Math.trunc(x) + 0; // int(-0.5) is 0, not -0
  return { t: "int", v: Number.isSafeInteger(t) ? t : BigInt(t) };
}

/**
 * Python `int(s)` for a decimal literal.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { pyIntOfString } from "./casts.ts";
 * assert.equal(pyIntOfString("1_000"), 1000);
 * ```
 */
export function pyIntOfString(s: string): number | bigint {
  if (!INT_RE.test(s)) {
    throw new PyError(
      "ValueError",
      `invalid literal for int() with base 10: ${pyRepr({ t: "str", v: s })}`,
    );
  }
  const clean = s.trim().replaceAll("_", "");
  const n = Number(clean);
  if (Number.isSafeInteger(n)) return n + 0; // Python ints have no -0

  const neg = clean.startsWith("-");
  const big = BigInt(clean.replace(/^[+-]/, ""));
  return neg ? -big : big;
}

/**
 * Python `float(s)`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { pyFloatOfString } from "./casts.ts";
 * assert.deepEqual(pyFloatOfString("-INF"), -Infinity);
 * ```
 */
export function pyFloatOfString(s: string): number {
  if (!FLOAT_RE.test(s)) {
    throw new PyError(
      "ValueError",
      `could not convert string to float: ${pyRepr({ t: "str", v: s })}`,
    );
  }
  const clean = s.trim().replaceAll("_", "").toLowerCase();
  const body = clean.replace(/^[+-]/, "");
  const sign = clean.startsWith("-") ? -1 : 1;
  if (body === "inf" || body === "infinity") return sign * Infinity;
  if (body === "nan") return NaN;
  return Number(clean);
}

function scalarCast(name: CastName, v: Val): Val {
  // cast_bool ends in Python's bool(value), which takes None; the others assert
  if (name === "bool" && !isSweep(v) && v.t === "null") return { t: "bool", v: false };
  if (isSweep(v) || !(v.t === "int" || v.t === "float" || v.t === "bool" || v.t === "str")) {
    // Hydra's bare assert: said what it refuses (checker w51)
    throw new PyError(
      "AssertionError",
      "",
      `${name}() casts an int, float, bool or string, not ${isSweep(v) ? "a sweep" : pyType(v)}`,
    );
  }
  switch (name) {
    case "int":
      if (v.t === "str") return { t: "int", v: pyIntOfString(v.v) };
      if (v.t === "bool") return { t: "int", v: v.v ? 1 : 0 };
      if (v.t === "float") return intOfNumber(v.v);
      return v;
    case "float":
      if (v.t === "str") return { t: "float", v: pyFloatOfString(v.v) };
      if (v.t === "bool") return { t: "float", v: v.v ? 1 : 0 };
      return { t: "float", v: Number(v.v) };
    case "str":
      if (v.t === "bool") return { t: "str", v: v.v ? "true" : "false" };
      if (v.t === "float") return { t: "str", v: pyFloatRepr(v.v) };
      return { t: "str", v: String(v.v) };
    case "bool":
      if (v.t === "str") {
        const l = v.v.toLowerCase();
        if (l === "false") return { t: "bool", v: false };
        if (l === "true") return { t: "bool", v: true };
        throw new PyError("ValueError", `Cannot cast '${v.v}' to bool`);
      }
      if (v.t === "bool") return v;
      return { t: "bool", v: v.t === "float" ? v.v !== 0 : v.v != 0 };
  }
}

/**
 * Applies a cast to a value the way Hydra's `cast_*` functions do.
 *
 * @throws {PyError} the Python exception Hydra raises.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { applyCast } from "./casts.ts";
 * assert.deepEqual(applyCast("float", { t: "list", v: [{ t: "int", v: 1 }] }), { t: "list", v: [{ t: "float", v: 1 }] });
 * ```
 */
export function applyCast(name: CastName, v: Val): Val {
  if (isSweep(v)) {
    switch (v.kind) {
      case "choice":
        return {
          kind: "choice",
          list: v.list.map((x) => applyCast(name, x)),
          simple: v.simple,
          shuffle: false,
          tags: new Set(),
        };
      case "range":
        if (name !== "int" && name !== "float") {
          throw new PyError("ValueError", "Range can only be cast to int or float");
        }
        return {
          kind: "range",
          start: applyCast(name, v.start) as Num,
          stop: applyCast(name, v.stop) as Num,
          step: applyCast(name, v.step) as Num,
          shuffle: false,
          tags: new Set(),
        };
      case "interval":
        if (name !== "int" && name !== "float") {
          throw new PyError("ValueError", `Intervals cannot be cast to ${name}`);
        }
        return {
          kind: "interval",
          start: applyCast(name, v.start) as Num,
          end: applyCast(name, v.end) as Num,
          tags: new Set(v.tags),
        };
      default:
        throw new PyError("AssertionError", "");
    }
  }
  if (v.t === "quoted") return applyCast(name, { t: "str", v: v.v });
  if (v.t === "list") return { t: "list", v: v.v.map((x) => applyCast(name, x) as ParsedElement) };
  if (v.t === "dict") {
    return { t: "dict", v: v.v.map(([k, x]) => [k, applyCast(name, x) as ParsedElement]) };
  }
  return scalarCast(name, v);
}

/**
 * The values the override grammar evaluates to before they become public
 * {@link Override} values: parsed elements and Hydra's sweep objects, with
 * Python's comparison rules (for `sort`) and type names (for messages).
 *
 * @module
 */

import { pyFloatRepr } from "../pyformat.ts";
import type { ParsedElement } from "./types.ts";

/** `choice(...)` or `a,b,c` while evaluating. */
export interface ChoiceObj {
  kind: "choice";
  list: Val[];
  simple: boolean;
  shuffle: boolean;
  tags: Set<string>;
}
/** A number argument: int, float or bool. */
export type Num = Extract<ParsedElement, { t: "int" | "float" | "bool" }>;
/** `range(...)` while evaluating. */
export interface RangeObj {
  kind: "range";
  start: Num;
  stop: Num;
  step: Num;
  shuffle: boolean;
  tags: Set<string>;
}
/** `interval(...)` while evaluating. */
export interface IntervalObj {
  kind: "interval";
  start: Num;
  end: Num;
  tags: Set<string>;
}
/** `glob(...)` while evaluating (not a Sweep in Hydra: it cannot be tagged). */
export interface GlobObj {
  kind: "glob";
  include: Val[];
  exclude: Val[];
}
/** A sweep object. */
export type SweepObj = ChoiceObj | RangeObj | IntervalObj | GlobObj;
/** Anything an element or function call evaluates to. */
export type Val = ParsedElement | SweepObj;

/**
 * A Python exception raised while evaluating a function; the parser reports
 * it as Hydra does (`TypeError while evaluating '...': ...`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { PyError, pySorted } from "./values.ts";
 * try {
 *   pySorted([{ t: "int", v: 1 }, { t: "str", v: "a" }], false);
 * } catch (e) {
 * assert.equal(  e instanceof PyError && e.pyType, "TypeError");
 * }
 * ```
 */
export class PyError extends Error {
  /**
   * @param pyType the Python exception class name
   * @param hint what strata adds where Python's message says nothing (a bare `assert`)
   */
  constructor(readonly pyType: string, message: string, readonly hint?: string) {
    super(message);
  }
}

/** Whether a value is a sweep object. @example `isSweep({ t: "null" })` */
export function isSweep(v: Val): v is SweepObj {
  return "kind" in v;
}

/** Python's type name of a value. @example `pyType({ t: "int", v: 1 })` */
export function pyType(v: Val): string {
  if (isSweep(v)) {
    return { choice: "ChoiceSweep", range: "RangeSweep", interval: "IntervalSweep", glob: "Glob" }[
      v.kind
    ];
  }
  return {
    int: "int",
    float: "float",
    bool: "bool",
    null: "NoneType",
    str: "str",
    quoted: "QuotedString",
    list: "list",
    dict: "dict",
  }[v.t];
}

/**
 * Numeric value of a number element (a bool counts as 0 or 1, as in Python).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { numOf } from "./values.ts";
 * assert.equal(numOf({ t: "bool", v: true }), 1);
 * ```
 */
export function numOf(v: Num): number | bigint {
  return v.t === "bool" ? (v.v ? 1 : 0) : v.v;
}

function isNum(v: Val): v is Num {
  return !isSweep(v) && (v.t === "int" || v.t === "float" || v.t === "bool");
}

function numEq(a: Num, b: Num): boolean {
  const x = numOf(a), y = numOf(b);
  if (typeof x === "bigint" || typeof y === "bigint") {
    return typeof x === typeof y ? x === y : Number(x) === Number(y);
  }
  return x === y;
}

/** Python `==`. */
function pyEq(a: Val, b: Val): boolean {
  if (isSweep(a) || isSweep(b)) return a === b;
  if (isNum(a) && isNum(b)) return numEq(a, b);
  if (a.t !== b.t) return false;
  switch (a.t) {
    case "null":
      return true;
    case "str":
      return a.v === (b as typeof a).v;
    case "quoted":
      return a.v === (b as typeof a).v && a.quote === (b as typeof a).quote;
    case "list": {
      const l = (b as typeof a).v;
      return a.v.length === l.length && a.v.every((x, i) => pyEq(x, l[i]));
    }
    case "dict": {
      const d = (b as typeof a).v;
      return a.v.length === d.length &&
        a.v.every(([k, v]) => d.some(([k2, v2]) => pyEq(k, k2) && pyEq(v, v2)));
    }
  }
  return false;
}

function unsupported(a: Val, b: Val): never {
  throw new PyError(
    "TypeError",
    `'<' not supported between instances of '${pyType(a)}' and '${pyType(b)}'`,
  );
}

/** Python `a < b`; throws TypeError for incomparable types. */
function pyLess(a: Val, b: Val): boolean {
  if (isNum(a) && isNum(b)) {
    const x = numOf(a), y = numOf(b);
    if (typeof x === "bigint" && typeof y === "bigint") return x < y;
    return Number(x) < Number(y);
  }
  if (isSweep(a) || isSweep(b)) unsupported(a, b);
  if (a.t === "str" && b.t === "str") return a.v < b.v;
  if (a.t === "list" && b.t === "list") {
    const n = Math.min(a.v.length, b.v.length);
    for (let i = 0; i < n; i++) {
      if (!pyEq(a.v[i], b.v[i])) return pyLess(a.v[i], b.v[i]);
    }
    return a.v.length < b.v.length;
  }
  return unsupported(a, b);
}

/**
 * A stable sort with Python's `<` (reverse keeps equal items in order).
 *
 * @throws {PyError} `TypeError` for items Python cannot compare.
 * @example
 * ```ts
 * import { pySorted } from "./values.ts";
 * pySorted([{ t: "int", v: 2 }, { t: "float", v: 1.5 }], false);
 * // [{ t: "float", v: 1.5 }, { t: "int", v: 2 }]
 * ```
 */
export function pySorted(items: Val[], reverse: boolean): Val[] {
  const cmp = (x: Val, y: Val) => (pyLess(x, y) ? -1 : pyLess(y, x) ? 1 : 0);
  return [...items].sort(reverse ? (x, y) => cmp(y, x) : cmp);
}

/**
 * Python `repr()` of a value (for opaque nested sweeps and messages).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { pyRepr } from "./values.ts";
 * assert.equal(pyRepr({ t: "list", v: [{ t: "str", v: "a" }, { t: "float", v: 1 }] }), "['a', 1.0]");
 * ```
 */
export function pyRepr(v: Val): string {
  if (isSweep(v)) {
    const tags = "tags" in v && v.tags.size
      ? `{${[...v.tags].map((t) => `'${t}'`).join(", ")}}`
      : "set()";
    switch (v.kind) {
      case "choice":
        return `ChoiceSweep(tags=${tags}, list=[${v.list.map(pyRepr).join(", ")}], simple_form=${
          v.simple ? "True" : "False"
        }, shuffle=${v.shuffle ? "True" : "False"})`;
      case "range":
        return `RangeSweep(tags=${tags}, start=${pyRepr(v.start)}, stop=${pyRepr(v.stop)}, step=${
          pyRepr(v.step)
        }, shuffle=${v.shuffle ? "True" : "False"})`;
      case "interval":
        return `IntervalSweep(tags=${tags}, start=${pyRepr(v.start)}, end=${pyRepr(v.end)})`;
      case "glob":
        return `Glob(include=[${v.include.map(pyRepr).join(", ")}], exclude=[${
          v.exclude.map(pyRepr).join(", ")
        }])`;
    }
  }
  switch (v.t) {
    case "int":
      return String(v.v);
    case "float":
      return pyFloatRepr(v.v);
    case "bool":
      return v.v ? "True" : "False";
    case "null":
      return "None";
    case "str":
      return `'${v.v}'`;
    case "quoted":
      return `QuotedString(text='${v.v}', quote=<Quote.${
        v.quote === "'" ? "single: 0" : "double: 1"
      }>)`;
    case "list":
      return `[${v.v.map(pyRepr).join(", ")}]`;
    case "dict":
      return `{${v.v.map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`).join(", ")}}`;
  }
}

/**
 * The override grammar's functions, exactly Hydra 1.3's set: bool, choice,
 * float, glob, int, interval, range, shuffle, sort, str, tag. Arguments are
 * bound and type-checked as Hydra's `Functions.eval` does (Python signature
 * binding, `is_type_matching`), then evaluated.
 *
 * @module
 */

import { applyCast, type CastName } from "./casts.ts";
import {
  type ChoiceObj,
  isSweep,
  type Num,
  numOf,
  PyError,
  pySorted,
  pyType,
  type RangeObj,
  type Val,
} from "./values.ts";

type Check = (v: Val) => boolean;
interface Param {
  name: string;
  kind: "pos" | "var" | "kw";
  required?: boolean;
  check: Check;
  type: string;
}

const is = (...types: string[]): Check => (v) =>
  isSweep(v) ? types.includes(v.kind) : types.includes(v.t);
const NUM = is("int", "float", "bool");
const CAST = is(
  "str",
  "int",
  "float",
  "bool",
  "list",
  "dict",
  "null",
  "quoted",
  "choice",
  "range",
  "interval",
);
const SWEEPABLE = is("str", "int", "float", "bool", "list", "dict", "choice", "range");

const castSig: Param[] = [
  { name: "args", kind: "var", check: CAST, type: "Union[ParsedElementType, Sweep]" },
  { name: "value", kind: "kw", check: CAST, type: "Optional[Union[ParsedElementType, Sweep]]" },
];
const listSig = (extra: Param[]): Param[] => [
  {
    name: "args",
    kind: "var",
    check: SWEEPABLE,
    type: "Union[str, int, bool, float, List[Any], Dict[str, Any], ChoiceSweep, RangeSweep]",
  },
  {
    name: "sweep",
    kind: "kw",
    check: is("null", "choice", "range"),
    type: "Optional[Union[ChoiceSweep, RangeSweep]]",
  },
  { name: "list", kind: "kw", check: is("null", "list"), type: "Optional[List[Any]]" },
  ...extra,
];

const SIGNATURES: Record<string, Param[]> = {
  bool: castSig,
  choice: [{
    name: "args",
    kind: "var",
    check: is("str", "int", "float", "bool", "dict", "list", "choice"),
    type: "Union[str, int, float, bool, Dict[Any, Any], List[Any], ChoiceSweep]",
  }],
  float: castSig,
  glob: [
    {
      name: "include",
      kind: "pos",
      required: true,
      check: is("list", "str"),
      type: "Union[List[str], str]",
    },
    {
      name: "exclude",
      kind: "pos",
      check: is("null", "list", "str"),
      type: "Optional[Union[List[str], str]]",
    },
  ],
  int: castSig,
  interval: [
    { name: "start", kind: "pos", required: true, check: NUM, type: "Union[int, float]" },
    { name: "end", kind: "pos", required: true, check: NUM, type: "Union[int, float]" },
  ],
  range: [
    { name: "start", kind: "pos", required: true, check: NUM, type: "Union[int, float]" },
    {
      name: "stop",
      kind: "pos",
      check: is("null", "int", "float", "bool"),
      type: "Optional[Union[int, float]]",
    },
    { name: "step", kind: "pos", check: NUM, type: "Union[int, float]" },
  ],
  shuffle: listSig([]),
  sort: listSig([{ name: "reverse", kind: "kw", check: is("bool"), type: "bool" }]),
  str: castSig,
  tag: [
    {
      name: "args",
      kind: "var",
      check: is("str", "choice", "range", "interval"),
      type: "Union[str, Sweep]",
    },
    {
      name: "sweep",
      kind: "kw",
      check: is("null", "choice", "range", "interval"),
      type: "Optional[Sweep]",
    },
  ],
};

/** The names of the functions, sorted (as Hydra lists them). */
const FUNCTION_NAMES = Object.keys(SIGNATURES).sort();

interface Bound {
  args: Val[];
  kw: Map<string, Val>;
}

function bind(sig: Param[], args: Val[], kwargs: Map<string, Val>): Bound {
  const kw = new Map<string, Val>();
  const rest: Val[] = [];
  let i = 0;
  for (const p of sig) {
    if (p.kind === "pos" && i < args.length) kw.set(p.name, args[i++]);
    else if (p.kind === "var") { while (i < args.length) rest.push(args[i++]); }
  }
  if (i < args.length) throw new PyError("TypeError", "too many positional arguments");
  for (const [name, v] of kwargs) {
    const p = sig.find((q) => q.name === name && q.kind !== "var");
    if (!p) throw new PyError("TypeError", `got an unexpected keyword argument '${name}'`);
    if (kw.has(name)) throw new PyError("TypeError", `multiple values for argument '${name}'`);
    kw.set(name, v);
  }
  for (const p of sig) {
    if (p.required && !kw.has(p.name)) {
      throw new PyError("TypeError", `missing a required argument: '${p.name}'`);
    }
  }
  for (const p of sig) {
    if (p.kind === "var") {
      rest.forEach((v, k) => {
        if (!p.check(v)) {
          throw new PyError(
            "TypeError",
            `mismatch type argument ${p.name}[${k}]: ${pyType(v)} is incompatible with ${p.type}`,
          );
        }
      });
    } else if (kw.has(p.name) && !p.check(kw.get(p.name)!)) {
      throw new PyError(
        "TypeError",
        `mismatch type argument ${p.name}: ${
          pyType(kw.get(p.name)!)
        } is incompatible with ${p.type}`,
      );
    }
  }
  return { args: rest, kw };
}

const isNull = (v: Val | undefined) => v === undefined || (!isSweep(v) && v.t === "null");

function simpleChoice(args: Val[]): ChoiceObj {
  return { kind: "choice", list: [...args], simple: true, shuffle: false, tags: new Set() };
}

function castValue(b: Bound): Val {
  const value = b.kw.get("value");
  if (b.args.length > 0 && !isNull(value)) {
    throw new PyError("TypeError", "cannot use both position and named arguments");
  }
  if (!isNull(value)) return value!;
  if (b.args.length === 0) throw new PyError("TypeError", "No positional args or value specified");
  if (b.args.length === 1) return b.args[0];
  if (b.args.some(isSweep)) throw new PyError("AssertionError", "");
  return simpleChoice(b.args);
}

function add(a: Num, b: Num): Num {
  const x = numOf(a), y = numOf(b);
  if (a.t === "float" || b.t === "float") return { t: "float", v: Number(x) + Number(y) };
  if (typeof x === "bigint" || typeof y === "bigint") return { t: "int", v: BigInt(x) + BigInt(y) };
  return { t: "int", v: x + y };
}
function neg(a: Num): Num {
  const x = numOf(a);
  return a.t === "float" ? { t: "float", v: -a.v } : { t: "int", v: -x };
}
function abs(a: Num): Num {
  return Number(numOf(a)) < 0 ? neg(a) : a.t === "bool" ? { t: "int", v: numOf(a) } : a;
}
function less(a: Num, b: Num): boolean {
  return Number(numOf(a)) < Number(numOf(b));
}

function sortSweep(s: ChoiceObj | RangeObj, reverse: boolean): Val {
  if (s.kind === "choice") return { ...s, list: pySorted(s.list, reverse) };
  // Hydra 1.3 flips a range whose direction does not match the requested order
  const r = { ...s };
  if (!reverse ? less(s.stop, s.start) : less(s.start, s.stop)) {
    const step = abs(s.step);
    r.start = reverse ? add(s.stop, neg(step)) : add(s.stop, step);
    r.stop = reverse ? add(s.start, neg(step)) : add(s.start, step);
    r.step = neg(s.step);
  }
  return r;
}

function tag(b: Bound): Val {
  const args = [...b.args];
  if (args.length < 1) {
    throw new PyError("ValueError", "Not enough arguments to tag, must take at least a sweep");
  }
  const sweep = b.kw.get("sweep");
  if (!isNull(sweep)) args.push(sweep!);
  const last = args[args.length - 1];
  if (!isSweep(last) || last.kind === "glob") {
    throw new PyError(
      "ValueError",
      `Last argument to tag() must be a choice(), range() or interval(), got ${pyType(last)}`,
    );
  }
  const tags = new Set<string>();
  for (const t of args.slice(0, -1)) {
    if (isSweep(t) || t.t !== "str") {
      throw new PyError("ValueError", `tag arguments type must be string, got ${pyType(t)}`);
    }
    tags.add(t.v);
  }
  last.tags = tags;
  return last;
}

function shuffle(args: Val[], kw: Map<string, Val>): Val {
  if (!isNull(kw.get("list"))) return shuffle([kw.get("list")!], new Map());
  if (!isNull(kw.get("sweep"))) return shuffle([kw.get("sweep")!], new Map());
  if (args.length === 1) {
    const a = args[0];
    if (isSweep(a) && (a.kind === "choice" || a.kind === "range")) return { ...a, shuffle: true };
    if (!isSweep(a) && a.t === "list") {
      const l = [...a.v];
      for (let i = l.length - 1; i > 0; i--) {
        const j = Math.floor(Math.random() * (i + 1));
        [l[i], l[j]] = [l[j], l[i]];
      }
      return { t: "list", v: l };
    }
    return { t: "list", v: [a as never] };
  }
  return { ...simpleChoice(args), shuffle: true };
}

function sort(args: Val[], kw: Map<string, Val>): Val {
  const rv = kw.get("reverse");
  const reverse = rv !== undefined && !isSweep(rv) && rv.t === "bool" && rv.v;
  const list = kw.get("list"), sweep = kw.get("sweep");
  if (!isNull(list)) return sort([list!], new Map([["reverse", { t: "bool", v: reverse }]]));
  if (!isNull(sweep)) return sortSweep(sweep as ChoiceObj | RangeObj, reverse);
  if (args.length === 1) {
    const a = args[0];
    if (isSweep(a)) {
      if (a.kind === "choice" || a.kind === "range") return sortSweep(a, reverse);
      throw new PyError("TypeError", `Invalid arguments: ${pyType(a)}`);
    }
    if (a.t === "list") return { t: "list", v: pySorted(a.v, reverse) as never };
    return a;
  }
  for (const a of args) {
    if (isSweep(a) || !["int", "float", "bool", "str"].includes(a.t)) {
      throw new PyError("TypeError", `Invalid arguments: (${args.map(pyType).join(", ")})`);
    }
  }
  if (args.length === 0) throw new PyError("ValueError", "empty sort input");
  return sortSweep(simpleChoice(args), reverse);
}

function strList(v: Val | undefined): Val[] {
  if (isNull(v)) return [];
  return !isSweep(v!) && v!.t === "list" ? v!.v : [v!];
}

/**
 * Evaluates a function call with Hydra's semantics.
 *
 * @throws {PyError} `HydraException` for unknown functions, else the Python exception.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { callFunction } from "./functions.ts";
 * assert.deepEqual(callFunction("int", [{ t: "str", v: "7" }], new Map()), { t: "int", v: 7 });
 * ```
 */
export function callFunction(name: string, args: Val[], kwargs: Map<string, Val>): Val {
  const sig = SIGNATURES[name];
  if (!Object.hasOwn(SIGNATURES, name)) {
    throw new PyError(
      "HydraException",
      `Unknown function '${name}'\nAvailable: ${FUNCTION_NAMES.join(",")}\n`,
    );
  }
  // Hydra unquotes quoted strings passed directly as arguments
  const unquote = (v: Val): Val => (!isSweep(v) && v.t === "quoted" ? { t: "str", v: v.v } : v);
  const b = bind(sig, args.map(unquote), new Map([...kwargs].map(([k, v]) => [k, unquote(v)])));
  switch (name) {
    case "int":
    case "float":
    case "str":
    case "bool":
      return applyCast(name as CastName, castValue(b));
    case "choice": {
      if (b.args.length === 0) throw new PyError("ValueError", "empty choice is not legal");
      const first = b.args[0];
      if (b.args.length === 1 && isSweep(first) && first.kind === "choice") {
        if (!first.simple) throw new PyError("ValueError", "nesting choices is not supported");
        first.simple = false;
        return first;
      }
      return { kind: "choice", list: b.args, simple: false, shuffle: false, tags: new Set() };
    }
    case "range": {
      let start = b.kw.get("start") as Num;
      let stop = b.kw.get("stop") as Num | undefined;
      const step = (b.kw.get("step") ?? { t: "int", v: 1 }) as Num;
      if (isNull(stop)) [start, stop] = [{ t: "int", v: 0 }, start];
      return { kind: "range", start, stop: stop!, step, shuffle: false, tags: new Set() };
    }
    case "interval": {
      const f = (v: Val): Num => ({ t: "float", v: Number(numOf(v as Num)) });
      return {
        kind: "interval",
        start: f(b.kw.get("start")!),
        end: f(b.kw.get("end")!),
        tags: new Set(),
      };
    }
    case "tag":
      return tag(b);
    case "shuffle":
      return shuffle(b.args, b.kw);
    case "sort":
      return sort(b.args, b.kw);
    default: // glob
      return {
        kind: "glob",
        include: strList(b.kw.get("include")),
        exclude: strList(b.kw.get("exclude")),
      };
  }
}

/**
 * The corpus's typed-JSON encoding (see ../shared/conformance/README.md), read
 * into one canonical form that strata's trees are converted to as well, so a
 * case passes when the two canonical forms are equal.
 *
 * @module
 */

import { FloatKey, type Key, type Node } from "../../core/node.ts";
import { pyFloatRepr } from "../../core/pyformat.ts";

/** A canonical typed value. */
export type TV =
  | { t: "int"; v: string }
  | { t: "float"; v: string }
  | { t: "str"; v: string }
  | { t: "bool"; v: boolean }
  | { t: "null" }
  | { t: "list"; v: TV[] }
  | { t: "dict"; v: [TV, TV][] }
  | { t: "opaque"; v: string };

/**
 * Parses corpus JSON, keeping ints beyond 2^53 exact (as bigint).
 *
 * @example
 * ```ts
 * import { parseCorpusJson } from "./typed.ts";
 * parseCorpusJson("[123456789012345678901234567890]")[0]; // 123456789012345678901234567890n
 * ```
 */
// deno-lint-ignore no-explicit-any
export function parseCorpusJson(text: string): any {
  const reviver = (_k: string, v: unknown, ctx?: { source?: string }) =>
    typeof v === "number" && Number.isInteger(v) && !Number.isSafeInteger(v) && ctx?.source &&
      /^-?\d+$/.test(ctx.source)
      ? BigInt(ctx.source)
      : v;
  // deno-lint-ignore no-explicit-any
  return JSON.parse(text, reviver as any);
}

/** Dict entries with only string keys are put in JS object order on both sides. */
function normaliseDict(entries: [TV, TV][]): [TV, TV][] {
  if (!entries.every(([k]) => k.t === "str")) return entries;
  const obj: Record<string, TV> = {};
  for (const [k, v] of entries) obj[(k as { v: string }).v] = v;
  return Object.entries(obj).map(([k, v]) => [{ t: "str", v: k }, v]);
}

/**
 * Reads an expected value of the corpus into canonical form.
 *
 * @example
 * ```ts
 * import { fromExpected } from "./typed.ts";
 * fromExpected({ "$float": "1e-05" }); // { t: "float", v: "1e-05" }
 * ```
 */
export function fromExpected(x: unknown): TV {
  if (x === null) return { t: "null" };
  if (typeof x === "string") return { t: "str", v: x };
  if (typeof x === "boolean") return { t: "bool", v: x };
  if (typeof x === "number") {
    return Number.isInteger(x) ? { t: "int", v: String(x) } : { t: "float", v: pyFloatRepr(x) };
  }
  if (typeof x === "bigint") return { t: "int", v: String(x) };
  if (Array.isArray(x)) return { t: "list", v: x.map(fromExpected) };
  const o = x as Record<string, unknown>;
  if ("$float" in o) return { t: "float", v: String(o.$float) };
  if ("$dict" in o) {
    const pairs = o.$dict as [unknown, unknown][];
    return {
      t: "dict",
      v: normaliseDict(pairs.map(([k, v]) => [fromExpected(k), fromExpected(v)])),
    };
  }
  if ("$repr" in o) return { t: "opaque", v: String(o.$repr) };
  if ("$py" in o) return { t: "opaque", v: String(o.repr) };
  return {
    t: "dict",
    v: normaliseDict(Object.entries(o).map(([k, v]) => [{ t: "str", v: k }, fromExpected(v)])),
  };
}

function fromKey(key: Key): TV {
  if (typeof key === "string") return { t: "str", v: key };
  if (key === null) return { t: "null" };
  if (typeof key === "boolean") return { t: "bool", v: key };
  if (key instanceof FloatKey) return { t: "float", v: pyFloatRepr(key.value) };
  return { t: "int", v: String(key) };
}

/**
 * A strata tree (as to_container gives it, resolve=false) in canonical form.
 * `???` is the string `???`, as in the corpus.
 *
 * @example
 * ```ts
 * import { fromNode } from "./typed.ts";
 * import { float } from "../../core/node.ts";
 * fromNode(float(1000)); // { t: "float", v: "1000.0" }
 * ```
 */
export function fromNode(node: Node): TV {
  if (node.kind === "dict") {
    return {
      t: "dict",
      v: normaliseDict([...node.entries.values()].map((e) => [fromKey(e.key), fromNode(e.node)])),
    };
  }
  if (node.kind === "list") return { t: "list", v: node.items.map(fromNode) };
  switch (node.type) {
    case "int":
      return { t: "int", v: String(node.value) };
    case "float":
      return { t: "float", v: pyFloatRepr(node.value as number) };
    case "bool":
      return { t: "bool", v: node.value as boolean };
    case "null":
      return { t: "null" };
    case "missing":
      return { t: "str", v: "???" };
    case "bytes":
      return { t: "opaque", v: String(node.value) };
    default:
      return { t: "str", v: node.value as string };
  }
}

/**
 * Compares two canonical values; returns undefined when equal, or where they differ.
 *
 * @example
 * ```ts
 * import { diff } from "./typed.ts";
 * diff({ t: "int", v: "1" }, { t: "float", v: "1.0" }); // ": expected float 1.0, got int 1"
 * ```
 */
export function diff(got: TV, want: TV, path = ""): string | undefined {
  if (got.t !== want.t) return `${path}: expected ${show(want)}, got ${show(got)}`;
  if (got.t === "list") {
    const w = (want as typeof got).v;
    if (got.v.length !== w.length) {
      return `${path}: expected a list of ${w.length}, got ${got.v.length}`;
    }
    for (let i = 0; i < w.length; i++) {
      const d = diff(got.v[i], w[i], `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  if (got.t === "dict") {
    const w = (want as typeof got).v;
    const gk = got.v.map(([k]) => show(k)).join(", ");
    const wk = w.map(([k]) => show(k)).join(", ");
    if (gk !== wk) return `${path}: expected keys [${wk}], got [${gk}]`;
    for (let i = 0; i < w.length; i++) {
      const d = diff(got.v[i][1], w[i][1], `${path}.${show(w[i][0])}`);
      if (d) return d;
    }
    return undefined;
  }
  if (JSON.stringify(got) !== JSON.stringify(want)) {
    return `${path}: expected ${show(want)}, got ${show(got)}`;
  }
  return undefined;
}

/** A short text of a canonical value for failure messages. */
export function show(x: TV): string {
  switch (x.t) {
    case "null":
      return "null";
    case "list":
      return `[${x.v.map(show).join(", ")}]`;
    case "dict":
      return `{${x.v.map(([k, v]) => `${show(k)}: ${show(v)}`).join(", ")}}`;
    case "str":
      return JSON.stringify(x.v);
    default:
      return `${x.t} ${String(x.v)}`;
  }
}

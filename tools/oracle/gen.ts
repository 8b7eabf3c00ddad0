/**
 * Seeded inputs for tools/oracle/main.ts: YAML documents (values and broken
 * ones), interpolation texts, pairs of configs to merge and configs full of
 * interpolations. Deterministic for a seed, so a difference can be replayed.
 *
 * @module
 */

import { prng } from "../../bench/compare/generate.ts";

/** A seeded generator of numbers in [0, 1): bench:compare's. */
export const random: (seed: number) => () => number = prng;

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
/**
 * A seeded shuffle (Fisher-Yates). Not `sort(() => r() - 0.5)`: V8's sort
 * with a comparator that is not consistent calls it a varying number of
 * times, so the same seed gave other inputs from one run to the next.
 */
const shuffled = <T>(r: Rand, xs: readonly T[]): T[] => {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
};

/** Plain scalars OmegaConf's YAML dialect reads in many ways (YAML 1.1 ints, floats, bools). */
const SCALARS = [
  "1",
  "-1",
  "+1",
  "0",
  "00",
  "012",
  "0o17",
  "0x1F",
  "0b101",
  "1_000",
  "1,000",
  "1.0",
  "1.",
  ".5",
  "-.5",
  "1e3",
  "1E3",
  "1e-3",
  "1.0e+3",
  "-1e3",
  "1e+3",
  ".inf",
  "-.inf",
  ".Inf",
  ".nan",
  "NaN",
  "inf",
  "true",
  "True",
  "yes",
  "Yes",
  "no",
  "on",
  "off",
  "y",
  "n",
  "false",
  "null",
  "Null",
  "~",
  "",
  "2001-12-14",
  "12:30",
  "1:20:30",
  "190:20:30",
  "1__0",
  "_1",
  "1_",
  "1e",
  "e3",
  "'1'",
  '"1"',
  "'true'",
  "a b",
  "a #b",
  "!!str 1",
  "!!int '3'",
  "!!float 1",
  "-0",
  "-0.0",
  "1e1000",
  "123456789012345678901234567890",
  "-0x1F",
  "0xG",
  "1.5e",
  "1.e5",
  "'it''s'",
  '"a\\tb"',
  "[1, 2]",
  "{a: 1}",
  "[]",
  "{}",
  "=",
  "<<",
  "- x",
];

/** YAML documents of one to three keys over {@link SCALARS}. */
export function yamlValues(seed: number, n: number): string[] {
  const r = random(seed);
  return Array.from({ length: n }, () => {
    const keys = int(r, 1, 3);
    return Array.from({ length: keys }, (_, j) => `k${j}: ${pick(r, SCALARS)}\n`).join("");
  });
}

const DOCS = [
  "a: 1\nb: {c: 2, d: [3, 4]}\n",
  "x:\n  - 1\n  - {y: 2}\n",
  "m:\n  k: v\n  l: [a, b]\n",
  "s: 'q'\nt: \"d\"\n",
  "- a\n- b: c\n",
  "a: ${b}\nb: x\n",
  "k: {a: b}\n",
  "p: [1, [2, 3]]\n",
];
const PIECES = [..."{}[],:'\"-?#&*! \n", "${x}", "a b", ": ", "- "];

/** Small documents with one or two random edits: most are broken. */
export function yamlMutants(seed: number, n: number): string[] {
  const r = random(seed);
  return Array.from({ length: n }, () => {
    let t = pick(r, DOCS);
    for (let e = int(r, 1, 2); e > 0; e--) {
      const p = int(r, 0, t.length);
      const op = r();
      if (op < 0.5) t = t.slice(0, p) + pick(r, PIECES) + t.slice(p);
      else if (op < 0.8 && t.length > 1) t = t.slice(0, p) + t.slice(p + 1);
      else {
        const q = int(r, 0, t.length);
        t = t.slice(0, p) + t.slice(q, q + 3) + t.slice(p);
      }
    }
    return t;
  });
}

const TOKENS = [
  "${",
  "}",
  ".",
  "[",
  "]",
  ":",
  ",",
  " ",
  "a",
  "b",
  "oc.env",
  "'",
  '"',
  "\\",
  "-",
  "1",
  "=",
  "{",
  "x_y",
  "0.5",
  "true",
  "null",
  "${a}",
  "(",
  ")",
  "/",
  "$",
  "\\${",
];

/** Texts of two to eight interpolation-grammar tokens, each with a `${`. */
export function grammarTexts(seed: number, n: number): string[] {
  const r = random(seed);
  const out = new Set<string>();
  while (out.size < n) {
    const s = Array.from({ length: int(r, 2, 8) }, () => pick(r, TOKENS)).join("");
    if (s.includes("${")) out.add(s);
  }
  return [...out];
}

/** A value written as YAML flow text: ints, floats (with a `.`), quoted strings. */
function flow(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(flow).join(", ")}]`;
  if (v instanceof Map) return `{${[...v].map(([k, x]) => `${k}: ${flow(x)}`).join(", ")}}`;
  if (typeof v === "number") return Number.isInteger(v) ? `${v}.0` : String(v);
  if (typeof v === "bigint") return String(v);
  if (typeof v === "string") return JSON.stringify(v);
  return String(v ?? "null");
}

const KEYS = ["a", "b", "c", "d"];
const MERGE_LEAVES = [
  0n,
  1n,
  2.5,
  1,
  "x",
  "",
  null,
  true,
  "???",
  "${a}",
  "${b.c}",
  "s_${a}",
  10n ** 20n,
  "1e3",
  "null",
];

/** Pairs of configs (YAML flow text) to merge: dicts, lists and leaves that meet in every way. */
export function mergePairs(seed: number, n: number): { a: string; b: string }[] {
  const r = random(seed);
  const val = (d: number): unknown => {
    const x = r();
    if (d < 3 && x < 0.3) return dictOf(d);
    if (d < 3 && x < 0.45) return Array.from({ length: int(r, 0, 3) }, () => val(d + 1));
    return pick(r, MERGE_LEAVES);
  };
  const dictOf = (d: number) => {
    const keys = shuffled(r, KEYS).slice(0, int(r, 0, 3));
    return new Map(keys.map((k) => [k, val(d + 1)]));
  };
  const top = () => {
    const keys = shuffled(r, KEYS).slice(0, int(r, 1, 4));
    return flow(new Map(keys.map((k) => [k, val(1)]))) + "\n";
  };
  return Array.from({ length: n }, () => ({ a: top(), b: top() }));
}

/** Configs (YAML flow text) whose leaves are interpolations of every kind OmegaConf has. */
export function interpolationConfigs(seed: number, n: number): string[] {
  const r = random(seed);
  return Array.from({ length: n }, () => {
    const shape = (d: number): unknown => {
      if (d >= 3 || r() < 0.45) return undefined;
      if (r() < 0.2) return Array.from({ length: int(r, 1, 3) }, () => shape(d + 1));
      const keys = shuffled(r, KEYS).slice(0, int(r, 1, 3));
      return new Map(keys.map((k) => [k, shape(d + 1)]));
    };
    let s = shape(0);
    if (!(s instanceof Map)) s = new Map([["a", s]]);
    const paths: string[] = [];
    const walk = (v: unknown, pre: string) => {
      if (v instanceof Map) {
        for (const [k, x] of v) {
          const p = pre ? `${pre}.${k}` : k;
          paths.push(p);
          walk(x, p);
        }
      } else if (Array.isArray(v)) {
        v.forEach((x, i) => {
          paths.push(`${pre}[${i}]`);
          walk(x, `${pre}[${i}]`);
        });
      }
    };
    walk(s, "");
    const leaf = () => {
      const p = paths.length ? pick(r, paths) : "a";
      const dotted = p.replaceAll("[", ".").replaceAll("]", "");
      return pick(r, [
        () => pick(r, [0n, 1n, -3n]),
        () => pick(r, [1.5, 1e-3, 3e10]),
        () => pick(r, ["x", "1", "1.0", "true", "null", "a b", ""]),
        () => pick(r, [true, false, null]),
        () => "???",
        () => `\${${p}}`,
        () => `\${${dotted}}`,
        () => `pre_\${${p}}_post`,
        () => `\${${pick(r, [".", "..", "..."])}${pick(r, KEYS)}}`,
        () => `\${oc.select:${dotted},dflt}`,
        () => "${oc.select:zz.yy,7}",
        () => `\${oc.dict.keys:${dotted}}`,
        () => `\${oc.dict.values:${dotted}}`,
        () => "${oc.decode:'[1, 2.5, x]'}",
        () => `\${oc.decode:\${${p}}}`,
        () => `\\\${${p}}`,
        () => "${oc.create:{x: 1, y: [2]}}",
        () => "${nope}",
        () => `x\${${p}}y\${${p}}`,
      ])();
    };
    const fill = (v: unknown): unknown =>
      v instanceof Map
        ? new Map([...v].map(([k, x]) => [k, fill(x)]))
        : Array.isArray(v)
        ? v.map(fill)
        : leaf();
    return flow(fill(s)) + "\n";
  });
}

/** A config, a key path into it (or beside it), a value and `OmegaConf.update`'s flags. */
export interface UpdateCase {
  text: string;
  key: string;
  value: string;
  merge: boolean;
  force: boolean;
  struct: boolean;
}

/** Updates of random configs (Hydra applies `key=value` overrides with `OmegaConf.update`). */
export function updates(seed: number, n: number): UpdateCase[] {
  const r = random(seed);
  const pairs = mergePairs(seed, n);
  const values = [
    "1",
    "2.5",
    "x",
    "null",
    "'???'",
    "'${a}'",
    "{}",
    "[]",
    "{a: 1}",
    "{b: {c: 2}}",
    "[1, 2]",
    "{a: null}",
  ];
  return pairs.map(({ a }) => {
    const steps = Array.from({ length: int(r, 1, 3) }, () => pick(r, [...KEYS, "z", "0", "1"]));
    return {
      text: a,
      key: steps.join("."),
      value: pick(r, values),
      merge: r() < 0.7,
      force: r() < 0.2,
      struct: r() < 0.3,
    };
  });
}

/** Characters and pieces that steer PyYAML's choice of scalar style. */
const EMIT_PIECES = [
  ..."abcxyz019 :#-?,[]{}'\"!&*|>%@`~\t\n\\.=<+_/",
  "é",
  "日本",
  "😀",
  "\u00a0",
  "\u2028",
  "\u0085",
  "\u0007",
  "\ufeff",
  "yes",
  "No",
  "null",
  "~",
  "1e3",
  "0x1F",
  "1_000",
  ".inf",
  "-.5",
  "12:30",
  "2001-12-14",
  "true",
  "${a}",
  "???",
  "---",
  "...",
  "- ",
  ": ",
  " #",
  "  ",
];

/**
 * Random strings for `to_yaml`'s scalar styles (plain, single-quoted,
 * double-quoted with escapes, keys too): a JSON object of one to three keys
 * whose values are such strings, a number, a bool or null.
 */
export function emitObjects(seed: number, n: number): string[] {
  const r = random(seed);
  const text = () => Array.from({ length: int(r, 0, 4) }, () => pick(r, EMIT_PIECES)).join("");
  return Array.from({ length: n }, () => {
    const obj: Record<string, unknown> = {};
    for (let k = int(r, 1, 3); k > 0; k--) {
      const key = r() < 0.5 ? text() || "k" : `k${k}`;
      obj[key] = r() < 0.8 ? text() : pick(r, [1, -2.5, 1e20, true, null, 0]);
    }
    return JSON.stringify(obj);
  });
}

/** A config, a key to select in it and `OmegaConf.select`'s options. */
export interface SelectCase {
  text: string;
  key: string;
  withDefault: boolean;
  throwOnMissing: boolean;
  throwOnResolutionFailure: boolean;
}

/** `OmegaConf.select` of keys (of the config, near it, and malformed) in configs of interpolations. */
export function selects(seed: number, n: number): SelectCase[] {
  const r = random(seed + 7);
  const texts = interpolationConfigs(seed + 3, n);
  const odd = [
    "",
    ".",
    "..",
    "a..b",
    "a.",
    "[0]",
    "a[0]",
    "a.0",
    "a[x]",
    "zz",
    "a.zz",
    ".a",
    "..a",
  ];
  return texts.map((text) => {
    const keys = [...text.matchAll(/([a-d])(?=:)/g)].map((m) => m[1]);
    const path = Array.from({ length: int(r, 1, 3) }, () => pick(r, keys.length ? keys : ["a"]));
    const key = r() < 0.7
      ? path.join(pick(r, [".", "."]))
      : r() < 0.5
      ? pick(r, odd)
      : `${path[0]}${pick(r, [".0", "[1]", ".b.c", "[0].a", ".zz"])}`;
    return {
      text,
      key,
      withDefault: r() < 0.5,
      throwOnMissing: r() < 0.3,
      throwOnResolutionFailure: r() < 0.8,
    };
  });
}

/** YAML values whose Python str() a string interpolation shows (`v=${a}`). */
const SHOWN = [
  "1e-5",
  "1.0e-05",
  "1e16",
  "1.0e+16",
  "1.0",
  "-0.0",
  "1e100",
  "0.1",
  "0.30000000000000004",
  "123456789.123",
  "1e22",
  "1.5e300",
  ".inf",
  "-.inf",
  ".nan",
  "100000000000000000000",
  "-9007199254740993",
  "0x1F",
  "0o17",
  "1_000",
  "true",
  "False",
  "null",
  "~",
  "''",
  "'x'",
  '"it\'s"',
  "'say \"hi\"'",
  '"both \' and \\""',
  '"tab\\there"',
  '"nl\\nx"',
  '"\\u00e9"',
  '"\\x07"',
  '"\\u2028"',
  '"日本"',
  '"😀"',
  "'\\'",
  "'a\\b'",
  "[1, 2.5, x]",
  "{a: 1, b: [true, null]}",
  "{k: 'it''s'}",
  "[1.0, -0.0, 1e-5]",
  "[[]]",
  "{}",
  "[a, 'b c', \"d'e\"]",
  "{1: a, 2.5: b, true: c}",
  "2001-12-14",
  "'???'",
  "12:30",
];

/** A config of a few {@link SHOWN} values and string interpolations of them. */
export function shownValues(seed: number, n: number): string[] {
  const r = random(seed + 5);
  return Array.from({ length: n }, () => {
    const vals = Array.from({ length: int(r, 1, 3) }, () => pick(r, SHOWN));
    const lines = vals.map((v, i) => `v${i}: ${v}`);
    lines.push(`s: "x=${vals.map((_, i) => `\${v${i}}`).join(",")}"`);
    return lines.join("\n") + "\n";
  });
}

/** The environment the `env` area's processes run with (both sides). */
export const ORACLE_ENV: Record<string, string> = {
  STRATA_ORACLE_A: "value",
  STRATA_ORACLE_N: "42",
  STRATA_ORACLE_F: "1.5",
  STRATA_ORACLE_E: "",
  STRATA_ORACLE_S: "a b",
  STRATA_ORACLE_T: "true",
  STRATA_ORACLE_Q: "'quoted'",
  STRATA_ORACLE_L: "[1, 2]",
  STRATA_ORACLE_I: "${y}",
};

/** `oc.env` (and `oc.decode` of it) as Hydra configs write it, with every kind of default. */
export function envConfigs(seed: number, n: number): string[] {
  const r = random(seed + 9);
  const names = [...Object.keys(ORACLE_ENV), "STRATA_ORACLE_UNSET"];
  const defaults = [
    "",
    ",",
    ",1",
    ",1.5",
    ",null",
    ",true",
    ",'x'",
    ",'a b'",
    ",a b",
    ",${y}",
    ",???",
    ",'${y}'",
    ",[1, 2]",
    ",{a: 1}",
    ", 2",
    ",''",
    ",\\${y}",
  ];
  return Array.from({ length: n }, () => {
    const name = pick(r, names);
    const dflt = pick(r, defaults);
    const expr = r() < 0.2
      ? `\${oc.decode:\${oc.env:${name}${dflt}}}`
      : `\${oc.env:${name}${dflt}}`;
    const value = r() < 0.3 ? `x_${expr}_y` : expr;
    return `y: 7\nv: '${value.replaceAll("'", "''")}'\n`;
  });
}

/**
 * Seeded inputs for tools/oracle/main.ts: YAML documents (values and broken
 * ones), interpolation texts, pairs of configs to merge and configs full of
 * interpolations. Deterministic for a seed, so a difference can be replayed.
 * The YAML texts are ./gen_yaml.ts's, the seeded randomness ./gen_random.ts's.
 *
 * @module
 */

import { int, pick, random, shuffled } from "./gen_random.ts";

export { random } from "./gen_random.ts";
export { emitObjects, shownValues, yamlMutants, yamlValues } from "./gen_yaml.ts";

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

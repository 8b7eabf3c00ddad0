/**
 * Seeded YAML texts for tools/oracle/main.ts: documents of plain scalars
 * (and broken ones), strings for `to_yaml`'s scalar styles and values whose
 * Python str() a string interpolation shows.
 *
 * @module
 */

import { int, pick, random } from "./gen_random.ts";

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

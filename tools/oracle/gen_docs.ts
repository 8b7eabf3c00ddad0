/**
 * Seeded YAML documents for the oracle's `yaml-docs` area: random trees
 * written in random styles, the way people write config files: block
 * mappings and lists at 2 or 4 spaces (a list under a key indented or not),
 * flow collections over one or more lines, plain, quoted and block scalars
 * (`|`, `>`, chomping and indentation indicators), multi-line plain and
 * quoted scalars, comments, anchors and aliases, `---`. Every document is
 * meant to be valid YAML; what PyYAML makes of it is the expected value.
 *
 * @module
 */

import { prng } from "../../bench/compare/generate.ts";

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

/** Plain scalars of every type, safe anywhere a plain scalar may stand. */
const PLAIN = [
  "1",
  "-2",
  "0x1F",
  "1_000",
  "3.5",
  "1e-3",
  "1.0e+3",
  ".inf",
  "true",
  "no",
  "null",
  "~",
  "abc",
  "a b c",
  "x-y_z",
  "${a.b}",
  "pre_${x}_post",
  "???",
  "2024-01-15",
  "12:30",
  "http://h/x",
  "é",
  "a'b",
  'a"b',
  "a#b",
  "a:b",
];
/** Texts for quoted and block scalars. */
const TEXTS = [
  "",
  "x",
  "a b",
  "1",
  "true",
  "it's",
  'say "hi"',
  "tab\there",
  "line1\nline2",
  "trailing ",
  " leading",
  "é ü 日本",
  "${a}",
  "a: b",
  "# not a comment",
  "back\\slash",
];
const KEYS = ["a", "b", "c", "lr", "model", "x_y", "1", "true", "k k"];

type Tree = { map: [string, Tree][] } | { seq: Tree[] } | { text: string; plain: boolean };

function tree(r: Rand, depth: number): Tree {
  const roll = r();
  if (depth >= 3 || roll < 0.5) {
    return r() < 0.6
      ? { text: pick(r, PLAIN), plain: true }
      : { text: pick(r, TEXTS), plain: false };
  }
  if (roll < 0.8) {
    const keys = [...new Set(Array.from({ length: int(r, 1, 3) }, () => pick(r, KEYS)))];
    return { map: keys.map((k) => [k, tree(r, depth + 1)]) };
  }
  return { seq: Array.from({ length: int(r, 1, 3) }, () => tree(r, depth + 1)) };
}

/** A YAML double-quoted scalar of `s`, with escapes where it needs them. */
function doubleQuoted(r: Rand, s: string): string {
  let out = "";
  for (const ch of s) {
    if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += pick(r, ["\\t", "\t"]);
    else if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "é") out += pick(r, ["é", "\\u00e9", "\\xe9"]);
    else out += ch;
  }
  return `"${out}"`;
}

/** A scalar written inline (flow context allows no block scalar). */
function inlineScalar(r: Rand, t: { text: string; plain: boolean }, inFlow: boolean): string {
  if (t.plain && !(inFlow && /[,:[\]{}#]/.test(t.text))) return t.text;
  if (!t.text.includes("\n") && r() < 0.5) return `'${t.text.replaceAll("'", "''")}'`;
  return doubleQuoted(r, t.text);
}

function flow(r: Rand, t: Tree, ind: string): string {
  if ("text" in t) return inlineScalar(r, t, true);
  const brk = r() < 0.3; // items on their own lines
  const sep = brk ? `,\n${ind}  ` : ", ";
  const open = brk ? `\n${ind}  ` : "";
  if ("seq" in t) return `[${open}${t.seq.map((x) => flow(r, x, ind + "  ")).join(sep)}]`;
  return `{${open}${t.map.map(([k, v]) => `${k}: ${flow(r, v, ind + "  ")}`).join(sep)}}`;
}

/** A block scalar (`|` or `>`, chomping, maybe an indentation indicator) of a text. */
function blockScalar(r: Rand, text: string, ind: string): string {
  const style = pick(r, ["|", ">"]);
  const chomp = pick(r, ["", "-", "+"]);
  const step = pick(r, [2, 4]);
  const indicator = r() < 0.2 ? String(step) : "";
  const body = text.split("\n").map((l) => (l === "" ? "" : ind + " ".repeat(step) + l));
  const trailing = chomp === "+" && r() < 0.5 ? "\n" : "";
  return `${style}${indicator}${chomp}\n${body.join("\n")}\n${trailing}`;
}

let anchors = 0;

/** `t` as the value after `key:` or `- ` at indentation `ind` (its own lines when a container). */
function value(r: Rand, t: Tree, ind: string, step: string): string {
  if (anchors > 0 && r() < 0.05) return ` *n${int(r, 1, anchors)}\n`; // an alias to an earlier node
  const anchor = r() < 0.08 ? `&n${++anchors} ` : "";
  const comment = r() < 0.15 ? " # note" : "";
  if ("text" in t) {
    if (!t.plain && t.text !== "" && !/^\s|\s$/.test(t.text) && r() < 0.3) {
      return " " + anchor + blockScalar(r, t.text, ind);
    }
    if (t.plain && t.text.includes(" ") && r() < 0.2) {
      // a plain scalar folded over two lines
      return " " + anchor + t.text.replace(" ", `\n${ind}${step} `) + comment + "\n";
    }
    return " " + anchor + inlineScalar(r, t, false) + comment + "\n";
  }
  const empty = "map" in t ? t.map.length === 0 : t.seq.length === 0;
  if (empty || r() < 0.2) return " " + anchor + flow(r, t, ind) + comment + "\n";
  const inner = "seq" in t && r() < 0.4 ? ind : ind + step; // `k:\n- a` is a list too
  return " " + anchor.trimEnd() + comment + "\n" + block(r, t, inner, step);
}

function block(r: Rand, t: Tree, ind: string, step: string): string {
  if ("map" in t) {
    return t.map.map(([k, v]) =>
      (r() < 0.05 ? `${ind}# a comment line\n` : "") + `${ind}${k}:` + value(r, v, ind, step)
    ).join("");
  }
  if ("seq" in t) {
    return t.seq.map((v) => {
      if ("map" in v && v.map.length > 0 && r() < 0.6) {
        // `- k: v` with the mapping's other keys under the first
        const inner = block(r, v, ind + "  ", step);
        return `${ind}- ${inner.slice(ind.length + 2)}`;
      }
      return `${ind}-` + value(r, v, ind, step);
    }).join("");
  }
  return ind + inlineScalar(r, t, false) + "\n";
}

/**
 * Valid YAML documents, each a mapping at the top, in random styles.
 *
 * @example
 * ```ts
 * import { yamlDocuments } from "./gen_docs.ts";
 * yamlDocuments(1, 2).length; // 2
 * ```
 */
export function yamlDocuments(seed: number, n: number): string[] {
  const r = prng(seed);
  return Array.from({ length: n }, () => {
    anchors = 0;
    let t = tree(r, 0);
    if (!("map" in t)) t = { map: [["a", t]] };
    const step = pick(r, ["  ", "    "]);
    const start = r() < 0.1 ? "---\n" : "";
    return start + block(r, t, "", step);
  });
}

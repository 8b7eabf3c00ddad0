/**
 * Seeded, deterministic inputs for `deno task bench:compare`: a config tree of
 * N leaves over G groups (nested 3-4 levels, ~10% interpolations: absolute
 * `${g3.k1.k2.k4}`, string `x_${...}_y` and relative `${.k2}`, in chains up to
 * depth 10), written three ways from one model:
 *
 * - `conf/`: a Hydra tree (`config.yaml` selects `opt0` of every group
 *   `g<i>/opt0.yaml`, `opt1.yaml` has ~10% other values) for whole compose;
 * - `base.yaml`: the same config as one file (what compose produces, no hydra);
 * - `other.yaml`: a second full tree with ~10% changed and new keys, for merge.
 *
 * @module
 */

import { toolArgs } from "../../tools/tool_args.ts";

/** What to generate. */
export interface GenOptions {
  /** Leaves of the composed config. */
  leaves: number;
  /** Config groups (each with two options). */
  groups: number;
  /** PRNG seed. */
  seed?: number;
}

/** The generated files, by path relative to the output directory. */
export type GenFiles = Map<string, string>;

type Leaf = { kind: "leaf"; text: string };
type Tree = { kind: "dict"; entries: Map<string, Tree | Leaf> };

/**
 * mulberry32: small, fast, deterministic.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { prng } from "./generate.ts";
 * assert.equal(prng(1)(), prng(1)());
 * ```
 */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ["adam", "relu", "gpu", "data", "cosine", "warm", "fp16", "shard", "token", "eval"];

function valueText(r: () => number, i: number): string {
  const x = r();
  if (x < 0.45) return String(Math.floor(r() * 100000));
  if (x < 0.6) return String(Math.floor(r() * 800) / 8 + 0.125);
  if (x < 0.9) return `v_${WORDS[i % WORDS.length]}_${Math.floor(r() * 1000)}`;
  if (x < 0.97) return r() < 0.5 ? "true" : "false";
  return "null";
}

/** The model: group contents (the same keys for both options) plus interpolation sites. */
function model(o: GenOptions): { groups: Tree[]; alt: Tree[] } {
  const r = prng(o.seed ?? 1);
  const perGroup = Math.max(1, Math.floor(o.leaves / o.groups));
  const groups: Tree[] = [];
  const values: string[] = []; // absolute paths of value leaves
  let lastInterp: { path: string; depth: number } | undefined;
  let made = 0;
  for (let g = 0; g < o.groups; g++) {
    const root: Tree = { kind: "dict", entries: new Map() };
    const want = g === o.groups - 1 ? o.leaves - made : perGroup;
    let inGroup = 0;
    for (let a = 0; inGroup < want; a++) {
      const l1: Tree = { kind: "dict", entries: new Map() };
      root.entries.set(`k${a}`, l1);
      for (let b = 0; b < 10 && inGroup < want; b++) {
        const l2: Tree = { kind: "dict", entries: new Map() };
        l1.entries.set(`k${b}`, l2);
        for (let c = 0; c < 20 && inGroup < want; c++) {
          // a quarter of the slots hold a fourth level of 4 leaves
          const deep = r() < 0.25;
          const holder: Tree = deep ? { kind: "dict", entries: new Map() } : l2;
          if (deep) l2.entries.set(`k${c}`, holder);
          const n = deep ? 4 : 1;
          for (let d = 0; d < n && inGroup < want; d++) {
            const key = deep ? `k${d}` : `k${c}`;
            const path = `g${g}.k${a}.k${b}.${deep ? `k${c}.` : ""}${key}`;
            const siblings = [...holder.entries.entries()].filter(([, v]) =>
              v.kind === "leaf" && !v.text.startsWith("'")
            );
            let text: string;
            if (values.length > 0 && r() < 0.1) {
              const x = r();
              if (x < 0.2 && siblings.length > 0) {
                text = `'\${.${siblings[Math.floor(r() * siblings.length)][0]}}'`;
                lastInterp = undefined;
              } else {
                const chain = lastInterp && lastInterp.depth < 10 && r() < 0.7;
                const target = chain ? lastInterp!.path : values[Math.floor(r() * values.length)];
                const depth = chain ? lastInterp!.depth + 1 : 1;
                text = x < 0.7 ? `'\${${target}}'` : `'x_\${${target}}_y'`;
                lastInterp = { path, depth };
              }
            } else {
              text = valueText(r, made);
              values.push(path);
            }
            holder.entries.set(key, { kind: "leaf", text });
            inGroup++;
            made++;
          }
        }
      }
    }
    groups.push(root);
  }
  const alt = groups.map((t) => variant(t, r, false));
  return { groups, alt };
}

/** A copy with ~10% of the value leaves changed (and, with `grow`, ~3% new keys). */
function variant(t: Tree, r: () => number, grow: boolean): Tree {
  const out: Tree = { kind: "dict", entries: new Map() };
  let i = 0;
  for (const [k, v] of t.entries) {
    if (v.kind === "dict") out.entries.set(k, variant(v, r, grow));
    else {
      const change = !v.text.startsWith("'") && r() < 0.07;
      out.entries.set(k, change ? { kind: "leaf", text: valueText(r, i) } : v);
      if (grow && r() < 0.03) out.entries.set(`n${i}`, { kind: "leaf", text: valueText(r, i) });
    }
    i++;
  }
  return out;
}

function emit(t: Tree, indent: string, out: string[]): void {
  for (const [k, v] of t.entries) {
    if (v.kind === "leaf") out.push(`${indent}${k}: ${v.text}\n`);
    else {
      out.push(`${indent}${k}:\n`);
      emit(v, indent + "  ", out);
    }
  }
}

function yaml(t: Tree): string {
  const out: string[] = [];
  emit(t, "", out);
  return out.join("");
}

function wrap(groups: Tree[]): Tree {
  return { kind: "dict", entries: new Map(groups.map((g, i) => [`g${i}`, g])) };
}

/**
 * Generates every file for one size.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { generate } from "./generate.ts";
 * const files = generate({ leaves: 200, groups: 4, seed: 7 });
 * assert.equal(files.get("base.yaml"), generate({ leaves: 200, groups: 4, seed: 7 }).get("base.yaml"));
 * assert.match(files.get("conf/config.yaml")!, /- g3: opt0/);
 * ```
 */
export function generate(o: GenOptions): GenFiles {
  const { groups, alt } = model(o);
  const files: GenFiles = new Map();
  const defaults = groups.map((_, i) => `  - g${i}: opt0\n`).join("");
  files.set("conf/config.yaml", `defaults:\n${defaults}  - _self_\n`);
  groups.forEach((g, i) => {
    files.set(`conf/g${i}/opt0.yaml`, yaml(g));
    files.set(`conf/g${i}/opt1.yaml`, yaml(alt[i]));
  });
  files.set("base.yaml", yaml(wrap(groups)));
  const r = prng((o.seed ?? 1) + 1);
  files.set("other.yaml", yaml(variant(wrap(groups), r, true)));
  return files;
}

/**
 * Writes {@link generate}'s files under `dir`.
 *
 * @example
 * ```ts ignore
 * await writeInputs("/tmp/in", { leaves: 1000, groups: 10 });
 * ```
 */
export async function writeInputs(dir: string, o: GenOptions): Promise<void> {
  for (const [rel, text] of generate(o)) {
    const path = `${dir}/${rel}`;
    await Deno.mkdir(path.slice(0, path.lastIndexOf("/")), { recursive: true });
    await Deno.writeTextFile(path, text);
  }
}

if (import.meta.main) {
  const usage =
    "usage: deno run --allow-write bench/compare/generate.ts DIR [LEAVES=1000] [GROUPS=10]";
  const { positionals } = toolArgs(usage, {}, Deno.args, true);
  const [dir, leaves = "1000", groups = "10"] = positionals;
  if (!dir || positionals.length > 3 || !(Number(leaves) > 0) || !(Number(groups) > 0)) {
    console.error(usage);
    Deno.exit(2);
  }
  await writeInputs(dir, { leaves: Number(leaves), groups: Number(groups) });
}

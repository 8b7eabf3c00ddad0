/**
 * Deep merge: the WASM engine vs a plain-TypeScript merge of the same rules
 * (new containers, `???` never overwrites, lists replaced, struct/readonly
 * checks, explicit source flags carried), in the same run, at 10^4 and 10^5
 * leaves with ~10% interpolation strings; and a compose-like merge of 20
 * layers. "fresh" inputs are encoded on every call; "sealed" ones keep their
 * encoding (core/engine/merge_cache.ts), as configs merged again and again can.
 *
 * `deno bench -A bench/merge_bench.ts`; `PROFILE=1 deno run -A bench/merge_bench.ts`
 * prints where the WASM path spends its time (encode / wasm / decode).
 */

import { engineMerge, mergeProfile } from "../core/engine/merge.ts";
import { sealForMerge } from "../core/engine/merge_cache.ts";
import {
  dict,
  type DictNode,
  type Entry,
  type Flags,
  int,
  type ListNode,
  type Node,
  str,
} from "../core/node.ts";

/** A tree of `leaves` leaves, fanout 10, depth 4; every 10th leaf is an interpolation. */
export function tree(leaves: number, fanout = 10, seed = 0): DictNode {
  let made = 0;
  const build = (depth: number): DictNode => {
    const entries: [string, Node][] = [];
    for (let i = 0; i < fanout && made < leaves; i++) {
      if (depth < 3) entries.push([`k${i}`, build(depth + 1)]);
      else {
        const v = seed + made++;
        entries.push([`k${i}`, v % 10 === 0 ? str(`\${g0.k0.k1.k${v % 7}}`) : int(v)]);
      }
    }
    return dict(entries);
  };
  const root = dict();
  let i = 0;
  while (made < leaves) root.entries.set(`sg${i}`, { key: `g${i++}`, node: build(0) });
  return root;
}

function copy(n: Node): Node {
  if (n.kind === "value") return n;
  if (n.kind === "list") {
    const out: ListNode = { kind: "list", items: n.items.map(copy) };
    if (n.flags) out.flags = { ...n.flags };
    return out;
  }
  const entries = new Map<string, Entry>();
  for (const [k, e] of n.entries) entries.set(k, { key: e.key, node: copy(e.node) });
  const out: DictNode = { kind: "dict", entries };
  if (n.flags) out.flags = { ...n.flags };
  return out;
}

function carry(dest: Node, src: Flags | undefined): void {
  if (!src) return;
  dest.flags = { ...dest.flags, ...src };
}

/** The reference: the same rules, in TypeScript, into a fresh tree. */
function tsMergeInto(dest: DictNode, src: DictNode, struct: boolean, ro: boolean): void {
  for (const [k, e] of src.entries) {
    const prev = dest.entries.get(k);
    const s = e.node;
    if (!prev) {
      if (struct) throw new Error(`Key '${String(e.key)}' is not in struct`);
      if (ro) throw new Error("readonly");
      dest.entries.set(k, { key: e.key, node: copy(s) });
      continue;
    }
    const d = prev.node;
    if (d.kind === "dict" && s.kind === "dict") {
      tsMergeInto(d, s, d.flags?.struct ?? struct, d.flags?.readonly ?? ro);
    } else if (d.kind !== "value" && s.kind !== "value" && d.kind !== s.kind) {
      throw new Error("Cannot merge DictConfig with ListConfig");
    } else if (s.kind === "value" && s.type === "missing") {
      if (d.kind === "value" && ro) throw new Error("readonly");
    } else {
      if (ro) throw new Error("readonly");
      prev.node = d.kind === "list" && s.kind === "list" ? { ...copy(s), flags: d.flags } : copy(s);
    }
  }
  carry(dest, src.flags);
}

/**
 * The plain-TypeScript merge of two dicts with OmegaConf's rules (the baseline
 * the WASM engine is measured against, here and in bench/compare/).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tsMerge } from "./merge_bench.ts";
 * import { dict, int } from "../core/node.ts";
 * const m = tsMerge(dict([["a", int(1)]]), dict([["b", int(2)]]));
 * assert.equal(m.kind === "dict" && m.entries.size, 2);
 * ```
 */
export function tsMerge(a: DictNode, b: DictNode): Node {
  const out = copy(a) as DictNode;
  tsMergeInto(out, b, false, false);
  return out;
}

/** `layers` configs as a composition meets them: half placed under a package of their own, half at the root overriding each other. */
function layersOf(layers: number, leaves: number): DictNode[] {
  return Array.from({ length: layers }, (_, j) => {
    const t = tree(leaves, 10, j);
    return j % 2 === 0 ? dict([[`pkg${j}`, t]]) : t;
  });
}

function tsMergeAll(configs: DictNode[]): Node {
  const out = copy(configs[0]) as DictNode;
  for (let i = 1; i < configs.length; i++) tsMergeInto(out, configs[i], false, false);
  return out;
}

const sizes = [10_000, 100_000];
const LAYERS = 20, LAYER_LEAVES = 5_000;

/** Inputs of one size: a pair merged fresh (encoded on every call) and a sealed copy of it. */
function inputs(n: number) {
  const a = tree(n, 10, 0), b = tree(n, 10, 1);
  const sa = tree(n, 10, 0), sb = tree(n, 10, 1);
  sealForMerge(sa);
  sealForMerge(sb);
  return { a, b, sa, sb };
}

function composeInputs() {
  const fresh = layersOf(LAYERS, LAYER_LEAVES);
  // As a composition sees them: the loaded files are sealed, the package wrappers are new.
  const files = Array.from({ length: LAYERS }, (_, j) => tree(LAYER_LEAVES, 10, j));
  for (const f of files) sealForMerge(f);
  const placed = () => files.map((f, j) => j % 2 === 0 ? dict([[`pkg${j}`, f]]) : f);
  return { fresh, placed };
}

if (Deno.env.get("PROFILE")) {
  mergeProfile.enabled = true;
  const report = (label: string, run: () => void, ts: () => void) => {
    const rows: string[] = [];
    for (let r = 0; r < 12; r++) {
      const t0 = performance.now();
      run();
      const wasmMs = performance.now() - t0;
      const t1 = performance.now();
      ts();
      const tsMs = performance.now() - t1;
      if (r < 6) continue;
      const { encode, wasm, decode } = mergeProfile;
      rows.push(
        `${label}: wasm total ${wasmMs.toFixed(1)} ms (encode ${encode.toFixed(1)}, ` +
          `wasm ${wasm.toFixed(1)}, decode ${decode.toFixed(1)}); TypeScript ${tsMs.toFixed(1)} ms`,
      );
    }
    console.log(rows.join("\n"));
  };
  for (const n of sizes) {
    const { a, b, sa, sb } = inputs(n);
    report(`${n} leaves, fresh`, () => engineMerge([a, b]), () => tsMerge(a, b));
    report(`${n} leaves, sealed`, () => engineMerge([sa, sb]), () => tsMerge(a, b));
  }
  const { fresh, placed } = composeInputs();
  report(
    `${LAYERS} layers, fresh`,
    () => engineMerge([dict(), ...fresh]),
    () => tsMergeAll([dict(), ...fresh]),
  );
  report(
    `${LAYERS} layers, sealed`,
    () => engineMerge([dict(), ...placed()]),
    () => tsMergeAll([dict(), ...fresh]),
  );
} else {
  for (const n of sizes) {
    const { a, b, sa, sb } = inputs(n);
    const small = dict([["g0", dict([["k0", dict([["k1", dict([["k2", int(1)]])]])]])]]);
    Deno.bench(
      `merge ${n} leaves: plain TypeScript`,
      { group: `merge-${n}`, baseline: true },
      () => {
        tsMerge(a, b);
      },
    );
    Deno.bench(`merge ${n} leaves: wasm engine, fresh inputs`, { group: `merge-${n}` }, () => {
      engineMerge([a, b]);
    });
    Deno.bench(`merge ${n} leaves: wasm engine, sealed inputs`, { group: `merge-${n}` }, () => {
      engineMerge([sa, sb]);
    });
    Deno.bench(`override 1 leaf into ${n}: plain TypeScript`, {
      group: `override-${n}`,
      baseline: true,
    }, () => {
      tsMerge(a, small);
    });
    Deno.bench(`override 1 leaf into ${n}: wasm engine, fresh base`, {
      group: `override-${n}`,
    }, () => {
      engineMerge([a, small]);
    });
    Deno.bench(`override 1 leaf into ${n}: wasm engine, sealed base`, {
      group: `override-${n}`,
    }, () => {
      engineMerge([sa, small]);
    });
  }
  const { fresh, placed } = composeInputs();
  const group = "compose-like";
  const name = `compose-like: merge ${LAYERS} layers of ${LAYER_LEAVES} leaves`;
  Deno.bench(`${name}: plain TypeScript`, { group, baseline: true }, () => {
    tsMergeAll([dict(), ...fresh]);
  });
  Deno.bench(`${name}: wasm engine, fresh layers`, { group }, () => {
    engineMerge([dict(), ...fresh]);
  });
  Deno.bench(`${name}: wasm engine, cached (sealed) layers`, { group }, () => {
    engineMerge([dict(), ...placed()]);
  });
}

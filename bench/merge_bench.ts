/**
 * Deep merge: the WASM engine vs a plain-TypeScript merge of the same rules
 * (new containers, `???` never overwrites, lists replaced, struct/readonly
 * checks, explicit source flags carried), in the same run, at 10^4 and 10^5
 * leaves with ~10% interpolation strings.
 *
 * `deno bench -A bench/merge_bench.ts`; `PROFILE=1 deno run -A bench/merge_bench.ts`
 * prints where the WASM path spends its time (encode / wasm / decode).
 */

import { engineMerge, mergeProfile } from "../asm/engine.ts";
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

function tsMerge(a: DictNode, b: DictNode): Node {
  const out = copy(a) as DictNode;
  tsMergeInto(out, b, false, false);
  return out;
}

const sizes = [10_000, 100_000];

if (Deno.env.get("PROFILE")) {
  mergeProfile.enabled = true;
  for (const n of sizes) {
    const a = tree(n, 10, 0), b = tree(n, 10, 1);
    for (let r = 0; r < 8; r++) {
      const t0 = performance.now();
      engineMerge([a, b]);
      const wasmMs = performance.now() - t0;
      const t1 = performance.now();
      tsMerge(a, b);
      const tsMs = performance.now() - t1;
      if (r < 3) continue;
      const { encode, wasm, decode } = mergeProfile;
      console.log(
        `${n} leaves: wasm total ${wasmMs.toFixed(1)} ms (encode ${encode.toFixed(1)}, ` +
          `wasm ${wasm.toFixed(1)}, decode ${decode.toFixed(1)}); TypeScript ${tsMs.toFixed(1)} ms`,
      );
    }
  }
} else {
  for (const n of sizes) {
    const a = tree(n, 10, 0), b = tree(n, 10, 1);
    const small = dict([["g0", dict([["k0", dict([["k1", dict([["k2", int(1)]])]])]])]]);
    Deno.bench(`merge ${n} leaves: wasm engine`, { group: `merge-${n}`, baseline: true }, () => {
      engineMerge([a, b]);
    });
    Deno.bench(`merge ${n} leaves: plain TypeScript`, { group: `merge-${n}` }, () => {
      tsMerge(a, b);
    });
    Deno.bench(`override 1 leaf into ${n}: wasm engine`, { group: `override-${n}` }, () => {
      engineMerge([a, small]);
    });
    Deno.bench(`override 1 leaf into ${n}: plain TypeScript`, { group: `override-${n}` }, () => {
      tsMerge(a, small);
    });
  }
}

/**
 * Deep merge: the WASM engine vs a plain-TypeScript merge of the same trees, in
 * the same run.
 */

import { engineMerge } from "../asm/engine.ts";
import { dict, type DictNode, type Entry, int, type Node } from "../core/node.ts";

function tree(leaves: number, fanout = 10, seed = 0): DictNode {
  let made = 0;
  const build = (depth: number): DictNode => {
    const entries: [string, Node][] = [];
    for (let i = 0; i < fanout && made < leaves; i++) {
      if (depth < 3) entries.push([`k${i}`, build(depth + 1)]);
      else entries.push([`k${i}`, int(seed + made++)]);
    }
    return dict(entries);
  };
  const root = dict();
  let i = 0;
  while (made < leaves) root.entries.set(`sg${i}`, { key: `g${i++}`, node: build(0) });
  return root;
}

/** The reference: the same rules, in TypeScript. */
function tsMerge(a: Node, b: Node): Node {
  if (a.kind !== "dict" || b.kind !== "dict") return b;
  const entries = new Map<string, Entry>();
  for (const [k, e] of a.entries) entries.set(k, e);
  for (const [k, e] of b.entries) {
    const prev = entries.get(k);
    entries.set(k, { key: e.key, node: prev ? tsMerge(prev.node, e.node) : e.node });
  }
  return { kind: "dict", entries };
}

for (const n of [10_000, 100_000]) {
  const a = tree(n, 10, 0), b = tree(n, 10, 1);
  Deno.bench(`merge ${n} leaves: wasm engine`, { group: `merge-${n}`, baseline: true }, () => {
    engineMerge([a, b]);
  });
  Deno.bench(`merge ${n} leaves: plain TypeScript`, { group: `merge-${n}` }, () => {
    tsMerge(a, b);
  });
}

/**
 * Interpolation resolution (`resolveTree`): the WASM-planned engine vs the
 * plain-TypeScript evaluator of the same phase, in the same run, at 10^4 and
 * 10^5 leaves with ~10% interpolations (absolute, relative, string; chains up
 * to depth 10).
 */

import { dict, type DictNode, float, int, type Node, str } from "../core/node.ts";
import { resolveTree } from "../core/resolve/resolve.ts";
import { interpProfile } from "../core/resolve/engine.ts";

/** Leaf paths are g<i>.k<a>.k<b>.k<c>; every 10th leaf is an interpolation. */
export function interpTree(leaves: number): DictNode {
  const paths: string[] = [];
  let made = 0;
  let chain = 0;
  const build = (depth: number, prefix: string): DictNode => {
    const entries: [string, Node][] = [];
    for (let i = 0; i < 10 && made < leaves; i++) {
      const path = `${prefix}.k${i}`;
      if (depth < 2) {
        entries.push([`k${i}`, build(depth + 1, path)]);
        continue;
      }
      const j = made++;
      let leaf: Node;
      if (j % 10 === 9 && paths.length > 0) {
        // chain onto the previous interpolation up to depth 10, then restart
        chain = chain >= 10 ? 0 : chain + 1;
        const target = chain === 0 ? paths[(j * 7919) % paths.length] : paths[paths.length - 1];
        const form = j % 3;
        leaf = form === 0
          ? str(`\${${target}}`)
          : form === 1
          ? str(`run_\${${target}}_x`)
          : str("${.k0}");
        if (i === 0) leaf = str(`\${${target}}`);
      } else leaf = j % 4 === 0 ? float(j / 8) : int(j);
      entries.push([`k${i}`, leaf]);
      paths.push(path);
    }
    return dict(entries);
  };
  const root = dict();
  for (let g = 0; made < leaves; g++) {
    root.entries.set(`sg${g}`, { key: `g${g}`, node: build(0, `g${g}`) });
  }
  return root;
}

/** Where the WASM path spends its time (mean of 10 warm runs), printed once per size. */
function stages(tree: DictNode, n: number): void {
  interpProfile.enabled = true;
  const sum = { encode: 0, wasm: 0, decode: 0 };
  for (let k = 0; k < 15; k++) {
    resolveTree(tree);
    if (k < 5) continue;
    sum.encode += interpProfile.encode;
    sum.wasm += interpProfile.wasm;
    sum.decode += interpProfile.decode;
  }
  interpProfile.enabled = false;
  const f = (x: number) => (x / 10).toFixed(2);
  console.log(
    `resolve ${n} leaves, wasm stages (ms): encode ${f(sum.encode)}, wasm ${f(sum.wasm)}, ` +
      `decode ${f(sum.decode)}`,
  );
}

for (const n of [10_000, 100_000]) {
  const tree = interpTree(n);
  stages(tree, n);
  Deno.bench(
    { name: `resolve ${n} leaves: wasm engine`, group: `resolve-${n}`, baseline: true },
    () => {
      resolveTree(tree, { engine: "wasm" });
    },
  );
  Deno.bench({ name: `resolve ${n} leaves: plain TS`, group: `resolve-${n}` }, () => {
    resolveTree(tree, { engine: "ts" });
  });
}

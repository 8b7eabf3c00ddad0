/**
 * Override parsing at scale: 10^5 override strings of mixed shapes parsed in
 * one WASM batch (`parseOverrides`), the raw WASM table alone, and one call
 * per override for comparison. Reports throughput and heap growth once.
 */

import { parseOverridesRaw } from "../asm/override.ts";
import { parseOverride, parseOverrides } from "../core/override/parse.ts";

const SHAPES = [
  (i: number) => `model.layers.${i % 48}.dim=${1024 + i}`,
  (i: number) => `+optimizer.lr=${(i % 97) * 1e-5}`,
  (i: number) => `db@backup=mysql_${i % 7}`,
  (i: number) => `trainer.devices=[0,1,${i % 8}]`,
  (i: number) => `lr=1e-3,1e-4,${i}e-5`,
  (i: number) => `run.name='exp ${i}'`,
  (i: number) => `seed=range(0,${i % 10 + 1})`,
  (i: number) => `~callbacks.cb_${i % 13}`,
  (i: number) => `model={hidden: ${i}, act: gelu, drop: 0.1}`,
  (i: number) => `out=\${hydra:runtime.output_dir}/ckpt_${i}`,
];
const N = 100_000;
const texts = Array.from({ length: N }, (_, i) => SHAPES[i % SHAPES.length](i));
const bytes = texts.reduce((n, t) => n + t.length, 0);

// one-off report: throughput and memory of the full path
{
  const heap0 = Deno.memoryUsage().heapUsed;
  const t0 = performance.now();
  const os = parseOverrides(texts);
  const ms = performance.now() - t0;
  const heap1 = Deno.memoryUsage().heapUsed;
  const t1 = performance.now();
  parseOverridesRaw(texts);
  const rawMs = performance.now() - t1;
  console.log(
    `parseOverrides: ${N} overrides (${(bytes / 1e6).toFixed(2)} MB) in ${ms.toFixed(0)} ms = ` +
      `${(N / ms * 1000 / 1e6).toFixed(2)} M overrides/s; WASM table alone ${
        rawMs.toFixed(0)
      } ms; ` +
      `heap +${((heap1 - heap0) / 1e6).toFixed(0)} MB for ${os.length} Override objects; ` +
      `wasm memory ${(Deno.memoryUsage().external / 1e6).toFixed(0)} MB external`,
  );
}

Deno.bench(
  "parseOverrides: 10^5 overrides, one WASM batch",
  { group: "overrides", baseline: true },
  () => {
    parseOverrides(texts);
  },
);

Deno.bench("parseOverridesRaw: 10^5 overrides, WASM table only", { group: "overrides" }, () => {
  parseOverridesRaw(texts);
});

// the same 10^4 overrides as one batch and one call each, in one group: deno bench prints the
// ratio (README's "override parse" row)
const tenK = texts.slice(0, 10_000);
Deno.bench("parseOverrides: 10^4 overrides, one WASM batch", {
  group: "batch vs per call",
  baseline: true,
}, () => {
  parseOverrides(tenK);
});

Deno.bench("parseOverride: 10^4 overrides, one WASM call each", {
  group: "batch vs per call",
}, () => {
  for (const t of tenK) parseOverride(t);
});

/**
 * The log-log chart of BENCHMARKS.md: time against size for strata and
 * OmegaConf, per operation, from a bench:compare results file, rendered to SVG
 * headless by Vega-Lite + Vega (no browser, no canvas, works offline).
 *
 * `deno task bench:chart bench/compare/results.json bench/compare/chart.svg`
 *
 * @module
 */

import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import type { Row } from "./report.ts";
import { toolArgs } from "../../tools/tool_args.ts";

/** A results file of bench:compare (`--out`). */
export interface Results {
  results: { size: number; rows: Row[] }[];
}

const OPS: Record<string, string> = {
  load: "load",
  merge: "merge",
  resolve: "resolve",
  to_yaml: "to_yaml",
  "whole compose --resolve (process wall)": "compose (process)",
};

/**
 * The chart's points: one per size, operation and implementation.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { points } from "./chart.ts";
 * const p = points({ results: [{ size: 1000, rows: [{ op: "load", strata: 2, omegaconf: 90 }] }] });
 * assert.deepEqual(p.map((x) => x.impl), ["strata", "OmegaConf"]);
 * ```
 */
export function points(r: Results): { leaves: number; ms: number; op: string; impl: string }[] {
  const out = [];
  for (const { size, rows } of r.results) {
    for (const row of rows) {
      const op = OPS[row.op];
      if (!op) continue;
      out.push({ leaves: size, ms: row.strata, op, impl: "strata" });
      if (row.omegaconf !== undefined) {
        out.push({ leaves: size, ms: row.omegaconf, op, impl: "OmegaConf" });
      }
    }
  }
  return out;
}

/**
 * Renders the chart as SVG text.
 *
 * @example
 * ```ts ignore
 * const svg = await chartSvg(JSON.parse(await Deno.readTextFile("results.json")));
 * ```
 */
export async function chartSvg(r: Results): Promise<string> {
  const spec: TopLevelSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: "time against config size (log-log; median per point)",
    width: 520,
    height: 360,
    data: { values: points(r) },
    mark: { type: "line", point: true },
    encoding: {
      x: {
        field: "leaves",
        type: "quantitative",
        scale: { type: "log" },
        axis: { title: "leaves", format: "~s" },
      },
      y: {
        field: "ms",
        type: "quantitative",
        scale: { type: "log" },
        axis: { title: "ms" },
      },
      color: { field: "op", type: "nominal", title: "operation" },
      strokeDash: { field: "impl", type: "nominal", title: "implementation" },
      shape: { field: "impl", type: "nominal", title: "implementation" },
    },
  };
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: "none" });
  return await view.toSVG();
}

if (import.meta.main) {
  const usage = "usage: deno task bench:chart [RESULTS.json] [CHART.svg] (default " +
    "bench/compare/results.json, bench/compare/chart.svg; bench:compare --out writes RESULTS)";
  const { positionals } = toolArgs(usage, {}, Deno.args, true);
  const [input = "bench/compare/results.json", output = "bench/compare/chart.svg"] = positionals;
  let results;
  try {
    results = JSON.parse(await Deno.readTextFile(input));
  } catch (e) {
    console.error(`cannot read ${input}: ${e instanceof Error ? e.message : e}\n${usage}`);
    Deno.exit(2);
  }
  const svg = await chartSvg(results);
  await Deno.writeTextFile(output, svg);
  // The repository's check formats every file, the chart included.
  const fmt = await new Deno.Command(Deno.execPath(), { args: ["fmt", "--quiet", output] })
    .output();
  if (!fmt.success) throw new Error(`deno fmt ${output} failed`);
  console.log(`wrote ${output}`);
}

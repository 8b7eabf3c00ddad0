/**
 * The tables bench:compare prints (and BENCHMARKS.md holds).
 *
 * @module
 */

/** One operation's medians, in ms (and peak MB for processes). */
export interface Row {
  op: string;
  strata: number;
  omegaconf?: number;
  /** The plain-TypeScript implementation of the same phase. */
  ts?: number;
  strataMb?: number;
  omegaconfMb?: number;
}

const ms = (x: number | undefined) =>
  x === undefined ? "–" : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
const ratio = (a: number | undefined, b: number) =>
  a === undefined ? "–" : `${(a / b).toFixed(a / b >= 10 ? 0 : a / b >= 1 ? 1 : 2)}x`;

/**
 * A Markdown table of rows: medians, and how many times faster strata is.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { table } from "./report.ts";
 * const t = table([{ op: "load", strata: 10, omegaconf: 200 }]);
 * assert.match(t, /\| load \| 10\.0 \| 200 \| 20x \|/);
 * ```
 */
export function table(rows: Row[]): string {
  const out = [
    "| operation | strata ms | OmegaConf ms | OmegaConf / strata | plain TS ms | TS / WASM | peak MB strata / OmegaConf |",
    "|---|---|---|---|---|---|---|",
  ];
  for (const r of rows) {
    const mem = r.strataMb === undefined
      ? "–"
      : `${r.strataMb.toFixed(0)} / ${r.omegaconfMb?.toFixed(0) ?? "–"}`;
    out.push(
      `| ${r.op} | ${ms(r.strata)} | ${ms(r.omegaconf)} | ${ratio(r.omegaconf, r.strata)} | ${
        ms(r.ts)
      } | ${ratio(r.ts, r.strata)} | ${mem} |`,
    );
  }
  return out.join("\n");
}

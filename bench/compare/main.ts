/**
 * `deno task bench:compare`: strata against the real OmegaConf on the same
 * generated files (bench/compare/generate.ts), in one run, alternating
 * strata and OmegaConf repetition by repetition; medians and ratios per
 * operation (load, merge, resolve, to_yaml, whole compose), the WASM engine
 * against the plain-TypeScript implementation of the same phase, the process
 * wall of `strata compose` on a small tree against a bare `deno run`, and
 * checks that strata's output equals OmegaConf's. Whole compose runs the
 * bundle the binary embeds (tools/bundle.ts), with the binary's flags, as a
 * user's `strata` does. The run prints a bare `deno run`'s time at its start
 * and its end: this machine's speed drifts, and that says by how much.
 *
 * Flags: `--sizes 1000,10000,100000` (default), `--huge` adds 10^6 leaves,
 * `--reps N` (strata repetitions, default 5), `--omegaconf-max N` (the largest
 * size OmegaConf runs at, default 10^5: it takes minutes per operation at 10^6),
 * `--out results.json` (for `deno task bench:chart`).
 *
 * @module
 */

import { merge, resolveTree, toContainer, toYaml } from "../../engine.ts";
import { loadYaml } from "../../core/yaml/load.ts";
import { tsMerge } from "../merge_bench.ts";
import { toJson as treeToJson } from "../../core/container.ts";
import { COVERAGE_OTHER_YAML, COVERAGE_YAML, sameTypedJson } from "./coverage.ts";
import type { DictNode } from "../../core/node.ts";
import { writeInputs } from "./generate.ts";
import { BINARY_FLAGS } from "../_binary_flags.ts";
import { composeCommand, omegaconfAvailable, OmegaConfWorker } from "./omegaconf.ts";
import { type Row, table } from "./report.ts";
import { toolArgs } from "../../tools/tool_args.ts";

const { values: opts } = toolArgs(
  "usage: deno task bench:compare [--sizes 1000,10000,100000] [--huge] [--reps N] " +
    "[--omegaconf-max N] [--out results.json]",
  {
    sizes: { type: "string", default: "1000,10000,100000" },
    huge: { type: "boolean", default: false },
    reps: { type: "string", default: "5" },
    "omegaconf-max": { type: "string", default: "100000" },
    out: { type: "string" },
  },
);
const sizes = opts.sizes!.split(",").map(Number);
if (sizes.some((n) => !Number.isInteger(n) || n < 1) || !(Number(opts.reps) >= 1)) {
  console.error(
    "bench:compare: --sizes takes whole numbers of leaves (1000,10000), --reps 1 or more",
  );
  Deno.exit(2);
}
if (opts.huge) sizes.push(1_000_000);
const reps = Number(opts.reps);
const omegaconfMax = Number(opts["omegaconf-max"]);
const root = new URL("../../", import.meta.url).pathname;
const cli = root + "cli/main.ts";

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function timeIt(fn: () => unknown): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

/** Python repetitions: OmegaConf takes seconds per operation on big trees. */
function pyReps(leaves: number): number {
  return leaves >= 100_000 ? 1 : Math.min(reps, 3);
}

/** Wall time and peak RSS (MB) of a process, through /usr/bin/time. */
async function processRun(cmd: string[]): Promise<{ ms: number; mb: number; out: string }> {
  const t = performance.now();
  const r = await new Deno.Command("/usr/bin/time", {
    args: ["-f", "%M", ...cmd],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const ms = performance.now() - t;
  const err = new TextDecoder().decode(r.stderr).trim().split("\n");
  if (r.code !== 0) throw new Error(`${cmd.join(" ")} failed:\n${err.join("\n")}`);
  return { ms, mb: Number(err[err.length - 1]) / 1024, out: new TextDecoder().decode(r.stdout) };
}

// The bundle `deno task compile` embeds (tools/bundle.ts) is what the binary runs: whole
// compose and start-up run it, with the binary's flags (from source when bundling fails).
const small = await Deno.makeTempDir({ prefix: "strata-compare-small-" });
const tasks = JSON.parse(await Deno.readTextFile(root + "deno.json")).tasks;
const bundleTask = (tasks.bundle as string).split(" ");
const bundled = await new Deno.Command(Deno.execPath(), {
  args: [...bundleTask.slice(1), `${small}/bundle`],
  cwd: root,
  stdout: "null",
  stderr: "piped",
}).output();
const bundleMain = bundled.success ? `${small}/bundle/main.js` : undefined;
if (!bundleMain) {
  console.log(`(no bundle: ${new TextDecoder().decode(bundled.stderr).trim().split("\n")[0]})`);
}
const composeMain = bundleMain ?? cli;
const run = (main: string) => [Deno.execPath(), "run", ...BINARY_FLAGS, main];
await Deno.writeTextFile(`${small}/empty.ts`, "");
/** A bare `deno run` of an empty file: how fast the machine is right now (it drifts). */
async function bareRun(): Promise<number> {
  const ms: number[] = [];
  for (let r = 0; r < 7; r++) ms.push((await processRun(run(`${small}/empty.ts`))).ms);
  return median(ms);
}
const bareAtStart = await bareRun();
console.log(
  `whole compose runs ${bundleMain ? "the bundle the binary embeds" : "cli/main.ts (source)"}; ` +
    `a bare deno run of an empty file takes ${bareAtStart.toFixed(0)} ms at the start`,
);

const withPython = await omegaconfAvailable();
if (!withPython) {
  console.log("OmegaConf is not installed for /usr/bin/python3: strata figures only.");
}
const results: { size: number; rows: Row[]; checks: Record<string, boolean> }[] = [];
const startedAt = new Date().toISOString();

for (const leaves of sizes) {
  const groups = Math.min(50, Math.max(2, Math.floor(leaves / 100)));
  const dir = await Deno.makeTempDir({ prefix: `strata-compare-${leaves}-` });
  await writeInputs(dir, { leaves, groups, seed: 1 });
  const basePath = `${dir}/base.yaml`;
  const otherPath = `${dir}/other.yaml`;
  const baseText = Deno.readTextFileSync(basePath);
  // The phases build whole trees, as OmegaConf does: a file of 8 MiB or more
  // would otherwise be read lazily (the CLI runs below measure that path).
  const eager = (path: string, text = Deno.readTextFileSync(path)) =>
    loadYaml(text, { file: path, lazy: false }) as DictNode;
  const base = eager(basePath, baseText);
  const other = eager(otherPath);
  const jsonText = JSON.stringify(toContainer(base));
  const mb = (baseText.length / 1e6).toFixed(1);
  console.log(`\n## ${leaves} leaves, ${groups} groups (${mb} MB of YAML)\n`);

  const strataOps: Record<string, () => unknown> = {
    load: () => eager(basePath),
    merge: () => merge(base, other),
    resolve: () => resolveTree(base),
    to_yaml: () => toYaml(base),
  };
  const tsOps: Record<string, () => unknown> = {
    merge: () => tsMerge(base, other),
    resolve: () => resolveTree(base, { engine: "ts" }),
  };
  const st: Record<string, number[]> = {};
  const py: Record<string, number[]> = {};
  const python = withPython && leaves <= omegaconfMax;
  if (withPython && !python) console.log(`OmegaConf skipped above ${omegaconfMax} leaves.\n`);
  const worker = python ? new OmegaConfWorker() : undefined;
  await worker?.ready();
  const pyOps: Record<string, () => Promise<number>> = {
    load: async () => (await worker!.run({ op: "load", path: basePath, name: "base" })).ms,
    merge: async () => (await worker!.run({ op: "merge", a: "base", b: "other", name: "m" })).ms,
    resolve: async () => (await worker!.run({ op: "resolve", name: "base" })).ms,
    to_yaml: async () => (await worker!.run({ op: "to_yaml", name: "base" })).ms,
  };
  if (worker) await worker.run({ op: "load", path: otherPath, name: "other" });
  for (const fn of [...Object.values(strataOps), ...Object.values(tsOps)]) fn(); // warm up
  for (let r = 0; r < reps; r++) {
    for (const op of Object.keys(strataOps)) {
      (st[op] ??= []).push(timeIt(strataOps[op]));
      (st[`${op} (plain TS)`] ??= []).push(...(tsOps[op] ? [timeIt(tsOps[op])] : []));
      if (worker && r < pyReps(leaves)) (py[op] ??= []).push(await pyOps[op]());
    }
    (st["JSON.parse (floor)"] ??= []).push(timeIt(() => JSON.parse(jsonText)));
  }

  const checks: Record<string, boolean> = {};
  if (worker) {
    const resolved = await worker.run({ op: "resolve", name: "base", dump: true });
    // as text: json.dumps's format is strata's toJson's, and an int never equals a float
    checks.resolve = treeToJson(resolveTree(base)) === resolved.json;
    const yaml = await worker.run({ op: "to_yaml", name: "base", dump: true });
    checks.to_yaml = toYaml(base) === yaml.text;
    const merged = await worker.run({ op: "to_yaml", name: "m", dump: true });
    checks.merge = toYaml(merge(base, other)) === merged.text;
    // the forms the generated trees lack (./coverage.ts), once per size
    const cov = `${dir}/coverage.yaml`;
    const covOther = `${dir}/coverage_other.yaml`;
    await Deno.writeTextFile(cov, COVERAGE_YAML);
    await Deno.writeTextFile(covOther, COVERAGE_OTHER_YAML);
    await worker.run({ op: "load", path: cov, name: "cov" });
    await worker.run({ op: "load", path: covOther, name: "cov_other" });
    await worker.run({ op: "merge", a: "cov", b: "cov_other", name: "cov_m" });
    const covNode = eager(cov);
    const covResolved = await worker.run({ op: "resolve", name: "cov", dump: true });
    const covYaml = await worker.run({ op: "to_yaml", name: "cov", dump: true });
    const covMerged = await worker.run({ op: "to_yaml", name: "cov_m", dump: true });
    checks.coverage = treeToJson(resolveTree(covNode)) === covResolved.json &&
      toYaml(covNode) === covYaml.text &&
      toYaml(merge(covNode, eager(covOther))) === covMerged.text;
    await worker.close();
  }

  // whole compose, as processes: strata's CLI against OmegaConf load + merge + resolve
  const composeReps = leaves >= 1_000_000 ? 1 : leaves >= 100_000 ? 3 : reps;
  const stWall: number[] = [];
  const stMem: number[] = [];
  const pyWall: number[] = [];
  const pyMem: number[] = [];
  let stOut = "";
  let pyOut = "";
  for (let r = 0; r < composeReps; r++) {
    const s = await processRun([
      ...run(composeMain),
      "compose",
      "-d",
      `${dir}/conf`,
      "--resolve",
      "-f",
      "json",
    ]);
    stWall.push(s.ms);
    stMem.push(s.mb);
    stOut = s.out;
    if (python && r < pyReps(leaves)) {
      const p = await processRun(composeCommand(`${dir}/conf`));
      pyWall.push(p.ms);
      pyMem.push(p.mb);
      pyOut = p.out;
    }
  }
  if (python) checks.compose = await sameTypedJson(stOut, pyOut);

  const rows: Row[] = [];
  for (const op of Object.keys(strataOps)) {
    rows.push({ op, strata: median(st[op]), omegaconf: py[op] ? median(py[op]) : undefined });
  }
  for (const op of Object.keys(tsOps)) {
    rows.push({
      op: `${op}, WASM engine vs plain TS`,
      strata: median(st[op]),
      ts: median(st[`${op} (plain TS)`]),
    });
  }
  rows.push({
    op: "JSON.parse of the same data (floor)",
    strata: median(st["JSON.parse (floor)"]),
  });
  rows.push({
    op: "whole compose --resolve (process wall)",
    strata: median(stWall),
    omegaconf: pyWall.length ? median(pyWall) : undefined,
    strataMb: median(stMem),
    omegaconfMb: pyMem.length ? median(pyMem) : undefined,
  });
  console.log(table(rows));
  if (python) {
    const bad = Object.entries(checks).filter(([, ok]) => !ok).map(([k]) => k);
    console.log(
      bad.length
        ? `\nOUTPUT DIFFERS from OmegaConf: ${bad.join(", ")}`
        : "\noutputs equal OmegaConf's: " + Object.keys(checks).join(", "),
    );
  }
  results.push({ size: leaves, rows, checks });
  await Deno.remove(dir, { recursive: true });
}

// process start-up: strata compose on a small tree against a bare `deno run` of an empty file,
// all with the binary's permission flags: from source (cli/main.ts) and from the bundle
await writeInputs(small, { leaves: 100, groups: 2, seed: 1 });
const bare: number[] = [];
const composeSmall: number[] = [];
const composeBundled: number[] = [];
for (let r = 0; r < Math.max(reps, 5) * 2; r++) {
  bare.push((await processRun(run(`${small}/empty.ts`))).ms);
  composeSmall.push((await processRun([...run(cli), "compose", "-d", `${small}/conf`])).ms);
  if (bundleMain) {
    composeBundled.push(
      (await processRun([...run(bundleMain), "compose", "-d", `${small}/conf`])).ms,
    );
  }
}
const startup = {
  bare: median(bare),
  compose: median(composeSmall),
  composeBundled: bundleMain ? median(composeBundled) : undefined,
};
const vsBare = (ms: number) => `${ms.toFixed(0)} ms (+${(ms - startup.bare).toFixed(0)} ms)`;
console.log(
  `\n## start-up\n\nbare deno run of an empty file: ${startup.bare.toFixed(0)} ms ` +
    `(${bareAtStart.toFixed(0)} ms at the start of the run); ` +
    `strata compose on a 100-leaf tree from source: ${vsBare(startup.compose)}` +
    (startup.composeBundled === undefined
      ? ""
      : `; from the bundle the binary embeds: ${vsBare(startup.composeBundled)}`),
);
await Deno.remove(small, { recursive: true });

const out = opts.out;
if (out) {
  await Deno.writeTextFile(
    out,
    JSON.stringify(
      {
        startedAt,
        reps,
        deno: Deno.version.deno,
        composeFrom: bundleMain ? "bundle" : "source",
        bareAtStart,
        results,
        startup,
      },
      null,
      2,
    ) + "\n",
  );
}

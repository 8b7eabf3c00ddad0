/**
 * The conformance runner: `deno task conformance [--verbose] [--update-baseline] [DIR...]`.
 *
 * Finds the corpus's suite files by name under each DIR, runs every case
 * through strata's public API, prints a line per suite and a closing
 * `N passed, M failed`. A case that cannot run yet counts as failed. Exits 1
 * when a suite passes fewer cases than its committed baseline.
 *
 * @module
 */

import "../../core/yaml/full_install.ts"; // the full YAML reader, installed at once
import { join, relative } from "node:path";
import { parseCorpusJson } from "./typed.ts";
import type { RunCase } from "./suite.ts";

/** Suite files by the path they end with, and the adapter that runs them. */
const SUITES: { suffix: string; adapter: string }[] = [
  { suffix: "hydra/overrides.json", adapter: "./suites/overrides.ts" },
  { suffix: "hydra/compose.json", adapter: "./suites/compose.ts" },
  { suffix: "hydra/sweeps.json", adapter: "./suites/sweeps.ts" },
  { suffix: "omegaconf/yaml.json", adapter: "./suites/yaml.ts" },
  { suffix: "omegaconf/interpolation.json", adapter: "./suites/interpolation.ts" },
  { suffix: "omegaconf/merge.json", adapter: "./suites/merge.ts" },
  { suffix: "omegaconf/struct.json", adapter: "./suites/struct.ts" },
  { suffix: "omegaconf/to_yaml.json", adapter: "./suites/to_yaml.ts" },
];

const BASELINE = new URL("./baseline.json", import.meta.url);
/** Failing cases we know of, with the reason: deviations/<suite name>.json, `{ "id": "reason" }`. */
const DEVIATIONS = new URL("./deviations/", import.meta.url);

function deviationsOf(key: string): Record<string, string> {
  const name = key.replaceAll("/", "_").replace(/\.json$/, "");
  try {
    return JSON.parse(Deno.readTextFileSync(new URL(`${name}.json`, DEVIATIONS)));
  } catch {
    return {};
  }
}

function* walk(dir: string): Generator<string> {
  for (const e of Deno.readDirSync(dir)) {
    const p = join(dir, e.name);
    if (e.isDirectory) yield* walk(p);
    else if (e.isFile && e.name.endsWith(".json")) yield p;
  }
}

async function loadAdapter(path: string): Promise<RunCase | undefined> {
  try {
    const mod = await import(path);
    return mod.runCase as RunCase;
  } catch (e) {
    if (e instanceof TypeError && String(e.message).includes("Module not found")) return undefined;
    throw e;
  }
}

interface SuiteResult {
  key: string;
  passed: number;
  failed: { id: string; why: string }[];
}

async function runSuite(file: string, key: string, adapterPath: string): Promise<SuiteResult> {
  const cases = parseCorpusJson(await Deno.readTextFile(file)) as { id: string }[];
  const adapter = await loadAdapter(adapterPath);
  const result: SuiteResult = { key, passed: 0, failed: [] };
  const ctx = { file, dir: join(file, "..") };
  for (const c of cases) {
    let why: string | undefined;
    if (!adapter) why = "not implemented yet";
    else {
      try {
        why = await adapter(c, ctx);
      } catch (e) {
        why = `crashed: ${e instanceof Error ? e.message : String(e)}`;
      }
    }
    if (why === undefined) result.passed++;
    else result.failed.push({ id: c.id, why });
  }
  return result;
}

async function main(args: string[]): Promise<number> {
  const verbose = args.includes("--verbose") || args.includes("-v");
  const update = args.includes("--update-baseline");
  const only = args.find((a) => a.startsWith("--only="))?.slice(7);
  const dirs = args.filter((a) => !a.startsWith("-"));
  if (dirs.length === 0) dirs.push("../shared/conformance");
  const results: SuiteResult[] = [];
  for (const dir of dirs) {
    let files: string[];
    try {
      files = [...walk(dir)].sort();
    } catch {
      console.error(`conformance: no corpus at ${dir}`);
      return 2;
    }
    for (const file of files) {
      const suite = SUITES.find((s) => file.endsWith(s.suffix));
      if (!suite) continue;
      const key = relative(dir, file);
      if (only && !key.includes(only)) continue;
      const r = await runSuite(file, key, suite.adapter);
      results.push(r);
      const known = deviationsOf(key);
      const unexplained = r.failed.filter((f) => !(f.id in known)).length;
      console.log(
        `${key}: ${r.passed} passed, ${r.failed.length} failed` +
          (r.failed.length ? ` (${unexplained} not in deviations)` : ""),
      );
      if (verbose) {
        for (const f of r.failed) {
          const note = f.id in known ? ` [deviation: ${known[f.id]}]` : "";
          console.log(`  FAIL ${f.id}: ${f.why}${note}`);
        }
      }
    }
  }
  let baseline: Record<string, number> = {};
  try {
    baseline = JSON.parse(await Deno.readTextFile(BASELINE));
  } catch {
    baseline = {};
  }
  let regressions = 0;
  for (const r of results) {
    const min = baseline[r.key] ?? 0;
    if (r.passed < min) {
      console.log(`REGRESSION ${r.key}: ${r.passed} passed, baseline is ${min}`);
      regressions++;
    } else if (r.passed > min && !update) {
      console.log(
        `note: ${r.key} passes ${r.passed} > baseline ${min}; raise it (--update-baseline)`,
      );
    }
  }
  if (update && !only) {
    const next = { ...baseline };
    for (const r of results) next[r.key] = Math.max(r.passed, baseline[r.key] ?? 0);
    await Deno.writeTextFile(BASELINE, JSON.stringify(next, null, 2) + "\n");
  }
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed.length, 0);
  console.log(`${passed} passed, ${failed} failed`);
  return regressions > 0 ? 1 : 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));

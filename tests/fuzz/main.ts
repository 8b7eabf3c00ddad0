/**
 * `deno task fuzz [--runs N] [--seed S] [--ms MS] [--target NAME]`: 10^5
 * generated inputs per target (YAML documents, override strings,
 * interpolation strings, whole conf trees, CLI argv in-process). The
 * property: a value or a located StrataError, never another exception, never
 * more than MS ms for one input, twice (default 2000). Prints a line per target and
 * ends with `N passed, M failed` (one check per target); a failure prints the
 * shrunk input and the seed that replays it.
 *
 * @module
 */

import "../../core/yaml/full_install.ts"; // the full YAML reader, installed at once
import fc from "fast-check";
import { toolArgs } from "../../tools/tool_args.ts";
import type { StrataError } from "../../core/errors.ts";
import {
  argvTarget,
  interpolationTarget,
  overrideTarget,
  type Target,
  treeTarget,
  yamlTarget,
} from "./targets.ts";

const { values } = toolArgs(
  "usage: deno task fuzz [--runs N] [--seed S] [--ms MS] [--target NAME]...",
  {
    runs: { type: "string", default: "100000" },
    seed: { type: "string", default: "20261201" },
    ms: { type: "string", default: "2000" },
    target: { type: "string", multiple: true },
  },
);
const runs = Number(values.runs);
const seed = Number(values.seed);
const limitMs = Number(values.ms);

/** What one target's run saw. */
interface Tally {
  inputs: number;
  values: number;
  errors: Map<string, number>;
  slowest: number;
}

async function fuzz<T>(target: Target<T>): Promise<{ tally: Tally; failure?: string }> {
  const tally: Tally = { inputs: 0, values: 0, errors: new Map(), slowest: 0 };
  const timed = async (input: T) => {
    const t0 = performance.now();
    const e: StrataError | undefined = await target.run(input);
    return { e, took: performance.now() - t0 };
  };
  const check = async (input: T) => {
    tally.inputs++;
    let { e, took } = await timed(input);
    // A hang or a quadratic path is slow every time; a GC pause or a busy
    // machine is not: a slow input fails only when it is slow twice.
    if (took > limitMs) ({ e, took } = await timed(input));
    tally.slowest = Math.max(tally.slowest, took);
    if (took > limitMs) throw new Error(`took ${took.toFixed(0)} ms twice (limit ${limitMs})`);
    if (e === undefined) tally.values++;
    else {
      if (!target.located(e)) throw new Error(`an error without a location: ${e.message}`);
      tally.errors.set(e.code, (tally.errors.get(e.code) ?? 0) + 1);
    }
  };
  const out = await fc.check(fc.asyncProperty(target.input, check), { numRuns: runs, seed });
  if (!out.failed) return { tally };
  const input = JSON.stringify(out.counterexample?.[0])?.slice(0, 500);
  const why = out.errorInstance instanceof Error
    ? out.errorInstance.message
    : String(out.errorInstance);
  return {
    tally,
    failure: `input ${input}\n  ${why.split("\n").slice(0, 8).join("\n  ")}\n  ` +
      `replay: deno task fuzz --target ${target.name} --seed ${seed} (path ${out.counterexamplePath})`,
  };
}

const dir = Deno.makeTempDirSync({ prefix: "strata_fuzz_" });
const targets: Target<never>[] = [
  yamlTarget,
  overrideTarget,
  interpolationTarget,
  treeTarget(`${dir}/tree`),
  argvTarget(`${dir}/argv`),
] as Target<never>[];
let passed = 0, failed = 0;
try {
  for (const target of targets) {
    if (values.target && !values.target.includes(target.name)) continue;
    const t0 = performance.now();
    const { tally, failure } = await fuzz(target);
    const codes = [...tally.errors].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} ${n}`);
    const seconds = ((performance.now() - t0) / 1000).toFixed(1);
    console.log(
      `${target.name}: ${failure ? "FAILED" : "ok"}, ${tally.inputs} inputs in ${seconds} s: ` +
        `${tally.values} values, ${tally.inputs - tally.values} StrataErrors` +
        (codes.length ? ` (${codes.join(", ")})` : "") +
        `; slowest ${tally.slowest.toFixed(0)} ms` +
        (target.summary ? `; ${target.summary()}` : ""),
    );
    if (failure) console.log(`  ${failure}`);
    if (failure) failed++;
    else passed++;
  }
} finally {
  Deno.removeSync(dir, { recursive: true });
}
console.log(`${passed} passed, ${failed} failed`);
Deno.exit(failed === 0 ? 0 : 1);

/**
 * The hash of a composed config as `strata run` gives it to its job
 * (`STRATA_CONFIG_HASH`, what `strata hash` prints). Kept apart from
 * ../hash.ts, which only hashes a tree and is what the run plan hashes with:
 * the dependency goes one way, this module -> plan.ts -> hash.ts.
 *
 * @module
 */

import type { ComposeOptions } from "../compose/compose.ts";
import { ErrorCode, StrataError } from "../errors.ts";
import { warningLines } from "../compose/legacy_header.ts";
import { configuredMode, type JobPlan, planMultirun, planRun, type RunOptions } from "./plan.ts";
import { configJobName } from "./command.ts";
import { type DictNode, joinFullKey, type Node } from "../node.ts";

/**
 * The job `strata run` (no `-m`, no `--job-index`) runs for these options,
 * planned as run plans it: Hydra's `_run_app` lets a `hydra.mode` the config
 * or an override sets decide, and appends `hydra.mode=RUN` only when it is
 * unset. Under `hydra.mode: MULTIRUN` run runs a sweep even without `-m`: its
 * one job is job 0 (`hydra.job.num` 0, its dir under `hydra.sweep.dir`).
 * `options.appendMode` is decided here. `warnings`: what composing it
 * warned of, as `warning` lines (`FILE:L:C: warning: ...`), as run prints them.
 *
 * @throws {StrataError} composition errors; `usage` when MULTIRUN's sweep
 *   has more than one job (there is no one config to hash).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { planAsRun } from "./config_hash.ts";
 * const conf = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(`${conf}/config.yaml`, "hydra: {mode: MULTIRUN}\nk: ${hydra:job.num}\n");
 * const job = planAsRun({ configDir: conf, configName: "config", jobName: "app", cwd: "/w" });
 * assert.equal(job.num, 0);
 * assert.equal(job.resolvedConfig, "k: 0\n");
 * Deno.removeSync(conf, { recursive: true });
 * ```
 */
export function planAsRun(
  options: RunOptions,
): JobPlan & { warnings: string[]; clockKey?: string } {
  const mode = configuredMode(options);
  if (mode !== "MULTIRUN") {
    const plan = planRun({ ...options, appendMode: mode === null });
    const warnings = warningLines(plan.composition.warningsAt);
    const clockKey = clockReader(plan.composition.config);
    return { ...plan, warnings, ...(clockKey !== undefined ? { clockKey } : {}) };
  }
  const plan = planMultirun({ ...options, appendMode: false });
  if (plan.count !== 1) {
    throw new StrataError(
      ErrorCode.Usage,
      `hydra.mode is MULTIRUN and the overrides sweep ${plan.count} jobs: ` +
        "a hash is one job's, so give each swept key one value",
      { fullKey: "hydra.mode" },
    );
  }
  const job = plan.job(0);
  const clockKey = clockReader(plan.master.config);
  return {
    ...job,
    warnings: [...plan.warnings, ...plan.jobWarnings],
    ...(clockKey !== undefined ? { clockKey } : {}),
  };
}

/**
 * The first key of a job config whose value calls `${now:...}` (graphium's checkpoint path): its
 * resolved value, and so the config's hash, changes with the time unless the time is given.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict, str } from "../node.ts";
 * import { clockReader } from "./config_hash.ts";
 * assert.equal(clockReader(dict([["a", str("x")], ["d", dict([["p", str("ckpt/${now:%H}")]])]])), "d.p");
 * assert.equal(clockReader(dict([["a", str("now")]])), undefined);
 * ```
 */
export function clockReader(config: DictNode): string | undefined {
  const walk = (n: Node, at: string): string | undefined => {
    if (n.kind === "value") {
      return n.type === "str" && /\$\{\s*now\s*:/.test(n.value as string) ? at : undefined;
    }
    if (n.kind === "list") {
      for (let i = 0; i < n.items.length; i++) {
        const found = walk(n.items[i], joinFullKey(at, `[${i}]`));
        if (found !== undefined) return found;
      }
      return undefined;
    }
    for (const e of n.entries.values()) {
      const found = walk(e.node, joinFullKey(at, String(e.key)));
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return walk(config, "");
}

/**
 * The hash of a composition's resolved job config (the `hydra` node excluded):
 * what `strata hash` prints for the same options, the config `strata run`
 * gives its job. As there, `hydra.job.name`
 * (which `${hydra:job.name}` reads) defaults to the config name. Unlike the
 * CLI, which keeps a value that cannot resolve as written with a warning, a
 * resolution error is thrown.
 *
 * @throws {StrataError} composition and resolution errors.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { composedConfigHash } from "./config_hash.ts";
 * const h = composedConfigHash({ configDir: "examples/llm-finetune/conf", configName: "config" });
 * assert.match(h, /^[0-9a-f]{64}$/);
 * ```
 */
export function composedConfigHash(options: ComposeOptions): string {
  // composed as `strata run` composes its job (hydra.mode=RUN appended unless
  // the config sets a mode, hydra.runtime.output_dir its run dir, job 0 of a
  // sweep under MULTIRUN): the hash is its STRATA_CONFIG_HASH even where the
  // config reads `${hydra:mode}`
  const run: RunOptions = {
    configDir: options.configDir,
    configName: options.configName,
    configNameAt: options.configNameAt,
    overrides: options.overrides,
    searchPath: options.searchPath,
    versionBase: options.versionBase,
    jobName: options.jobName ?? configJobName(options.configName),
    onUnresolved: (u) => {
      throw u.error;
    },
  };
  return planAsRun(run).configHash;
}

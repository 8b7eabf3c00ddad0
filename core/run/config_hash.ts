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
import { canonicalKey, joinFullKey, type Node, type NodeOrigin, originOf } from "../node.ts";
import { defaultWarningSink, setDefaultWarningSink } from "../resolve/warning_sink.ts";
import { resolve } from "../path.ts";

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
): JobPlan & { warnings: string[] } {
  const mode = configuredMode(options);
  if (mode !== "MULTIRUN") {
    const plan = planRun({ ...options, appendMode: mode === null });
    const warnings = warningLines(plan.composition.warningsAt);
    return { ...plan, warnings };
  }
  const plan = planMultirun({ ...options, appendMode: false });
  if (plan.count !== 1) {
    throw new StrataError(
      ErrorCode.Usage,
      `hydra.mode is MULTIRUN and its sweep (the overrides, hydra.sweeper.params) has ` +
        `${plan.count} jobs: one config is one job's, so give each swept key one value`,
      // where the mode was set (a preset's `hydra: {mode: MULTIRUN}`; checker x25)
      { fullKey: "hydra.mode", origin: originOf(modeOrigin(plan.master.hydra)) },
    );
  }
  const job = plan.job(0);
  return { ...job, warnings: [...plan.warnings, ...plan.jobWarnings] };
}

/**
 * The first key of the job config {@link planAsRun} resolved (`resolved`,
 * from `options.onResolved`) whose value changes with the time `${now:...}`
 * formats: a `${now:}` of its own, or one it reads (`${hydra:runtime.output_dir}`
 * where `hydra.run.dir` holds the time, as lightning-hydra-template's
 * `paths.output_dir` does). Found by planning the job again at another time,
 * every field of it different, and comparing; undefined when nothing differs.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import type { Node } from "../node.ts";
 * import { clockReadingKey, planAsRun } from "./config_hash.ts";
 * const conf = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(`${conf}/config.yaml`, "a: 1\nout: ${hydra:runtime.output_dir}\n");
 * let resolved: Node | undefined;
 * const options = { configDir: conf, configName: "config", jobName: "app", cwd: "/w",
 *   now: new Date(2026, 0, 2, 3, 4, 5), onResolved: (c: Node) => resolved = c };
 * planAsRun(options);
 * assert.equal(clockReadingKey(options, resolved!), "out");
 * Deno.removeSync(conf, { recursive: true });
 * ```
 */
export function clockReadingKey(
  options: RunOptions,
  resolved: Node,
  composedYaml?: string,
): string | undefined {
  // nothing in the job config that can reach the clock: no second plan (a whole composition)
  if (composedYaml !== undefined && !mayReadClock(composedYaml)) return undefined;
  const t = options.now ?? new Date();
  const later = new Date(
    t.getFullYear() + 1,
    t.getMonth() + 1,
    t.getDate() + 1,
    t.getHours() + 1,
    t.getMinutes() + 1,
    t.getSeconds() + 1,
    t.getMilliseconds() + 1,
  );
  return differenceAt(options, resolved, later);
}

/**
 * The first key whose value differs when the job is planned again at the
 * same time `options.now` as `resolved` was: a resolver of the project's that
 * gives another value on each call, not the clock (checker v61 #1: a config
 * reading `${hydra:...}` elsewhere was said to read the clock).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import type { Node } from "../node.ts";
 * import { planAsRun, sameTimeDifference } from "./config_hash.ts";
 * const conf = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(`${conf}/config.yaml`, "a: ${count:}\nout: ${hydra:runtime.output_dir}\n");
 * let n = 0;
 * let resolved: Node | undefined;
 * const options = { configDir: conf, configName: "config", jobName: "app", cwd: "/w",
 *   now: new Date(2026, 0, 2, 3, 4, 5), resolvers: { count: () => ++n },
 *   onResolved: (c: Node) => resolved = c };
 * planAsRun(options);
 * assert.equal(sameTimeDifference(options, resolved!), "a");
 * Deno.removeSync(conf, { recursive: true });
 * ```
 */
export function sameTimeDifference(options: RunOptions, resolved: Node): string | undefined {
  return differenceAt(options, resolved, options.now ?? new Date());
}

/** The first key that differs from `resolved` when the job is planned again at `when`. */
function differenceAt(options: RunOptions, resolved: Node, when: Date): string | undefined {
  let other: Node | undefined;
  // what resolving warns of (oc.deprecated, an unset oc.env) was said by the first plan
  const sink = defaultWarningSink();
  setDefaultWarningSink(() => {});
  try {
    planAsRun({ ...options, now: when, onResolved: (c) => other = c, onUnresolved: () => {} });
  } finally {
    setDefaultWarningSink(sink);
  }
  return other === undefined ? undefined : firstDifference(resolved, other, "");
}

/**
 * The first key of the job config {@link planAsRun} resolved (`resolved`)
 * whose value holds the directory strata runs in (`options.cwd`): Hydra's
 * `${hydra:runtime.cwd}`, or `runtime.output_dir`, an absolute path (checker
 * x42: two CI checkouts hashed one config apart); undefined when none does.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import type { Node } from "../node.ts";
 * import { cwdReadingKey, planAsRun } from "./config_hash.ts";
 * const conf = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(`${conf}/config.yaml`, "a: 1\nwork: ${hydra:runtime.cwd}/data\n");
 * let resolved: Node | undefined;
 * const options = { configDir: conf, configName: "config", jobName: "app",
 *   now: new Date(2026, 0, 2), onResolved: (c: Node) => resolved = c };
 * planAsRun(options);
 * assert.equal(cwdReadingKey(options, resolved!), "work");
 * Deno.removeSync(conf, { recursive: true });
 * ```
 */
export function cwdReadingKey(options: RunOptions, resolved: Node): string | undefined {
  const cwd = resolve(options.cwd ?? Deno.cwd());
  // (the root, or a one-letter directory, is in too many paths to say anything)
  if (cwd.length < 3) return undefined;
  // the directory as a whole path, not a prefix of another (`/w/cnt` in `/w/cntdata/x`: checker x51)
  const holdsCwd = (s: string) => {
    for (let i = s.indexOf(cwd); i !== -1; i = s.indexOf(cwd, i + 1)) {
      const before = s[i - 1], after = s[i + cwd.length];
      if (
        (before === undefined || !/[\w.\-]/.test(before)) &&
        (after === undefined || after === "/" || !/[\w.\-]/.test(after))
      ) return true;
    }
    return false;
  };
  const find = (n: Node, at: string): string | undefined => {
    if (n.kind === "value") {
      return n.type === "str" && holdsCwd(n.value as string) ? at : undefined;
    }
    if (n.kind === "list") {
      for (let i = 0; i < n.items.length; i++) {
        const k = find(n.items[i], joinFullKey(at, `[${i}]`));
        if (k !== undefined) return k;
      }
      return undefined;
    }
    for (const e of n.entries.values()) {
      const k = find(e.node, joinFullKey(at, String(e.key)));
      if (k !== undefined) return k;
    }
    return undefined;
  };
  return find(resolved, "");
}

/** OmegaConf's resolvers, which read no clock. */
const CLOCKLESS = [
  "oc.env",
  "oc.select",
  "oc.decode",
  "oc.create",
  "oc.deprecated",
  "oc.dict.keys",
  "oc.dict.values",
];

/**
 * Whether a composed job config, as YAML (its `.hydra/config.yaml`), has an
 * interpolation that may read the time: `${now:...}`, `${hydra:...}` (a run
 * dir holds the time), or a resolver that is not OmegaConf's own (the app's
 * may read anything). A node reference leads to a value of the same config,
 * which is read too.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mayReadClock } from "./config_hash.ts";
 * assert.equal(mayReadClock("a: ${b}\nb: ${oc.env:HOME,x}\n"), false);
 * assert.equal(mayReadClock("out: ${hydra:runtime.output_dir}\n"), true);
 * assert.equal(mayReadClock("t: run_${now:%H}\n"), true);
 * assert.equal(mayReadClock("g: ${gpus:}\n"), true);
 * ```
 */
export function mayReadClock(configYaml: string): boolean {
  for (const m of configYaml.matchAll(/\$\{\s*([^}:\s]+)\s*:/g)) {
    if (!CLOCKLESS.includes(m[1])) return true;
  }
  return false;
}

/** The full key of the first leaf (or shape) where two resolved trees differ. */
function firstDifference(a: Node, b: Node, at: string): string | undefined {
  if (a.kind !== b.kind) return at;
  if (a.kind === "value") {
    // Object.is: `.nan` is the same value twice (NaN !== NaN)
    return b.kind === "value" && a.type === b.type && Object.is(a.value, b.value) ? undefined : at;
  }
  if (a.kind === "list" && b.kind === "list") {
    if (a.items.length !== b.items.length) return at;
    for (let i = 0; i < a.items.length; i++) {
      const d = firstDifference(a.items[i], b.items[i], joinFullKey(at, `[${i}]`));
      if (d !== undefined) return d;
    }
    return undefined;
  }
  if (a.kind !== "dict" || b.kind !== "dict" || a.entries.size !== b.entries.size) return at;
  for (const [k, e] of a.entries) {
    const other = b.entries.get(k);
    if (other === undefined) return at;
    const d = firstDifference(e.node, other.node, joinFullKey(at, String(e.key)));
    if (d !== undefined) return d;
  }
  return undefined;
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

/** Where the composed hydra node's `mode` was set, if a file or override did. */
function modeOrigin(hydra: Node): NodeOrigin | undefined {
  return hydra.kind === "dict" ? hydra.entries.get(canonicalKey("mode"))?.node.origin : undefined;
}

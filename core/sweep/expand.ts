/**
 * Multirun expansion, as Hydra's BasicSweeper does it: the master config is
 * composed without the sweeps, `hydra.sweeper.params` is put before the
 * command line (which wins), every key's values are expanded, and the jobs are
 * their Cartesian product — streamed, never materialised.
 *
 * @module
 */

import { configRunDir } from "../run/overrides_note.ts";
import { isHydraOverride } from "../compose/hydra_node.ts";
import { ErrorCode, formatWarning, isStrataError, StrataError } from "../errors.ts";
import { warningLines } from "../compose/legacy_header.ts";
import { parseOverride } from "../override/parse.ts";
import type { Override } from "../override/types.ts";
import { canonicalKey, type Node, type Origin } from "../node.ts";
import { type GroupOptions, overrideOrigin, sweepEntries } from "./entries.ts";
import { inMasterConfig, inSweepJob, isSweep, userWarning } from "./error_context.ts";
import { SweepExpansion } from "./expansion.ts";
import { linkAxes } from "./link.ts";
import {
  composeWhole,
  dirnameSettings,
  groupOptionsIn,
  jobComposer,
  jobWarningsOnce,
  resolveInMaster,
  resolveSweepDir,
  sweeperSettings,
} from "./master.ts";
import { SweepPlan } from "./plan.ts";
import type { DirnameConfig, ProjectSweepOptions } from "./types.ts";

// the class expandSweep returns, imported from here by the manifests, engine.ts and the tests
export { SweepExpansion } from "./expansion.ts";

/** Input of {@link planSweep}: a sweep without a config tree. */
export interface PlanOptions {
  /** Task overrides (no `hydra.*`), as typed. */
  overrides: string[];
  /** `hydra.sweeper.params` as `key=value` strings; they go first and the command line wins. */
  params?: string[];
  /** A group's options, for `glob(...)` (default: none). */
  groupOptions?: GroupOptions;
  /** A group's sub-directories, named when a glob matches no option (default: none). */
  groupDirs?: GroupOptions;
  /** Linked sweeps (see {@link ProjectSweepOptions.link}). */
  link?: string[][];
  /** How override_dirname is written. */
  dirname?: DirnameConfig;
}

/**
 * The job space of a sweep from override strings alone (no composition, no
 * validation): what {@link expandSweep} builds after reading the config.
 *
 * @throws {StrataError} `override-parse`, `sweep` (intervals, bad links).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { planSweep } from "../../engine.ts";
 * const plan = planSweep({ overrides: ["a=1,2", "+b=x,y,z"] });
 * assert.equal(plan.count, 6);
 * assert.deepEqual(plan.overridesAt(5), ["a=2", "+b=z"]);
 * ```
 */
export function planSweep(options: PlanOptions): SweepPlan {
  const params = (options.params ?? []).map((t) => parseOverride(t));
  const task = options.overrides.map((t, i) => parseOverride(t, i));
  return planOf(params, task, options);
}

function planOf(
  params: Override[],
  task: Override[],
  options: Omit<PlanOptions, "overrides">,
  originOf?: (o: Override) => Origin | undefined,
) {
  const entries = sweepEntries(
    [...params, ...task],
    options.groupOptions ?? (() => []),
    originOf,
    options.groupDirs,
  );
  const axes = options.link?.length ? linkAxes(entries, options.link) : undefined;
  return new SweepPlan(entries, axes, options.dirname);
}

/**
 * Expands a multirun into its jobs, like `python app.py -m ...` with Hydra's
 * BasicSweeper (plus linked sweeps, see `link`).
 *
 * @throws {StrataError} `override-parse` for bad overrides, `composition` /
 *   `missing-config` when the master config does not compose (hydra#283:
 *   `db=a,b db.user=x` is checked against the default `db`), `sweep` for
 *   interval sweeps and bad links. When validating, a job that does not
 *   compose throws when it is reached.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { expandSweep } from "../../engine.ts";
 * const sweep = expandSweep({ configDir: "examples/llm-finetune/conf", configName: "config", overrides: ["optimizer=glob(*)", "+x=1,2"] });
 * assert.equal(sweep.count, 4);
 * assert.deepEqual([...sweep].map((job) => job.overrides.join(" ")), [
 *   "optimizer=adamw +x=1",
 *   "optimizer=adamw +x=2",
 *   "optimizer=sgd +x=1",
 *   "optimizer=sgd +x=2",
 * ]);
 * ```
 */
export function expandSweep(options: ProjectSweepOptions): SweepExpansion {
  const texts = options.overrides ?? [];
  const parsed = texts.map((t, i) => parseOverride(t, i));
  for (const o of parsed) {
    if (isSweep(o) && isHydraOverride(o)) {
      throw new StrataError(
        ErrorCode.Composition,
        `Sweeping over Hydra's configuration is not supported : '${o.text}'`,
        { origin: overrideOrigin(o) },
      );
    }
  }
  const base = {
    configDir: options.configDir,
    configName: options.configName,
    configNameAt: options.configNameAt,
    searchPath: options.searchPath,
    versionBase: options.versionBase,
    resolvers: options.resolvers,
    opaqueResolvers: options.opaqueResolvers,
  };
  // The master config skips sweep overrides; the rest are checked against it
  // (hydra#283).
  let master;
  try {
    master = composeWhole({ ...base, overrides: texts }, true);
  } catch (e) {
    throw inMasterConfig(e, parsed);
  }
  // BasicSweeper creates hydra.sweep.dir before it expands: a sweep dir that
  // does not resolve fails the multirun, jobs or not.
  resolveSweepDir(master, undefined, options.resolvers);
  const settings = sweeperSettings(master.hydra, (path) => {
    try {
      return resolveInMaster(master, path, undefined, options.resolvers);
    } catch (e) {
      // A resolver the Python app registers: the jobs get the param as written.
      if (isStrataError(e) && e.code === ErrorCode.UnsupportedInterpolation) return undefined;
      throw e;
    }
  });
  // A params entry's errors point at its YAML position and key.
  const paramAt = new Map<Override, Origin>();
  const paramKeys = new Map<Origin, string>();
  const params = settings.params.map(({ text, origin }) => {
    try {
      const o = parseOverride(text);
      if (origin) {
        paramAt.set(o, origin);
        paramKeys.set(origin, o.key);
      }
      return o;
    } catch (e) {
      if (e instanceof StrataError && origin && !e.origin) {
        throw new StrataError(e.code, e.message, { ...e, origin, fullKey: e.fullKey });
      }
      throw e;
    }
  });
  const hydraOverrides = parsed.filter(isHydraOverride);
  const hydraTexts = hydraOverrides.map((o) => o.text);
  const hydraAt = hydraOverrides.map((o) => o.index);
  const task = parsed.filter((o) => !isHydraOverride(o));
  let plan: SweepPlan;
  try {
    const groups = groupOptionsIn(
      options.configDir,
      options.configName,
      parsed,
      options.searchPath ?? [],
    );
    plan = planOf(params, task, {
      groupOptions: (group) => groups(group),
      groupDirs: (group) => groups(group, "group"),
      link: options.link,
      dirname: settings.dirname,
    }, (o) => paramAt.get(o) ?? overrideOrigin(o));
  } catch (e) {
    const key = e instanceof StrataError && e.origin ? paramKeys.get(e.origin) : undefined;
    if (!(e instanceof StrataError) || key === undefined) throw e;
    const sweeper = settings.target;
    // another sweeper's params (Optuna's interval()): valid for Hydra, beyond what strata expands
    // (BasicSweeper's way): unsupported use, not an invalid config (checker x25)
    const plugin = sweeper !== undefined && !sweeper.name.endsWith(".BasicSweeper");
    const code = plugin && /INTERVAL_SWEEP/.test(e.message) ? ErrorCode.Usage : e.code;
    throw new StrataError(code, e.message, {
      ...e,
      fullKey: e.fullKey ?? `hydra.sweeper.params.${key}`,
      related: sweeper === undefined || sweeper.name.endsWith(".BasicSweeper")
        ? e.related
        : [...e.related, {
          message: `hydra.sweeper._target_ is ${sweeper.name}: strata expands sweeps as ` +
            "Hydra's BasicSweeper does, and runs no sweeper plugin",
          origin: sweeper.origin ?? {},
        }],
    });
  }
  // Jobs share the config tree: one batch composer reads it once and merges
  // each set of group choices once.
  const batch = options.validate === false ? null : jobComposer(base);
  // a job's warnings (a header of an option only it chooses), each once over the sweep
  const sayJob = jobWarningsOnce(
    master,
    (w) => options.onJobWarning ? options.onJobWarning(w) : expansion.warnings.push(w),
    (w) => userWarning(w, plan, hydraAt),
  );
  const validate = batch === null ? null : (job: string[], index: number) => {
    try {
      const c = batch.compose([...hydraTexts, ...job]);
      sayJob(c);
      return dirnameSettings(
        c.hydra,
        (path) => resolveInMaster(c, path, undefined, options.resolvers),
      );
    } catch (e) {
      throw inSweepJob(e, plan, index, job, hydraAt);
    }
  };
  const expansion = new SweepExpansion(plan, settings.maxBatchSize, validate, batch?.stats);
  expansion.configMode = master.configMode;
  expansion.configRunDir = configRunDir(master.hydra);
  // what Hydra warns of while composing (a primary without `_self_`), once: not per job
  expansion.warnings.push(...warningLines(master.warningsAt));
  const sweeper = settings.target;
  if (sweeper !== undefined && !sweeper.name.endsWith(".BasicSweeper")) {
    // an Optuna or Ax config whose params all read as sweeps would otherwise
    // run as a grid without a word
    // the plugin's own settings as the config writes them (Ax's `max_trials`, not Optuna's
    // `n_trials`), and a search space of its own (Ax's `ax_config.params`, hydra-optuna-sweeper
    // 1.1's `search_space`) that no job sweeps: said so (checker v68)
    const node = keyed(master.hydra, "sweeper");
    const own = node?.kind === "dict"
      ? [...node.entries.values()].map((e) => String(e.key))
        .filter((k) => !["_target_", "params", "max_batch_size"].includes(k))
      : [];
    const spaces = [["ax_config", "params"], ["search_space"]].filter((path) => {
      const at = path.reduce<Node | undefined>((n, k) => keyed(n, k), node);
      return at?.kind === "dict" && at.entries.size > 0;
    }).map((path) => `hydra.sweeper.${path.join(".")}`);
    expansion.warnings.push(formatWarning(
      `hydra.sweeper._target_ is ${sweeper.name}: strata expands the sweep as ` +
        "Hydra's BasicSweeper does (every combination of hydra.sweeper.params' values) and runs " +
        "no sweeper plugin, so the plugin's own settings" +
        (own.length > 0 ? ` (${own.join(", ")})` : "") + " are not used" +
        (spaces.length > 0
          ? `; its search space ${spaces.join(", ")} is not swept: write it in ` +
            "hydra.sweeper.params as choices (a: 1,2) to sweep it"
          : ""),
      sweeper.origin?.file ? sweeper.origin : undefined,
    ));
  }
  return expansion;
}

/** A dict's child at a string key. */
function keyed(node: Node | undefined, key: string): Node | undefined {
  return node?.kind === "dict" ? node.entries.get(canonicalKey(key))?.node : undefined;
}

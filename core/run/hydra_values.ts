/**
 * The `hydra` values a run reads when its job starts, as Hydra reads them
 * from the resolved config: `hydra.run.dir` and friends (strings),
 * `hydra.job.env_set`, `hydra.job.chdir`. Each error names its key and origin.
 * The job's log file is ./job_log_file.ts's.
 *
 * @module
 */

import type { Composition } from "../compose/compose.ts";
import type { ResultDefault } from "../compose/defaults_tree_node.ts";
import { hydraResolvers } from "../compose/resolvers.ts";
import { hydraBool } from "../hydra/typed.ts";
import { legacyBase } from "../compose/version_base.ts";
import { ErrorCode, formatWarning, StrataError } from "../errors.ts";
import {
  canonicalKey,
  dict,
  type DictNode,
  isInterpolation,
  type Key,
  type Node,
  type Origin,
  originOf,
  str,
} from "../node.ts";
import { readEnv } from "../env.ts";
import { resolveAt, type ResolverFn } from "../resolve/mod.ts";
import { pyStrOfLeaf } from "../pyformat.ts";

/** What these read of a composition: the job's config and the hydra node. */
export type Hydrated = Pick<Composition, "config" | "hydra">;

/**
 * The child `key` of a dict node; undefined for a key it lacks or a node that is no dict.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict, int } from "../node.ts";
 * import { child } from "./hydra_values.ts";
 * const one = int(1);
 * assert.equal(child(dict([["a", one]]), "a"), one);
 * assert.equal(child(one, "a"), undefined);
 * ```
 */
export function child(node: Node | undefined, key: string): Node | undefined {
  return node?.kind === "dict" ? node.entries.get(canonicalKey(key))?.node : undefined;
}

/**
 * The whole config with `hydra` first, as Hydra holds it (and saves it to multirun.yaml).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict, int } from "../node.ts";
 * import { withHydraFirst } from "./hydra_values.ts";
 * const c = { config: dict([["lr", int(1)]]), hydra: dict() };
 * assert.deepEqual([...withHydraFirst(c).entries.values()].map((e) => e.key), ["hydra", "lr"]);
 * ```
 */
export function withHydraFirst(c: Hydrated): DictNode {
  const entries: [Key, Node][] = [["hydra", c.hydra]];
  for (const e of c.config.entries.values()) entries.push([e.key, e.node]);
  return dict(entries);
}

/**
 * Where `hydra.<path>` was set: an override, a config file's line, Hydra's
 * own default (`pkg://hydra.conf/...`); undefined when it is not there.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict, str } from "../node.ts";
 * import { hydraOrigin } from "./hydra_values.ts";
 * const at = { override: 0, text: "hydra.run.dir=out" };
 * const hydra = dict([["run", dict([["dir", str("out", at)]])]]);
 * assert.deepEqual(hydraOrigin({ config: dict(), hydra }, "run.dir"), at);
 * ```
 */
export function hydraOrigin(c: Hydrated, path: string): Origin | undefined {
  let node: Node | undefined = c.hydra;
  for (const k of path.split(".")) node = child(node, k);
  return originOf(node?.origin);
}

/**
 * Resolves `hydra.<path>` against the whole config (task keys included), as
 * Hydra's `OmegaConf.select(cfg, "hydra.run.dir")` does; an error names the
 * key and, when the resolver's error has none, the node's origin.
 */
function hydraNode(
  c: Hydrated,
  path: string,
  now: Date,
  extra?: Record<string, ResolverFn>,
): Node {
  const key = `hydra.${path}`;
  try {
    return resolveAt(withHydraFirst(c), ["hydra", ...path.split(".")], {
      resolvers: hydraResolvers(c.hydra, now, c.config, false, extra),
    });
  } catch (e) {
    if (!(e instanceof StrataError)) throw e;
    let node: Node | undefined = c.hydra;
    for (const k of path.split(".")) node = child(node, k);
    throw new StrataError(e.code, `cannot resolve ${key}: ${e.message}`, {
      ...e,
      fullKey: e.fullKey ?? key,
      origin: e.origin ?? node?.origin,
    });
  }
}

/**
 * {@link hydraNode} of a `str` field of Hydra's schema: a number or bool is Python's `str()` of it.
 *
 * @throws {StrataError} a value that does not resolve, or is not a scalar, with its key and origin.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict, int, str } from "../node.ts";
 * import { hydraString } from "./hydra_values.ts";
 * const hydra = dict([["run", dict([["dir", str("out/${lr}")]])]]);
 * const c = { config: dict([["lr", int(1)]]), hydra };
 * assert.equal(hydraString(c, "run.dir", new Date()), "out/1");
 * ```
 */
export function hydraString(
  c: Hydrated,
  path: string,
  now: Date,
  extra?: Record<string, ResolverFn>,
): string {
  const got = hydraNode(c, path, now, extra);
  if (got.kind !== "value" || got.type === "null" || got.type === "missing") {
    const key = `hydra.${path}`;
    const what = got.kind === "value" ? got.type : got.kind;
    let node: Node | undefined = c.hydra;
    for (const k of path.split(".")) node = child(node, k);
    // `${hydra:job.num}` in a single run: the job's number only a multirun gives (checker x49)
    const written = node?.kind === "value" && typeof node.value === "string" ? node.value : "";
    const multirunOnly = /\$\{\s*hydra\s*[:.]\s*job\.(num|id)\b/.exec(written)?.[1];
    const why = what === "null" && multirunOnly !== undefined
      ? ` (it reads hydra.job.${multirunOnly}, which only a multirun's jobs have: None in a ` +
        "single run, as in Hydra)"
      : "";
    throw new StrataError(
      ErrorCode.Validation,
      `cannot resolve ${key}: ${key} must be a string, got ${what}${why}`,
      { fullKey: key, origin: got.origin ?? node?.origin },
    );
  }
  return got.type === "str" ? String(got.value) : pyStrOfLeaf(got);
}

/**
 * `hydra.job.env_set` as Hydra applies it when the job starts
 * (`os.environ.update(hydra.job.env_set)`): resolved in the hydra node alone,
 * as Hydra resolves it in `HydraConfig`'s copy, which holds no key of the
 * job's config (`${model.name}` there fails the app before its main runs).
 * Written as a mapping,
 * each value is a StringNode of Hydra's `Dict[str, str]`, so a number
 * becomes its `str()`; written as one interpolation (`env_set: ${envs}`),
 * OmegaConf returns the target mapping unconverted, and Python's environ
 * refuses anything but a string there.
 *
 * @throws {StrataError} a value that does not resolve or is not a string; a
 *   target that is not a mapping.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict, str } from "../node.ts";
 * import { jobEnv } from "./hydra_values.ts";
 * const envs = dict([["A", str("x")]]);
 * const hydra = dict([["envs", envs], ["job", dict([["env_set", str("${hydra:envs}")]])]]);
 * assert.deepEqual(jobEnv({ config: dict(), hydra }, new Date()), { A: "x" });
 * const job = { config: dict([["name", str("n")]]), hydra: dict([["job", dict([["env_set", dict([["N", str("${name}")]])]])]]) };
 * assert.throws(() => jobEnv(job, new Date()), /Interpolation key 'name' not found/);
 * ```
 */
export function jobEnv(
  c: Hydrated,
  now: Date,
  extra?: Record<string, ResolverFn>,
): Record<string, string> {
  const env: Record<string, string> = {};
  const envSet = child(child(c.hydra, "job"), "env_set");
  if (envSet === undefined) return env;
  const alone = { config: dict(), hydra: c.hydra };
  const seen = <T>(read: () => T): T => {
    try {
      return read();
    } catch (e) {
      throw withEnvSetScope(e, c.config);
    }
  };
  if (envSet.kind === "dict") {
    for (const e of envSet.entries.values()) {
      const path = `job.env_set.${String(e.key)}`;
      env[String(e.key)] = seen(() => hydraString(alone, path, now, extra));
    }
    return env;
  }
  const got = seen(() => hydraNode(alone, "job.env_set", now, extra));
  if (got.kind !== "dict") {
    const what = got.kind === "value" ? got.type : got.kind;
    throw new StrataError(
      ErrorCode.Validation,
      `hydra.job.env_set must be a mapping, got ${what}`,
      { fullKey: "hydra.job.env_set", origin: envSet.origin },
    );
  }
  for (const e of got.entries.values()) {
    const v = e.node;
    if (v.kind !== "value" || v.type !== "str") {
      const what = v.kind === "value" ? v.type : v.kind;
      throw new StrataError(
        ErrorCode.Validation,
        `hydra.job.env_set.${String(e.key)} must be a string, got ${what}`,
        { fullKey: `hydra.job.env_set.${String(e.key)}`, origin: v.origin ?? envSet.origin },
      );
    }
    env[String(e.key)] = String(v.value);
  }
  return env;
}

/**
 * `hydra.job.env_copy` as Hydra applies it when it composes the job's config
 * (`cfg.hydra.job.env_set[key] = os.environ[key]` for each name): a name that
 * is not set raises Python's KeyError there, so the job never runs. A name
 * the env policy denies (`--no-env`, `--env-allow`) is left out instead, as
 * composing leaves it out of `env_set`. The names are read as composing
 * reads them (`hydra.yaml` records the list as composed).
 *
 * @throws {StrataError} `key`: the first name that is not set, at its item's
 *   origin (the file's line and column, or the override).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict, list, str } from "../node.ts";
 * import { checkEnvCopy } from "./hydra_values.ts";
 * const copy = (names: string[]) => ({
 *   config: dict(),
 *   hydra: dict([["job", dict([["env_copy", list(names.map((n) => str(n)))]])]]),
 * });
 * checkEnvCopy(copy(["PATH"]));
 * assert.throws(() => checkEnvCopy(copy(["PATH", "STRATA_SURELY_UNSET_1"])), /STRATA_SURELY_UNSET_1/);
 * ```
 */
export function checkEnvCopy(c: Hydrated): void {
  const job = child(c.hydra, "job");
  const names = child(job, "env_copy");
  if (names?.kind !== "list") return;
  names.items.forEach((n, i) => {
    if (n.kind !== "value") {
      throw new StrataError(
        ErrorCode.Validation,
        `hydra.job.env_copy[${i}] is a ${n.kind}, not the name of an environment variable: ` +
          `Hydra's os.environ[...] raises TypeError (str expected, not ${
            n.kind === "list" ? "ListConfig" : "DictConfig"
          }) and the job does not run`,
        { fullKey: `hydra.job.env_copy[${i}]`, origin: n.origin ?? names.origin },
      );
    }
    const name = String(n.value);
    if (!("missing" in readEnv(name))) return;
    throw new StrataError(
      ErrorCode.Key,
      `environment variable '${name}' named in hydra.job.env_copy is not set: Hydra copies it ` +
        `into hydra.job.env_set with os.environ['${name}'], which raises KeyError, and the job ` +
        `does not run (set it, or remove it from env_copy)`,
      { fullKey: `hydra.job.env_copy[${i}]`, origin: n.origin ?? names.origin },
    );
  });
}

/**
 * `hydra.job.chdir` as Hydra reads it when the job starts: resolved, then a BooleanNode's.
 *
 * @throws {StrataError} a value OmegaConf's BooleanNode refuses (`maybe`).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict, nil, str } from "../node.ts";
 * import { jobChdir } from "./hydra_values.ts";
 * const hydra = dict([["job", dict([["chdir", str("yes")]])]]);
 * assert.equal(jobChdir({ config: dict(), hydra }, new Date()), true);
 * // null: true for an app on version_base 1.1 (one passing none), false from 1.2 on
 * const runtime = (base: string) => dict([["version_base", str(base)]]);
 * const on = (base: string) => dict([["job", dict([["chdir", nil()]])], ["runtime", runtime(base)]]);
 * assert.equal(jobChdir({ config: dict(), hydra: on("1.1") }, new Date()), true);
 * assert.equal(jobChdir({ config: dict(), hydra: on("1.3") }, new Date()), false);
 * ```
 */
export function jobChdir(c: Hydrated, now: Date, extra?: Record<string, ResolverFn>): boolean {
  const node = child(child(c.hydra, "job"), "chdir");
  if (node === undefined || (node.kind === "value" && node.type === "null")) {
    // Hydra's run_job: left null, a job changes directory below version_base 1.2
    const base = child(child(c.hydra, "runtime"), "version_base");
    return base?.kind === "value" && legacyBase(String(base.value));
  }
  const value = isInterpolation(node) ? str(hydraString(c, "job.chdir", now, extra)) : node;
  const got = hydraBool(value);
  if (got !== undefined) return got;
  const text = value.kind === "value" ? pyStrOfLeaf(value) : value.kind;
  const type = value.kind === "value" ? value.type : value.kind === "dict" ? "dict" : "list";
  throw new StrataError(
    ErrorCode.Validation,
    `Value '${text}' is not a valid bool (type ${type})`,
    {
      fullKey: "hydra.job.chdir",
      origin: node.origin,
    },
  );
}

/**
 * What `strata run -m` says when the config chose a launcher plugin
 * (`hydra/launcher: submitit_slurm`, a `hydra.launcher._target_` other than
 * Hydra's BasicLauncher, or an option without one): strata launches the jobs
 * itself, locally, so the plugin's settings (partition, GPUs, ...) would be
 * dropped without a word. Undefined for Hydra's `basic` launcher.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml } from "../../engine.ts";
 * import { dict, type DictNode } from "../node.ts";
 * import { localLauncherWarning } from "./hydra_values.ts";
 * const of = (hydra: string) => ({ config: dict(), hydra: loadYaml(hydra) as DictNode });
 * const slurm = "launcher: {_target_: hydra_plugins.hydra_submitit_launcher.submitit_launcher.SlurmLauncher}";
 * assert.match(localLauncherWarning(of(slurm))!, /runs the jobs here, locally/);
 * const basic = "launcher: {_target_: hydra._internal.core_plugins.basic_launcher.BasicLauncher}";
 * assert.equal(localLauncherWarning(of(basic)), undefined);
 * ```
 */
export function localLauncherWarning(
  c: Hydrated & { defaults?: readonly ResultDefault[] },
): string | undefined {
  const target = child(child(c.hydra, "launcher"), "_target_");
  const choice = child(child(child(c.hydra, "runtime"), "choices"), "hydra/launcher");
  let what: string;
  let origin: Origin | undefined;
  // the choices node is built, not read: the place that chose the option is the defaults entry
  // (or the override of it, a file's or the command line's), which the warning names first
  const option = choice?.kind === "value" && choice.type === "str" && choice.value !== "basic"
    ? String(choice.value)
    : undefined;
  const chosen = option === undefined
    ? undefined
    : c.defaults?.find((d) => d.configPath === `hydra/launcher/${option}`);
  const chosenAt = chosen?.overriddenBy ?? chosen?.origin;
  if (target?.kind === "value" && target.type === "str") {
    if (String(target.value).endsWith(".BasicLauncher")) return undefined;
    what = `hydra.launcher._target_ is ${String(target.value)}`;
    origin = chosenAt ?? originOf(target.origin);
  } else if (option !== undefined) {
    what = `hydra/launcher is ${option}`;
    origin = chosenAt ?? originOf(choice!.origin);
  } else return undefined;
  const located = origin?.file !== undefined || origin?.override !== undefined;
  return formatWarning(
    `${what}: strata runs the jobs here, locally (-j at a time), as ` +
      "Hydra's BasicLauncher does, and runs no launcher plugin, so the plugin's own settings " +
      "(partition, gpus_per_node, timeout_min, ...) are not used; for a cluster, write the " +
      "scheduler's manifest instead: strata sweep ... -f slurm (or k8s, github) -- CMD, which " +
      "takes submitit's SlurmLauncher settings (timeout_min, partition, gpus_per_node, ...)",
    located ? origin : undefined,
  );
}

/**
 * What `strata run` says when the config sets `hydra.callbacks`: Hydra calls
 * them around the run and each job (`on_run_start`, `on_job_end`, ...; W&B or
 * MLflow set-up, a git snapshot, marking finished jobs), strata calls none, so
 * they would be dropped without a word. A Hydra app given `{overrides}` runs
 * its job-level hooks itself; the multirun-level ones run nowhere. Undefined
 * when there are none.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml } from "../../engine.ts";
 * import { dict, type DictNode } from "../node.ts";
 * import { callbacksWarning } from "./hydra_values.ts";
 * const of = (hydra: string) => ({ config: dict(), hydra: loadYaml(hydra) as DictNode });
 * const log = "callbacks:\n  log_job_return:\n    _target_: hydra.experimental.callbacks.LogJobReturnCallback\n";
 * assert.match(callbacksWarning(of(log))!, /log_job_return \(hydra\.experimental\.callbacks\.LogJobReturnCallback\)/);
 * assert.equal(callbacksWarning(of("callbacks: {}\n")), undefined);
 * ```
 */
export function callbacksWarning(c: Hydrated): string | undefined {
  const callbacks = child(c.hydra, "callbacks");
  if (callbacks?.kind !== "dict" || callbacks.entries.size === 0) return undefined;
  const named = [...callbacks.entries.values()].map((e) => {
    const target = child(e.node, "_target_");
    return target?.kind === "value" && target.type === "str"
      ? `${String(e.key)} (${String(target.value)})`
      : String(e.key);
  });
  const first = [...callbacks.entries.values()][0].node;
  const at = originOf(first.origin) ?? originOf(child(first, "_target_")?.origin);
  const located = at?.file !== undefined || at?.override !== undefined;
  return formatWarning(
    `hydra.callbacks ${named.join(", ")}: strata calls no Hydra callback around its jobs ` +
      "(on_run_start, on_job_start, on_job_end, on_multirun_*); a Hydra app given {overrides} " +
      "calls its job-level ones itself, the multirun-level ones run nowhere",
    located ? at : undefined,
  );
}

/**
 * An error of resolving `hydra.job.env_set` that reads a key of the job's config, with why it
 * fails: Hydra resolves env_set in the hydra node alone (`HydraConfig`'s copy); anything else as
 * it is.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ErrorCode, StrataError } from "../errors.ts";
 * import { dict, int } from "../node.ts";
 * import { withEnvSetScope } from "./hydra_values.ts";
 * const e = new StrataError(ErrorCode.InterpolationKey, "Interpolation key 'lr' not found");
 * const got = withEnvSetScope(e, dict([["lr", int(1)]])) as StrataError;
 * assert.match(got.related[0].message, /'lr' is a key of the job's config/);
 * ```
 */
export function withEnvSetScope(e: unknown, config: DictNode): unknown {
  if (!(e instanceof StrataError) || e.code !== ErrorCode.InterpolationKey) return e;
  const key = /Interpolation key '([^'.[]+)/.exec(e.message)?.[1];
  if (key === undefined || !config.entries.has(canonicalKey(key))) return e;
  return new StrataError(e.code, e.message, {
    ...e,
    related: [...e.related, {
      message: `'${key}' is a key of the job's config, which hydra.job.env_set does not see: ` +
        "Hydra resolves env_set in the hydra node alone (HydraConfig's copy), so the app fails " +
        "before its main runs: write the value in env_set itself",
      origin: {},
    }],
  });
}

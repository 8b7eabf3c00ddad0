/**
 * The multirun's master config and what the sweeper reads from it:
 * `hydra.sweeper.params`, `hydra.sweeper.max_batch_size` and
 * `hydra.job.config.override_dirname`. One place talks to the composer, so a
 * change of its interface is a change here only.
 *
 * @module
 */

import { BatchComposer } from "../compose/batch.ts";
import { compose, type Composition, type ProjectComposeOptions } from "../compose/compose.ts";
import { hydraResolvers } from "../compose/resolvers.ts";
import { afterComposing } from "../compose/legacy_header.ts";
import { dirnameOptions } from "../compose/hydra_node.ts";
import { resolveAt } from "../resolve/resolve.ts";
import { Repository } from "../compose/repository.ts";
import { buildSearchPath, mainSources } from "../compose/search_path.ts";
import type { Override } from "../override/types.ts";
import { ErrorCode, formatWarning, StrataError } from "../errors.ts";
import { canonicalKey, dict, type Node, type Origin, originOf } from "../node.ts";
import { pyStrOfLeaf } from "../pyformat.ts";
import { pyStr } from "../resolve/pystr.ts";
import type { ResolverFn } from "../resolve/mod.ts";
import type { DirnameConfig } from "./types.ts";
import { clockNow } from "../strftime.ts";

/** A composition warning. */
type Warning = Composition["warningsAt"][number];

/** What the sweeper takes from the master config. */
export interface SweeperSettings {
  /** `hydra.sweeper.params` as override strings (`db=glob(*)`), with where each came from. */
  params: { text: string; origin?: Origin }[];
  /** `hydra.sweeper.max_batch_size`; null means one batch. */
  maxBatchSize: number | null;
  /** `hydra.job.config.override_dirname`. */
  dirname: DirnameConfig;
  /** `hydra.sweeper._target_` (the sweeper's class) and where it was set, when set. */
  target?: { name: string; origin?: Origin };
}

/**
 * Composes a config the way a multirun does: `multirun` composes the master
 * config (sweeps skipped, mandatory group defaults may stay `???`), otherwise
 * one job's config.
 *
 * @example
 * ```ts ignore
 * import { composeWhole } from "./master.ts";
 * composeWhole({ configDir: "conf", configName: "config", overrides: ["db=a,b"] }, true).config;
 * ```
 */
export function composeWhole(options: ProjectComposeOptions, multirun: boolean): Composition {
  return compose({ ...options, multirun });
}

/**
 * The composer of a sweep's jobs: every job composed on one shared config
 * tree (see {@link BatchComposer}).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { jobComposer } from "./master.ts";
 * const jobs = jobComposer({ configDir: "examples/llm-finetune/conf", configName: "config" });
 * assert.equal(jobs.compose(["optimizer=sgd"]).choices.optimizer, "sgd");
 * ```
 */
export function jobComposer(base: Omit<ProjectComposeOptions, "overrides">): BatchComposer {
  return new BatchComposer(base);
}

/**
 * What a sweep says of its jobs' compositions: each warning of a job's
 * composition (a `# @package _globl_` header of an option only some jobs
 * choose) once over the whole sweep, given to `say`; those of the master
 * composition, which the sweep says first, not again. `toUser` points a job's
 * warning at what the user typed (./error_context.ts `userWarning`), where the
 * master's are: a job numbers its overrides in its own list.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { jobWarningsOnce } from "./master.ts";
 * const said: string[] = [];
 * const at = { file: "conf/db/my.yaml", line: 1, col: 12 };
 * const job = { warningsAt: [{ message: "'_here_' is a literal key", origin: at }] };
 * const sayJob = jobWarningsOnce({ warningsAt: [] }, (w) => said.push(w));
 * sayJob(job);
 * sayJob(job);
 * assert.deepEqual(said, ["conf/db/my.yaml:1:12: warning: '_here_' is a literal key"]);
 * ```
 */
export function jobWarningsOnce(
  master: Pick<Composition, "warningsAt">,
  say: (line: string) => void,
  toUser: (w: Warning) => Warning = (w) => w,
): (job: Pick<Composition, "warningsAt">) => void {
  const line = (w: Warning) => formatWarning(w.message, w.origin);
  const said = new Set(master.warningsAt.map(line));
  return (job) => {
    for (const w of job.warningsAt) {
      const text = line(toUser(w));
      if (said.has(text)) continue;
      said.add(text);
      say(text);
    }
  };
}

/**
 * `hydra.sweep.dir` resolved against the master config, as Hydra's
 * BasicSweeper reads it before it expands anything: an interpolation there
 * that fails (a key the non-sweep overrides removed, say) fails the whole
 * multirun before any job. Undefined when the hydra node has no sweep dir.
 *
 * @throws {StrataError} the resolution error, at `hydra.sweep.dir` and its origin.
 * @example
 * ```ts ignore
 * import { composeWhole, resolveSweepDir } from "./master.ts";
 * resolveSweepDir(composeWhole({ configDir: "conf", configName: "config" }, true)); // "multirun/..."
 * ```
 */
export function resolveSweepDir(
  master: Composition,
  now: Date = clockNow(),
  resolvers?: Record<string, ResolverFn>,
): string | undefined {
  const node = at(master.hydra, "sweep.dir");
  if (node === undefined) return undefined;
  let dir: Node;
  try {
    dir = resolveInMaster(master, ["hydra", "sweep", "dir"], now, resolvers);
  } catch (e) {
    if (!(e instanceof StrataError)) throw e;
    throw afterComposing(
      new StrataError(e.code, e.message, {
        ...e,
        related: [...e.related, {
          message: "a multirun resolves hydra.sweep.dir before it expands the sweep " +
            "(as Hydra's BasicSweeper does), against the config composed without the sweeps",
          origin: node.origin ?? {},
        }],
      }),
      master.warningsAt,
    );
  }
  return dir.kind === "value" ? leafString(dir, "") : undefined;
}

/**
 * The node at `path` (from the root, `hydra` included) of the master config,
 * resolved against it: what Hydra reads there once the config is composed,
 * with Hydra's resolvers and the project's (`resolvers`).
 *
 * @throws {StrataError} the resolution error, at the key and its origin.
 * @example
 * ```ts ignore
 * import { composeWhole, resolveInMaster } from "./master.ts";
 * resolveInMaster(composeWhole({ configDir: "conf", configName: "config" }, true), ["hydra", "sweep", "dir"]);
 * ```
 */
export function resolveInMaster(
  master: Composition,
  path: string[],
  now = clockNow(),
  resolvers?: Record<string, ResolverFn>,
): Node {
  const root = dict();
  for (const [k, e] of master.config.entries) root.entries.set(k, e);
  root.entries.set(canonicalKey("hydra"), { key: "hydra", node: master.hydra });
  return resolveAt(root, path, {
    resolvers: hydraResolvers(master.hydra, now, master.config, false, resolvers),
  });
}

/**
 * The options of a config group (sorted), as `glob(...)` sees them: over the
 * whole search path (Hydra's own groups, the config dir, `hydra.searchpath`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { groupOptionsIn } from "./master.ts";
 * assert.deepEqual(groupOptionsIn("examples/llm-finetune/conf", "config", [])("optimizer"), ["adamw", "sgd"]);
 * ```
 */
export function groupOptionsIn(
  configDir: string,
  configName: string | null,
  overrides: Override[],
  searchPath: string[] = [],
): (group: string, kind?: "config" | "group") => string[] {
  const repo = new Repository(mainSources(configDir, searchPath));
  buildSearchPath(repo, configName, overrides, searchPath);
  return (group, kind) => repo.groupOptions(group, kind);
}

function child(node: Node | undefined, key: string): Node | undefined {
  return node?.kind === "dict" ? node.entries.get(canonicalKey(key))?.node : undefined;
}

function at(root: Node, path: string): Node | undefined {
  let node: Node | undefined = root;
  for (const k of path.split(".")) node = child(node, k);
  return node;
}

function leafString(node: Node | undefined, fallback: string): string {
  return node?.kind === "value" && node.type !== "null" && node.type !== "missing"
    ? pyStrOfLeaf(node)
    : fallback;
}

/**
 * Reads the sweeper's settings from a composed `hydra` node (absent ones
 * take Hydra's defaults). With `resolve` (a path from the root to its
 * resolved node, or undefined to keep it as written), each param is read
 * resolved, as Hydra's sweeper gets it.
 *
 * @throws {StrataError} `validation` when `hydra.sweeper.params` holds a
 *   null, or max_batch_size is not a positive int.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml } from "../../engine.ts";
 * import { sweeperSettings } from "./master.ts";
 * const hydra = loadYaml("sweeper: {params: {db: 'glob(*)'}}");
 * assert.equal(sweeperSettings(hydra).params[0].text, "db=glob(*)");
 * ```
 */
export function sweeperSettings(
  hydra: Node,
  resolve?: (path: string[]) => Node | undefined,
): SweeperSettings {
  // Hydra instantiates the sweeper, which resolves its config: a param
  // `${seeds}` or `${oc.env:SEEDS}` sweeps over what it resolves to.
  const read = (path: string[]): Node | undefined => {
    let node: Node | undefined = hydra;
    for (const k of path) node = child(node, k);
    const resolved = resolve && node?.kind === "value" ? resolve(["hydra", ...path]) : undefined;
    return resolved ? { ...resolved, origin: node!.origin } : node;
  };
  const params: SweeperSettings["params"] = [];
  const paramsNode = at(hydra, "sweeper.params");
  if (paramsNode?.kind === "dict") {
    for (const entry of paramsNode.entries.values()) {
      const key = entry.key;
      const node = read(["sweeper", "params", String(key)])!;
      if (node.kind !== "value") {
        // BasicSweeper writes f"{k}={v}": a list or dict is Python's str() of it, one value
        // (`k=[0.9, 0.99]`: one job with that list), as the override grammar reads it back
        params.push({ text: `${String(key)}=${pyStr(node)}`, origin: originOf(node.origin) });
        continue;
      }
      if (node.type === "null") {
        // BasicSweeperConf.params is Optional[Dict[str, str]]: its values are not.
        throw new StrataError(
          ErrorCode.Validation,
          `field 'hydra.sweeper.params.${String(key)}' is not Optional`,
          { fullKey: `hydra.sweeper.params.${String(key)}`, origin: node.origin },
        );
      }
      params.push({ text: `${String(key)}=${pyStrOfLeaf(node)}`, origin: originOf(node.origin) });
    }
  }
  let maxBatchSize: number | null = null;
  const mbs = read(["sweeper", "max_batch_size"]);
  if (mbs?.kind === "value" && mbs.type !== "null") {
    const n = Number(mbs.value);
    // An int field: OmegaConf converts a resolved "2" (from oc.env, say) to 2.
    const int = mbs.type === "int" || (mbs.type === "str" && /^[-+]?\d+$/.test(String(mbs.value)));
    if (!int || !(n > 0 || n === -1)) {
      throw new StrataError(
        ErrorCode.Validation,
        `hydra.sweeper.max_batch_size must be a positive int, got ${leafString(mbs, "?")}`,
        { fullKey: "hydra.sweeper.max_batch_size", origin: mbs.origin },
      );
    }
    maxBatchSize = n === -1 ? null : n;
  }
  const settings: SweeperSettings = {
    params,
    maxBatchSize,
    dirname: dirnameSettings(hydra, resolve),
  };
  const target = at(hydra, "sweeper._target_");
  if (target?.kind === "value" && target.type === "str") {
    settings.target = { name: leafString(target, ""), origin: originOf(target.origin) };
  }
  return settings;
}

/**
 * `hydra.job.config.override_dirname` of a composed `hydra` node: how a
 * job's override_dirname is written (what each job of a sweep reads).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml } from "../../engine.ts";
 * import { dirnameSettings } from "./master.ts";
 * const hydra = loadYaml("job: {config: {override_dirname: {kv_sep: ':'}}}");
 * assert.equal(dirnameSettings(hydra).kvSep, ":");
 * ```
 */
export function dirnameSettings(
  hydra: Node,
  resolve?: (path: string[]) => Node | undefined,
): DirnameConfig {
  const od = at(hydra, "job.config.override_dirname");
  // an interpolation there (`kv_sep: ${sep}`) is read resolved, as Hydra reads it
  return dirnameOptions(od?.kind === "dict" ? od : undefined, resolve && ((p) => resolve(p)!));
}

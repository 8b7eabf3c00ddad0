/**
 * The multirun's master config and what the sweeper reads from it:
 * `hydra.sweeper.params`, `hydra.sweeper.max_batch_size` and
 * `hydra.job.config.override_dirname`. One place talks to the composer, so a
 * change of its interface is a change here only.
 *
 * @module
 */

import { compose, type ComposeOptions } from "../compose/compose.ts";
import { Repository } from "../compose/repository.ts";
import { DirSource } from "../compose/source.ts";
import { ErrorCode, StrataError } from "../errors.ts";
import type { DictNode, Node, Origin } from "../node.ts";
import { pyStrOfLeaf } from "../pyformat.ts";
import { DEFAULT_DIRNAME, type DirnameConfig } from "./types.ts";

/** What the sweeper takes from the master config. */
export interface SweeperSettings {
  /** `hydra.sweeper.params` as override strings (`db=glob(*)`), with where each came from. */
  params: { text: string; origin?: Origin }[];
  /** `hydra.sweeper.max_batch_size`; null means one batch. */
  maxBatchSize: number | null;
  /** `hydra.job.config.override_dirname`. */
  dirname: DirnameConfig;
}

/**
 * Composes a config the way a multirun does: `multirun` composes the master
 * config (mandatory group defaults may stay `???`), otherwise one job's config.
 *
 * @example
 * ```ts ignore
 * import { composeFor } from "./master.ts";
 * composeFor({ configDir: "conf", configName: "config", overrides: [] }, true);
 * ```
 */
export function composeFor(options: ComposeOptions, multirun: boolean): DictNode {
  // `runMode` is passed for composers that know it (Hydra's skip_missing in
  // MULTIRUN); others ignore it.
  const request: ComposeOptions & { runMode?: string } = {
    ...options,
    runMode: multirun ? "multirun" : "run",
  };
  return compose(request).config;
}

/**
 * The options of a config group (sorted), as `glob(...)` sees them.
 *
 * @example
 * ```ts ignore
 * import { groupOptionsIn } from "./master.ts";
 * groupOptionsIn("conf")("db"); // ["mysql", "postgresql"]
 * ```
 */
export function groupOptionsIn(configDir: string): (group: string) => string[] {
  const repo = new Repository([new DirSource(configDir)]);
  return (group) => repo.groupOptions(group);
}

function child(node: Node | undefined, key: string): Node | undefined {
  return node?.kind === "dict" ? node.entries.get("s" + key)?.node : undefined;
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
 * Reads the sweeper's settings from a composed config (absent ones take
 * Hydra's defaults).
 *
 * @throws {StrataError} `validation` when `hydra.sweeper.params` holds a
 *   non-scalar, or max_batch_size is not a positive int.
 * @example
 * ```ts
 * import { sweeperSettings } from "./master.ts";
 * import { loadYaml } from "../yaml/load.ts";
 * const cfg = loadYaml("hydra: {sweeper: {params: {db: 'glob(*)'}}}");
 * sweeperSettings(cfg).params[0].text; // "db=glob(*)"
 * ```
 */
export function sweeperSettings(config: Node): SweeperSettings {
  const params: SweeperSettings["params"] = [];
  const paramsNode = at(config, "hydra.sweeper.params");
  if (paramsNode?.kind === "dict") {
    for (const { key, node } of paramsNode.entries.values()) {
      if (node.kind !== "value") {
        throw new StrataError(
          ErrorCode.Validation,
          `hydra.sweeper.params.${
            String(key)
          } must be a string (an override value), got a ${node.kind}`,
          { fullKey: `hydra.sweeper.params.${String(key)}`, origin: node.origin },
        );
      }
      params.push({ text: `${String(key)}=${pyStrOfLeaf(node)}`, origin: node.origin });
    }
  }
  let maxBatchSize: number | null = null;
  const mbs = at(config, "hydra.sweeper.max_batch_size");
  if (mbs?.kind === "value" && mbs.type !== "null") {
    const n = Number(mbs.value);
    if (mbs.type !== "int" || !(n > 0 || n === -1)) {
      throw new StrataError(
        ErrorCode.Validation,
        `hydra.sweeper.max_batch_size must be a positive int, got ${leafString(mbs, "?")}`,
        { fullKey: "hydra.sweeper.max_batch_size", origin: mbs.origin },
      );
    }
    maxBatchSize = n === -1 ? null : n;
  }
  const od = "hydra.job.config.override_dirname";
  const exclude = at(config, `${od}.exclude_keys`);
  const dirname: DirnameConfig = {
    kvSep: leafString(at(config, `${od}.kv_sep`), DEFAULT_DIRNAME.kvSep),
    itemSep: leafString(at(config, `${od}.item_sep`), DEFAULT_DIRNAME.itemSep),
    excludeKeys: exclude?.kind === "list"
      ? exclude.items.map((n) => leafString(n, ""))
      : [...DEFAULT_DIRNAME.excludeKeys],
  };
  return { params, maxBatchSize, dirname };
}

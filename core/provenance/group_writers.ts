/**
 * Which recorded group override of a run directory set a key, found the way
 * Hydra composed the run: its `hydra.yaml` records the config sources
 * (`hydra.runtime.config_sources`), the primary config's name and the
 * version base, so the defaults list is built again from those sources with
 * the run's overrides and merged. The config that last wrote a key (its
 * origin) names the option, and the option names the group override that
 * chose it, or chose the option whose defaults list brought it in. A group
 * option's final package (its `# @package` header, the choice's `@package`,
 * its parent's package) is then the one Hydra used, not its group's name.
 *
 * @module
 */

import { defaultsTreeIn } from "../compose/compose.ts";
import { overrideTargetKey } from "../override/format.ts";
import { mergeDefaults } from "../compose/compose_merge.ts";
import type { ResultDefault } from "../compose/defaults_tree_node.ts";
import { Repository } from "../compose/repository.ts";
import { recordedSource } from "../compose/search_path.ts";
import { readVersionBase } from "../compose/version_base.ts";
import { isStrataError } from "../errors.ts";
import { type DictNode, type Node, originOf } from "../node.ts";
import { splitKey } from "../ops/select.ts";
import { nodeAt } from "../ops/walk.ts";
import { parseOverride } from "../override/parse.ts";
import type { Override } from "../override/types.ts";
import { sameLeaf } from "./diff.ts";
import { loadYaml } from "../yaml/load.ts";
import { readConfigPath } from "../yaml/text.ts";

/**
 * The group choices of a run, composed again: `choosers` gives the group
 * override keys (`dset`, `task@_global_`, `model@net`) whose choices wrote
 * the run's value at a key: the option that wrote it first, then the
 * options whose defaults lists brought it in, outwards. Or why the choices
 * could not be composed again.
 */
export type GroupWriters =
  | { choosers(key: string, runNode: Node): string[] }
  | { unknown: string };

function textAt(root: Node | undefined, path: string[]): string | undefined {
  const n = nodeAt(root, path);
  return n?.kind === "value" && typeof n.value === "string" ? n.value : undefined;
}

/**
 * The run's group choices composed again from `hydra` (the root of its
 * `hydra.yaml`): the sources must all still be readable, and the defaults
 * list must choose what the run recorded in `hydra.runtime.choices`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { groupWriters } from "./group_writers.ts";
 * import { loadYaml } from "../yaml/load.ts";
 * assert.deepEqual(groupWriters(loadYaml("hydra: {mode: RUN}"), []),
 *   { unknown: "its hydra.yaml records no hydra.runtime.config_sources" });
 * ```
 */
export function groupWriters(hydra: Node, recorded: Override[]): GroupWriters {
  const sourcesNode = nodeAt(hydra, ["hydra", "runtime", "config_sources"]);
  if (sourcesNode?.kind !== "list") {
    return { unknown: "its hydra.yaml records no hydra.runtime.config_sources" };
  }
  const cwd = textAt(hydra, ["hydra", "runtime", "cwd"]) ?? Deno.cwd();
  const sources = [];
  for (const s of sourcesNode.items) {
    const [schema, path, provider] = ["schema", "path", "provider"].map((k) => textAt(s, [k]));
    if (schema === undefined || path === undefined || provider === undefined) {
      return { unknown: "its hydra.yaml has a config source without schema, path and provider" };
    }
    const source = recordedSource(schema, path, provider, cwd);
    if (!source.available()) {
      return { unknown: `its config source ${schema}://${path} cannot be read` };
    }
    sources.push(source);
  }
  const main = sources.find((s) => s.provider === "main");
  const configName = textAt(hydra, ["hydra", "job", "config_name"]) ?? null;
  const base = nodeAt(hydra, ["hydra", "runtime", "version_base"]);
  const versionBase = readVersionBase(base?.kind === "value" ? base.value : null);
  const hydraOverrides = nodeAt(hydra, ["hydra", "overrides", "hydra"]);
  const overrides: Override[] = [];
  try {
    if (hydraOverrides?.kind === "list") {
      for (const n of hydraOverrides.items) {
        if (n.kind === "value" && n.type === "str") {
          overrides.push(parseOverride(n.value as string, overrides.length));
        }
      }
    }
    overrides.push(...recorded.map((o, i) => ({ ...o, index: overrides.length + i })));
    const repo = new Repository(sources, false);
    const info = defaultsTreeIn(repo, overrides, {
      configDir: main?.path ?? "",
      configName,
      versionBase,
      multirun: true,
    });
    const choices = nodeAt(hydra, ["hydra", "runtime", "choices"]);
    for (const o of recorded) {
      const key = overrideTargetKey(o);
      const was = textAt(choices, [key]);
      if (info.choices.has(key) && was !== undefined && info.choices.get(key) !== was) {
        return { unknown: `its conf tree now chooses ${key}=${info.choices.get(key)}, not ${was}` };
      }
    }
    const merged = mergeDefaults(info);
    return { choosers: (key, runNode) => choosersOf(info.defaults, repo, merged, key, runNode) };
  } catch (e) {
    // a credit is not worth failing the diff over: say why there is none
    if (!isStrataError(e) && !(e instanceof Deno.errors.PermissionDenied)) throw e;
    return { unknown: `its choices do not compose again: ${e.message.split("\n")[0]}` };
  }
}

/**
 * The group override keys that chose the config whose value the run holds
 * at `key`, and the options that included it: none when the tree composed
 * again holds another value there (the conf tree changed since the run), or
 * when no group choice wrote it.
 */
function choosersOf(
  defaults: ResultDefault[],
  repo: Repository,
  merged: DictNode,
  key: string,
  runNode: Node,
): string[] {
  const now = nodeAt(merged, splitKey(key));
  if (now === undefined || !sameLeaf(now, runNode)) return [];
  const file = originOf(now.origin)?.file;
  if (file === undefined) return [];
  // one option chosen at two packages (`model=big model@extra=big`) is one file: the entry whose
  // package holds the key wrote it
  const loading = defaults.filter((x) => repo.load(x.configPath)?.file === file);
  const holds = (p: string) =>
    p === "" || key === p || key.startsWith(`${p}.`) || key.startsWith(`${p}[`);
  let d = loading.findLast((x) => holds(x.package)) ?? loading.at(-1);
  const seen = new Set<ResultDefault>();
  const keys: string[] = [];
  // up the defaults tree: an option's own defaults list brings in configs the
  // override that chose the option is the reason for
  while (d && !seen.has(d)) {
    seen.add(d);
    // chosen by a config's `override /env: tsp` (an experiment's): that config is the reason,
    // and whatever chose it; not the key's own override, whose choice it replaced (an appended
    // `+env=a`, checker v41)
    const over = d.overriddenBy;
    const overFile = over !== undefined && "file" in over ? over.file : undefined;
    const by = d.isSelf ? d.ownerKey : d.overrideKey;
    if (by !== undefined && (overFile === undefined || d.isSelf)) keys.push(by);
    const writer = overFile === undefined
      ? undefined
      : defaults.find((x) => x.isSelf && repo.load(x.configPath)?.file === overFile) ??
        defaults.find((x) => repo.load(x.configPath)?.file === overFile);
    const parent = d.parent;
    d = writer ?? defaults.find((x) => x.configPath === parent && x.isSelf);
  }
  return keys;
}

/**
 * A run's `hydra.yaml`, or why it cannot be read (a group override's credit
 * is then a guess).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readRunHydra } from "./group_writers.ts";
 * assert.equal(readRunHydra("/nonexistent/.hydra/hydra.yaml"), "it has no hydra.yaml");
 * ```
 */
export function readRunHydra(file: string): Node | string {
  try {
    return loadYaml(readConfigPath(file), { file });
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return "it has no hydra.yaml";
    if (e instanceof Error) return "its hydra.yaml cannot be read";
    throw e;
  }
}

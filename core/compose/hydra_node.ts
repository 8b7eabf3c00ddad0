/**
 * Fills the `hydra:` node after composition with what Hydra records at
 * compose time: the overrides, `runtime.choices`, version, cwd, config
 * sources, job name, `override_dirname` and config name.
 *
 * @module
 */

import { readEnv } from "../env.ts";
import { HYDRA_VERSION, HYDRA_VERSION_BASE } from "../hydra/conf.ts";
import {
  canonicalKey,
  dict,
  type DictNode,
  list,
  type ListNode,
  nil,
  type Node,
  str,
} from "../node.ts";
import { firstOrigin } from "../hydra/schema.ts";
import type { LeafBefore } from "../hydra/misfit.ts";
import type { Override } from "../override/types.ts";
import type { ResultDefault } from "./defaults_tree_node.ts";
import type { ConfigSource } from "./source.ts";

function child(node: DictNode, key: string): Node | undefined {
  return node.entries.get(canonicalKey(key))?.node;
}

function subDict(node: DictNode, key: string): DictNode {
  let c = child(node, key);
  if (!c || c.kind !== "dict") {
    c = dict();
    node.entries.set(canonicalKey(key), { key, node: c });
  }
  return c;
}

function set(node: DictNode, key: string, value: Node): void {
  const k = canonicalKey(key);
  const prev = node.entries.get(k);
  node.entries.set(k, { key: prev?.key ?? key, node: value });
}

function strings(node: Node | undefined): string[] {
  if (!node || node.kind !== "list") return [];
  return node.items.map((n) => (n.kind === "value" ? String(n.value) : ""));
}

/**
 * Whether an override targets Hydra's own config (`hydra.x=...`,
 * `hydra/launcher=...`): such overrides go to `hydra.overrides.hydra`, and a
 * sweep keeps them out of the job space.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseOverride } from "../../engine.ts";
 * import { isHydraOverride } from "./hydra_node.ts";
 * assert.ok(isHydraOverride(parseOverride("hydra.job.name=x")));
 * assert.equal(isHydraOverride(parseOverride("db=mysql")), false);
 * ```
 */
export function isHydraOverride(o: Override): boolean {
  return o.key.startsWith("hydra.") || o.key.startsWith("hydra/");
}

/**
 * `hydra.job.override_dirname`: the task overrides sorted and joined.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { overrideDirname } from "./hydra_node.ts";
 * assert.equal(overrideDirname(["db=mysql", "+x=1"], [], ",", "="), "+x=1,db=mysql");
 * ```
 */
export function overrideDirname(
  lines: string[],
  exclude: string[],
  itemSep: string,
  kvSep: string,
  keys?: string[],
): string {
  const kept = lines.filter((_, i) => !exclude.includes(keys?.[i] ?? ""));
  kept.sort();
  return kept.join(itemSep).replaceAll("=", kvSep);
}

/**
 * The config path of every file merged after Hydra's schema, by file: the
 * configs that follow `hydra/config` in the defaults list (the options of
 * Hydra's own groups come before it, and OmegaConf keeps their extra keys).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { afterHydraSchema } from "./hydra_node.ts";
 * const d = (configPath: string) => ({ configPath, package: "", isSelf: false, primary: false });
 * const files = afterHydraSchema([d("hydra/output/default"), d("hydra/config"), d("config")], (p) => `conf/${p}.yaml`);
 * assert.deepEqual([...files], [["conf/config.yaml", "config"]]);
 * ```
 */
export function afterHydraSchema(
  defaults: readonly ResultDefault[],
  fileOf: (configPath: string) => string | undefined,
): Map<string, string> {
  const out = new Map<string, string>();
  const schema = defaults.findIndex((d) => d.configPath === "hydra/config");
  if (schema < 0) return out;
  for (const d of defaults.slice(schema + 1)) {
    const file = fileOf(d.configPath);
    if (file !== undefined && !out.has(file)) out.set(file, d.configPath);
  }
  return out;
}

/** What {@link fillHydraNode} records. */
export interface HydraRuntime {
  overrides: Override[];
  choices: Map<string, string | null>;
  sources: ConfigSource[];
  configName: string | null;
  jobName: string;
  /** `hydra.runtime.version_base` (default strata's, 1.3). */
  versionBase?: string;
  cwd: string;
  /**
   * The node at `path` (from the root, `hydra` included) resolved, as Hydra
   * reads `cfg.hydra.job.config.override_dirname.kv_sep` from the whole
   * config; without it, interpolations there are taken as written.
   */
  resolve?: (path: string[]) => Node;
}

const OD_PATH = ["hydra", "job", "config", "override_dirname"];

const interpolates = (n: Node | undefined): boolean =>
  n?.kind === "value" && n.type === "str" && (n.value as string).includes("${");

/**
 * `hydra.job.config.override_dirname`'s settings as Hydra reads them: an
 * interpolation (`kv_sep: ${sep}`) resolved through `resolve`, a list's
 * items too; absent ones take Hydra's defaults.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml } from "../../engine.ts";
 * import { dirnameOptions } from "./hydra_node.ts";
 * const od = loadYaml("kv_sep: ':'");
 * assert.deepEqual(dirnameOptions(od.kind === "dict" ? od : undefined), { kvSep: ":", itemSep: ",", excludeKeys: [] });
 * ```
 */
export function dirnameOptions(
  od: DictNode | undefined,
  resolve?: (path: string[]) => Node,
): { kvSep: string; itemSep: string; excludeKeys: string[] } {
  const read = (path: string[], n: Node | undefined) =>
    resolve && interpolates(n) ? resolve([...OD_PATH, ...path]) : n;
  const text = (k: string, d: string) => {
    const n = read([k], od && child(od, k));
    return n?.kind === "value" && n.type !== "null" ? String(n.value) : d;
  };
  const exclude = read(["exclude_keys"], od && child(od, "exclude_keys"));
  const excludeKeys = exclude?.kind === "list"
    ? exclude.items.map((n, i) => {
      const v = read(["exclude_keys", String(i)], n);
      return v?.kind === "value" ? String(v.value) : "";
    })
    : [];
  return { kvSep: text("kv_sep", "="), itemSep: text("item_sep", ","), excludeKeys };
}

/**
 * Writes the runtime fields into the `hydra` node of a composed config.
 *
 * @example
 * ```ts ignore
 * fillHydraNode(hydra, { overrides, choices, sources, configName: "config", jobName: "app", cwd: Deno.cwd() });
 * ```
 */
export function fillHydraNode(hydra: DictNode, rt: HydraRuntime): void {
  const overrides = subDict(hydra, "overrides");
  const hydraLines = strings(child(overrides, "hydra"));
  const taskLines = strings(child(overrides, "task"));
  const task: Override[] = [];
  for (const o of rt.overrides) {
    if (isHydraOverride(o)) hydraLines.push(o.text);
    else {
      taskLines.push(o.text);
      task.push(o);
    }
  }
  set(overrides, "hydra", list(hydraLines.map((s) => str(s))));
  set(overrides, "task", list(taskLines.map((s) => str(s))));

  const runtime = subDict(hydra, "runtime");
  const choices = subDict(runtime, "choices");
  for (const [k, v] of rt.choices) set(choices, k, v === null ? nil() : str(v));

  const job = subDict(hydra, "job");
  // HydraConf refused any other non-mapping already: `${...}` and `???` stay as written
  const given = child(job, "env_set");
  const envSet = given === undefined || given.kind === "dict" ? subDict(job, "env_set") : undefined;
  const copy = child(job, "env_copy");
  // OmegaConf lets a list or a mapping into env_copy (`[[1]]`): no name, nothing copied
  const names = copy?.kind === "list" ? copy.items.filter((n) => n.kind === "value") : [];
  for (const name of envSet ? strings(list(names)) : []) {
    // A variable the env policy denies is left out, as an unset one is.
    const read = readEnv(name);
    if ("value" in read) set(envSet!, name, str(read.value));
  }
  set(runtime, "version", str(HYDRA_VERSION));
  set(runtime, "version_base", str(rt.versionBase ?? HYDRA_VERSION_BASE));
  set(runtime, "cwd", str(rt.cwd));
  set(
    runtime,
    "config_sources",
    list(
      rt.sources.map((s) =>
        dict([["path", str(s.path)], ["schema", str(s.scheme)], ["provider", str(s.provider)]])
      ),
    ),
  );
  const name = child(job, "name");
  if (!name || (name.kind === "value" && name.type === "missing")) {
    set(job, "name", str(rt.jobName));
  }
  const od = dirnameOptions(subDict(subDict(job, "config"), "override_dirname"), rt.resolve);
  set(
    job,
    "override_dirname",
    str(overrideDirname(
      task.map((o) => o.text),
      od.excludeKeys,
      od.itemSep,
      od.kvSep,
      task.map((o) => o.key),
    )),
  );
  set(job, "config_name", rt.configName === null ? nil() : str(rt.configName));
}

/**
 * {@link LeafBefore} read from the configs of a defaults list: whether a
 * config merged after Hydra's schema and before the one that wrote the
 * container (by its origin's file) sets a value at that entry, its package
 * applied (`load`: a config path's loaded config).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { leafBeforeIn } from "./hydra_node.ts";
 * import { loadYaml } from "../yaml/load.ts";
 * import type { DictNode } from "../node.ts";
 * const files: Record<string, string> = { a: "hydra:\n  job:\n    env_set:\n      X: '1'\n", b: "X: [1]\n" };
 * const d = (configPath: string, pkg: string) => ({ configPath, package: pkg, isSelf: false, primary: false });
 * const load = (p: string) => ({ file: `${p}.yaml`, config: loadYaml(files[p], { file: `${p}.yaml` }) as DictNode });
 * const before = leafBeforeIn([d("hydra/config", "hydra"), d("a", ""), d("b", "hydra.job.env_set")], load);
 * const written = load("b").config.entries.get("X")!.node;
 * assert.equal(before("hydra.job.env_set", "X", written), true);
 * assert.equal(before("hydra.job.env_set", "Y", written), false);
 * ```
 */
export function leafBeforeIn(
  defaults: readonly ResultDefault[],
  load: (configPath: string) => { file: string; config: DictNode | ListNode } | undefined,
): LeafBefore {
  const schema = defaults.findIndex((d) => d.configPath === "hydra/config");
  return (parent, key, node) => {
    const file = firstOrigin(node)?.file;
    if (schema < 0 || file === undefined) return false;
    const full = [...parent.split("."), key];
    for (const d of defaults.slice(schema + 1)) {
      const loaded = load(d.configPath);
      if (loaded === undefined) continue;
      if (loaded.file === file) return false;
      const pkg = d.package === "" ? [] : d.package.split(".");
      if (!pkg.every((seg, i) => full[i] === seg) || pkg.length >= full.length) continue;
      let at: Node | undefined = loaded.config;
      for (const seg of full.slice(pkg.length)) {
        at = at?.kind === "dict" ? child(at, seg) : undefined;
      }
      if (at?.kind === "value") return true;
    }
    return false;
  };
}

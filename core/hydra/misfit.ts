/**
 * The types of Hydra 1.3's `hydra` node (HydraConf and its dataclasses,
 * hydra/conf/__init__.py) and what OmegaConf 2.2 says of a value that does
 * not fit one. OmegaConf checks a structured config in two ways, with
 * different words: a config file's `hydra:` is *merged* into the node (a
 * list is a `ListConfig` there, a null in a `str` field is an "Incompatible
 * value"), a command-line override is *assigned* by `OmegaConf.update` (a
 * list is a `list`, a null "is not Optional"); an override's mapping or list
 * that lands on a container is merged again. The messages are OmegaConf's,
 * checked against python3-omegaconf with dataclasses mirroring HydraConf.
 *
 * @module
 */

import { dict, isInterpolation, type Node } from "../node.ts";
import { pyStr } from "../resolve/pystr.ts";

/** The type annotation of a field. */
export type HydraType =
  | { leaf: "str" | "int" | "bool" | "RunMode"; optional?: true }
  | { any: true }
  | { list: HydraType }
  | { dict: HydraType; optional?: true }
  | { struct: string };

/** The plugin nodes of `hydra` typed by Hydra's own plugin configs (the `basic` options). */
export type HydraPlugin = "sweeper" | "launcher";

const str: HydraType = { leaf: "str" };
const optStr: HydraType = { leaf: "str", optional: true };
const int: HydraType = { leaf: "int" };
const any: HydraType = { any: true };
const strs: HydraType = { list: str };
const anyMap: HydraType = { dict: any };
const struct = (name: string): HydraType => ({ struct: name });

/** Hydra 1.3's dataclasses of the `hydra` node: their fields and types. */
export const HYDRA_STRUCTS: Readonly<Record<string, Readonly<Record<string, HydraType>>>> = {
  HydraConf: {
    defaults: { list: any },
    mode: { leaf: "RunMode", optional: true },
    searchpath: strs,
    run: struct("RunDir"),
    sweep: struct("SweepDir"),
    hydra_logging: anyMap,
    job_logging: anyMap,
    sweeper: any,
    launcher: any,
    callbacks: anyMap,
    help: struct("HelpConf"),
    hydra_help: struct("HydraHelpConf"),
    output_subdir: optStr,
    overrides: struct("OverridesConf"),
    job: struct("JobConf"),
    runtime: struct("RuntimeConf"),
    verbose: any,
  },
  RunDir: { dir: str },
  SweepDir: { dir: str, subdir: str },
  HelpConf: { app_name: str, header: str, footer: str, template: str },
  HydraHelpConf: { hydra_help: str, template: str },
  OverridesConf: { hydra: strs, task: strs },
  JobConf: {
    name: str,
    chdir: { leaf: "bool", optional: true },
    override_dirname: str,
    id: str,
    num: int,
    config_name: optStr,
    env_set: { dict: str },
    env_copy: strs,
    config: struct("JobConfig"),
  },
  JobConfig: { override_dirname: struct("OverrideDirname") },
  OverrideDirname: { kv_sep: str, item_sep: str, exclude_keys: strs },
  ConfigSourceInfo: { path: str, schema: str, provider: str },
  RuntimeConf: {
    version: str,
    version_base: str,
    cwd: str,
    config_sources: { list: struct("ConfigSourceInfo") },
    output_dir: str,
    choices: anyMap,
  },
  // `sweeper: Any` in HydraConf, typed by the option when it is Hydra's `basic` (typedPlugins)
  BasicSweeperConf: {
    _target_: str,
    max_batch_size: { leaf: "int", optional: true },
    params: { dict: str, optional: true },
  },
  BasicLauncherConf: { _target_: str },
};

const PLUGIN_STRUCTS: Record<HydraPlugin, string> = {
  sweeper: "BasicSweeperConf",
  launcher: "BasicLauncherConf",
};

/** The fields of a dataclass; HydraConf's plugin nodes typed when their option is `basic`. */
export function structFields(
  name: string,
  plugins: ReadonlySet<HydraPlugin> = new Set(),
): Readonly<Record<string, HydraType>> {
  const fields = HYDRA_STRUCTS[name];
  if (name !== "HydraConf" || plugins.size === 0) return fields;
  const out = { ...fields };
  for (const p of plugins) out[p] = struct(PLUGIN_STRUCTS[p]);
  return out;
}

/**
 * Whether a config merged before the one that wrote `node` (a container, the
 * entry `key` of the `Dict[str, str]` at full key `parent`) set a value
 * there: OmegaConf then converts the container to a str, and fails.
 */
export type LeafBefore = (parent: string, key: string, node: Node) => boolean;

/** A value that does not fit its field, found where it was written. */
export interface Misfit {
  message: string;
  fullKey: string;
  /** The value (for its origin). */
  node: Node;
  /** OmegaConf's error: a ConfigKeyError and a ConfigTypeError are not ValidationErrors. */
  error: "validation" | "key" | "type";
  /** For an unknown key: the key and the dataclass's fields. */
  unknown?: { key: string; fields: string[] };
}

/** How the value reaches the field (see the module's doc). */
type Mode = "merge" | "assign";

/** Where a value sits: a dataclass's field, a `Dict[str, ...]`'s entry, a `List[...]`'s item. */
type Slot = "field" | "entry" | "item";

const BOOL_WORDS = new Set(["yes", "y", "on", "true", "no", "n", "off", "false"]);
const INT_TEXT = /^\s*[+-]?\d+(_\d+)*\s*$/;

/** Python's type name of a value: a merged container is a ListConfig/DictConfig, an assigned one a list/dict. */
function typeName(n: Node, mode: Mode): string {
  if (n.kind === "list") return mode === "merge" ? "ListConfig" : "list";
  if (n.kind === "dict") return mode === "merge" ? "DictConfig" : "dict";
  return n.type === "null" ? "NoneType" : n.type === "missing" ? "str" : n.type;
}

function pyText(n: Node): string {
  return n.kind === "value" && n.type === "bool" ? (n.value ? "True" : "False") : pyStr(n);
}

/** `Dict[str, str]`, `List[str]`... as Python prints the annotation. */
function annotation(t: HydraType): string {
  if ("leaf" in t) return t.leaf;
  if ("any" in t) return "Any";
  if ("struct" in t) return t.struct;
  return "list" in t ? `List[${annotation(t.list)}]` : `Dict[str, ${annotation(t.dict)}]`;
}

/**
 * What OmegaConf's RunMode EnumNode says of a value (enum RunMode: RUN = 1,
 * MULTIRUN = 2): a member's name (also as `RunMode.RUN`) or value fits, case
 * matters. Null, `???` and interpolations are the caller's to let through.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { int, str } from "../node.ts";
 * import { runModeError } from "./misfit.ts";
 * assert.equal(runModeError(str("RunMode.MULTIRUN")), undefined);
 * assert.equal(runModeError(int(2)), undefined);
 * assert.equal(runModeError(str("run")), "Invalid value 'run', expected one of [RUN, MULTIRUN]");
 * ```
 */
export function runModeError(node: Node, mode: Mode = "merge"): string | undefined {
  if (node.kind !== "value" || node.type === "float") {
    const v = node.kind === "value" && Number.isInteger(node.value)
      ? `${node.value}.0`
      : pyStr(node);
    return `Value ${v} (${typeName(node, mode)}) is not a valid input for <enum 'RunMode'>`;
  }
  const v = String(node.value);
  const ok = node.type === "int"
    ? v === "1" || v === "2"
    : node.type === "str" && /^(RunMode\.)?(RUN|MULTIRUN)$/.test(v);
  return ok ? undefined : `Invalid value '${pyText(node)}', expected one of [RUN, MULTIRUN]`;
}

/** What a str/int/bool/RunMode field says of a value that is not null, `???` or an interpolation. */
function leafError(n: Node, leaf: "str" | "int" | "bool" | "RunMode", mode: Mode) {
  const type = typeName(n, mode);
  if (leaf === "RunMode") return runModeError(n, mode);
  if (leaf === "str") {
    return n.kind === "value" ? undefined : `Cannot convert '${type}' to string: '${pyStr(n)}'`;
  }
  if (n.kind === "value") {
    const v = String(n.value);
    if (leaf === "int" && (n.type === "int" || (n.type === "str" && INT_TEXT.test(v)))) return;
    const word = v.trim().toLowerCase();
    const boolText = n.type === "str" && (BOOL_WORDS.has(word) || INT_TEXT.test(v));
    if (leaf === "bool" && (n.type === "bool" || n.type === "int" || boolText)) return;
  }
  return leaf === "int"
    ? `Value '${pyText(n)}' of type '${type}' could not be converted to Integer`
    : `Value '${pyText(n)}' is not a valid bool (type ${type})`;
}

/** What OmegaConf says of a null in a field, an entry or an item that is not Optional. */
function nullError(t: HydraType, key: string, mode: Mode, slot: Slot): string | undefined {
  if ("any" in t || (("leaf" in t || "dict" in t) && t.optional)) return undefined;
  if (slot === "item") {
    return mode === "assign"
      ? `${key} is not optional and cannot be assigned None`
      : `Invalid type assigned: NoneType is not a subclass of ${annotation(t)}. value: None`;
  }
  return mode === "merge" && slot === "field" && "leaf" in t
    ? `Incompatible value 'None' for field of type '${t.leaf}'`
    : `field '${key}' is not Optional`;
}

/**
 * Reports each value under `n` that does not fit type `t` at `key`, as
 * OmegaConf's merge (`mode` "merge") or `OmegaConf.update` ("assign") would
 * refuse it; an unknown key of a dataclass too (`Key 'x' not in 'JobConf'`).
 */
function walk(
  n: Node,
  t: HydraType,
  key: string,
  mode: Mode,
  slot: Slot,
  plugins: ReadonlySet<HydraPlugin>,
  report: (m: Misfit) => void,
  leafBefore?: LeafBefore,
): void {
  const bad = (message: string, error: Misfit["error"] = "validation") =>
    report({ message, fullKey: key, node: n, error });
  if ("any" in t) return;
  if (n.kind === "value") {
    if (n.type === "missing") return;
    // an interpolation fits anything until resolved, but a merge into a dataclass
    if (isInterpolation(n) && !(mode === "merge" && "struct" in t)) return;
    const message = n.type === "null"
      ? nullError(t, key, mode, slot)
      : "leaf" in t
      ? leafError(n, t.leaf, mode)
      : slot === "item" && "struct" in t
      ? `Invalid type assigned: ${n.type} is not a subclass of ${t.struct}. value: ${pyText(n)}`
      : "struct" in t
      ? `${mode === "merge" ? "Merge error" : "Invalid type assigned"}: ${n.type} is not a ` +
        `subclass of ${t.struct}. value: ${pyText(n)}`
      : "list" in t
      ? `Invalid value assigned: ${
        mode === "merge" ? "AnyNode" : n.type
      } is not a ListConfig, list or tuple.`
      : `Cannot assign ${n.type} to ${annotation(t)}`;
    if (message) bad(message);
    return;
  }
  if ("leaf" in t) {
    const message = leafError(n, t.leaf, mode);
    if (message) bad(message);
    return;
  }
  if (("list" in t) !== (n.kind === "list")) {
    bad("Cannot merge DictConfig with ListConfig", "type");
    return;
  }
  // what is inside a container merged into a container is merged
  if (n.kind === "list") {
    const item = (t as { list: HydraType }).list;
    n.items.forEach((v, i) => {
      // OmegaConf 2.2 does not check a container merged into a List[str] item
      if (v.kind !== "value" && "leaf" in item) return;
      walk(v, item, `${key}[${i}]`, "merge", "item", plugins, report, leafBefore);
    });
    return;
  }
  if ("dict" in t) {
    for (const e of n.entries.values()) {
      const sub = `${key}.${String(e.key)}`;
      // nor a container merged into a Dict[str, str] entry that was not there; onto one a
      // config merged before set (`seed: '0,1'`, then `seed: [0, 1]`), it is converted: refused
      if (
        e.node.kind !== "value" && "leaf" in t.dict && !leafBefore?.(key, String(e.key), e.node)
      ) continue;
      walk(e.node, t.dict, sub, "merge", "entry", plugins, report, leafBefore);
    }
    return;
  }
  const name = (t as { struct: string }).struct;
  const fields = structFields(name, plugins);
  for (const e of n.entries.values()) {
    const k = String(e.key);
    const sub = `${key}.${k}`;
    if (!Object.hasOwn(fields, k)) {
      report({
        message: `Key '${k}' not in '${name}'`,
        fullKey: sub,
        node: e.node,
        error: "key",
        unknown: { key: k, fields: Object.keys(fields) },
      });
    } else walk(e.node, fields[k], sub, "merge", "field", plugins, report, leafBefore);
  }
}

/**
 * Each misfit in a `hydra` node as the config files merged it (merge
 * semantics), in the node's order; the caller keeps those written by files
 * merged after Hydra's schema.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml } from "../yaml/load.ts";
 * import { hydraMisfits } from "./misfit.ts";
 * const hydra = loadYaml("output_subdir: [1]\njob: {name: null, env_copy: [null]}\n") as never;
 * assert.deepEqual(hydraMisfits(hydra).map((m) => [m.fullKey, m.message]), [
 *   ["hydra.output_subdir", "Cannot convert 'ListConfig' to string: '[1]'"],
 *   ["hydra.job.name", "Incompatible value 'None' for field of type 'str'"],
 *   ["hydra.job.env_copy[0]", "Invalid type assigned: NoneType is not a subclass of str. value: None"],
 * ]);
 * ```
 */
export function hydraMisfits(
  hydra: Node,
  plugins: ReadonlySet<HydraPlugin> = new Set(),
  leafBefore?: LeafBefore,
): Misfit[] {
  const out: Misfit[] = [];
  walk(
    hydra,
    struct("HydraConf"),
    "hydra",
    "merge",
    "field",
    plugins,
    (m) => out.push(m),
    leafBefore,
  );
  return out;
}

/**
 * The type of the value at `path` under `hydra` (`["job", "env_set", "A"]`),
 * the slot it sits in and its full key; undefined where nothing is typed
 * (an `Any` field, below a leaf, a key HydraConf does not have).
 */
function typeAt(path: readonly string[], plugins: ReadonlySet<HydraPlugin>) {
  let t: HydraType = struct("HydraConf");
  let slot: Slot = "field";
  let key = "hydra";
  for (const seg of path) {
    if ("struct" in t) {
      const fields = structFields(t.struct, plugins);
      if (!Object.hasOwn(fields, seg)) return undefined;
      [t, slot, key] = [fields[seg], "field", `${key}.${seg}`];
    } else if ("dict" in t) [t, slot, key] = [t.dict, "entry", `${key}.${seg}`];
    else if ("list" in t && /^\d+$/.test(seg)) [t, slot, key] = [t.list, "item", `${key}[${seg}]`];
    else return undefined;
  }
  return { t, slot, key };
}

/**
 * The dataclass of the `hydra` node at `path` (below `hydra`), if that node
 * is one: OmegaConf names it where a key is missing (`Key 'nme' not in
 * 'JobConf'`), where a plain struct config says "is not in struct".
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { structNameAt } from "./misfit.ts";
 * assert.equal(structNameAt([]), "HydraConf");
 * assert.equal(structNameAt(["job"]), "JobConf");
 * assert.equal(structNameAt(["job", "env_set"]), undefined); // a Dict[str, str]
 * ```
 */
export function structNameAt(
  path: readonly string[],
  plugins: ReadonlySet<HydraPlugin> = new Set(),
): string | undefined {
  const at = typeAt(path, plugins);
  return at && "struct" in at.t ? at.t.struct : undefined;
}

/**
 * What `OmegaConf.update(cfg, "hydra.<path>", value, merge=True)` refuses,
 * as Hydra applies a `hydra.*` override: the value is assigned, or merged
 * when it is a mapping or a list landing on a container. An unknown key is
 * not reported here (the override's struct check says it).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { list, int, nil } from "../node.ts";
 * import { overrideMisfit } from "./misfit.ts";
 * assert.equal(overrideMisfit(["output_subdir"], list([int(1)]))?.message, "Cannot convert 'list' to string: '[1]'");
 * assert.equal(overrideMisfit(["job", "name"], nil())?.message, "field 'hydra.job.name' is not Optional");
 * assert.equal(overrideMisfit(["output_subdir"], nil()), undefined);
 * ```
 */
export function overrideMisfit(
  path: readonly string[],
  value: Node,
  plugins: ReadonlySet<HydraPlugin> = new Set(),
): Misfit | undefined {
  const at = typeAt(path, plugins);
  if (!at) return undefined;
  const merged = value.kind !== "value" && !("leaf" in at.t);
  let found: Misfit | undefined;
  walk(value, at.t, at.key, merged ? "merge" : "assign", at.slot, plugins, (m) => {
    if (m.error !== "key") found ??= m;
  });
  return found;
}

/**
 * What `OmegaConf.update` refuses on the way to a `hydra.*` override's key:
 * where the path runs through a field or entry typed as a leaf
 * (`sweeper.params.local.alpha`: `local` is an entry of a `Dict[str, str]`)
 * that holds no mapping (`holdsMapping(depth)`, the segment's index in
 * `path`), it puts an empty mapping there, which the leaf refuses.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { throughLeafMisfit } from "./misfit.ts";
 * const m = throughLeafMisfit(["job", "env_set", "A", "B"], new Set(), () => false);
 * assert.deepEqual([m?.fullKey, m?.message], ["hydra.job.env_set.A", "Cannot convert 'dict' to string: '{}'"]);
 * assert.equal(throughLeafMisfit(["job", "env_set", "A"], new Set(), () => false), undefined);
 * ```
 */
export function throughLeafMisfit(
  path: readonly string[],
  plugins: ReadonlySet<HydraPlugin>,
  holdsMapping: (depth: number) => boolean,
): Misfit | undefined {
  for (let i = 1; i < path.length; i++) {
    const at = typeAt(path.slice(0, i), plugins);
    if (!at) return undefined;
    if (!("leaf" in at.t)) continue;
    if (holdsMapping(i - 1)) return undefined;
    const empty = dict();
    const message = leafError(empty, at.t.leaf, "assign");
    return message ? { message, fullKey: at.key, node: empty, error: "validation" } : undefined;
  }
  return undefined;
}

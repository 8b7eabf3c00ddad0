/**
 * The conversions Hydra's typed `hydra` node makes. HydraConf is a structured
 * config: a value merged or assigned into one of its `str`, `bool`, `int`,
 * `List[str]` or `Dict[str, str]` fields is converted by OmegaConf
 * (`env_set: {OMP_NUM_THREADS: 1}` is kept as the string `'1'`,
 * `hydra.job.chdir=yes` as `true`, `hydra.job.name=7` as `'7'`), and that is
 * what `--cfg hydra` prints and `.hydra/hydra.yaml` holds. strata composes the
 * node untyped, then converts its fields here. A value OmegaConf would refuse
 * (`chdir: maybe`, a dict in a `str` field) is left as it is: compose fails on
 * it and `strata validate` reports it (hydra/schema.ts). `hydra.mode` is a
 * RunMode (`2` is kept as `MULTIRUN`); with Hydra's `basic` sweeper,
 * `hydra.sweeper` is a BasicSweeperConf (`params: {lr: 0.5}` holds `'0.5'`).
 *
 * @module
 */

import { pyFloatRepr } from "../pyformat.ts";
import { type HydraPlugin, overrideMisfit, runModeError } from "./misfit.ts";
import {
  bool,
  canonicalKey,
  dict,
  type DictNode,
  int,
  isInterpolation,
  type Node,
  str,
  type ValueNode,
} from "../node.ts";

/**
 * A field's conversion: to a str, an optional bool, an int, a RunMode, or the
 * items/values of a container (`strmap?` is an `Optional[Dict[str, str]]`).
 */
type Kind = "str" | "bool" | "int" | "RunMode" | "strs" | "strmap" | "strmap?";

export type { HydraPlugin };

/** HydraConf's typed fields (hydra/conf/__init__.py, Hydra 1.3), by path under `hydra`. */
const FIELDS: Record<string, Kind> = {
  "mode": "RunMode",
  "searchpath": "strs",
  "output_subdir": "str",
  "run.dir": "str",
  "sweep.dir": "str",
  "sweep.subdir": "str",
  "help.app_name": "str",
  "help.header": "str",
  "help.footer": "str",
  "help.template": "str",
  "hydra_help.hydra_help": "str",
  "hydra_help.template": "str",
  "overrides.hydra": "strs",
  "overrides.task": "strs",
  "job.name": "str",
  "job.chdir": "bool",
  "job.override_dirname": "str",
  "job.id": "str",
  "job.num": "int",
  "job.config_name": "str",
  "job.env_set": "strmap",
  "job.env_copy": "strs",
  "job.config.override_dirname.kv_sep": "str",
  "job.config.override_dirname.item_sep": "str",
  "job.config.override_dirname.exclude_keys": "strs",
  "runtime.version": "str",
  "runtime.version_base": "str",
  "runtime.cwd": "str",
  "runtime.output_dir": "str",
};

/**
 * The fields of Hydra's BasicSweeperConf (hydra/_internal/core_plugins/basic_sweeper.py) and
 * BasicLauncherConf, typed when `hydra/sweeper` (`hydra/launcher`) is `basic`; another option
 * (a plugin's, a user's own) is not typed by them.
 */
const PLUGIN_FIELDS: Record<HydraPlugin, Record<string, Kind>> = {
  sweeper: {
    "sweeper._target_": "str",
    "sweeper.max_batch_size": "int", // Optional[int]
    "sweeper.params": "strmap?",
  },
  launcher: { "launcher._target_": "str" },
};

/**
 * The plugin nodes of `hydra` that Hydra types: those whose option is Hydra's
 * `basic` (`hydra/sweeper/basic` among the configs merged; Hydra matches a
 * user's own `hydra/sweeper/basic.yaml` to the same schema).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { typedPlugins } from "./typed.ts";
 * const d = (configPath: string) => ({ configPath });
 * assert.deepEqual([...typedPlugins([d("hydra/sweeper/basic"), d("hydra/launcher/joblib")])], ["sweeper"]);
 * ```
 */
export function typedPlugins(
  defaults: readonly { configPath?: string | null }[],
): ReadonlySet<HydraPlugin> {
  const out = new Set<HydraPlugin>();
  for (const d of defaults) {
    if (d.configPath === "hydra/sweeper/basic") out.add("sweeper");
    if (d.configPath === "hydra/launcher/basic") out.add("launcher");
  }
  return out;
}

/** The typed fields, by path under `hydra`, with those of the typed plugin nodes. */
function fieldsWith(plugins: ReadonlySet<HydraPlugin>): Record<string, Kind> {
  let out = FIELDS;
  for (const p of plugins) out = { ...out, ...PLUGIN_FIELDS[p] };
  return out;
}

/** `StringNode`: any scalar becomes `str(value)`. */
function toStr(n: ValueNode): ValueNode | undefined {
  switch (n.type) {
    case "int":
      return str(String(n.value), n.origin);
    case "float":
      return str(pyFloatRepr(n.value as number), n.origin);
    case "bool":
      return str(n.value ? "True" : "False", n.origin);
  }
  return undefined;
}

/**
 * A value as OmegaConf's BooleanNode converts it (`hydra.job.chdir` is
 * `Optional[bool]`): a bool as is, an int (or a string `int()` reads) true
 * unless 0, `yes`/`y`/`on`/`true` and `no`/`n`/`off`/`false` in any case;
 * undefined for anything else (Hydra's "is not a valid bool"), null and
 * interpolations.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { int, str } from "../node.ts";
 * import { hydraBool } from "./typed.ts";
 * assert.equal(hydraBool(str("Yes")), true);
 * assert.equal(hydraBool(str(" 0 ")), false);
 * assert.equal(hydraBool(int(2)), true);
 * assert.equal(hydraBool(str("maybe")), undefined);
 * ```
 */
export function hydraBool(node: Node | undefined): boolean | undefined {
  if (node?.kind !== "value" || isInterpolation(node)) return undefined;
  if (node.type === "bool") return node.value === true;
  if (node.type === "int") return Number(node.value) !== 0;
  if (node.type !== "str") return undefined;
  const s = node.value as string;
  if (/^\s*[+-]?\d+(_\d+)*\s*$/.test(s)) return Number(s.replaceAll("_", "")) !== 0;
  const w = s.toLowerCase();
  if (["yes", "y", "on", "true"].includes(w)) return true;
  if (["no", "n", "off", "false"].includes(w)) return false;
  return undefined;
}

function toBool(n: ValueNode): ValueNode | undefined {
  if (n.type !== "int" && n.type !== "str") return undefined;
  const b = hydraBool(n);
  return b === undefined ? undefined : bool(b, n.origin);
}

/** `IntegerNode`: a str is read with Python's `int()`. */
function toInt(n: ValueNode): ValueNode | undefined {
  if (n.type !== "str" || !/^\s*[+-]?\d+(_\d+)*\s*$/.test(n.value as string)) return undefined;
  const digits = (n.value as string).trim().replaceAll("_", "");
  const big = BigInt(digits);
  const value = big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(big)
    : big;
  return int(value, n.origin);
}

/** `EnumNode` (RunMode): a member's value (1, 2) or `RunMode.NAME` is kept as the member's name. */
function toRunMode(n: ValueNode): ValueNode | undefined {
  if (runModeError(n) !== undefined) return undefined;
  if (n.type === "int") return str(Number(n.value) === 1 ? "RUN" : "MULTIRUN", n.origin);
  const v = n.value as string;
  return v.startsWith("RunMode.") ? str(v.slice("RunMode.".length), n.origin) : undefined;
}

type Leaf = "str" | "bool" | "int" | "RunMode";

const LEAF: Record<Leaf, (n: ValueNode) => ValueNode | undefined> = {
  str: toStr,
  bool: toBool,
  int: toInt,
  RunMode: toRunMode,
};

const isMap = (kind: Kind | undefined) => kind === "strmap" || kind === "strmap?";

/** The converted node, or the same node when nothing changes (containers are copied, not changed). */
function convert(node: Node, kind: Kind): Node {
  if (node.kind === "value") {
    if (kind === "strs" || isMap(kind) || isInterpolation(node)) return node;
    return LEAF[kind as Leaf](node) ?? node;
  }
  if (kind === "strs" && node.kind === "list") {
    const items = node.items.map((n) => convert(n, "str"));
    return items.some((n, i) => n !== node.items[i]) ? { ...node, items } : node;
  }
  if (isMap(kind) && node.kind === "dict") {
    let changed = false;
    const entries = new Map(node.entries);
    for (const [k, e] of node.entries) {
      const v = convert(e.node, "str");
      if (v !== e.node) {
        changed = true;
        entries.set(k, { key: e.key, node: v });
      }
    }
    return changed ? { ...node, entries } : node;
  }
  return node;
}

/** `path` under `node`, converted; each dict on the way is copied only when something below it changes. */
function at(node: DictNode, path: string[], kind: Kind): DictNode {
  const k = canonicalKey(path[0]);
  const e = node.entries.get(k);
  if (!e) return node;
  let next: Node;
  if (path.length === 1) next = convert(e.node, kind);
  else if (e.node.kind === "dict") next = at(e.node, path.slice(1), kind);
  else return node;
  if (next === e.node) return node;
  const entries = new Map(node.entries);
  entries.set(k, { key: e.key, node: next });
  return { ...node, entries };
}

/**
 * What OmegaConf says when `value` is assigned to the typed field of the
 * `hydra` node at `path` (`["job", "chdir"]`, under `hydra`), or undefined
 * when it fits (or nothing types it: an `Any` field). `plugins`: the plugin
 * nodes typed by Hydra's `basic` options ({@link typedPlugins}).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { str } from "../node.ts";
 * import { hydraFieldError } from "./typed.ts";
 * assert.equal(hydraFieldError(["job", "chdir"], str("maybe")), "Value 'maybe' is not a valid bool (type str)");
 * assert.equal(hydraFieldError(["job", "chdir"], str("yes")), undefined);
 * assert.equal(hydraFieldError(["job", "env_set"], str("x")), "Cannot assign str to Dict[str, str]");
 * assert.equal(hydraFieldError(["mode"], str("RUNX")), "Invalid value 'RUNX', expected one of [RUN, MULTIRUN]");
 * assert.equal(hydraFieldError(["sweeper", "max_batch_size"], str("abc")), undefined);
 * assert.equal(
 *   hydraFieldError(["sweeper", "max_batch_size"], str("abc"), new Set(["sweeper"])),
 *   "Value 'abc' of type 'str' could not be converted to Integer",
 * );
 * ```
 */
export function hydraFieldError(
  path: readonly string[],
  value: Node,
  plugins: ReadonlySet<HydraPlugin> = new Set(),
): string | undefined {
  return overrideMisfit(path, value, plugins)?.message;
}

/**
 * The `hydra` node with its typed fields converted as OmegaConf converts
 * values assigned to HydraConf (a new node where something changed; the
 * input is not modified), those of the plugin nodes in `plugins` too.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { toContainer } from "../../engine.ts";
 * import { loadYaml } from "../yaml/load.ts";
 * import { typeHydraNode } from "./typed.ts";
 * const hydra = loadYaml("job:\n  name: 7\n  chdir: yes\n  env_set: {OMP_NUM_THREADS: 1}\n");
 * assert.deepEqual(toContainer(typeHydraNode(hydra as never)), {
 *   job: { name: "7", chdir: true, env_set: { OMP_NUM_THREADS: "1" } },
 * });
 * ```
 */
export function typeHydraNode(
  hydra: DictNode,
  plugins: ReadonlySet<HydraPlugin> = new Set(),
): DictNode {
  let out = hydra;
  for (const [path, kind] of Object.entries(fieldsWith(plugins))) {
    out = at(out, path.split("."), kind);
  }
  return out;
}

/**
 * {@link typeHydraNode} of the node at `path` under `hydra` alone (a `-p hydra.job.env_set`
 * package): its typed fields converted as they would be in the whole node.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { typeHydraAt } from "./typed.ts";
 * import { dict, int } from "../node.ts";
 * const got = typeHydraAt(["job", "env_set"], dict([["B", int(100)]]));
 * assert.deepEqual(got.kind === "dict" && got.entries.get("B")?.node, { kind: "value", type: "str", value: "100" });
 * ```
 */
export function typeHydraAt(
  path: readonly string[],
  node: Node,
  plugins: ReadonlySet<HydraPlugin> = new Set(),
): Node {
  let whole: Node = node;
  for (let i = path.length - 1; i >= 0; i--) whole = dict([[path[i], whole]]);
  if (whole.kind !== "dict") return node;
  let out: Node | undefined = typeHydraNode(whole, plugins);
  for (const key of path) {
    out = out?.kind === "dict" ? out.entries.get(canonicalKey(key))?.node : undefined;
  }
  return out ?? node;
}

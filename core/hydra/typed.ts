/**
 * The conversions Hydra's typed `hydra` node makes. HydraConf is a structured
 * config: a value merged or assigned into one of its `str`, `bool`, `int`,
 * `List[str]` or `Dict[str, str]` fields is converted by OmegaConf
 * (`env_set: {OMP_NUM_THREADS: 1}` is kept as the string `'1'`,
 * `hydra.job.chdir=yes` as `true`, `hydra.job.name=7` as `'7'`), and that is
 * what `--cfg hydra` prints and `.hydra/hydra.yaml` holds. strata composes the
 * node untyped, then converts its fields here. A value OmegaConf would refuse
 * (`chdir: maybe`, a dict in a `str` field) is left as it is: compose fails on
 * it and `strata validate` reports it (hydra/schema.ts).
 *
 * @module
 */

import { pyFloatRepr } from "../pyformat.ts";
import { pyStr } from "../resolve/pystr.ts";
import {
  bool,
  canonicalKey,
  type DictNode,
  int,
  isInterpolation,
  type Node,
  str,
  type ValueNode,
} from "../node.ts";

/** A field's conversion: to a str, an optional bool, an int, or the items/values of a container. */
type Kind = "str" | "bool" | "int" | "strs" | "strmap";

/** HydraConf's typed fields (hydra/conf/__init__.py, Hydra 1.3), by path under `hydra`. */
const FIELDS: Record<string, Kind> = {
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

const LEAF: Record<"str" | "bool" | "int", (n: ValueNode) => ValueNode | undefined> = {
  str: toStr,
  bool: toBool,
  int: toInt,
};

/** The converted node, or the same node when nothing changes (containers are copied, not changed). */
function convert(node: Node, kind: Kind): Node {
  if (node.kind === "value") {
    if (kind === "strs" || kind === "strmap" || isInterpolation(node)) return node;
    return LEAF[kind](node) ?? node;
  }
  if (kind === "strs" && node.kind === "list") {
    const items = node.items.map((n) => convert(n, "str"));
    return items.some((n, i) => n !== node.items[i]) ? { ...node, items } : node;
  }
  if (kind === "strmap" && node.kind === "dict") {
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

/** The Python type of an assigned value (an override's list or dict is a plain one). */
function pyTypeName(n: Node): string {
  return n.kind === "value" ? n.type : n.kind;
}

/** What OmegaConf says when a value that is not a mapping is assigned to a `Dict[str, str]` field. */
function strMapError(path: readonly string[], value: Node): string | undefined {
  if (value.kind === "dict") return undefined;
  if (value.kind === "list") return "Cannot merge DictConfig with ListConfig";
  if (value.type === "missing" || isInterpolation(value)) return undefined;
  if (value.type === "null") return `field 'hydra.${path.join(".")}' is not Optional`;
  return `Cannot assign ${value.type} to Dict[str, str]`;
}

/**
 * What OmegaConf says when `value` is assigned to the typed field of the
 * `hydra` node at `path` (`["job", "chdir"]`, under `hydra`), or undefined
 * when it converts (or the field is not a typed leaf).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { str } from "../node.ts";
 * import { hydraFieldError } from "./typed.ts";
 * assert.equal(hydraFieldError(["job", "chdir"], str("maybe")), "Value 'maybe' is not a valid bool (type str)");
 * assert.equal(hydraFieldError(["job", "chdir"], str("yes")), undefined);
 * assert.equal(hydraFieldError(["job", "env_set"], str("x")), "Cannot assign str to Dict[str, str]");
 * ```
 */
export function hydraFieldError(path: readonly string[], value: Node): string | undefined {
  const kind = FIELDS[path.join(".")];
  if (kind === "strmap") return strMapError(path, value);
  if (kind !== "bool" && kind !== "int") return undefined;
  if (value.kind === "value") {
    if (value.type === "null" || value.type === "missing" || isInterpolation(value)) {
      return undefined;
    }
    if (LEAF[kind](value) !== undefined || value.type === kind) return undefined;
  }
  const shown = pyStr(value);
  return kind === "bool"
    ? `Value '${shown}' is not a valid bool (type ${pyTypeName(value)})`
    : `Value '${shown}' of type '${pyTypeName(value)}' could not be converted to Integer`;
}

/**
 * The `hydra` node with its typed fields converted as OmegaConf converts
 * values assigned to HydraConf (a new node where something changed; the
 * input is not modified).
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
export function typeHydraNode(hydra: DictNode): DictNode {
  let out = hydra;
  for (const [path, kind] of Object.entries(FIELDS)) out = at(out, path.split("."), kind);
  return out;
}

/**
 * Hydra's `hydra` node is a structured config (HydraConf and its dataclasses:
 * RunDir, JobConf, ...), merged after the options of Hydra's groups and
 * before the primary config. What a config merged after it writes into a
 * typed node must fit: a key the dataclass does not have fails Hydra's
 * composition (`Key 'foo' not in 'HydraConf'`), and so does a value of the
 * wrong type (`hydra.job.chdir: maybe`). strata composes the node untyped,
 * then checks it here, as OmegaConf 2.2 would on that merge: compose fails on
 * the first misfit ({@link hydraSchemaError}), validation reports each.
 * (An option of a Hydra group, `conf/hydra/output/x.yaml`, merges before
 * the schema: OmegaConf keeps its extra keys, so they are not checked.)
 *
 * @module
 */

import { ErrorCode, StrataError } from "../errors.ts";
import { type DictNode, type Node, type Origin, originOf } from "../node.ts";
import { suggest } from "../suggest.ts";
import { keyOrigin } from "../yaml/columns.ts";
import type { Problem } from "../validate/problems.ts";
import type { HydraPlugin } from "./typed.ts";

/** A field's type: a dataclass (by name in {@link STRUCTS}) or a leaf kind. */
type Field = "str" | "bool?" | "int" | "list" | "any" | "RunMode" | "Dict[str, str]" | {
  struct: string;
} | { optional: "Dict[str, str]" };

const str = "str" as const;
const any = "any" as const;
const list = "list" as const;

/** Hydra 1.3's dataclasses of the `hydra` node, their fields and types (hydra/conf/__init__.py). */
const STRUCTS: Record<string, Record<string, Field>> = {
  HydraConf: {
    defaults: list,
    mode: "RunMode", // Optional[RunMode]
    searchpath: list,
    run: { struct: "RunDir" },
    sweep: { struct: "SweepDir" },
    hydra_logging: any,
    job_logging: any,
    sweeper: any,
    launcher: any,
    callbacks: any,
    help: { struct: "HelpConf" },
    hydra_help: { struct: "HydraHelpConf" },
    output_subdir: str,
    overrides: { struct: "OverridesConf" },
    job: { struct: "JobConf" },
    runtime: { struct: "RuntimeConf" },
    verbose: any,
  },
  RunDir: { dir: str },
  SweepDir: { dir: str, subdir: str },
  HelpConf: { app_name: str, header: str, footer: str, template: str },
  HydraHelpConf: { hydra_help: str, template: str },
  OverridesConf: { hydra: list, task: list },
  JobConf: {
    name: str,
    chdir: "bool?",
    override_dirname: str,
    id: str,
    num: "int",
    config_name: str,
    env_set: "Dict[str, str]",
    env_copy: list,
    config: { struct: "JobConfig" },
  },
  JobConfig: { override_dirname: { struct: "OverrideDirname" } },
  OverrideDirname: { kv_sep: str, item_sep: str, exclude_keys: list },
  RuntimeConf: {
    version: str,
    version_base: str,
    cwd: str,
    config_sources: list,
    output_dir: str,
    choices: any,
  },
  // typed when the option is Hydra's `basic` (typedPlugins): `sweeper: Any` in HydraConf otherwise
  BasicSweeperConf: {
    _target_: str,
    max_batch_size: "int", // Optional[int]
    params: { optional: "Dict[str, str]" },
  },
  BasicLauncherConf: { _target_: str },
};

/** The dataclass of each plugin node typed by Hydra's `basic` option. */
const PLUGIN_STRUCTS: Record<HydraPlugin, string> = {
  sweeper: "BasicSweeperConf",
  launcher: "BasicLauncherConf",
};

const BOOL_WORDS = new Set(["yes", "y", "on", "true", "no", "n", "off", "false"]);

/** The origin of a node: its own, or its first leaf's (a dict the YAML wrote has its keys' places). */
function firstOrigin(node: Node): Origin | undefined {
  if (node.origin) return originOf(node.origin);
  if (node.kind === "list") return node.items.length ? firstOrigin(node.items[0]) : undefined;
  if (node.kind === "dict") {
    for (const e of node.entries.values()) {
      const o = firstOrigin(e.node);
      if (o) return o;
    }
  }
  return undefined;
}

/** The place of an unknown key itself, read from its file (nodes keep their values' places). */
function keyAt(valueAt: Origin, key: string): Origin {
  try {
    return keyOrigin(Deno.readTextFileSync(valueAt.file!), valueAt, key) ?? valueAt;
  } catch {
    return valueAt;
  }
}

function pyType(node: Node): string {
  if (node.kind === "dict") return "DictConfig";
  if (node.kind === "list") return "ListConfig";
  return node.type === "float"
    ? "float"
    : node.type === "int"
    ? "int"
    : node.type === "bool"
    ? "bool"
    : "str";
}

function pyStr(node: Node): string {
  if (node.kind !== "value") return "";
  if (node.type === "bool") return node.value ? "True" : "False";
  return String(node.value);
}

function isInterpolation(node: Node): boolean {
  return node.kind === "value" && node.type === "str" && String(node.value).includes("${");
}

/**
 * What OmegaConf's EnumNode says of a value for `hydra.mode` (enum RunMode: RUN = 1,
 * MULTIRUN = 2): a member's name (also as `RunMode.RUN`) or value fits, case matters.
 * Null, `???` and interpolations are the caller's to let through.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { int, str } from "../node.ts";
 * import { runModeError } from "./schema.ts";
 * assert.equal(runModeError(str("RunMode.MULTIRUN")), undefined);
 * assert.equal(runModeError(int(2)), undefined);
 * assert.equal(runModeError(str("run")), "Invalid value 'run', expected one of [RUN, MULTIRUN]");
 * ```
 */
export function runModeError(node: Node): string | undefined {
  if (node.kind !== "value" || node.type === "float") {
    const v = node.kind !== "value"
      ? `of type '${pyType(node)}'`
      : `${Number.isInteger(node.value) ? `${node.value}.0` : pyStr(node)} (float)`;
    return `Value ${v} is not a valid input for <enum 'RunMode'>`;
  }
  const v = String(node.value);
  const ok = node.type === "int"
    ? v === "1" || v === "2"
    : node.type === "str" && /^(RunMode\.)?(RUN|MULTIRUN)$/.test(v);
  return ok ? undefined : `Invalid value '${pyStr(node)}', expected one of [RUN, MULTIRUN]`;
}

/**
 * What OmegaConf says of a value that is not a mapping merged into a `Dict[str, str]` field
 * (`hydra.job.env_set`); a mapping's entries are checked one by one (none may be null).
 */
function strDictError(node: Node, fullKey: string, optional: boolean): string | undefined {
  if (isInterpolation(node) || (node.kind === "value" && node.type === "missing")) return undefined;
  if (node.kind === "list") return "Cannot merge DictConfig with ListConfig";
  if (node.kind === "value") {
    if (node.type !== "null") return `Cannot assign ${pyType(node)} to Dict[str, str]`;
    return optional ? undefined : `field '${fullKey}' is not Optional`;
  }
  return undefined;
}

/** What OmegaConf says of `node` assigned to a field of type `field`, or undefined when it fits. */
function typeError(node: Node, field: Field): string | undefined {
  if (isInterpolation(node) || (node.kind === "value" && node.type === "missing")) return undefined;
  if (field === "any") return undefined;
  if (node.kind === "value" && node.type === "null") return undefined;
  if (field === "RunMode") return runModeError(node);
  if (typeof field === "object" && "struct" in field) {
    return node.kind === "dict"
      ? undefined
      : `Merge error: ${pyType(node)} is not a subclass of ${field.struct}. value: ${pyStr(node)}`;
  }
  if (field === "list") {
    if (node.kind === "list") return undefined;
    return node.kind === "dict"
      ? "Cannot merge DictConfig with ListConfig"
      : "Invalid value assigned: AnyNode is not a ListConfig, list or tuple.";
  }
  if (node.kind !== "value") {
    return field === "str"
      ? `Cannot convert '${pyType(node)}' to string`
      : `Value of type '${pyType(node)}' is not a valid ${field === "int" ? "int" : "bool"}`;
  }
  if (field === "int") {
    const ok = node.type === "int" ||
      (node.type === "str" && /^\s*[+-]?\d+(_\d+)*\s*$/.test(String(node.value)));
    return ok
      ? undefined
      : `Value '${pyStr(node)}' of type '${pyType(node)}' could not be converted to Integer`;
  }
  if (field === "bool?") {
    const v = String(node.value).trim().toLowerCase();
    const ok = node.type === "bool" || node.type === "int" ||
      (node.type === "str" && (BOOL_WORDS.has(v) || /^[+-]?\d+$/.test(v)));
    return ok ? undefined : `Value '${pyStr(node)}' is not a valid bool (type ${pyType(node)})`;
  }
  return undefined; // str: any scalar converts
}

/**
 * Checks what configs merged after Hydra's schema (`mergedAfter(file)`)
 * wrote into the typed parts of the `hydra` node; each misfit is a problem
 * at the place it was written, with did-you-mean for an unknown key.
 * `plugins`: the plugin nodes typed by Hydra's `basic` options (`hydra.sweeper`
 * as BasicSweeperConf when `hydra/sweeper` is `basic`; {@link typedPlugins}).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkHydraSchema } from "./schema.ts";
 * import { loadYaml } from "../yaml/load.ts";
 * const hydra = loadYaml("jobb: {}\njob:\n  chdir: maybe\n  num: 3\n", { file: "c.yaml" }) as never;
 * const out: import("../validate/problems.ts").Problem[] = [];
 * checkHydraSchema(hydra, () => true, out);
 * assert.deepEqual(out.map((p) => [p.origin?.line, p.fullKey, p.message, p.suggestions]), [
 *   [1, "hydra.jobb", "Key 'jobb' not in 'HydraConf'", ["job"]], // no c.yaml to read the key's place from
 *   [3, "hydra.job.chdir", "Value 'maybe' is not a valid bool (type str)", undefined],
 * ]);
 * ```
 */
export function checkHydraSchema(
  hydra: DictNode,
  mergedAfter: (file: string) => boolean,
  out: Problem[],
  plugins: ReadonlySet<HydraPlugin> = new Set(),
): void {
  const visit = (node: DictNode, struct: string, key: string) => {
    const fields = STRUCTS[struct];
    for (const e of node.entries.values()) {
      const name = String(e.key);
      const fullKey = `${key}.${name}`;
      const origin = firstOrigin(e.node);
      const written = origin?.file !== undefined && origin.override === undefined &&
        !origin.file.includes("://") && mergedAfter(origin.file);
      const plugin = struct === "HydraConf" && plugins.has(name as HydraPlugin)
        ? PLUGIN_STRUCTS[name as HydraPlugin]
        : undefined;
      const field: Field | undefined = plugin
        ? { struct: plugin }
        : Object.hasOwn(fields, name)
        ? fields[name]
        : undefined;
      if (field === undefined) {
        if (!written) continue;
        const near = suggest(name, Object.keys(fields));
        out.push({
          severity: "error",
          code: "hydra-schema",
          message: `Key '${name}' not in '${struct}'`,
          fullKey,
          origin: keyAt(origin!, name),
          ...(near.length ? { suggestions: near } : {}),
        });
        continue;
      }
      if (typeof field === "object" && "struct" in field && e.node.kind === "dict") {
        visit(e.node, field.struct, fullKey);
        continue;
      }
      const optionalMap = typeof field === "object" && "optional" in field;
      const map = field === "Dict[str, str]" || optionalMap;
      if (map && e.node.kind === "dict") {
        // Hydra's own `env_set: {}` holds the entries: each is checked where it was written
        for (const v of e.node.entries.values()) {
          const at = originOf(v.node.origin);
          const mine = at?.file !== undefined && at.override === undefined &&
            !at.file.includes("://") && mergedAfter(at.file);
          if (mine && v.node.kind === "value" && v.node.type === "null") {
            const k = `${fullKey}.${String(v.key)}`;
            out.push({
              severity: "error",
              code: "hydra-schema",
              message: `field '${k}' is not Optional`,
              fullKey: k,
              origin: at,
            });
          }
        }
        continue;
      }
      const wrong = written
        ? map ? strDictError(e.node, fullKey, optionalMap) : typeError(e.node, field)
        : undefined;
      if (wrong) {
        out.push({ severity: "error", code: "hydra-schema", message: wrong, fullKey, origin });
      }
    }
  };
  visit(hydra, "HydraConf", "hydra");
}

/** The messages OmegaConf raises as a ConfigKeyError or ConfigTypeError: Hydra does not wrap them. */
const NOT_VALIDATION = /^(Key '.*' not in '|Cannot merge DictConfig with ListConfig)/;

/**
 * The error Hydra's composition fails with when a config merged after its
 * schema writes what HydraConf refuses into the `hydra` node: the first misfit
 * in the node's order, at the place it was written, with its full key
 * (`hydra.foo`). `configOf(file)` is the config path of a file merged after the
 * schema, undefined for one merged before it (an option of Hydra's groups). A
 * ValidationError is worded as Hydra wraps it (`In 'config': Validation error
 * while composing config:`); an unknown key is OmegaConf's ConfigKeyError.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { hydraSchemaError } from "./schema.ts";
 * import { loadYaml } from "../yaml/load.ts";
 * const hydra = loadYaml("job:\n  chdir: maybe\n", { file: "c.yaml" }) as never;
 * const e = hydraSchemaError(hydra, () => "config");
 * assert.equal(e?.fullKey, "hydra.job.chdir");
 * assert.equal(e?.message, "In 'config': Validation error while composing config:\nValue 'maybe' is not a valid bool (type str)");
 * assert.equal(hydraSchemaError(hydra, () => undefined), undefined);
 * ```
 */
export function hydraSchemaError(
  hydra: DictNode,
  configOf: (file: string) => string | undefined,
  plugins: ReadonlySet<HydraPlugin> = new Set(),
): StrataError | undefined {
  const found: Problem[] = [];
  checkHydraSchema(hydra, (file) => configOf(file) !== undefined, found, plugins);
  const p = found[0];
  if (!p) return undefined;
  const config = p.origin?.file === undefined ? undefined : configOf(p.origin.file);
  const message = NOT_VALIDATION.test(p.message) || config === undefined
    ? p.message
    : `In '${config}': Validation error while composing config:\n${p.message}`;
  return new StrataError(ErrorCode.Composition, message, {
    fullKey: p.fullKey,
    origin: p.origin,
    suggestions: p.suggestions,
  });
}

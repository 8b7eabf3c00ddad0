/**
 * Reads a config's `defaults` list into unbound entries: `_self_`, config
 * paths, and group choices with their `optional`/`override` keywords and
 * `@package`.
 *
 * @module
 */

import { ErrorCode, StrataError } from "../errors.ts";
import {
  type DictNode,
  keyText,
  type ListNode,
  type Node,
  type NodeOrigin,
  type Origin,
  originOf,
} from "../node.ts";
import { pyRepr } from "../resolve/pystr.ts";
import { pyStrOfLeaf } from "../pyformat.ts";
import { ConfigDefault, GroupDefault, type InputDefault } from "./element.ts";

/** A defaults list entry as written; {@link instantiate} makes a fresh element of it. */
export type RawDefault =
  | { kind: "config"; path: string; package: string | null; origin?: Origin }
  | {
    kind: "group";
    group: string;
    value: string | string[] | null;
    package: string | null;
    optional: boolean;
    override: boolean;
    origin?: Origin;
    /** Where the group key was written (`db` of `- db: mysql`); `origin` is the value's. */
    keyOrigin?: Origin;
    /** Where each item of an options list was written (`- callbacks: [a, b]`). */
    itemOrigins?: (Origin | undefined)[];
    /**
     * Hydra 1.1's `optional: true` beside the group (`- db: mysql` then `optional: true`): what
     * version_base < 1.2 takes (with a deprecation warning) and 1.2+ refuses, as `error` says.
     * The defaults tree decides, knowing the version (./defaults_tree.ts).
     */
    legacyOptional?: { optional: boolean; warning: string; error: StrataError };
    /** Words before the group that are no keyword (`overide /model`), which Hydra ignores. */
    ignoredWords?: string[];
  };

/**
 * Python's type name of a config node, as Hydra's messages show it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict, nil } from "../../engine.ts";
 * import { pyTypeName } from "./defaults_parse.ts";
 * assert.equal(pyTypeName(dict()), "DictConfig");
 * assert.equal(pyTypeName(nil()), "NoneType");
 * ```
 */
export function pyTypeName(node: Node): string {
  if (node.kind === "dict") return "DictConfig";
  if (node.kind === "list") return "ListConfig";
  switch (node.type) {
    case "null":
      return "NoneType";
    case "missing":
      return "str";
    default:
      return node.type;
  }
}

function valueError(message: string, origin?: NodeOrigin): StrataError {
  return new StrataError(ErrorCode.Value, message, { fullKey: "defaults", origin });
}

function splitPackage(key: string): [string, string | null] {
  const at = key.indexOf("@");
  if (at === -1) return [key, null];
  let pkg = key.slice(at + 1);
  // `group@pkg1:pkg2` (a 1.0 rename): Hydra 1.3 keeps only the first package.
  const colon = pkg.indexOf(":");
  if (colon !== -1) pkg = pkg.slice(0, colon);
  return [key.slice(0, at), pkg];
}

function readGroupItem(item: DictNode, path: string): RawDefault {
  // Hydra 1.1's `- db: mysql` with `optional: true` beside it is, from version_base 1.2 on, an
  // item with two keys like any other; below 1.2, Hydra 1.3 takes it with a deprecation warning
  let entries = [...item.entries.values()];
  let legacyOptional: { optional: boolean; warning: string; error: StrataError } | undefined;
  if (entries.length > 1) {
    // the item as Python's str() of it shows its values: `{'db': 'mysql', 'x': 'y'}`
    const message = `In ${path}: Too many keys in default item ${pyRepr(item)}`;
    // `optional: true` beside the group: say how Hydra 1.2+ spells it
    const opt = entries.length === 2 ? entries.findIndex((e) => e.key === "optional") : -1;
    const group = opt >= 0 ? entries[1 - opt] : undefined;
    const hint = group?.node.kind === "value"
      ? ` (Hydra 1.1's 'optional: true': write '- optional ${keyText(group.key)}: ${
        pyStrOfLeaf(group.node)
      }' instead)`
      : "";
    const error = valueError(message + hint, item.origin);
    if (group === undefined) throw error;
    const flag = entries[opt].node;
    legacyOptional = {
      // Python's truth of the value Hydra pops (`optional: false` leaves it required)
      optional: flag.kind === "value" && Boolean(flag.value) && flag.type !== "missing",
      warning:
        `In ${path}: 'optional: true' is deprecated.\nUse 'optional ${keyText(group.key)}: ` +
        `${
          group.node.kind === "value" ? pyStrOfLeaf(group.node) : pyRepr(group.node)
        }' instead.\n` +
        "Support for the old style is removed for Hydra version_base >= 1.2",
      error,
    };
    entries = [group];
  }
  if (entries.length === 0) throw valueError(`In ${path}: Missing group name in {}`, item.origin);
  const { key, node } = entries[0];
  const words = String(key).split(" ");
  const groupWithPkg = words.at(-1)!;
  let optional = false;
  let override = false;
  const before = words.slice(0, -1);
  for (const w of before) {
    if (w === "optional") optional = true;
    else if (w === "override") override = true;
    else break;
  }
  // words Hydra's _extract_keywords_from_config_group passes over (`overide`): kept for hints
  const ignoredWords = before.filter((w) => w !== "optional" && w !== "override" && w !== "");
  const [group, pkg] = splitPackage(groupWithPkg);
  let value: string | string[] | null;
  if (node.kind === "value" && (node.type === "str" || node.type === "missing")) {
    value = node.type === "missing" ? "???" : node.value as string;
  } else if (node.kind === "value" && node.type === "null") value = null;
  else if (node.kind === "list") {
    value = node.items.map((v) => {
      if (v.kind !== "value" || (v.type !== "str" && v.type !== "missing")) {
        throw valueError(
          `Unsupported item value in defaults : ${
            pyTypeName(v)
          }, nested list items must be strings`,
          v.origin,
        );
      }
      return v.type === "missing" ? "???" : v.value as string;
    });
  } else {
    throw valueError(
      `Unsupported item value in defaults : ${pyTypeName(node)}. Supported: string or list`,
      node.origin,
    );
  }
  return {
    kind: "group",
    group,
    value,
    package: pkg,
    optional,
    override,
    // entries (and the defaults tree users see) keep decoded origins
    origin: originOf(node.origin ?? item.origin),
    keyOrigin: originOf(item.origin),
    ...(node.kind === "list" ? { itemOrigins: node.items.map((v) => originOf(v.origin)) } : {}),
    ...(legacyOptional ? { legacyOptional } : {}),
    ...(ignoredWords.length > 0 ? { ignoredWords } : {}),
  };
}

/**
 * Removes `defaults` from a loaded config and returns its entries.
 *
 * @throws {StrataError} `value` for a defaults list that is not a list or has
 *   entries Hydra refuses (too many keys, non-string options, `_self_@pkg`).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml } from "../../engine.ts";
 * import { readDefaults } from "./defaults_parse.ts";
 * const cfg = loadYaml("defaults:\n  - db: mysql\n  - _self_\n");
 * assert.equal(readDefaults(cfg, "config").defaults.length, 2);
 * ```
 */
export function readDefaults(
  config: DictNode | ListNode,
  path: string,
  file?: string,
): { defaults: RawDefault[]; hasDefaults: boolean } {
  if (config.kind !== "dict") return { defaults: [], hasDefaults: false };
  const entry = config.entries.get("defaults");
  if (!entry) return { defaults: [], hasDefaults: false };
  config.entries.delete("defaults");
  const list = entry.node;
  if (list.kind !== "list") {
    const type = list.kind === "dict" ? "mapping" : pyTypeName(list);
    throw valueError(
      `Invalid defaults list in '${path}', defaults must be a list (got ${type})`,
      list.origin ?? (file ? { file } : undefined),
    );
  }
  const defaults = list.items.map((item): RawDefault => {
    if (item.kind === "dict") return readGroupItem(item, path);
    if (item.kind === "value" && (item.type === "str" || item.type === "missing")) {
      const text = item.type === "missing" ? "???" : item.value as string;
      const [p, pkg] = splitPackage(text);
      if (p === "_self_" && pkg !== null) {
        throw valueError("_self_@PACKAGE is not supported", item.origin);
      }
      return { kind: "config", path: p, package: pkg, origin: originOf(item.origin) };
    }
    throw valueError(`Unsupported type in defaults : ${pyTypeName(item)}`, item.origin);
  });
  return { defaults, hasDefaults: true };
}

/**
 * A fresh element for a raw entry (elements are mutated while the tree is built).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { instantiate } from "./defaults_parse.ts";
 * assert.ok(instantiate({ kind: "config", path: "_self_", package: null }).isSelf());
 * ```
 */
export function instantiate(raw: RawDefault): InputDefault {
  if (raw.kind === "config") {
    const d = new ConfigDefault(raw.path, raw.package);
    d.origin = raw.origin;
    return d;
  }
  const d = new GroupDefault(
    raw.group,
    Array.isArray(raw.value) ? [...raw.value] : raw.value,
    raw.package,
  );
  d.optional = raw.optional;
  d.override = raw.override;
  d.origin = raw.origin;
  d.keyOrigin = raw.keyOrigin;
  if (raw.itemOrigins) d.itemOrigins = raw.itemOrigins;
  if (raw.ignoredWords) d.ignoredWords = raw.ignoredWords;
  return d;
}

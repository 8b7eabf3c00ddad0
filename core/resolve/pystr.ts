/**
 * Python's `str()` of config nodes as OmegaConf prints them inside string
 * interpolations: leaves as `str(x)`, containers as the repr of their raw
 * (unresolved) content, e.g. `{'x': '${a}', 'y': 1e-05}`.
 *
 * @module
 */

import { pyFloatRepr, pyStrOfLeaf, pyStrRepr } from "../pyformat.ts";
import { FloatKey, type Key, type Node } from "../node.ts";

function keyRepr(key: Key): string {
  if (typeof key === "string") return pyStrRepr(key);
  if (key === null) return "None";
  if (typeof key === "boolean") return key ? "True" : "False";
  if (key instanceof FloatKey) return pyFloatRepr(key.value);
  return String(key);
}

/**
 * `repr()` of a node: strings quoted, containers recursively.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { int, list, str } from "../../engine.ts";
 * import { pyRepr } from "./pystr.ts";
 * assert.equal(pyRepr(list([int(1), str("a")])), "[1, 'a']");
 * ```
 */
export function pyRepr(node: Node): string {
  if (node.kind === "list") return "[" + node.items.map(pyRepr).join(", ") + "]";
  if (node.kind === "dict") {
    const items = [...node.entries.values()].map((e) => `${keyRepr(e.key)}: ${pyRepr(e.node)}`);
    return "{" + items.join(", ") + "}";
  }
  if (node.type === "str") return pyStrRepr(node.value as string);
  if (node.type === "missing") return "'???'";
  return pyStrOfLeaf(node);
}

/**
 * `str()` of a node: leaves as Python prints them, containers as their repr.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { float } from "../../engine.ts";
 * import { pyStr } from "./pystr.ts";
 * assert.equal(pyStr(float(1e-5)), "1e-05");
 * ```
 */
export function pyStr(node: Node): string {
  if (node.kind !== "value") return pyRepr(node);
  return pyStrOfLeaf(node);
}

/**
 * Python's type name of a value node (`int`, `str`, `DictConfig`...).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { int } from "../../engine.ts";
 * import { pyType } from "./pystr.ts";
 * assert.equal(pyType(int(1)), "int");
 * ```
 */
export function pyType(n: Node): string {
  if (n.kind === "dict") return "DictConfig";
  if (n.kind === "list") return "ListConfig";
  return {
    int: "int",
    float: "float",
    str: "str",
    bool: "bool",
    null: "NoneType",
    missing: "str",
    bytes: "bytes",
  }[
    n.type
  ];
}

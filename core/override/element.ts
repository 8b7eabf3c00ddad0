/**
 * Converts between the grammar's {@link ParsedElement} and the config tree's
 * {@link Node} (Hydra's `Override._convert_value`: quotes dropped, dict keys
 * kept typed, duplicate keys collapsed as a Python dict does).
 *
 * @module
 */

import { bool, dict, float, FloatKey, int, type Key, list, nil, type Node, str } from "../node.ts";
import type { ElementValue, ParsedElement } from "./types.ts";

/** A dict key as node.ts keys it (Python: `1`, `1.0` and `True` are one key). */
function toKey(pe: ParsedElement): Key {
  switch (pe.t) {
    case "int":
      return pe.v;
    case "float":
      return new FloatKey(pe.v);
    case "bool":
      return pe.v;
    case "null":
      return null;
    case "str":
    case "quoted":
      return pe.v;
    default:
      // lists and dicts cannot be keys: the grammar never produces them here
      return JSON.stringify(pe);
  }
}

/**
 * The typed config node of a parsed element.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { toNode } from "./element.ts";
 * assert.deepEqual(toNode({ t: "quoted", v: "a b", quote: "'" }), { kind: "value", type: "str", value: "a b" });
 * ```
 */
export function toNode(pe: ParsedElement): Node {
  switch (pe.t) {
    case "int":
      return int(pe.v);
    case "float":
      return float(pe.v);
    case "bool":
      return bool(pe.v);
    case "null":
      return nil();
    case "str":
    case "quoted":
      return str(pe.v);
    case "list":
      return list(pe.v.map(toNode));
    case "dict":
      return dict(pe.v.map(([k, v]) => [toKey(k), toNode(v)]));
  }
}

/**
 * The parsed element of a plain node (for values built outside the grammar):
 * strings become unquoted strings.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { int } from "../../engine.ts";
 * import { fromNode } from "./element.ts";
 * assert.deepEqual(fromNode(int(3)), { t: "int", v: 3 });
 * ```
 */
export function fromNode(node: Node): ParsedElement {
  if (node.kind === "list") return { t: "list", v: node.items.map(fromNode) };
  if (node.kind === "dict") {
    return {
      t: "dict",
      v: [...node.entries.values()].map((e) => [keyElement(e.key), fromNode(e.node)]),
    };
  }
  switch (node.type) {
    case "int":
      return { t: "int", v: node.value as number | bigint };
    case "float":
      return { t: "float", v: node.value as number };
    case "bool":
      return { t: "bool", v: node.value as boolean };
    case "null":
      return { t: "null" };
    case "missing":
      return { t: "str", v: "???" };
    default:
      return { t: "str", v: String(node.value) };
  }
}

function keyElement(key: Key): ParsedElement {
  if (key === null) return { t: "null" };
  if (typeof key === "boolean") return { t: "bool", v: key };
  if (key instanceof FloatKey) return { t: "float", v: key.value };
  if (typeof key === "number" || typeof key === "bigint") return { t: "int", v: key };
  return { t: "str", v: key };
}

/**
 * An {@link ElementValue} from a parsed element.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { elementValue } from "./element.ts";
 * assert.deepEqual(elementValue({ t: "int", v: 1 }).node, { kind: "value", type: "int", value: 1 });
 * ```
 */
export function elementValue(pe: ParsedElement): ElementValue {
  return { kind: "element", node: toNode(pe), parsed: pe };
}

/**
 * The parsed form of an element value (derived from its node when absent).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { str } from "../../engine.ts";
 * import { parsedOf } from "./element.ts";
 * assert.deepEqual(parsedOf({ kind: "element", node: str("x") } as never), { t: "str", v: "x" });
 * ```
 */
export function parsedOf(value: ElementValue): ParsedElement {
  return value.parsed ?? fromNode(value.node);
}

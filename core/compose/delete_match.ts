/**
 * Whether `~key=value` may delete: Hydra's `value != config_val`, where
 * `config_val` is the config's node (a DictConfig or ListConfig for a
 * container) and OmegaConf compares containers item by item
 * (`BaseContainer._item_eq`): an interpolation inside the config's container
 * is read (dereferenced) before it is compared, one that does not resolve
 * reads as `None`, and two interpolations compare as written when either
 * cannot be read. The override's value is a standalone config there, so an
 * interpolation in it names keys it does not hold: it is taken as unreadable.
 *
 * @module
 */

import { isInterpolation, type Key, type Node } from "../node.ts";

/** A bool, int or float leaf as a number Python compares: `True == 1`, `1 == 1.0`. */
function pyNumber(n: Node): number | bigint | undefined {
  if (n.kind !== "value") return undefined;
  if (n.type === "bool") return n.value ? 1 : 0;
  if (n.type === "int" || n.type === "float") return n.value as number | bigint;
  return undefined;
}

/**
 * Python `==` between the override's value and a config value with no
 * interpolation left: `True == 1`, `0 == False`, `1 == 1.0`, a list or dict
 * equal item by item (ListConfig and DictConfig compare with plain ones).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { bool, float, int, list } from "../node.ts";
 * import { sameValue } from "./delete_match.ts";
 * assert.equal(sameValue(int(1), bool(true)), true);
 * assert.equal(sameValue(list([int(1), float(2)]), list([float(1), int(2)])), true);
 * ```
 */
export function sameValue(a: Node, b: Node): boolean {
  if (a.kind === "list" || b.kind === "list") {
    return a.kind === "list" && b.kind === "list" && a.items.length === b.items.length &&
      a.items.every((x, i) => sameValue(x, b.items[i]));
  }
  if (a.kind === "dict" || b.kind === "dict") {
    if (a.kind !== "dict" || b.kind !== "dict" || a.entries.size !== b.entries.size) return false;
    for (const [k, e] of a.entries) {
      const other = b.entries.get(k);
      if (!other || !sameValue(e.node, other.node)) return false;
    }
    return true;
  }
  const x = pyNumber(a), y = pyNumber(b);
  if (x !== undefined && y !== undefined) {
    if (typeof x === "bigint" || typeof y === "bigint") {
      const int = (v: number | bigint) =>
        typeof v === "bigint" ? v : Number.isInteger(v) ? BigInt(v) : undefined;
      return int(x) !== undefined && int(x) === int(y);
    }
    return x === y;
  }
  if (a.type === "null" || b.type === "null") return a.type === b.type;
  // str (and "???", which OmegaConf reads as a str here) only equals str
  const text = (n: typeof a) => n.type === "missing" ? "???" : n.type === "str" ? n.value : null;
  return text(a) !== null && text(a) === text(b);
}

const isNull = (n: Node) => n.kind === "value" && n.type === "null";
const isMissing = (n: Node) => n.kind === "value" && n.type === "missing";

/**
 * OmegaConf's `_item_eq` of the config's item at `at` (`cur`) and the
 * override's (`want`); `read` dereferences a config interpolation (undefined
 * when it does not resolve).
 */
function itemEq(
  cur: Node,
  at: Key[],
  want: Node,
  read: (at: Key[]) => Node | undefined,
): boolean {
  if (isNull(cur) && isNull(want)) return true;
  if (isMissing(cur) && isMissing(want)) return true;
  const curInter = isInterpolation(cur);
  if (isInterpolation(want)) {
    // want cannot be read: two interpolations compare as written, and an
    // unreadable one is None (equal to a None config value)
    return curInter
      ? cur.kind === "value" && cur.value === (want as typeof cur).value
      : isNull(cur);
  }
  if (curInter) {
    const value = read(at);
    return value === undefined ? isNull(want) : sameValue(want, value);
  }
  return containerEq(cur, at, want, read);
}

function containerEq(
  cur: Node,
  at: Key[],
  want: Node,
  read: (at: Key[]) => Node | undefined,
): boolean {
  if (cur.kind === "list" && want.kind === "list") {
    return cur.items.length === want.items.length &&
      cur.items.every((x, i) => itemEq(x, [...at, i], want.items[i], read));
  }
  if (cur.kind === "dict" && want.kind === "dict") {
    if (cur.entries.size !== want.entries.size) return false;
    for (const [k, e] of cur.entries) {
      const other = want.entries.get(k);
      if (!other || !itemEq(e.node, [...at, e.key], other.node, read)) return false;
    }
    return true;
  }
  return sameValue(want, cur);
}

/**
 * Whether the config's value `current` at `path` equals the override's
 * `want`, as Hydra's `~key=value` compares them (see the module's comment).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict, int, str } from "../node.ts";
 * import { deleteValueMatches } from "./delete_match.ts";
 * const d = dict([["a", str("${y}")]]); // d: {a: ${y}}, with y: 3
 * const read = () => int(3);
 * assert.equal(deleteValueMatches(d, ["d"], dict([["a", int(3)]]), read), true);
 * assert.equal(deleteValueMatches(d, ["d"], dict([["a", int(4)]]), read), false);
 * ```
 */
export function deleteValueMatches(
  current: Node,
  path: Key[],
  want: Node,
  read: (at: Key[]) => Node | undefined,
): boolean {
  return containerEq(current, path, want, read);
}

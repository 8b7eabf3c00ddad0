/**
 * The difference of two configs, leaf by leaf: changed, added and removed
 * keys with both values and where each came from. `1` and `1.0` differ, as
 * do `"1"` and `1`; empty dicts and lists are leaves.
 *
 * @module
 */

import { FloatKey, fullKey, isInterpolation, joinFullKey, type Key, type Node } from "../node.ts";
import { splitKey } from "../ops/select.ts";
import { references } from "./through.ts";
import { type Leaf, leaves, pathText } from "../output/flat.ts";
import { nodeAt } from "../ops/walk.ts";

/** One difference between config A and config B. */
export interface Change {
  /** The full key (`optimizer.betas[0]`). */
  key: string;
  /** What happened to the key from A to B. */
  change: "changed" | "added" | "removed";
  /** The node in A (absent when added). */
  a?: Node;
  /** The node in B (absent when removed). */
  b?: Node;
}

/** A tree's leaves by their key text: `[a.b]` (a key holding a dot) and `a.b` are two, not one. */
function byKey(n: Node): Map<string, Node> {
  return new Map(leaves(n).map((l) => [pathText(l), l.node]));
}

/** The kind of a dict key, as OmegaConf tells `0` from `"0"` (`classes[1]` misses a str key). */
function keyKind(k: Key): string {
  if (typeof k === "string") return "str";
  if (k === null) return "None";
  if (typeof k === "boolean") return "bool";
  return k instanceof FloatKey ? "float" : "int";
}

/** Each leaf's dict keys' kinds along its path, by key text (list indexes left out). */
function keyKinds(n: Node): Map<string, string[]> {
  return new Map(
    leaves(n).map((l) => [pathText(l), l.path.map((k, i) => l.indexes[i] ? "" : keyKind(k))]),
  );
}

/**
 * Whether two leaves hold the same typed value (NaN equals NaN here).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sameLeaf } from "./diff.ts";
 * import { float, int } from "../node.ts";
 * assert.equal(sameLeaf(int(1), float(1)), false);
 * assert.equal(sameLeaf(float(NaN), float(NaN)), true);
 * ```
 */
export function sameLeaf(a: Node, b: Node): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind !== "value" || b.kind !== "value") return true; // both empty containers
  return a.type === b.type && (Object.is(a.value, b.value) || a.value === b.value);
}

/**
 * The changes from A to B: A's keys in A's order (changed, removed), then the
 * keys only B has, in B's order. A key holding a dot is written in brackets
 * (`[a.b]`, as `strata explain` and `OmegaConf.select` read it), apart from
 * the nested `a.b`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { diffConfigs } from "./diff.ts";
 * import { loadYaml } from "../yaml/load.ts";
 * const d = diffConfigs(loadYaml("lr: 1\nx: a"), loadYaml("lr: 1.0\ny: [2]"));
 * assert.deepEqual(d.map((c) => [c.key, c.change]), [
 *   ["lr", "changed"], ["x", "removed"], ["y[0]", "added"],
 * ]);
 * assert.deepEqual(diffConfigs(loadYaml("{}"), loadYaml("a: 1")).map((c) => c.key), ["a"]);
 * ```
 */
export function diffConfigs(a: Node, b: Node): Change[] {
  const left = byKey(a);
  const right = byKey(b);
  // an empty config is one leaf, its root (key ""): against a config with
  // keys it is no removed key, only the absence of theirs
  for (const [side, other] of [[left, right], [right, left]]) {
    if (side.has("") && !other.has("")) side.delete("");
  }
  // a key that is a container on one side and a leaf on the other (`a: [1, 2]`, `a: ${b}`) is
  // one change at that key, not its items removed and a leaf added
  const whole = new Map<string, Change>();
  const below = new Map<string, string>();
  const emptied = new Set<string>();
  for (
    const [side, other, root, otherRoot, fromA] of [
      [left, right, a, b, true],
      [right, left, b, a, false],
    ] as const
  ) {
    for (const leaf of leaves(root)) {
      const key = pathText(leaf);
      if (key === "" || other.has(key)) continue;
      const container = nodeAt(otherRoot, leaf.path);
      if (container === undefined || container.kind === "value") continue;
      const inside = [...other.keys()].filter((k) => isBelow(k, key));
      if (inside.length === 0) continue;
      const node = side.get(key)!;
      // an empty dict filled on the other side (`pe: {}`, then `+pe@x.pe.sg=sg`): its keys are
      // added (or removed) with their own origins, not one change placed at the `{}` (checker
      // x24: diff credited the option's keys to the file that wrote `{}`); a list is replaced
      // whole, one change
      if (node.kind === "dict" && container.kind === "dict") {
        emptied.add(key);
        continue;
      }
      whole.set(
        key,
        fromA
          ? { key, change: "changed", a: node, b: container }
          : { key, change: "changed", a: container, b: node },
      );
      for (const k of inside) below.set(k, key);
    }
  }
  const out: Change[] = [];
  const said = new Set<string>();
  const say = (key: string) => {
    if (said.has(key)) return;
    said.add(key);
    out.push(whole.get(key)!);
  };
  for (const [key, node] of left) {
    if (emptied.has(key)) continue;
    if (whole.has(key)) say(key);
    else if (below.has(key)) say(below.get(key)!);
    else {
      const other = right.get(key);
      if (other === undefined) out.push({ key, change: "removed", a: node });
      else if (!sameLeaf(node, other)) out.push({ key, change: "changed", a: node, b: other });
    }
  }
  for (const [key, node] of right) {
    if (whole.has(key) || below.has(key) || emptied.has(key)) continue;
    if (!left.has(key)) out.push({ key, change: "added", b: node });
  }
  return withKeyKinds(out, a, b, left, right);
}

/**
 * A key written alike on both sides that is another kind of key on each (`0:` against `"0":`,
 * which OmegaConf tells apart): removed and added, each said with its kind, instead of the same.
 */
function withKeyKinds(
  out: Change[],
  a: Node,
  b: Node,
  left: Map<string, Node>,
  right: Map<string, Node>,
): Change[] {
  const kindsA = keyKinds(a);
  const kindsB = keyKinds(b);
  const split = new Map<string, Change[]>();
  for (const [key, ka] of kindsA) {
    const kb = kindsB.get(key);
    if (kb === undefined || ka.join() === kb.join()) continue;
    const at = ka.findIndex((k, i) => k !== kb[i]);
    split.set(key, [
      { key: `${key} (${ka[at]} key)`, change: "removed", a: left.get(key)! },
      { key: `${key} (${kb[at]} key)`, change: "added", b: right.get(key)! },
    ]);
  }
  if (split.size === 0) return out;
  // in A's key order, as the other changes are (B's own keys after)
  const order = new Map([...kindsA.keys()].map((k, i) => [k, i]));
  const placed = [
    ...out.filter((c) => !split.has(c.key)).map((c) => ({ at: order.get(c.key), c })),
    ...[...split].flatMap(([key, s]) => s.map((c) => ({ at: order.get(key), c }))),
  ];
  const rank = (at: number | undefined) => at ?? Number.MAX_SAFE_INTEGER;
  return placed.sort((x, y) => rank(x.at) - rank(y.at)).map((p) => p.c);
}

/** Whether the leaf key `k` lies under the key `key` (`a.b` and `a[0]` under `a`). */
function isBelow(k: string, key: string): boolean {
  return k.length > key.length && k.startsWith(key) &&
    (k[key.length] === "." || k[key.length] === "[");
}

/**
 * A key whose written value is the same interpolation on both sides but
 * whose resolved value differs (`exp_name: ${env.name}_SAC` with another
 * `env.name`): a {@link Change} of the resolved configs.
 */
export interface ResolvedChange extends Change {
  /** The key both sides write the interpolation at (`model` for `model.x` of `model: ${big}`). */
  writtenKey: string;
  /** The interpolation each side writes there (the same text). */
  written: { a: Node; b: Node };
}

/**
 * The leaves of A that hold an interpolation B writes the same at their key, with B's node.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sharedInterpolations } from "./diff.ts";
 * import { loadYaml } from "../yaml/load.ts";
 * const s = sharedInterpolations(loadYaml("a: ${x}\nb: ${x}\nc: 1"), loadYaml("a: ${x}\nb: ${y}\nc: 1"));
 * assert.deepEqual(s.map((i) => i.leaf.path), [["a"]]);
 * ```
 */
export function sharedInterpolations(a: Node, b: Node): { leaf: Leaf; other: Node }[] {
  const right = byKey(b);
  return leaves(a).flatMap((leaf) => {
    const other = right.get(pathText(leaf));
    const same = other !== undefined && sameLeaf(leaf.node, other);
    return same && isInterpolation(leaf.node) ? [{ leaf, other }] : [];
  });
}

/**
 * The changes {@link diffConfigs} does not show: keys each side writes as
 * the same interpolation (`a` and `b`, as written) whose values differ in
 * the resolved configs (`resolvedA`, `resolvedB`). A value that one side
 * kept unresolved (still its interpolation text there: a resolver the app
 * registers, an unset `${oc.env:...}`) is left out: nothing says what it is.
 * A node interpolation (`model: ${models.big}`) gives its resolved keys
 * (`model.depth`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { resolvedChanges } from "./diff.ts";
 * import { loadYaml } from "../yaml/load.ts";
 * const written = (env: string) => loadYaml(`env: ${env}\nname: \${env}_SAC\nk: \${py:x}`);
 * const d = resolvedChanges(
 *   written("cheetah"), written("walker"),
 *   loadYaml("env: cheetah\nname: cheetah_SAC\nk: ${py:x}"),
 *   loadYaml("env: walker\nname: walker_SAC\nk: 1"),
 * );
 * assert.deepEqual(d.map((c) => [c.key, c.change, c.writtenKey]), [["name", "changed", "name"]]);
 * ```
 */
export function resolvedChanges(
  a: Node,
  b: Node,
  resolvedA: Node,
  resolvedB: Node,
): ResolvedChange[] {
  const out: ResolvedChange[] = [];
  for (const { leaf, other } of sharedInterpolations(a, b)) {
    // every two runs differ there: their time and their dir (lightning-hydra-template's
    // `paths.output_dir: ${hydra:runtime.output_dir}`, and what reads it)
    const text = String(leaf.node.kind === "value" ? leaf.node.value : "");
    if (readsRunTimeOrDir(a, text, leaf.path)) continue;
    const ra = nodeAt(resolvedA, leaf.path);
    const rb = nodeAt(resolvedB, leaf.path);
    if (ra === undefined || rb === undefined) continue;
    if (sameLeaf(ra, leaf.node) || sameLeaf(rb, other)) continue; // kept unresolved
    const writtenKey = pathText(leaf);
    for (const c of diffConfigs(ra, rb)) {
      out.push({
        ...c,
        // a sub-key of the resolved value (`x`, `[0]`, `` for the value itself) under its key
        key: joinFullKey(writtenKey, c.key),
        writtenKey,
        written: { a: leaf.node, b: other },
      });
    }
  }
  return out;
}

/** A resolver call that gives each run its own value: the clock, the run's dir, its job number. */
const PER_RUN = /\$\{\s*(now\s*:|hydra\s*:\s*(runtime\.(output_dir|cwd)|job\.(num|id))\b)/;

/**
 * Whether an interpolation text reads a value that differs from run to run
 * (`${now:...}`, `${hydra:runtime.output_dir}`), itself or through the keys
 * it reads in `root` (as written): absolute and relative ones, and every
 * value of a container it reads whole (`${n}`: checker v43). `at` is the
 * path of the node that holds the text (relative keys start from it).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readsRunTimeOrDir } from "./diff.ts";
 * import { loadYaml } from "../yaml/load.ts";
 * const cfg = loadYaml("out: ${hydra:runtime.output_dir}\nlogs: ${out}/logs\nname: ${env}_x\n" +
 *   "env: a\nn: {f: '${out}'}\nm: {g: '${..logs}'}");
 * assert.equal(readsRunTimeOrDir(cfg, "${logs}/ckpt"), true);
 * assert.equal(readsRunTimeOrDir(cfg, "${name}"), false);
 * assert.equal(readsRunTimeOrDir(cfg, "${n}"), true);
 * assert.equal(readsRunTimeOrDir(cfg, "${.g}", ["m", "h"]), true);
 * assert.equal(readsRunTimeOrDir(cfg, "${oc.select:out,null}/x"), true);
 * ```
 */
export function readsRunTimeOrDir(
  root: Node,
  text: string,
  at: readonly Key[] = [],
  seen = new Set<string>(),
): boolean {
  if (PER_RUN.test(text)) return true;
  // the keys it reads, as explain follows them: `${.p}` beside the holder, each further dot one
  // level up, and those a resolver selects (`${oc.select:out,null}`: checker w49)
  for (const ref of references(text, fullKey(at))) {
    const path = splitKey(ref);
    const id = path.join("\u0000");
    if (seen.has(id) || seen.size > 256) continue;
    seen.add(id);
    if (readsPerRun(root, nodeAt(root, path), path, seen)) return true;
  }
  return false;
}

/** Whether a node read by an interpolation, at `path`, reads a per-run value (any of its leaves). */
function readsPerRun(root: Node, node: Node | undefined, path: Key[], seen: Set<string>): boolean {
  if (node === undefined) return false;
  if (node.kind === "value") {
    return typeof node.value === "string" && readsRunTimeOrDir(root, node.value, path, seen);
  }
  const children: [Key, Node][] = node.kind === "list"
    ? node.items.map((n, i) => [i, n])
    : [...node.entries.values()].map((e) => [e.key, e.node]);
  for (const [k, child] of children) {
    if (seen.size > 256) return false;
    if (readsPerRun(root, child, [...path, k], seen)) return true;
  }
  return false;
}

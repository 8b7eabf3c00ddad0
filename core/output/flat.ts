/**
 * A config as flat parameters, the way experiment trackers take them:
 * `dotted.key=value` lines, MLflow's string params in batches (with its size
 * limits, reporting what was cut), and W&B's typed config dict. Lists are
 * flattened by index (`optimizer.betas.0`), empty containers stay `{}`/`[]`.
 *
 * @module
 */

import { charCount, firstChars } from "../chars.ts";
import { jsonScalar } from "../container.ts";
import { clip, ErrorCode, StrataError } from "../errors.ts";
import { type Key, keyText, type Node, type Origin, originOf } from "../node.ts";
import { pyStrOfLeaf, pyStrRepr } from "../pyformat.ts";
import { normalize } from "../path.ts";

/** A leaf of a tree (a scalar, or an empty dict or list) with its path. */
export interface Leaf {
  path: Key[];
  /** Which path items are list indexes. */
  indexes: boolean[];
  node: Node;
}

/**
 * Every leaf of a tree, in key order. Empty dicts and lists are leaves.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { leaves } from "./flat.ts";
 * import { loadYaml } from "../yaml/load.ts";
 * assert.deepEqual(leaves(loadYaml("a: {b: [1, 2]}\nc: {}")).map((l) => l.path), [
 *   ["a", "b", 0], ["a", "b", 1], ["c"],
 * ]);
 * ```
 */
export function leaves(node: Node): Leaf[] {
  const out: Leaf[] = [];
  const walk = (n: Node, path: Key[], indexes: boolean[]) => {
    if (n.kind === "dict" && n.entries.size > 0) {
      for (const e of n.entries.values()) walk(e.node, [...path, e.key], [...indexes, false]);
    } else if (n.kind === "list" && n.items.length > 0) {
      n.items.forEach((item, i) => walk(item, [...path, i], [...indexes, true]));
    } else out.push({ path, indexes, node: n });
  };
  walk(node, [], []);
  return out;
}

/**
 * A path as a tracker key: keys joined with `.`, list indexes too (`a.b.0`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dottedKey } from "./flat.ts";
 * assert.equal(dottedKey(["optimizer", "betas", 0]), "optimizer.betas.0");
 * ```
 */
export function dottedKey(path: readonly Key[]): string {
  return path.map(keyText).join(".");
}

/**
 * A leaf as text, as Python's `str()` prints it (what MLflow stores):
 * `1e-05`, `True`, `None`, `{}`, `[]`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { leafText } from "./flat.ts";
 * import { float, list } from "../node.ts";
 * assert.equal(leafText(float(2e-4)), "0.0002");
 * assert.equal(leafText(list()), "[]");
 * ```
 */
export function leafText(node: Node): string {
  if (node.kind === "dict") return "{}";
  if (node.kind === "list") return "[]";
  return pyStrOfLeaf(node);
}

/** A leaf with the key a tracker gets for it. */
export interface Param {
  key: string;
  leaf: Leaf;
}

/**
 * The leaves of a (resolved) config with their tracker keys (`cut` shortens
 * a key to a tracker's limit). Two leaves with one key (`"a.b": 1` next to
 * `a: {b: 2}`) would overwrite each other in the tracker: an error naming both.
 *
 * @throws {StrataError} `key`, at the second leaf, with the first as related position.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { trackerParams } from "./flat.ts";
 * import { loadYaml } from "../yaml/load.ts";
 * assert.deepEqual(trackerParams(loadYaml("a: {b: [1]}")).map((p) => p.key), ["a.b.0"]);
 * assert.throws(() => trackerParams(loadYaml('"a.b": 1\na: {b: 2}')), /'a.b' is the tracker key of both \[a.b\] and a.b/);
 * assert.throws(() => trackerParams(loadYaml('1: a\n"1": b')), /both 1 \(int key 1\) and 1 \(str key '1'\)/);
 * ```
 */
export function trackerParams(config: Node, cut: (key: string) => string = (k) => k): Param[] {
  const seen = new Map<string, Leaf>();
  const out: Param[] = [];
  for (const leaf of leaves(config)) {
    const key = cut(dottedKey(leaf.path));
    const first = seen.get(key);
    if (first) {
      const [a, b] = collidingNames(first, leaf);
      throw new StrataError(
        ErrorCode.Key,
        `'${clip(key)}' is the tracker key of both ${clip(a)} and ${clip(b)}: ` +
          `one would overwrite the other; rename one of them`,
        {
          fullKey: pathText(leaf),
          origin: leaf.node.origin,
          related: first.node.origin
            ? [{ message: `${clip(a)} is here`, origin: first.node.origin }]
            : [],
        },
      );
    }
    seen.set(key, leaf);
    out.push({ key, leaf });
  }
  return out;
}

/** A key's Python type, as a collision names it. */
function keyType(k: Key): string {
  if (typeof k === "string") return "str";
  if (typeof k === "boolean") return "bool";
  if (typeof k === "number" || typeof k === "bigint") return "int";
  return k === null ? "NoneType" : "float";
}

/**
 * The two colliding leaves' paths as {@link pathText} writes them; when those
 * are alike (an int key `1` next to a str key `"1"`, `True` next to
 * `"True"`), each with the first key told apart by its type and Python repr
 * (`ints.1 (int key 1)`, `ints.1 (str key '1')`), as Python prints such a
 * dict: `{1: 'a', '1': 'b'}`. Brackets would not tell them apart:
 * `OmegaConf.select` reads `ints[1]` and `ints.1` both as the key `'1'`.
 */
function collidingNames(first: Leaf, second: Leaf): [string, string] {
  const a = pathText(first);
  const b = pathText(second);
  if (a !== b) return [a, b];
  const i = first.path.findIndex((k, i) => keyType(k) !== keyType(second.path[i]));
  if (i < 0) return [a, b];
  const typed = (k: Key) =>
    `${keyType(k)} key ${typeof k === "string" ? pyStrRepr(k) : keyText(k)}`;
  return [`${a} (${typed(first.path[i])})`, `${b} (${typed(second.path[i])})`];
}

/**
 * A leaf's path, a key holding `.` or `[` in brackets (`[a.b]`, not `a.b`):
 * both colliding paths can be told apart, and the text is a key
 * `OmegaConf.select` and `strata explain` read (`d[a.b]`; they take no quotes
 * there: `d['a.b']` names the key `'a.b'`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { leaves, pathText } from "./flat.ts";
 * import { loadYaml } from "../yaml/load.ts";
 * assert.deepEqual(leaves(loadYaml('"a.b": 1\na: {b: [2]}')).map(pathText), ["[a.b]", "a.b[0]"]);
 * ```
 */
export function pathText(leaf: Leaf): string {
  let out = "";
  leaf.path.forEach((k, i) => {
    const t = keyText(k);
    if (leaf.indexes[i]) out += `[${t}]`;
    else if (t.includes(".") || t.includes("[")) out += `[${t}]`;
    else out += out === "" ? t : "." + t;
  });
  return out;
}

/**
 * A key or value as `flat` writes it: as it is, or as a JSON string (`"line
 * one\nline two"`) when it holds a line break or another control character,
 * starts with `"`, or (a key) holds `=`, so each param stays one `key=value` line,
 * for Python's `str.splitlines()` too: its line breaks U+0085, U+2028 and
 * U+2029 are escaped (`\u2028`), as JSON's control characters are.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { flatText } from "./flat.ts";
 * assert.equal(flatText("a b=c", false), "a b=c");
 * assert.equal(flatText("one\ntwo", false), '"one\\ntwo"');
 * assert.equal(flatText("a=b", true), '"a=b"');
 * assert.equal(flatText("a\u2028b", false), '"a\\u2028b"');
 * ```
 */
export function flatText(text: string, isKey: boolean): string {
  // deno-lint-ignore no-control-regex -- matching control characters is the point
  const control = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
  const plain = !control.test(text) && !text.startsWith('"') && !(isKey && text.includes("="));
  if (plain) return text;
  // JSON.stringify escapes U+0000-U+001F but writes NEL, LS and PS as they
  // are, and Python's str.splitlines() breaks a line at each of them
  return JSON.stringify(text).replace(
    /[\u0085\u2028\u2029]/g,
    (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"),
  );
}

/**
 * `dotted.key=value` lines of a (resolved) config, one per leaf (see
 * {@link flatText} for the quoting; colliding keys are an error, see {@link trackerParams}).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { flatLines } from "./flat.ts";
 * import { loadYaml } from "../yaml/load.ts";
 * assert.equal(flatLines(loadYaml("opt: {lr: 1e-4, betas: [0.9, 0.99]}")),
 *   "opt.lr=0.0001\nopt.betas.0=0.9\nopt.betas.1=0.99\n");
 * ```
 */
export function flatLines(config: Node): string {
  return trackerParams(config).map((p) =>
    `${flatText(p.key, true)}=${flatText(leafText(p.leaf.node), false)}\n`
  ).join("");
}

/**
 * MLflow's limits on params (mlflow/utils/validation.py), in Python
 * characters (code points): it checks `len(value)` and cuts `value[:limit]`.
 */
export const MLFLOW_LIMITS = { keyLength: 250, valueLength: 6000, paramsPerBatch: 100 } as const;

/** A key or value cut to fit MLflow's limits. */
export interface Truncation {
  key: string;
  what: "key" | "value";
  /** The original length in characters (code points, as Python's `len()`). */
  length: number;
  limit: number;
  origin?: Origin;
}

/** A param name MLflow's `log_batch` refuses, and why. */
export interface RefusedName {
  key: string;
  reason: string;
  origin?: Origin;
}

/** Params for MLflow's `log_params`/`log_batch`, what was cut to fit and what it refuses. */
export interface MlflowParams {
  /** Batches of at most 100 string params. */
  batches: Record<string, string>[];
  truncated: Truncation[];
  /** Names MLflow refuses (it fails the whole batch): reported, not changed. */
  refused: RefusedName[];
}

// mlflow/utils/validation.py (MLflow 2.x, off Windows): `^[/\w.\- :]*$` (Python's Unicode \w:
// letters, digits, `_`); older releases refused the colon, which current servers take
const MLFLOW_NAME = /^[/\p{L}\p{N}_.\- :]*$/u;

/**
 * Why MLflow refuses a param name, or undefined: its characters, or a name
 * that as a file path would be another (`a//b`, `a/`, `/a`, `..`), as its
 * `path_not_unique` checks with `posixpath.normpath`.
 */
function mlflowNameProblem(name: string): string | undefined {
  if (name === "" || !MLFLOW_NAME.test(name)) {
    return "names may only contain alphanumerics, underscores, dashes, periods, spaces, colons " +
      "and slashes";
  }
  // posixpath.normpath drops a trailing slash, which normalize keeps
  const norm = normalize(name).replace(/(.)\/$/, "$1");
  if (norm !== name || norm === "." || norm.startsWith("..") || norm.startsWith("/")) {
    return `names must not read as another path (this one as '${norm}')`;
  }
  return undefined;
}

/**
 * A (resolved) config as MLflow params: string values, batches of at most
 * 100, keys cut to 250 and values to 6,000 characters, every cut reported.
 * Characters are code points, as MLflow's Python counts them: 😀 is one, and
 * a cut never splits it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mlflowParams } from "./flat.ts";
 * import { loadYaml } from "../yaml/load.ts";
 * const p = mlflowParams(loadYaml(`a: 1\nb: ${"x".repeat(7000)}`));
 * assert.deepEqual(p.batches[0].a, "1");
 * assert.equal(p.batches[0].b.length, 6000);
 * assert.deepEqual(p.truncated.map((t) => [t.key, t.what, t.length]), [["b", "value", 7000]]);
 * assert.deepEqual(mlflowParams(loadYaml(`e: ${"😀".repeat(6000)}`)).truncated, []);
 * assert.deepEqual(mlflowParams(loadYaml("a@b: 1\nété: 2")).refused.map((r) => r.key), ["a@b"]);
 * ```
 */
export function mlflowParams(config: Node): MlflowParams {
  const { keyLength, valueLength, paramsPerBatch } = MLFLOW_LIMITS;
  const batches: Record<string, string>[] = [];
  const truncated: Truncation[] = [];
  const refused: RefusedName[] = [];
  const cut = (k: string) => firstChars(k, keyLength);
  // keys are compared as MLflow gets them (cut): two equal ones would lose a param
  for (const { leaf: l, key: cutKey } of trackerParams(config, cut)) {
    let key = dottedKey(l.path);
    let value = leafText(l.node);
    const at = l.node.origin;
    // a text of at most `limit` UTF-16 units has at most `limit` characters
    const valueChars = value.length > valueLength ? charCount(value) : 0;
    if (valueChars > valueLength) {
      truncated.push({
        key,
        what: "value",
        length: valueChars,
        limit: valueLength,
        origin: originOf(at),
      });
      value = firstChars(value, valueLength);
    }
    const keyChars = key.length > keyLength ? charCount(key) : 0;
    if (keyChars > keyLength) {
      truncated.push({
        key,
        what: "key",
        length: keyChars,
        limit: keyLength,
        origin: originOf(at),
      });
      key = cutKey;
    }
    const problem = mlflowNameProblem(key);
    if (problem !== undefined) refused.push({ key, reason: problem, origin: originOf(at) });
    let batch = batches[batches.length - 1];
    if (!batch || Object.keys(batch).length >= paramsPerBatch) batches.push(batch = {});
    batch[key] = value;
  }
  return { batches, truncated, refused };
}

/**
 * A (resolved) config as the JSON object W&B's `wandb.init(config=...)` takes:
 * dotted keys (lists by index, like MLflow) and typed values, so 1 and 1.0
 * stay an int and a float, and `.inf` is Python's `Infinity` (as `json.dumps` writes it).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { wandbConfigJson } from "./flat.ts";
 * import { loadYaml } from "../yaml/load.ts";
 * assert.equal(wandbConfigJson(loadYaml("opt: {lr: 1.0, n: 2, tags: [a]}")),
 *   '{"opt.lr": 1.0, "opt.n": 2, "opt.tags.0": "a"}');
 * ```
 */
export function wandbConfigJson(config: Node): string {
  const members = trackerParams(config).map((p) =>
    `${JSON.stringify(p.key)}: ${jsonOf(p.leaf.node)}`
  );
  return "{" + members.join(", ") + "}";
}

function jsonOf(node: Node): string {
  if (node.kind !== "value") return node.kind === "dict" ? "{}" : "[]";
  // `.inf` and `.nan` as Python's json writes and reads them (`json.loads` gives the float the
  // app's to_container gives), not strict JSON's strings "inf" (checker w28)
  if (node.type === "float" && !Number.isFinite(node.value as number)) {
    const x = node.value as number;
    return Number.isNaN(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity";
  }
  // W&B has no missing value: `???` is the string OmegaConf gives for it
  return node.type === "bytes" ? JSON.stringify(pyStrOfLeaf(node)) : jsonScalar(node);
}

/**
 * The checked values seen through JSON pointers, as JSON Schema and the rules
 * see them: the node at a pointer and where it was set, its plain data,
 * whether its value is unknown (`???`, an opaque resolver's result), and the
 * OmegaConf full key of a pointer.
 *
 * @module
 */

import { canonicalKey, type Node, type Origin, originOf } from "../node.ts";
import { keyOrigin } from "../yaml/columns.ts";
import { loadYaml } from "../yaml/load.ts";
import { splitKey } from "../ops/select.ts";
import { references } from "../provenance/through.ts";
import { parseConfigValue } from "../resolve/grammar.ts";
import type { Rule } from "./rules.ts";
import { type CheckedValues, pointerSegment, pointerSegments } from "./values.ts";
import { readFileText } from "../file_overlay.ts";

/**
 * The OmegaConf full key of a JSON pointer (`/model/layers/0` → `model.layers[0]`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { pointerToKey } from "./checked_nodes.ts";
 * assert.equal(pointerToKey("/model/layers/0/a~1b"), "model.layers[0].a/b");
 * ```
 */
export function pointerToKey(pointer: string): string {
  let out = "";
  for (const seg of pointerSegments(pointer)) {
    if (/^\d+$/.test(seg)) out += `[${seg}]`;
    else out += out === "" ? seg : "." + seg;
  }
  return out;
}

/**
 * Whether the value at `pointer` is unknown (or, with `orBelow`, one under it).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict } from "../node.ts";
 * import { isUnknown } from "./checked_nodes.ts";
 * const values = { root: dict(), unknown: new Set(["/a"]) };
 * assert.equal(isUnknown(values, "/a/b"), true);
 * assert.equal(isUnknown(values, ""), false);
 * assert.equal(isUnknown(values, "", true), true);
 * ```
 */
export function isUnknown(values: CheckedValues, pointer: string, orBelow = false): boolean {
  return overlaps(values.unknown, pointer, orBelow);
}

/** Whether `pointer` is one of `set`'s positions or under one (or above one, with `orBelow`). *
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { overlaps } from "./checked_nodes.ts";
 * assert.equal(overlaps(new Set(["/a"]), "/a/b"), true);
 * assert.equal(overlaps(new Set(["/a/b"]), "/a"), true);
 * assert.equal(overlaps(new Set(["/a/b"]), "/a", false), false);
 * ```
 */
export function overlaps(set: Set<string>, pointer: string, orBelow = true): boolean {
  for (const u of set) {
    if (pointer === u || pointer.startsWith(u + "/")) return true;
    if (orBelow && (pointer === "" || u.startsWith(pointer + "/"))) return true;
  }
  return false;
}

/** The JSON pointers a rule on the object at `pointer` reads (the object itself when it reads `self`). *
 *
 * @example
 * ```ts ignore
 * readPointers(rule, "/model"); // ["/model/layers", ...]
 * ```
 */
export function readPointers(rule: Rule, pointer: string): string[] {
  if (rule.readsSelf) return [pointer];
  return rule.reads.map((path) => pointer + path.map((s) => "/" + pointerSegment(s)).join(""));
}

/** Whether a rule on the object at `pointer` reads a position whose value is unknown. *
 *
 * @example
 * ```ts ignore
 * if (readsUnknown(rule, values, "/model")) return;
 * ```
 */
export function readsUnknown(rule: Rule, values: CheckedValues, pointer: string): boolean {
  return readPointers(rule, pointer).some((r) => isUnknown(values, r, true));
}

/** The node at a JSON pointer of the resolved config, and the nodes on the way. *
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml } from "../yaml/load.ts";
 * import { nodesTo } from "./checked_nodes.ts";
 * const values = { root: loadYaml("a:\n  b: 1\n", { file: "c.yaml" }), unknown: new Set<string>() };
 * assert.equal(nodesTo(values, "/a/b").length, 3);
 * assert.equal(nodesTo(values, "/a/x").length, 2);
 * ```
 */
export function nodesTo(values: CheckedValues, pointer: string): Node[] {
  const out: Node[] = [values.root];
  for (const seg of pointerSegments(pointer)) {
    const cur = out[out.length - 1];
    let next: Node | undefined;
    if (cur.kind === "list") next = cur.items[Number(seg)];
    else if (cur.kind === "dict") {
      next = cur.entries.get(canonicalKey(seg))?.node;
      if (!next) { for (const e of cur.entries.values()) if (String(e.key) === seg) next = e.node; }
    }
    if (!next) break;
    out.push(next);
  }
  return out;
}

/**
 * Where the value at `pointer` was set: its own place, else its closest parent's.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml } from "../yaml/load.ts";
 * import { originAt } from "./checked_nodes.ts";
 * const values = { root: loadYaml("a:\n  b: 1\n", { file: "c.yaml" }), unknown: new Set<string>() };
 * assert.equal(originAt(values, "/a/b")?.line, 2);
 * ```
 */
export function originAt(values: CheckedValues, pointer: string): Origin | undefined {
  const nodes = nodesTo(values, pointer);
  for (let i = nodes.length - 1; i >= 0; i--) if (nodes[i].origin) return originOf(nodes[i].origin);
  return undefined;
}

/**
 * The node at `pointer`, undefined when the path is not there.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml } from "../yaml/load.ts";
 * import { nodeAt } from "./checked_nodes.ts";
 * const values = { root: loadYaml("a:\n  b: 1\n", { file: "c.yaml" }), unknown: new Set<string>() };
 * assert.equal(nodeAt(values, "/a/x"), undefined);
 * assert.equal(nodeAt(values, "/a/b")?.kind, "value");
 * ```
 */
export function nodeAt(values: CheckedValues, pointer: string): Node | undefined {
  const nodes = nodesTo(values, pointer);
  return nodes.length === pointer.split("/").length ? nodes[nodes.length - 1] : undefined;
}

/** Plain data of a node: ints as numbers for JSON Schema, as BigInt for CEL. *
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml } from "../yaml/load.ts";
 * import { plain } from "./checked_nodes.ts";
 * const node = loadYaml("n: 3\n", { file: "c.yaml" });
 * assert.deepEqual(plain(node, false), { n: 3 });
 * assert.deepEqual(plain(node, true), { n: 3n });
 * ```
 */
export function plain(node: Node, bigints: boolean): unknown {
  if (node.kind === "list") return node.items.map((n) => plain(n, bigints));
  if (node.kind === "dict") {
    const out: Record<string, unknown> = {};
    for (const e of node.entries.values()) out[String(e.key)] = plain(e.node, bigints);
    return out;
  }
  if (node.type === "int") return bigints ? BigInt(node.value as number) : Number(node.value);
  return node.type === "missing" ? null : node.value;
}

/** The place of an unknown key itself (nodes keep their values' places): read from its file. *
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { keyAt } from "./checked_nodes.ts";
 * const at = { override: 1 };
 * assert.equal(keyAt(at, "x"), at); // an override has no file to read
 * ```
 */
export function keyAt(valueAt: Origin, key: string): Origin {
  if (valueAt.file === undefined || valueAt.override !== undefined) return valueAt;
  let text: string;
  try {
    text = readFileText(valueAt.file);
  } catch {
    return valueAt;
  }
  return keyOrigin(text, valueAt, key) ?? valueAt;
}

/**
 * Where the mapping of a config file starts (its first key), as its file's
 * origin gives it: where a key missing from the config it holds goes. The
 * file's own place (`fileAt`, 1:1) when it holds nothing or does not load.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mappingAt } from "./checked_nodes.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(dir + "/c.yaml", "# c\n\nseed: 1\n");
 * assert.deepEqual(mappingAt({ file: dir + "/c.yaml", line: 1, col: 1 }),
 *   { file: dir + "/c.yaml", line: 3, col: 1 });
 * ```
 */
export function mappingAt(fileAt: Origin): Origin {
  if (fileAt.file === undefined) return fileAt;
  try {
    const root = loadYaml(readFileText(fileAt.file), { file: fileAt.file });
    const at = originOf(root.origin);
    if (at?.line !== undefined) return { ...at, file: fileAt.file };
  } catch { /* the file's own check reports it */ }
  return fileAt;
}

/**
 * The absolute key a value that is one node interpolation (`${a.b[0]}`, `${..x}` from `at`)
 * reads, as the interpolation grammar parses it; undefined for any other value.
 */
function nodeReference(text: string, at: string): string | undefined {
  if (!text.startsWith("${")) return undefined;
  let parts;
  try {
    parts = parseConfigValue(text).parts;
  } catch {
    return undefined;
  }
  const only = parts.length === 1 ? parts[0] : undefined;
  if (typeof only !== "object" || only.t !== "node") return undefined;
  // `${t.${which}}`: the key it reads is known only when resolving
  if (!only.key.every((k) => typeof k === "string")) return undefined;
  return references(text, at)[0];
}

/**
 * Where the value at `pointer` is set when it is read through node interpolations
 * (`epochs: ${trainer.max_epochs}`, `${..x}`, chains too): the key read last and its place,
 * from the config as composed; undefined for a value written where it is, or read otherwise (a
 * resolver, a string built of pieces).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml } from "../yaml/load.ts";
 * import { readFrom } from "./checked_nodes.ts";
 * const source = loadYaml("t:\n  n: 50\ns:\n  e: ${t.n}\n", { file: "c.yaml" });
 * assert.deepEqual(readFrom({ root: source, unknown: new Set(), source }, "/s/e"),
 *   { fullKey: "t.n", origin: { file: "c.yaml", line: 2, col: 6 } });
 * // relative, and through a chain
 * const chain = loadYaml("t:\n  n: 50\n  m: ${.n}\ns:\n  e: ${..t.m}\n", { file: "c.yaml" });
 * assert.deepEqual(readFrom({ root: chain, unknown: new Set(), source: chain }, "/s/e"),
 *   { fullKey: "t.n", origin: { file: "c.yaml", line: 2, col: 6 } });
 * ```
 */
export function readFrom(
  values: CheckedValues,
  pointer: string,
): { fullKey: string; origin: Origin } | undefined {
  if (values.source === undefined) return undefined;
  const from = { root: values.source, unknown: values.unknown };
  let node = nodeAt(from, pointer);
  let at = pointerToKey(pointer);
  let key: string | undefined;
  for (let hops = 0; hops < 32; hops++) {
    if (node?.kind !== "value" || node.type !== "str") break;
    const target = nodeReference(node.value as string, at);
    if (target === undefined) break;
    key = at = target;
    node = nodeAt(from, "/" + splitKey(target).map(pointerSegment).join("/"));
  }
  const origin = key === undefined || node === undefined ? undefined : originOf(node.origin);
  return origin === undefined ? undefined : { fullKey: key!, origin };
}

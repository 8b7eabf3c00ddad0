/**
 * Which duplicate key a file with several is reported at. strata builds a
 * document depth first, so the first duplicate it meets may sit inside a
 * mapping that PyYAML checks later: PyYAML's constructor checks a mapping's
 * keys when it constructs that mapping, and constructs the ones inside it
 * afterwards, level by level (its generators run in the order they were
 * made). OmegaConf's loader raises at the first duplicate it checks, so a
 * duplicate of the root's keys is reported before one a level down, however
 * far down the file it is.
 *
 * @module
 */

import { isMap, isPair, isScalar, isSeq } from "npm:yaml@2.9.1";
import { canonicalKey, keyText } from "../node.ts";
import { ErrorCode } from "../errors.ts";
import { childPath, fail, keyOf, type PathLink, pathText } from "./build.ts";
import type { DocumentBuilder, YNode } from "./document_builder.ts";

/**
 * Fails at the duplicate key PyYAML's constructor meets first in `root`
 * (mappings level by level, each in document order; a mapping's keys in
 * order), as `DictBuilder.add` words it. Returns when there is none (the
 * error the caller caught was another). Aliases are not followed: a
 * mapping an alias repeats was checked where its anchor is. `rootOnly`:
 * the root's keys alone, which PyYAML checks before it builds anything
 * (another error of building, a `!!str` on a list, comes after them).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml } from "./load.ts";
 * import "./full_install.ts";
 * // the root's `model` is checked before the `optimizer` inside the second `model`
 * const text = "model:\n  a: 1\nmodel:\n  optimizer: 1\n  optimizer: 2\n";
 * assert.throws(() => loadYaml(text, { file: "c.yaml" }), /found duplicate key model/);
 * ```
 */
export function failAtFirstDuplicate(root: YNode, b: DocumentBuilder, rootOnly = false): void {
  const queue: { node: YNode; path: PathLink | undefined; flow: boolean }[] = [{
    node: root,
    path: undefined,
    flow: false,
  }];
  for (let i = 0; i < queue.length; i++) {
    const { node, path } = queue[i];
    if (isSeq(node)) {
      node.items.forEach((item, n) => {
        if (item !== null && typeof item === "object") {
          queue.push({
            node: item as YNode,
            path: childPath(path, n, true, undefined),
            flow: true,
          });
        }
      });
      continue;
    }
    if (!isMap(node)) continue;
    const strKeys = new Set<string>();
    const later: typeof queue = [];
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const keyNode = pair.key;
      if (keyNode.type === "PLAIN" && keyNode.tag === undefined && keyNode.value === "<<") continue;
      const keyValue = b.node(keyNode as YNode, !!node.flow, path);
      if (keyValue.kind !== "value") continue;
      const key = keyOf(keyValue, path);
      const child = childPath(path, key, false, keyValue.origin);
      const ck = canonicalKey(key);
      const str = keyValue.type === "str" || keyValue.type === "missing";
      if (str && strKeys.has(ck)) {
        const at = b.origin(node);
        fail(
          ErrorCode.YamlConstruct,
          `while constructing a mapping (at ${at.line ?? "?"}:${at.col ?? "?"}): ` +
            `found duplicate key ${keyText(key)}`,
          keyValue.origin,
          pathText(child),
        );
      }
      if (typeof key === "string") strKeys.add(ck);
      const value = pair.value;
      if (value !== null && typeof value === "object") {
        later.push({ node: value as YNode, path: child, flow: !!node.flow });
      }
    }
    if (!rootOnly) queue.push(...later);
  }
}

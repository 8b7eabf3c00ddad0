/**
 * The configs of a defaults list placed at their packages and merged into one
 * tree (the WASM engine's one merge call), before any command-line value
 * override: {@link mergeDefaults}, the middle of a composition (./compose.ts).
 *
 * @module
 */

import { ErrorCode, StrataError } from "../errors.ts";
import { LIMITS } from "../limits.ts";
import { mergeWith } from "../merge.ts";
import { splitKey } from "../ops/select.ts";
import { dict, type DictNode, type Node, originOf } from "../node.ts";
import type { ResultDefault } from "./defaults_tree_node.ts";
import { searchpathOutsidePrimary } from "./search_path.ts";
import type { DefaultsInfo } from "./compose.ts";

/**
 * A config placed at its package: `placeAt("a.b", x)` is `{a: {b: x}}`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { placeAt } from "./compose.ts";
 * import { toContainer } from "../container.ts";
 * import { int } from "../node.ts";
 * assert.deepEqual(toContainer(placeAt("db.main", int(1))), { db: { main: 1 } });
 * assert.deepEqual(toContainer(placeAt("a[0].b", int(1))), { a: { "0": { b: 1 } } });
 * ```
 */
export function placeAt(pkg: string, node: Node): Node {
  if (pkg === "") return node;
  // split as OmegaConf.update splits the package Hydra places a config at: `a[0]` is a, 0
  return splitKey(pkg).reverse().reduce((inner, k) => dict([[k, inner]], node.origin), node);
}

function mergeLayers(layers: Node[], defaults: ResultDefault[], given: boolean[]): DictNode {
  try {
    return mergeWith([dict(), ...layers], { given: [true, ...given] }) as DictNode;
  } catch (e) {
    // Hydra wraps only OmegaConf's ValidationError (and its subclass UnsupportedValueType); a
    // ConfigTypeError (a list onto a mapping), ReadonlyConfigError or ConfigKeyError is said as
    // OmegaConf says it (config_loader_impl.py, _compose_config_from_defaults_list)
    if (
      !(e instanceof StrataError) ||
      (e.code !== ErrorCode.Validation && e.code !== ErrorCode.UnsupportedValue)
    ) throw e;
    const file = e.origin?.file;
    const culprit = defaults.find((_, i) => originOf(layers[i]?.origin)?.file === file);
    throw new StrataError(
      ErrorCode.Composition,
      `In '${culprit?.configPath ?? "?"}': Validation error while composing config:\n${e.message}`,
      { fullKey: e.fullKey, origin: e.origin, related: e.related },
    );
  }
}

/**
 * The configs of a defaults list placed at their packages and merged, before
 * any command-line value override: the part of a composition that jobs with
 * the same group choices share. With `once`, see {@link composeDefaults}.
 *
 * @throws {StrataError} `composition` (a merge error, naming the config).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { defaultsTree, mergeDefaults } from "./compose.ts";
 * const info = defaultsTree({ configDir: "examples/llm-finetune/conf", configName: "config" });
 * assert.ok(mergeDefaults(info).entries.size > 0);
 * ```
 */
export function mergeDefaults(info: DefaultsInfo, once = false): DictNode {
  const layers: Node[] = [];
  const loaded = info.defaults.map((d) => info.repo.load(d.configPath)!);
  for (let i = 0; i < loaded.length; i++) {
    const d = info.defaults[i];
    if (d.package.split(".").length > LIMITS.nesting) {
      // a header is checked where it is read: this is a package built up by the defaults lists
      throw new StrataError(
        ErrorCode.Limit,
        `the package of '${d.configPath}' nests deeper than ${LIMITS.nesting} levels`,
        { origin: d.origin ?? { file: loaded[i].file } },
      );
    }
    const placed = placeAt(d.package, loaded[i].config);
    const misplaced = searchpathOutsidePrimary(d, placed);
    if (misplaced) throw misplaced;
    layers.push(placed);
  }
  // a config included twice (`db@src: mysql`, `db@dst: mysql`) is copied, not given
  const uses = new Map<Node, number>();
  for (const l of loaded) uses.set(l.config, (uses.get(l.config) ?? 0) + 1);
  const given = loaded.map((l) => once && l.unshared && uses.get(l.config) === 1);
  return mergeLayers(layers, info.defaults, given);
}

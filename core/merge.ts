/**
 * Deep merge of config trees (OmegaConf.merge), run by the WASM engine; this
 * module turns the engine's located failures into error values.
 *
 * @module
 */

import { engineMerge } from "../asm/engine.ts";
import { ErrorCode, StrataError } from "./errors.ts";
import { keyText, type Node } from "./node.ts";
import { suggest } from "./suggest.ts";

/** Options of {@link merge}. */
export interface MergeOptions {
  /** Fail on a readonly destination (merge_with semantics); OmegaConf.merge ignores readonly. */
  honourReadonly?: boolean;
}

/**
 * Merges configs left to right into a new tree.
 *
 * @throws {StrataError} `key` (struct mode rejects a new key, with did-you-mean),
 *   `type` (dict vs list), `readonly`.
 * @example
 * ```ts
 * import { merge } from "./merge.ts";
 * import { loadYaml } from "./yaml/load.ts";
 * const out = merge(loadYaml("a: 1\nb: {c: 2}"), loadYaml("b: {d: 3}"));
 * out.kind === "dict" && [...out.entries.keys()]; // ["sa", "sb"]
 * ```
 */
export function merge(...configs: Node[]): Node {
  return mergeWith(configs, {});
}

/**
 * {@link merge} with options.
 *
 * @example
 * ```ts
 * import { mergeWith } from "./merge.ts";
 * import { loadYaml } from "./yaml/load.ts";
 * mergeWith([loadYaml("a: 1"), loadYaml("a: 2")], { honourReadonly: true });
 * ```
 */
export function mergeWith(configs: Node[], options: MergeOptions): Node {
  const result = engineMerge(configs, options.honourReadonly ?? false);
  if (result.ok) return result.node;
  const { error } = result;
  const key = error.fullKey.split(".").at(-1) ?? "";
  switch (error.code) {
    case 1: {
      const candidates = error.dest.kind === "dict"
        ? [...error.dest.entries.values()].map((e) => keyText(e.key))
        : [];
      throw new StrataError(ErrorCode.Key, `Key '${key}' is not in struct`, {
        fullKey: error.fullKey,
        origin: error.node.origin,
        suggestions: suggest(key, candidates).map((s) =>
          error.destFullKey ? `${error.destFullKey}.${s}` : s
        ),
        related: error.dest.origin
          ? [{ message: "the struct config it was merged into", origin: error.dest.origin }]
          : [],
        objectType: "dict",
      });
    }
    case 2:
      throw new StrataError(
        ErrorCode.Type,
        `Cannot merge ${
          error.dest.kind === "dict" ? "DictConfig with ListConfig" : "ListConfig with DictConfig"
        }`,
        { fullKey: error.fullKey, origin: error.node.origin },
      );
    default:
      throw new StrataError(ErrorCode.Readonly, "Cannot change read-only config container", {
        fullKey: error.destFullKey,
        origin: error.node.origin,
      });
  }
}

/**
 * Deep merge of config trees (OmegaConf.merge / merge_with / unsafe_merge),
 * run by the WASM engine; this module turns the engine's located failures into
 * error values. Trees merged again and again can be sealed ({@link sealForMerge}):
 * they keep their encoding, so a merge that meets them skips walking them.
 *
 * @module
 */

import { engineMerge, type RawMergeError } from "./engine/merge.ts";
import { MergeError } from "../asm/abi.ts";
import { ErrorCode, StrataError } from "./errors.ts";
import { type DictNode, keyText, type Node, selectKey } from "./node.ts";
import { splitMerge } from "./merge_split.ts";
import { derefMerge } from "./merge_deref.ts";
import { suggest } from "./suggest.ts";

export {
  isSealedForMerge,
  noteMutation,
  sealForMerge,
  unsealForMerge,
} from "./engine/merge_cache.ts";

/** Options of {@link mergeWith}. */
export interface MergeOptions {
  /**
   * `merge` (default): OmegaConf.merge, which merges into a copy and so ignores
   * a readonly flag on the first config's root. `merge_with`: DictConfig.merge_with,
   * which honours it. `unsafe_merge`: as `merge` (strata never mutates inputs).
   */
  method?: "merge" | "merge_with" | "unsafe_merge";
  /**
   * `given[i]`: the caller gives config i away. The result may take its
   * containers over instead of copying them, so the caller must neither use
   * nor keep it afterwards, and it must not share a container with another
   * input. Composition gives away a huge file it loaded for itself alone:
   * its tree then exists once, not twice.
   */
  given?: readonly boolean[];
}

/**
 * Merges configs left to right into a new tree.
 *
 * @throws {StrataError} `key` (struct mode rejects a new key, with did-you-mean),
 *   `type` (dict vs list), `readonly`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml, merge, toContainer } from "../engine.ts";
 * const out = merge(loadYaml("a: 1\nb: {c: 2}"), loadYaml("b: {d: 3}"));
 * assert.deepEqual(toContainer(out), { a: 1, b: { c: 2, d: 3 } });
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
 * import { loadYaml, mergeWith } from "../engine.ts";
 * mergeWith([loadYaml("a: 1"), loadYaml("a: 2")], { method: "merge_with" });
 * ```
 */
export function mergeWith(configs: Node[], options: MergeOptions): Node {
  if (configs.length === 0) {
    throw new StrataError(ErrorCode.Value, "merge needs at least one config");
  }
  // the last input's keys that no other input has are appended, not merged
  const split = splitMerge(configs, options.given);
  const mode = options.method === "merge_with" ? "merge_with" : "merge";
  const result = engineMerge(split?.configs ?? configs, mode, split?.given ?? options.given);
  if (!result.ok && result.error.code === MergeError.HostDeref) {
    // an interpolation only the host can dereference (rare): merge in steps
    return derefMerge(
      configs,
      mode,
      result.error,
      (cs, m) => mergeWith(cs, { method: m }),
      (e) => mergeError({ ...e, code: MergeError.Readonly }),
    );
  }
  if (!result.ok) throw mergeError(result.error);
  if (split === undefined || split.appended.length === 0) return result.node;
  const entries = (result.node as DictNode).entries;
  for (const [canon, e] of split.appended) entries.set(canon, e);
  return result.node;
}

function where(fullKey: string): string {
  return fullKey === "" ? "at the root" : `at '${fullKey}'`;
}

/** The error value of an engine failure, worded as OmegaConf words it. */
function mergeError(error: RawMergeError): StrataError {
  const origin = error.node.origin;
  switch (error.code) {
    case MergeError.StructKey: {
      const key = error.key === undefined ? "" : keyText(error.key);
      const candidates = error.dest.kind === "dict"
        ? [...error.dest.entries.values()].map((e) => keyText(e.key))
        : [];
      // a key merged in from code (update(cfg, k, {...})) has no file: the struct dict's is the place
      return new StrataError(ErrorCode.Key, `Key '${key}' is not in struct`, {
        fullKey: error.fullKey,
        origin: origin ?? error.dest.origin,
        // spelt as a key path reads them back: `p[obs.state]`, not the dotted full key
        suggestions: suggest(key, candidates).flatMap((s) =>
          selectKey([...error.path.slice(0, -1), s], [...error.inList.slice(0, -1), false]) ?? []
        ),
        related: origin && error.dest.origin
          ? [{ message: "the struct config it was merged into", origin: error.dest.origin }]
          : [],
        objectType: "dict",
      });
    }
    case MergeError.Type: {
      // OmegaConf reports this one at the root (full key ""), in the same words
      // whichever side is the list; the message says where and which way.
      const which = error.node.kind === "list" ? "a list onto a mapping" : "a mapping onto a list";
      return new StrataError(
        ErrorCode.Type,
        `Cannot merge DictConfig with ListConfig ${where(error.fullKey)} (${which})`,
        {
          fullKey: "",
          origin,
          objectType: error.dest.kind === "list" ? "list" : "dict",
          // the other side may be the mistake (an option file holding a list): named too
          related: origin && error.dest.origin
            ? [{
              message: `the ${error.dest.kind === "list" ? "list" : "mapping"} it is merged onto`,
              origin: error.dest.origin,
            }]
            : [],
        },
      );
    }
    case MergeError.ReadonlyList:
      return new StrataError(ErrorCode.Readonly, "ListConfig is read-only", {
        fullKey: error.fullKey,
        origin,
        objectType: "list",
      });
    default:
      return new StrataError(ErrorCode.Readonly, "Cannot change read-only config container", {
        fullKey: error.fullKey,
        origin,
        objectType: "dict",
      });
  }
}

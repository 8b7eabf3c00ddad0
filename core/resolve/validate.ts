/**
 * The create-time grammar check of interpolation strings. It depends on the
 * grammar and the WASM engine only, not on the resolver registry, so the YAML
 * loader can use it without an import cycle (the `oc.create` resolver loads
 * YAML).
 *
 * @module
 */

import { ErrorCode, StrataError } from "../errors.ts";
import type { Node } from "../node.ts";
import { engineValidate } from "./engine.ts";

/**
 * Checks the grammar of every interpolation string of a tree in one WASM call
 * (OmegaConf raises GrammarParseError at create time). Throws a
 * {@link StrataError} with code `grammar`, the full key and the origin.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml, validateInterpolations } from "../../engine.ts";
 * validateInterpolations(loadYaml("a: ${b}"));
 * assert.throws(() => validateInterpolations(loadYaml("a: ${b")));
 * ```
 */
export function validateInterpolations(root: Node): void {
  try {
    engineValidate(root);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    throw new StrataError(ErrorCode.Grammar, "RecursionError: maximum recursion depth exceeded", {
      fullKey: "",
    });
  }
}

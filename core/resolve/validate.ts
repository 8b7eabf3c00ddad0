/**
 * The create-time grammar check of interpolation strings. It depends on the
 * grammar and the WASM engine only, not on the resolver registry, so the YAML
 * loader can use it without an import cycle (the `oc.create` resolver loads
 * YAML).
 *
 * @module
 */

import { ErrorCode, StrataError } from "../errors.ts";
import { fullKey, joinFullKey, type Key, type Node } from "../node.ts";
import { engineValidate } from "./engine.ts";
import { someStringLeaf } from "../string_leaves.ts";

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
    // the engine's parser ran out of stack: the culprit is the most deeply nested string
    const at = deepest(root);
    throw new StrataError(ErrorCode.Grammar, "RecursionError: maximum recursion depth exceeded", {
      fullKey: at ? fullKey(at.path, at.indexes) : "",
      origin: at?.node.origin,
    });
  }
}

/**
 * {@link validateInterpolations} of a resolved copy: `OmegaConf.resolve`
 * sets each value it resolved, which parses it, so a string that reads as a
 * broken `${` (`\${x` resolved to `${x`) is its GrammarParseError. `at` is
 * the copy's full key in its config, which the error's full key starts with.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict, str } from "../node.ts";
 * import { validateResolved } from "./validate.ts";
 * assert.throws(
 *   () => validateResolved(dict([["d", str("${x")]]), "n"),
 *   (e: Error & { fullKey?: string }) => e.fullKey === "n.d",
 * );
 * ```
 */
export function validateResolved(node: Node, at = ""): void {
  // resolved, a string holds `${` only where an escaped one was (`\${x}`): rarely. Looking for
  // one is a walk; the engine's check encodes the whole tree (a tenth of a big compose)
  if (!holdsInterpolationText(node)) return;
  try {
    validateInterpolations(node);
  } catch (e) {
    if (!(e instanceof StrataError)) throw e;
    const key = e.fullKey ?? "";
    const full = joinFullKey(at, key);
    // (no caret or "never closed": the text is the resolved value, not what the file says)
    throw new StrataError(e.code, e.message, { fullKey: full, origin: e.origin });
  }
}

/**
 * Whether any string leaf of `root` contains `${` (iteratively: the tree may be deep). Resolved,
 * only an escaped `\${x}` or a container printed into a string with its interpolations
 * (`x_${d}`) leaves one: where OmegaConf.resolve's walk in key order may read otherwise.
 *
 * @example
 * ```ts
 * import { holdsInterpolationText } from "./validate.ts";
 * import { dict, str } from "../node.ts";
 * holdsInterpolationText(dict([["a", str("${x}")]])); // true
 * ```
 */
export function holdsInterpolationText(root: Node): boolean {
  return someStringLeaf(root, (text) => text.includes("${"));
}

interface Found {
  path: Key[];
  indexes: boolean[];
  node: Node;
  depth: number;
}

/** The string leaf whose `${`s nest deepest (iteratively: the tree may be deep too). */
function deepest(root: Node): Found | undefined {
  let best: Found | undefined;
  const stack: { node: Node; path: Key[]; indexes: boolean[] }[] = [
    { node: root, path: [], indexes: [] },
  ];
  while (stack.length > 0) {
    const { node, path, indexes } = stack.pop()!;
    if (node.kind === "dict") {
      for (const e of node.entries.values()) {
        stack.push({ node: e.node, path: [...path, e.key], indexes: [...indexes, false] });
      }
    } else if (node.kind === "list") {
      node.items.forEach((c, i) =>
        stack.push({ node: c, path: [...path, i], indexes: [...indexes, true] })
      );
    } else if (node.type === "str") {
      const depth = nesting(node.value as string);
      if (depth > (best?.depth ?? 0)) best = { node, path, indexes, depth };
    }
  }
  return best;
}

/** How deep `${` (and brackets) nest in `text`. */
function nesting(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "{" || c === "[" || c === "(") max = Math.max(max, ++depth);
    else if (c === "}" || c === "]" || c === ")") depth = Math.max(0, depth - 1);
  }
  return max;
}

/**
 * A job's resolved config as written to its run dir (`STRATA_CONFIG`): a
 * resolved string that holds `${` (an escaped `\${x}` resolved to the text
 * `${x}`) is written escaped again, so that OmegaConf, which reads `${` as an
 * interpolation, loads the same text back (checker x27: `OmegaConf.load`
 * read `${global_config.nsim}` as 10). A value kept as written (one that did
 * not resolve here: the app resolves it) stays an interpolation.
 *
 * @module
 */

import type { Node } from "../node.ts";

/**
 * `text` as OmegaConf reads back the same text: each `${` escaped (`\${`),
 * the backslashes before it doubled (`\` then `${` is `\\\${`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { escapeInterpolations } from "./escaped_texts.ts";
 * assert.equal(escapeInterpolations("x${a}"), "x\\${a}");
 * assert.equal(escapeInterpolations("no"), "no");
 * ```
 */
export function escapeInterpolations(text: string): string {
  return text.replace(/(\\*)\$\{/g, (_, bs: string) => `${bs}${bs}\\\${`);
}

/**
 * `root` with every string that holds `${` escaped, but for the nodes in
 * `kept` (values written as they were, to be resolved by the app); a tree
 * without such a string is returned as it is.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { withEscapedTexts } from "./escaped_texts.ts";
 * import { dict, str } from "../node.ts";
 * const kept = str("${oc.env:X}");
 * import { toYaml } from "../yaml/emit.ts";
 * const out = withEscapedTexts(dict([["a", str("${x}")], ["b", kept]]), new Set([kept]));
 * assert.equal(toYaml(out), "a: \\${x}\nb: ${oc.env:X}\n");
 * ```
 */
export function withEscapedTexts(root: Node, kept: ReadonlySet<Node>): Node {
  if (kept.has(root)) return root;
  if (root.kind === "value") {
    if (root.type !== "str" || !(root.value as string).includes("${")) return root;
    return { ...root, value: escapeInterpolations(root.value as string) };
  }
  if (root.kind === "list") {
    let changed = false;
    const items = root.items.map((n) => {
      const e = withEscapedTexts(n, kept);
      changed ||= e !== n;
      return e;
    });
    return changed ? { ...root, items } : root;
  }
  let changed = false;
  const entries = new Map(root.entries);
  for (const [k, e] of root.entries) {
    const node = withEscapedTexts(e.node, kept);
    if (node !== e.node) {
      changed = true;
      entries.set(k, { key: e.key, node });
    }
  }
  return changed ? { ...root, entries } : root;
}

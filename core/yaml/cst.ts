/**
 * A walk over npm:yaml's concrete syntax tree, for the checks that need
 * PyYAML's view of the raw tokens (./tabs.ts, ./quoted_indent.ts, ./prop_names.ts).
 *
 * @module
 */

import { Parser } from "npm:yaml@2.9.1";

/** A CST token as the walk sees it: its type, source text and offset when it has them. */
export interface CstToken {
  type?: string;
  source?: unknown;
  offset?: number;
}

/**
 * Calls `visit` on every token of `text`'s CST (in no particular order);
 * `visit` returns `false` to skip a token's children. Iterative, so a deep
 * tree does not overflow the stack.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { walkCst } from "./cst.ts";
 * const types: string[] = [];
 * walkCst('a: "x"\n', (t) => void types.push(t.type ?? ""));
 * assert.ok(types.includes("double-quoted-scalar"));
 * ```
 */
export function walkCst(text: string, visit: (token: CstToken) => boolean | void): void {
  walkTokens([...new Parser().parse(text)], visit);
}

/**
 * {@link walkCst} over tokens already parsed (a caller that keeps npm:yaml's
 * tokens does not parse the text again).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Parser } from "npm:yaml@2.9.1";
 * import { walkTokens } from "./cst.ts";
 * const types: string[] = [];
 * walkTokens([...new Parser().parse("a: &x 1\n")], (t) => void types.push(t.type ?? ""));
 * assert.ok(types.includes("anchor"));
 * ```
 */
export function walkTokens(
  tokens: readonly unknown[],
  visit: (token: CstToken) => boolean | void,
): void {
  const stack: unknown[] = [...tokens];
  while (stack.length > 0) {
    const t = stack.pop();
    if (Array.isArray(t)) {
      for (const x of t) stack.push(x);
      continue;
    }
    if (typeof t !== "object" || t === null) continue;
    if (visit(t as CstToken) === false) continue;
    for (const v of Object.values(t)) if (typeof v === "object" && v !== null) stack.push(v);
  }
}

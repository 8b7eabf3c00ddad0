/**
 * A walk over npm:yaml's concrete syntax tree, for the checks that need
 * PyYAML's view of the raw tokens (./tabs.ts, ./quoted_indent.ts, ./prop_names.ts).
 *
 * @module
 */

import { yamlTokens } from "./npm_parse.ts";

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
  walkTokens(yamlTokens(text) as CstToken[], visit);
}

/**
 * {@link walkCst} over tokens already parsed (a caller that keeps npm:yaml's
 * tokens does not parse the text again); `visit` is also told the bracket
 * (`[` or `{`) of the innermost flow collection the token is in.
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
  visit: (token: CstToken, flow: string | undefined) => boolean | void,
): void {
  // each token with the bracket of the flow collection it is in (`[`, `{`, or
  // none): PyYAML's scanner reads some characters otherwise in one. Two
  // parallel stacks, no pair per token: a big file has millions of them
  const stack: unknown[] = [...tokens];
  const flows: (string | undefined)[] = tokens.map(() => undefined);
  while (stack.length > 0) {
    const t = stack.pop();
    const flow = flows.pop();
    if (Array.isArray(t)) {
      for (const x of t) {
        stack.push(x);
        flows.push(flow);
      }
      continue;
    }
    if (typeof t !== "object" || t === null) continue;
    if (visit(t as CstToken, flow) === false) continue;
    const inner = (t as CstToken).type === "flow-collection"
      ? String((t as { start?: { source?: unknown } }).start?.source ?? "[")
      : flow;
    for (const k in t) {
      const v = (t as Record<string, unknown>)[k];
      if (typeof v === "object" && v !== null) {
        stack.push(v);
        flows.push(inner);
      }
    }
  }
}

/**
 * OmegaConf's typing of grammar primitives: a lone token is typed (`1` int,
 * `1e3` float, `TrUe` bool, `null`), several tokens concatenate into a string.
 *
 * @module
 */

import { ErrorCode } from "../errors.ts";
import { bool, float, int, nil, type Node, str } from "../node.ts";
import type { Tok } from "./grammar.ts";
import { Fail } from "./fail.ts";

/**
 * Python's `float(text)` for a FLOAT token.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseFloatToken } from "./elements.ts";
 * assert.equal(parseFloatToken("1_0.5"), 10.5);
 * ```
 */
export function parseFloatToken(text: string): number {
  const t = text.replaceAll("_", "").toLowerCase();
  const sign = t.startsWith("-") ? -1 : 1;
  const body = t.replace(/^[+-]/, "");
  if (body === "inf") return sign * Infinity;
  if (body === "nan") return NaN;
  return Number(t);
}

/**
 * The typed value of a primitive's tokens (strings are already-resolved text).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { int } from "../../engine.ts";
 * import { elementFromTokens } from "./elements.ts";
 * assert.deepEqual(elementFromTokens([{ k: "INT", s: "1_000" }]), int(1000));
 * ```
 */
export function elementFromTokens(toks: (string | Tok)[]): Node {
  if (toks.length === 1 && typeof toks[0] !== "string") {
    const t = toks[0];
    switch (t.k) {
      case "NULL":
        return nil();
      case "INT": {
        const v = BigInt(t.s.replaceAll("_", ""));
        return int(
          v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER)
            ? Number(v)
            : v,
        );
      }
      case "FLOAT":
        return float(parseFloatToken(t.s));
      case "BOOL":
        return bool(t.s.toLowerCase() === "true");
      case "WS":
        throw new Fail(
          ErrorCode.InterpolationResolution,
          "AssertionError raised while resolving interpolation: WS should never be reached",
        );
      default:
        return str(t.s);
    }
  }
  return str(toks.map((t) => (typeof t === "string" ? t : t.s)).join(""));
}

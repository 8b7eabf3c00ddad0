/**
 * OmegaConf's typing of grammar primitives: a lone token is typed (`1` int,
 * `1e3` float, `TrUe` bool, `null`), several tokens concatenate into a string.
 *
 * @module
 */

import { ErrorCode } from "../errors.ts";
import {
  bool,
  canonicalKey,
  float,
  FloatKey,
  int,
  type Key,
  nil,
  type Node,
  str,
  type ValueNode,
} from "../node.ts";
import type { Element, Interp, Tok } from "./grammar.ts";
import { Fail } from "./fail.ts";
import type { Evaluator } from "./evaluate.ts";
import type { Loc } from "./loc.ts";
import { pyStr } from "./pystr.ts";

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

/**
 * The value of a resolver argument's element (`1`, `'a${x}'`, `[1, ${y}]`,
 * `{k: v}`), scalars typed as OmegaConf types them, interpolations in it
 * resolved by `ev` at `loc`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict } from "../../engine.ts";
 * import { Evaluator } from "./evaluate.ts";
 * import { elementValue } from "./elements.ts";
 * import { parseSingleElement } from "./grammar.ts";
 * const ev = new Evaluator(dict(), () => undefined);
 * const v = elementValue(ev, parseSingleElement("[1, 2.5]").el, ev.root);
 * assert.equal(v.kind === "list" && v.items.length, 2);
 * ```
 */
export function elementValue(ev: Evaluator, el: Element, loc: Loc): Node {
  switch (el.t) {
    case "quoted":
      return el.parts.length === 1 && typeof el.parts[0] !== "string"
        ? str(pyStr(ev.interp(el.parts[0], loc).node))
        : ev.parts(el.parts, loc, false).node;
    case "prim": {
      if (el.toks.length === 1 && "t" in el.toks[0]) {
        return ev.interp(el.toks[0] as Interp, loc).node;
      }
      const parts = el.toks.map((t) => ("t" in t ? pyStr(ev.interp(t, loc).node) : t));
      return elementFromTokens(parts as (string | Tok)[]);
    }
    case "list":
      return {
        kind: "list",
        items: el.items.map((a) => (a.el ? elementValue(ev, a.el, loc) : str(""))),
      };
    case "dict": {
      const entries = new Map();
      for (const p of el.pairs) {
        const k = elementFromTokens(p.key);
        const kv = k as ValueNode;
        const key = kv.type === "float" ? new FloatKey(kv.value as number) : kv.value as Key;
        // like a Python dict, `{1: a, true: c}` keeps the first key (1) and the last value
        const ck = canonicalKey(key);
        const node = elementValue(ev, p.value, loc);
        entries.set(ck, { key: entries.get(ck)?.key ?? key, node });
      }
      return { kind: "dict", entries };
    }
  }
}

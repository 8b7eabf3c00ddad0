/**
 * The host side of the WASM interpolation engine (placeholder: TS walk).
 *
 * @module
 */

import { ErrorCode, StrataError } from "../core/errors.ts";
import { isInterpolationString, type Node } from "../core/node.ts";
import { GrammarError, parseConfigValue } from "../core/resolve/grammar.ts";
import type { Evaluator } from "../core/resolve/evaluate.ts";
import { fullKey, type Key } from "../core/node.ts";

/** Validates every interpolation string of a tree. */
export function engineValidate(root: Node): void {
  const keys: Key[] = [];
  const idx: boolean[] = [];
  const walk = (n: Node): void => {
    if (n.kind === "value") {
      if (n.type === "str" && isInterpolationString(n.value as string)) {
        try {
          parseConfigValue(n.value as string);
        } catch (e) {
          if (!(e instanceof GrammarError)) throw e;
          throw new StrataError(ErrorCode.Grammar, e.message, {
            fullKey: fullKey(keys, idx),
            origin: n.origin,
          });
        }
      }
      return;
    }
    if (n.kind === "list") {
      n.items.forEach((c, i) => {
        keys.push(i);
        idx.push(true);
        walk(c);
        keys.pop();
        idx.pop();
      });
    } else {
      for (const e of n.entries.values()) {
        keys.push(e.key);
        idx.push(false);
        walk(e.node);
        keys.pop();
        idx.pop();
      }
    }
  };
  walk(root);
}

/** Primes an evaluator with the engine's plan (none yet). */
export function engineResolve(_root: Node, _ev: Evaluator): void {}

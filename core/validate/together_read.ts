/**
 * Reading `.strata.yaml`'s `validate.together` (./together.ts checks the
 * sets): apart from the checking, which expands sweeps, so that reading the
 * settings, which every command does, loads none of that.
 *
 * @module
 */

import { ErrorCode, StrataError } from "../errors.ts";
import { type Node, type Origin, originOf } from "../node.ts";

/** One `validate.together` entry: overrides as written, and where (the set, and each override). */
export interface TogetherSet {
  overrides: string[];
  at?: Origin;
  /** Where each override is written, when known (a GitHub annotation lands on it). */
  overridesAt?: (Origin | undefined)[];
}

/**
 * Reads `validate.together`: a list whose items are lists of overrides or
 * one string of them separated by spaces.
 *
 * @throws {StrataError} `value` at the item that is neither.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml } from "../yaml/load.ts";
 * import { readTogether } from "./together_read.ts";
 * const node = loadYaml("- algorithm=mbpo overrides=glob(mbpo_*)\n- [algorithm=pets, overrides=pets_cartpole]\n");
 * assert.deepEqual(readTogether(node, "s.yaml").map((t) => t.overrides), [
 *   ["algorithm=mbpo", "overrides=glob(mbpo_*)"],
 *   ["algorithm=pets", "overrides=pets_cartpole"],
 * ]);
 * ```
 */
export function readTogether(node: Node, file: string, text?: string): TogetherSet[] {
  const bad = (n: Node) =>
    new StrataError(
      ErrorCode.Value,
      "validate.together must be a list of override sets, each a list of overrides or one " +
        "string of them (`algorithm=mbpo overrides=glob(mbpo_*)`)",
      { origin: originOf(n.origin) ?? { file, line: 1, col: 1 }, fullKey: "validate.together" },
    );
  if (node.kind !== "list") throw bad(node);
  return node.items.map((item) => {
    const texts = item.kind === "list" ? item.items : [item];
    const overrides: string[] = [];
    const overridesAt: (Origin | undefined)[] = [];
    for (const t of texts) {
      if (t.kind !== "value" || t.type !== "str" || (t.value as string).trim() === "") throw bad(t);
      const v = t.value as string;
      const own = originOf(t.origin);
      if (item.kind === "list") {
        overrides.push(v);
        overridesAt.push(wordsAt([v], own, text)[0]);
        continue;
      }
      const words = v.trim().split(/\s+/);
      overrides.push(...words);
      overridesAt.push(...wordsAt(words, own, text));
    }
    const at = originOf(item.origin);
    return { overrides, ...(at ? { at, overridesAt } : {}) };
  });
}

/**
 * Where each of a one-line string's words is written: found in order on the
 * string's line of the settings `text` from its column (past a quote; a
 * folded string, or one whose words are escaped, keeps the string's place).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { wordsAt } from "./together_read.ts";
 * const text = "together:\n  - 'a=1 b=2'\n";
 * assert.deepEqual(wordsAt(["a=1", "b=2"], { line: 2, col: 5 }, text).map((o) => o.col), [6, 10]);
 * ```
 */
export function wordsAt(
  words: string[],
  at: Origin | undefined,
  text: string | undefined,
): Origin[] {
  if (at?.line === undefined || at.col === undefined || text === undefined) {
    return words.map(() => at ?? {});
  }
  const line = text.split("\n")[at.line - 1] ?? "";
  let from = at.col - 1;
  return words.map((w) => {
    const i = line.indexOf(w, from);
    if (i < 0) return at;
    from = i + w.length;
    return { ...at, col: i + 1 };
  });
}

/**
 * Where an override's parse error is in `.strata.yaml`: the override's place
 * (`written`, by its number) moved to the message's `at column N`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { StrataError } from "../errors.ts";
 * import { parseErrorAt } from "./together_read.ts";
 * const e = new StrataError("override-parse", "expected a value at column 5, got the end",
 *   { origin: { override: 1, text: "b=[1" } });
 * assert.deepEqual(parseErrorAt(e, [undefined, { file: "s.yaml", line: 3, col: 9 }]),
 *   { file: "s.yaml", line: 3, col: 13 });
 * ```
 */
export function parseErrorAt(
  e: StrataError,
  written: readonly (Origin | undefined)[] | undefined,
): Origin | undefined {
  const at = e.origin?.override === undefined ? undefined : written?.[e.origin.override];
  const column = /at column (\d+)/.exec(e.message)?.[1];
  if (at?.col === undefined || column === undefined) return at;
  return { ...at, col: at.col + Number(column) - 1 };
}

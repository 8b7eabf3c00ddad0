/**
 * The option file a group choice brings, from its key and option or from a
 * whole override, so one file chosen in two spellings is one file.
 *
 * @module
 */

/**
 * The option file a group choice `key=option` brings (`emb/enc=e2` and
 * `+emb=enc/e2` both bring `emb/enc/e2`), or undefined for what is no group
 * choice.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { choiceFile } from "./choice_file.ts";
 * assert.equal(choiceFile("+emb", "enc/e2"), "emb/enc/e2");
 * assert.equal(choiceFile("db@src", "pg"), "db/pg");
 * assert.equal(choiceFile("db", null), undefined);
 * ```
 */
export function choiceFile(key: string, option: string | null | undefined): string | undefined {
  if (option === null || option === undefined || option === "") return undefined;
  const group = key.replace(/^[+~]+/, "").split("@")[0];
  return group === "" ? undefined : `${group}/${option}`;
}

/**
 * {@link choiceFile} of an override as written (`+task=cls_mil/tile.yaml` brings
 * `task/cls_mil/tile`: Hydra drops an option's `.yaml`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { overrideChoiceFile } from "./choice_file.ts";
 * assert.equal(overrideChoiceFile("+task=cls_mil/tile.yaml"), "task/cls_mil/tile");
 * assert.equal(overrideChoiceFile("lr"), undefined);
 * ```
 */
export function overrideChoiceFile(override: string): string | undefined {
  const eq = override.indexOf("=");
  if (eq <= 0) return undefined;
  return choiceFile(override.slice(0, eq), override.slice(eq + 1).replace(/\.yaml$/, ""));
}

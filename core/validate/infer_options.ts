/**
 * The values every option of the composition's groups gives, for the schema
 * `strata schema` writes: inferred from the default composition alone, an
 * editor flagged every other option whose values differ in type
 * (`randaug: null` beside the default's `randaug: {n: 2}`, `dropout: 0.1`
 * beside `dropout: 0`).
 *
 * @module
 */

import { type ComposeOptions, searchPathRepository } from "../compose/compose.ts";
import { BatchComposer } from "../compose/batch.ts";
import type { DictNode } from "../node.ts";
import { isStrataError, type StrataError } from "../errors.ts";
import { choiceOverride } from "../override/format.ts";

type Schema = Record<string, unknown>;

/**
 * The configs of the compositions that swap one option of the default
 * composition `c` for each other option of its group (at the entry's override
 * key: `db@src=pg`); those that do not compose are left out (`validate`
 * reports them), and `onUnread` hears of each whose file does not load.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compose } from "../compose/compose.ts";
 * import { swappedConfigs } from "./infer_options.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.mkdirSync(dir + "/db");
 * Deno.writeTextFileSync(dir + "/config.yaml", "defaults:\n  - db: a\n");
 * Deno.writeTextFileSync(dir + "/db/a.yaml", "x: 1\n");
 * Deno.writeTextFileSync(dir + "/db/b.yaml", "x: null\n");
 * const opts = { configDir: dir, configName: "config" };
 * assert.equal(swappedConfigs(compose(opts), opts).length, 1);
 * ```
 */
export function swappedConfigs(
  c: {
    defaults: { configPath: string; overrideKey?: string; ownerKey?: string }[];
    choices?: Record<string, string | null>;
  },
  opts: ComposeOptions,
  onUnread?: (choice: string, error: StrataError) => void,
): DictNode[] {
  const repo = searchPathRepository(opts, []);
  // one repository for every swap: each file is read and parsed once
  const batch = new BatchComposer(opts);
  const out: DictNode[] = [];
  const tried = new Set<string>();
  const swap = (key: string, option: string) => {
    const choice = choiceOverride(key, option);
    if (tried.has(choice)) return;
    tried.add(choice);
    try {
      out.push(batch.composeOnce([...opts.overrides ?? [], choice]).config);
    } catch (e) {
      if (!isStrataError(e)) throw e;
      // an option that composes only with other choices is not tried here; one whose file does
      // not load is said (checker w58: it was left out without a word)
      if (e.code.startsWith("yaml-")) onUnread?.(choice, e);
    }
  };
  for (const d of c.defaults) {
    // (an option with a defaults list of its own is its `_self_` here, chosen by its owner's
    // key: cyto-dl's callbacks/default.yaml; checker w63 #2)
    const key = d.overrideKey ?? d.ownerKey;
    const slash = d.configPath.lastIndexOf("/");
    if (!key || slash === -1 || d.configPath.startsWith("hydra/")) continue;
    const group = d.configPath.slice(0, slash);
    // an option in a sub-directory of the group that chose it (`datamodule: semantic/s3dis`):
    // its neighbours are chosen there as `semantic/<option>`
    const keyGroup = key.split("@")[0].replace(/^\//, "");
    const sub = group.startsWith(keyGroup + "/") ? group.slice(keyGroup.length + 1) + "/" : "";
    for (const o of repo.groupOptions(group)) {
      if (`${group}/${o}` !== d.configPath) swap(key, sub + o);
    }
  }
  // a group the defaults list leaves null (`- logger: null`): each of its options, which is what
  // a user chooses there (checker w63 #2: cyto-dl's data, model and logger had no schema)
  for (const [key, choice] of Object.entries(c.choices ?? {})) {
    if (choice !== null || key.startsWith("hydra/")) continue;
    for (const o of repo.groupOptions(key.split("@")[0])) swap(key, o);
  }
  return out;
}

/** The JSON Schema types a schema allows (undefined: any). */
function typesOf(s: Schema): string[] | undefined {
  if (s.type === undefined) return undefined;
  return Array.isArray(s.type) ? s.type as string[] : [s.type as string];
}

/**
 * A schema that accepts what either inferred schema accepts: types joined
 * (`integer` with `number` is `number`), the properties of objects joined key
 * by key, anything where one accepts anything.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { unionSchema } from "./infer_options.ts";
 * assert.deepEqual(unionSchema({ type: "integer" }, { type: "number" }), { type: "number" });
 * assert.deepEqual(unionSchema({ type: "object", properties: { a: { type: "string" } } }, {}), {});
 * assert.deepEqual(
 *   unionSchema({ type: "object", properties: { a: { type: "integer" } } },
 *     { type: "object", properties: { a: { type: "string" }, b: { type: "boolean" } } }),
 *   { type: "object", properties: { a: { type: ["integer", "string"] }, b: { type: "boolean" } } },
 * );
 * ```
 */
export function unionSchema(a: Schema, b: Schema): Schema {
  const ta = typesOf(a), tb = typesOf(b);
  if (!ta || !tb) return {};
  let types = [...new Set([...ta, ...tb])];
  if (types.includes("number")) types = types.filter((t) => t !== "integer");
  const out: Schema = { type: types.length === 1 ? types[0] : types };
  const pa = a.properties as Record<string, Schema> | undefined;
  const pb = b.properties as Record<string, Schema> | undefined;
  if (pa || pb) {
    const props: Record<string, Schema> = { ...pa };
    for (const [k, v] of Object.entries(pb ?? {})) {
      props[k] = k in props ? unionSchema(props[k], v) : v;
    }
    out.properties = props;
  }
  return out;
}

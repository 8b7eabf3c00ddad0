/**
 * Argument checks of the library's entry points: a plain JavaScript caller
 * (no type checker) that passes `compose(undefined)` or `loadConfig(5)` gets
 * a `usage` {@link StrataError} naming the function and the argument, not a
 * TypeError from deep inside.
 *
 * @module
 */

import { ErrorCode, StrataError } from "../errors.ts";
import { suggest } from "../suggest.ts";
import { VERSION_BASES } from "../compose/version_base.ts";
import { isConfig } from "./view.ts";

/**
 * The fields of compose's and expandSweep's options a JavaScript caller may get wrong.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { COMPOSE_FIELDS } from "./args.ts";
 * assert.deepEqual(COMPOSE_FIELDS.strings, ["configDir"]);
 * ```
 */
export const COMPOSE_FIELDS = {
  strings: ["configDir"],
  nullable: ["configName"],
  optionalStrings: ["jobName"],
  stringLists: ["overrides", "searchPath"],
};

/**
 * Checks that `config` is a {@link Config} view.
 *
 * @throws {StrataError} `usage` naming `fn`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkConfig } from "./args.ts";
 * assert.throws(() => checkConfig("toYaml", {}), /toYaml: config must be a Config/);
 * ```
 */
export function checkConfig(fn: string, config: unknown): void {
  if (!isConfig(config)) throw badArgument(fn, "config", "a Config", config);
}

/** How a JavaScript value is named in a message: `undefined`, `a number`, `an array`... */
function described(x: unknown): string {
  if (x === null) return "null";
  if (Array.isArray(x)) return "an array";
  const t = typeof x;
  return t === "undefined" ? "undefined" : t === "object" ? "an object" : `a ${t}`;
}

/**
 * The `usage` error of a call `fn(...)` whose `arg` is not `wanted`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { badArgument } from "./args.ts";
 * assert.equal(
 *   badArgument("loadConfig", "path", "a string", 5).message,
 *   "loadConfig: path must be a string, not a number",
 * );
 * ```
 */
export function badArgument(fn: string, arg: string, wanted: string, got: unknown): StrataError {
  return new StrataError(
    ErrorCode.Usage,
    `${fn}: ${arg} must be ${wanted}, not ${described(got)}`,
    { fullKey: "" },
  );
}

/**
 * Checks a `versionBase` option: undefined, or one of {@link VERSION_BASES}.
 *
 * @throws {StrataError} `usage` for another value.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkVersionBase } from "./args.ts";
 * checkVersionBase("compose", "1.1");
 * assert.throws(() => checkVersionBase("compose", "1.0"), /versionBase must be "1.1", "1.2" or "1.3", not "1.0"/);
 * assert.throws(() => checkVersionBase("compose", 1.3), /not a number/);
 * ```
 */
export function checkVersionBase(fn: string, value: unknown): void {
  if (value === undefined || VERSION_BASES.some((b) => b === value)) return;
  // a string that is no version is named (`not "1.4"`), not said to be "a string" (checker v36)
  if (typeof value === "string") {
    throw new StrataError(
      ErrorCode.Usage,
      `${fn}: versionBase must be "1.1", "1.2" or "1.3", not ${JSON.stringify(value)}`,
      { fullKey: "" },
    );
  }
  throw badArgument(fn, "versionBase", '"1.1", "1.2" or "1.3"', value);
}

/**
 * Checks an options object: `strings` are required strings (`nullable`: or
 * null/undefined), `optionalStrings` strings when given, `stringLists` arrays
 * of strings when given.
 *
 * @throws {StrataError} `usage` naming the first bad field.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkOptions } from "./args.ts";
 * assert.throws(
 *   () => checkOptions("compose", undefined, { strings: ["configDir"] }),
 *   /compose: options must be an object, not undefined/,
 * );
 * ```
 */
export function checkOptions(
  fn: string,
  options: unknown,
  fields: {
    strings?: string[];
    nullable?: string[];
    optionalStrings?: string[];
    stringLists?: string[];
  },
): void {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw badArgument(fn, "options", "an object", options);
  }
  const o = options as Record<string, unknown>;
  for (const k of fields.strings ?? []) {
    if (typeof o[k] !== "string") throw badArgument(fn, k, "a string", o[k]);
  }
  for (const k of fields.nullable ?? []) {
    if (o[k] != null && typeof o[k] !== "string") {
      throw badArgument(fn, k, "a string or null", o[k]);
    }
  }
  for (const k of fields.optionalStrings ?? []) {
    if (o[k] !== undefined && typeof o[k] !== "string") {
      throw badArgument(fn, k, "a string", o[k]);
    }
  }
  for (const k of fields.stringLists ?? []) {
    const v = o[k];
    if (v === undefined) continue;
    if (!Array.isArray(v)) throw badArgument(fn, k, "an array of strings", v);
    // the item that is not a string, named (`overrides[0] must be a string, not a number`)
    const bad = v.findIndex((s) => typeof s !== "string");
    if (bad !== -1) throw badArgument(fn, `${k}[${bad}]`, "a string", v[bad]);
  }
}

/**
 * Refuses an option `fn` does not know: a misspelt one (`overides`, Hydra's
 * `config_name`) would otherwise be ignored and the call go on without it, a
 * wrong config returned silently (checker w25). The names come from an object
 * whose keys the caller's type fixes (`Record<keyof Options, true>`), so a new
 * option cannot be left out of them.
 *
 * @throws {StrataError} `usage` naming `fn` and the option, with did-you-mean.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkKnownOptions } from "./args.ts";
 * assert.throws(
 *   () => checkKnownOptions("compose", { configDir: "c", config_name: "x" }, { configDir: true, configName: true }),
 *   /compose: unknown option 'config_name'/,
 * );
 * ```
 */
export function checkKnownOptions(
  fn: string,
  options: object,
  known: Record<string, true>,
): void {
  const names = Object.keys(known);
  for (const k of Object.keys(options)) {
    if (Object.hasOwn(known, k)) continue;
    throw new StrataError(ErrorCode.Usage, `${fn}: unknown option '${k}'`, {
      suggestions: suggest(k, names),
    });
  }
}

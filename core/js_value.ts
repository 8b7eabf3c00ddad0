/**
 * Which JS values a config can hold. OmegaConf refuses a value that is not a
 * primitive, a dict or a list (UnsupportedValueType) instead of storing
 * something else; JS would otherwise turn a `Date` or a `Promise` into `{}`
 * through `Object.entries` and lose it silently.
 *
 * @module
 */

/**
 * The type name of a JS value a config cannot hold (`Date`, `function`,
 * `Promise`), or undefined for one it can: null/undefined, strings, numbers,
 * bigints, booleans, arrays, Maps and plain objects. Callers accept their own
 * wrappers (`PyFloat`, `FloatKey`) before asking.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { unsupportedType } from "./js_value.ts";
 * assert.equal(unsupportedType({ a: [1, new Map()] }), undefined);
 * assert.equal(unsupportedType(new Date(0)), "Date");
 * assert.equal(unsupportedType(() => 1), "function");
 * ```
 */
export function unsupportedType(x: unknown): string | undefined {
  if (typeof x === "function" || typeof x === "symbol") return typeof x;
  if (typeof x !== "object" || x === null || Array.isArray(x) || x instanceof Map) {
    return undefined;
  }
  const proto = Object.getPrototypeOf(x);
  if (proto === Object.prototype || proto === null) return undefined;
  return (proto.constructor as { name?: string } | undefined)?.name || "object";
}

/**
 * OmegaConf's message for a value it cannot hold, with a hint for the JS
 * values that have a config form.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { unsupportedMessage } from "./js_value.ts";
 * assert.match(unsupportedMessage("Date"), /^Value 'Date' is not a supported primitive type/);
 * ```
 */
export function unsupportedMessage(type: string): string {
  const hint: Record<string, string> = {
    Date: " (store it as a string, e.g. date.toISOString())",
    Promise: " (await it first: a resolver must return its value)",
    Set: " (use an array)",
  };
  return `Value '${type}' is not a supported primitive type${hint[type] ?? ""}`;
}

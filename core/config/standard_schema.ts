/**
 * Standard Schema (https://standardschema.dev, v1): the one interface zod,
 * valibot and arktype schemas all implement, so `toObject(schema)` takes any
 * of them without depending on one. The types below are the spec's, written
 * out; validation failures become a {@link StrataError} located at the
 * failing value's file:line:col.
 *
 * @module
 */

import { ErrorCode, type Related, StrataError } from "../errors.ts";
import { fullKey, type Key, type Origin } from "../node.ts";

/** A schema that validates plain data into `Output` (Standard Schema v1). */
export interface StandardSchema<Input = unknown, Output = Input> {
  /** The spec's properties, under a key no schema library uses for anything else. */
  readonly "~standard": StandardSchemaProps<Input, Output>;
}

/** The `~standard` properties of a {@link StandardSchema}. */
export interface StandardSchemaProps<Input = unknown, Output = Input> {
  /** The spec version: 1. */
  readonly version: 1;
  /** The library that made the schema (`zod`, `valibot`, ...). */
  readonly vendor: string;
  /** Validates a value; async schemas return a Promise. */
  readonly validate: (
    value: unknown,
  ) => StandardResult<Output> | Promise<StandardResult<Output>>;
  /** The schema's static types (only for inference: absent at run time). */
  readonly types?: { readonly input: Input; readonly output: Output } | undefined;
}

/** What {@link StandardSchemaProps.validate} returns: the value, or the issues. */
export type StandardResult<Output> =
  | { readonly value: Output; readonly issues?: undefined }
  | { readonly issues: ReadonlyArray<StandardIssue> };

/** One validation problem, at a path into the validated value. */
export interface StandardIssue {
  /** What is wrong. */
  readonly message: string;
  /** Where: object keys and array indexes from the root of the value. */
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined;
}

/** The type a schema validates into. */
export type InferOutput<S extends StandardSchema> = NonNullable<
  S["~standard"]["types"]
>["output"];

/** The keys of an issue's path, as config keys (list indexes stay numbers). */
function issueKeys(issue: StandardIssue): Key[] {
  return (issue.path ?? []).map((seg) => {
    const key = typeof seg === "object" ? seg.key : seg;
    return typeof key === "symbol" ? String(key) : key;
  });
}

/**
 * The error of a failed validation: the first issue is the message and its
 * node's origin the position; the other issues follow as related positions.
 */
function validationError(
  issues: ReadonlyArray<StandardIssue>,
  prefix: Key[],
  originAt: (keys: Key[]) => Origin | undefined,
): StrataError {
  const located = issues.map((issue) => {
    const keys = [...prefix, ...issueKeys(issue)];
    const key = fullKey(keys, keys.map((k) => typeof k === "number"));
    return { key, message: issue.message, origin: originAt(keys) };
  });
  const [first, ...rest] = located;
  const related: Related[] = rest.map((r) => ({
    message: r.key ? `${r.key}: ${r.message}` : r.message,
    origin: r.origin ?? {},
  }));
  return new StrataError(ErrorCode.Validation, first.message, {
    fullKey: first.key,
    origin: first.origin,
    related,
  });
}

/** A schema's `validate`, or `usage` for an object that only looks like a Standard Schema. */
function validateOf<S extends StandardSchema>(schema: S): S["~standard"]["validate"] {
  const props = (schema as { "~standard"?: unknown })["~standard"];
  const validate = typeof props === "object" && props !== null
    ? (props as { validate?: unknown }).validate
    : undefined;
  if (typeof validate !== "function") {
    throw new StrataError(
      ErrorCode.Usage,
      "the schema's '~standard' has no validate function: toObject takes a Standard Schema " +
        "(zod, valibot, arktype, ...) or options",
    );
  }
  return validate as S["~standard"]["validate"];
}

/**
 * Runs a schema on a value: the validated output, or a {@link StrataError}
 * (`validation`) thrown at the first issue's origin. `prefix` is the path of
 * the value in its config; `originAt` finds a node's origin by its path.
 *
 * @throws {StrataError} `validation`; `usage` for an async schema (use
 *   {@link validateAsync}) or an object that is no Standard Schema.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import type { StandardSchema } from "../../mod.ts";
 * import { validateSync } from "./standard_schema.ts";
 * const even: StandardSchema<unknown, number> = {
 *   "~standard": {
 *     version: 1,
 *     vendor: "example",
 *     validate: (v) => (v as number) % 2 === 0 ? { value: v as number } : { issues: [{ message: "odd" }] },
 *   },
 * };
 * assert.equal(validateSync(even, 4, [], () => undefined), 4);
 * assert.throws(() => validateSync(even, 3, ["n"], () => ({ file: "c.yaml", line: 2, col: 4 })), /odd/);
 * ```
 */
export function validateSync<S extends StandardSchema>(
  schema: S,
  value: unknown,
  prefix: Key[],
  originAt: (keys: Key[]) => Origin | undefined,
): InferOutput<S> {
  const result = validateOf(schema)(value);
  if (result instanceof Promise) {
    throw new StrataError(
      ErrorCode.Usage,
      "the schema validates asynchronously: use toObjectAsync(schema)",
    );
  }
  if (result.issues) throw validationError(result.issues, prefix, originAt);
  return result.value as InferOutput<S>;
}

/**
 * {@link validateSync} for schemas that may validate asynchronously.
 *
 * @throws {StrataError} `validation` (the Promise rejects with it).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import type { StandardSchema } from "../../mod.ts";
 * import { validateAsync } from "./standard_schema.ts";
 * const later: StandardSchema<unknown, string> = {
 *   "~standard": { version: 1, vendor: "example", validate: (v) => Promise.resolve({ value: String(v) }) },
 * };
 * assert.equal(await validateAsync(later, 7, [], () => undefined), "7");
 * ```
 */
export async function validateAsync<S extends StandardSchema>(
  schema: S,
  value: unknown,
  prefix: Key[],
  originAt: (keys: Key[]) => Origin | undefined,
): Promise<InferOutput<S>> {
  const result = await validateOf(schema)(value);
  if (result.issues) throw validationError(result.issues, prefix, originAt);
  return result.value as InferOutput<S>;
}

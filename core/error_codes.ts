/**
 * The catalogue of error codes ({@link ErrorCode}), each with the
 * Hydra/OmegaConf exception it stands for ({@link pythonErrorClass}).
 * Errors themselves are ./errors.ts's.
 *
 * @module
 */

/**
 * Every error strata reports, by stable code. The comment names the
 * Hydra/OmegaConf exception it corresponds to (the conformance runner maps
 * them once, in tests/conformance/error_map.ts).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createConfig, ErrorCode, isStrataError } from "../mod.ts";
 * assert.throws(
 *   () => createConfig("a: [1"),
 *   (e) => isStrataError(e) && e.code === ErrorCode.YamlSyntax,
 * );
 * ```
 */
export const ErrorCode = {
  /** YAML that does not parse (ScannerError, ParserError, ComposerError). */
  YamlSyntax: "yaml-syntax",
  /** YAML that parses but cannot be constructed (ConstructorError): duplicate keys, bad tags. */
  YamlConstruct: "yaml-construct",
  /** A YAML document that is not a mapping or a list (AssertionError). */
  YamlNotAConfig: "yaml-not-a-config",
  /** A key of a type OmegaConf refuses (KeyValidationError). */
  KeyValidation: "key-validation",
  /** A value of a type OmegaConf refuses (UnsupportedValueType). */
  UnsupportedValue: "unsupported-value",
  /** A malformed `${...}` (GrammarParseError). */
  Grammar: "grammar",
  /** An interpolation to a key that does not exist (InterpolationKeyError). */
  InterpolationKey: "interpolation-key",
  /** An interpolation to `???` (InterpolationToMissingValueError). */
  InterpolationToMissing: "interpolation-to-missing",
  /** Resolution failed: cycles, bad resolver arguments (InterpolationResolutionError). */
  InterpolationResolution: "interpolation-resolution",
  /** An unknown resolver (UnsupportedInterpolationType). */
  UnsupportedInterpolation: "unsupported-interpolation",
  /** Reading a `???` value (MissingMandatoryValue). */
  MissingValue: "missing-value",
  /** A key that does not exist, read by item (ConfigKeyError). */
  Key: "key",
  /** A key that does not exist, read by attribute (ConfigAttributeError). */
  Attribute: "attribute",
  /** A list index out of range (ConfigIndexError). */
  Index: "index",
  /** An operation on the wrong kind of node (ConfigTypeError). */
  Type: "type",
  /** A mutation of a readonly node (ReadonlyConfigError). */
  Readonly: "readonly",
  /** A value that does not fit its node (ValidationError). */
  Validation: "validation",
  /** A malformed command-line override (OverrideParseException / HydraException). */
  OverrideParse: "override-parse",
  /** A config file or group option that does not exist (MissingConfigException). */
  MissingConfig: "missing-config",
  /** Composition failed: bad override target, defaults list errors (ConfigCompositionException). */
  Composition: "composition",
  /** A sweep that cannot be expanded (HydraException at expansion). */
  Sweep: "sweep",
  /** A value-level error Hydra raises as ValueError. */
  Value: "value",
  /** Bad command-line usage (exit 2). */
  Usage: "usage",
  /** A config file that cannot be read: permission, encoding, forbidden characters (ReaderError, UnicodeDecodeError). */
  Input: "input",
  /** A limit of strata crossed: file size, string size, node count, nesting. */
  Limit: "limit",
  /** A config path that leads outside every config directory of the search path. */
  OutsideTree: "outside-tree",
} as const;

/** One of the {@link ErrorCode} values. */
export type ErrorCode = typeof ErrorCode[keyof typeof ErrorCode];

const PYTHON_CLASS: Partial<Record<ErrorCode, string>> = {
  "yaml-syntax": "ParserError",
  "yaml-construct": "ConstructorError",
  "yaml-not-a-config": "AssertionError",
  "key-validation": "KeyValidationError",
  "unsupported-value": "UnsupportedValueType",
  "grammar": "GrammarParseError",
  "interpolation-key": "InterpolationKeyError",
  "interpolation-to-missing": "InterpolationToMissingValueError",
  "interpolation-resolution": "InterpolationResolutionError",
  "unsupported-interpolation": "UnsupportedInterpolationType",
  "missing-value": "MissingMandatoryValue",
  "key": "ConfigKeyError",
  "attribute": "ConfigAttributeError",
  "index": "ConfigIndexError",
  "type": "ConfigTypeError",
  "readonly": "ReadonlyConfigError",
  "validation": "ValidationError",
  "value": "ValueError",
};

/**
 * The Python exception class OmegaConf raises for an error code
 * (`key` → `ConfigKeyError`), for messages that name it; codes of strata's
 * own (`limit`, `usage`, ...) give `StrataError`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ErrorCode, pythonErrorClass } from "./error_codes.ts";
 * assert.equal(pythonErrorClass(ErrorCode.Key), "ConfigKeyError");
 * ```
 */
export function pythonErrorClass(code: string): string {
  return PYTHON_CLASS[code as ErrorCode] ?? "StrataError";
}

/**
 * The one table that maps the Python exceptions of the corpus onto strata's
 * error codes. An error case passes when strata raises one of the codes
 * listed for the expected exception.
 *
 * @module
 */

import { ErrorCode, isStrataError } from "../../core/errors.ts";

const YAML_ERRORS = [ErrorCode.YamlSyntax, ErrorCode.YamlConstruct];

/** Python exception class → acceptable strata codes. */
export const ERROR_MAP: Record<string, readonly string[]> = {
  ScannerError: YAML_ERRORS,
  ParserError: YAML_ERRORS,
  ComposerError: YAML_ERRORS,
  ConstructorError: YAML_ERRORS,
  AssertionError: [ErrorCode.YamlNotAConfig],
  KeyValidationError: [ErrorCode.KeyValidation],
  UnsupportedValueType: [ErrorCode.UnsupportedValue],
  GrammarParseError: [ErrorCode.Grammar],
  InterpolationKeyError: [ErrorCode.InterpolationKey],
  InterpolationToMissingValueError: [ErrorCode.InterpolationToMissing],
  InterpolationResolutionError: [ErrorCode.InterpolationResolution],
  InterpolationValidationError: [ErrorCode.Validation],
  UnsupportedInterpolationType: [ErrorCode.UnsupportedInterpolation],
  MissingMandatoryValue: [ErrorCode.MissingValue],
  ConfigKeyError: [ErrorCode.Key],
  ConfigAttributeError: [ErrorCode.Attribute],
  ConfigIndexError: [ErrorCode.Index],
  ConfigTypeError: [ErrorCode.Type],
  ReadonlyConfigError: [ErrorCode.Readonly],
  ValidationError: [ErrorCode.Validation],
  // (a sweep the command line asks for that the BasicSweeper cannot run, `interval()`: strata's
  // bad usage, exit 2, as a command-line sweep it cannot expand, `range(1,5,0)`)
  HydraException: [ErrorCode.OverrideParse, ErrorCode.Sweep, ErrorCode.Usage],
  OverrideParseException: [ErrorCode.OverrideParse],
  MissingConfigException: [ErrorCode.MissingConfig],
  ConfigCompositionException: [ErrorCode.Composition],
  ValueError: [ErrorCode.Value],
};

/** The expected error of a case, as the corpus writes it. */
export interface ExpectedError {
  type: string;
  message?: string;
  full_key?: string;
}

/**
 * Whether `e` is the error the corpus expects. Returns undefined when it
 * matches, or why not.
 *
 * @example
 * ```ts
 * import { matchError } from "./error_map.ts";
 * import { ErrorCode, StrataError } from "../../core/errors.ts";
 * matchError(new StrataError(ErrorCode.Key, "x", { fullKey: "a" }), { type: "ConfigKeyError", full_key: "a" });
 * // undefined
 * ```
 */
export function matchError(
  e: unknown,
  want: ExpectedError,
  checkFullKey = true,
): string | undefined {
  if (!isStrataError(e)) {
    return `expected ${want.type}, got a crash: ${e instanceof Error ? e.message : String(e)}`;
  }
  const codes = ERROR_MAP[want.type];
  if (!codes) return `no mapping for ${want.type}`;
  if (!codes.includes(e.code)) {
    return `expected ${want.type} (${codes.join("|")}), got ${e.code}: ${e.message}`;
  }
  if (
    checkFullKey && want.full_key !== undefined && e.fullKey !== undefined &&
    e.fullKey !== want.full_key
  ) {
    return `expected full key '${want.full_key}', got '${e.fullKey}'`;
  }
  return undefined;
}

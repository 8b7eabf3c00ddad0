/**
 * YAML for schedulers that read it as YAML 1.1: Kubernetes (go-yaml reads
 * `on`, `yes`, `n` as booleans and `1:30` as a sexagesimal int, and Go's
 * ParseInt takes `0o17` and `1_000`; kubernetes#34146) and GitHub Actions.
 * Every string that either YAML 1.1 or 1.2 could read as something else is
 * double-quoted.
 *
 * @module
 */

import { Scalar, stringify } from "npm:yaml@2.9.1";

/**
 * Whether `s` must be quoted to stay a string for YAML 1.1 and 1.2 readers:
 * it would read as another type, it starts like a number, or it holds a tab
 * or a control character. YAML 1.1's `=` (value) and `<<` (merge) are types too:
 * PyYAML, which the Python `kubernetes` client reads manifests with, refuses
 * them bare (checker x56).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { needsQuotes } from "./yaml_quote.ts";
 * for (const s of ["on", "yes", "n", "Off", "1:30", "0o17", "1_000", "null", "a\tb", "=", "<<"]) {
 *   assert.ok(needsQuotes(s), s);
 * }
 * assert.ok(!needsQuotes("train.py"));
 * assert.ok(!needsQuotes("--amp"));
 * ```
 */
export function needsQuotes(s: string): boolean {
  // The stringifier already quotes what YAML's syntax needs (`: `, a leading
  // `-`, ...); these are the scalars that parse, but as another type.
  // deno-lint-ignore no-control-regex
  return /[\x00-\x1f\x7f]/.test(s) || /^[-+.]?[0-9]/.test(s) || /^[-+]?\.(inf|nan)$/i.test(s) ||
    /^(|~|=|<<|null|y|yes|n|no|true|false|on|off)$/i.test(s);
}

/**
 * `value` as YAML, strings double-quoted where {@link needsQuotes} says so.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { stringifyQuoted } from "./yaml_quote.ts";
 * assert.equal(stringifyQuoted({ args: ["--amp", "on", "1:30"] }), 'args:\n  - --amp\n  - "on"\n  - "1:30"\n');
 * ```
 */
export function stringifyQuoted(value: unknown): string {
  return stringify(value, (_key, v) => {
    if (typeof v !== "string" || !needsQuotes(v)) return v;
    const scalar = new Scalar(v);
    scalar.type = Scalar.QUOTE_DOUBLE;
    return scalar;
    // a list written twice (every job's `runs-on`) is written out twice: GitHub took YAML
    // anchors and aliases only in late 2025, and older Enterprise Servers refuse them (v33)
  }, { lineWidth: 0, aliasDuplicateObjects: false });
}

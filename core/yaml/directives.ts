/**
 * PyYAML reads YAML 1.x only: a `%YAML` directive of another major version
 * (`%YAML 2.0`) is its ParserError "found incompatible YAML document
 * (version 1.* is required)", where npm:yaml reads the document on. A later
 * 1.x minor version (`%YAML 1.3`) is only a warning in PyYAML: read.
 *
 * @module
 */

import { walkCst } from "./cst.ts";
import { ErrorCode, StrataError } from "../errors.ts";
import { place } from "./syntax_lines.ts";

/**
 * Fails at a `%YAML` directive whose major version is not 1.
 *
 * @throws {StrataError} `yaml-syntax` at the directive.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkYamlVersion } from "./directives.ts";
 * checkYamlVersion("%YAML 1.2\n---\na: 1\n", "c.yaml");
 * assert.throws(() => checkYamlVersion("%YAML 2.0\n---\na: 1\n", "c.yaml"), /version 1\.\* is required/);
 * ```
 */
export function checkYamlVersion(text: string, file: string): void {
  if (!text.includes("%YAML")) return;
  walkCst(text, (tok) => {
    if (tok.type !== "directive" || typeof tok.source !== "string") return;
    const major = /^%YAML[ \t]+(\d+)\./.exec(tok.source)?.[1];
    if (major === undefined || Number(major) === 1) return;
    const [line, col] = place(text, tok.offset ?? 0).split(":").map(Number);
    throw new StrataError(
      ErrorCode.YamlSyntax,
      "found incompatible YAML document (version 1.* is required)",
      { origin: { file, line, col } },
    );
  });
}

/**
 * A line after an explicit key (`? "x"`, then ` 2`) that is neither the
 * key's value (`: ...`) nor a new key. npm:yaml keeps it as the pair's value
 * without the `:` that makes it one, and its document then drops it: the
 * config would load without the line, silently. PyYAML refuses the file
 * ("while parsing a block mapping ... expected <block end>, but found
 * '<scalar>'"), and so does this check, at the line.
 *
 * @module
 */

import { walkTokens } from "./cst.ts";
import { ErrorCode, StrataError } from "../errors.ts";

interface Item {
  explicitKey?: boolean;
  sep?: { type?: string }[];
  value?: { type?: string; offset?: number };
}

/**
 * Fails at the first block mapping pair with an explicit key whose value
 * has no `:` before it. A text without `?` costs one scan.
 *
 * @throws {StrataError} `yaml-syntax` at the dropped line.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Parser } from "npm:yaml@2.9.1";
 * import { checkExplicitKeys } from "./explicit_keys.ts";
 * const text = '? "x"\n 2\nb: 1\n';
 * assert.throws(() => checkExplicitKeys(text, [...new Parser().parse(text)], "c.yaml"),
 *   /expected <block end>, but found '<scalar>'/);
 * const ok = '? "x"\n: 2\n';
 * checkExplicitKeys(ok, [...new Parser().parse(ok)], "c.yaml");
 * ```
 */
export function checkExplicitKeys(text: string, tokens: readonly unknown[], file: string): void {
  if (!text.includes("?")) return;
  let first: number | undefined;
  walkTokens(tokens, (tok) => {
    if (tok.type !== "block-map") return;
    for (const item of (tok as { items?: Item[] }).items ?? []) {
      const at = item.value?.offset;
      if (!item.explicitKey || at === undefined) continue;
      if (item.sep?.some((s) => s.type === "map-value-ind")) continue;
      if (first === undefined || at < first) first = at;
    }
  });
  if (first === undefined) return;
  const start = text.lastIndexOf("\n", first - 1) + 1;
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < first; i = text.indexOf("\n", i + 1)) line++;
  throw new StrataError(
    ErrorCode.YamlSyntax,
    "while parsing a block mapping: expected <block end>, but found '<scalar>' (a line after an " +
      "explicit key '?' that is neither its value ': ...' nor a key)",
    { origin: { file, line, col: [...text.slice(start, first)].length + 1 } },
  );
}

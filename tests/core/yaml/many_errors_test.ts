/**
 * An unclosed flow collection early in a long file: npm:yaml then reports an
 * error for every line after it, and the reader must still name the first,
 * located, as PyYAML does, rather than overflow the call stack counting them.
 */

import assert from "node:assert/strict";
import { loadYaml } from "../../../core/yaml/load.ts";
import { isStrataError } from "../../../core/errors.ts";

Deno.test("a flow error before 60,000 lines is the located syntax error, not a stack overflow", () => {
  const lines = ["a: [{q: ${x}}]"];
  for (let i = 0; i < 60_000; i++) lines.push(`k${i}: 1`);
  let caught: unknown;
  try {
    loadYaml(lines.join("\n") + "\n", { file: "config.yaml" });
  } catch (e) {
    caught = e;
  }
  assert.ok(isStrataError(caught), String(caught));
  assert.equal(caught.code, "yaml-syntax");
  assert.match(caught.message, /expected ',' or '}', but got '\{'/);
  assert.equal(caught.origin?.line, 1);
});

import assert from "node:assert/strict";
import { yamlWithOrigins } from "../../../core/output/origins.ts";
import { loadYaml } from "../../../core/yaml/load.ts";
import { toYaml } from "../../../core/yaml/emit.ts";

Deno.test("yamlWithOrigins: a value holding U+2028, U+2029 or U+0085 shifts no comment after it", () => {
  for (const brk of ["\\u2028", "\\u2029", "\\x85"]) {
    const text = `a: "x${brk}y"\nb: 1\nc: 2\nd: "multi\\nline\\nvalue"\ne: 3\n`;
    const config = loadYaml(text, { file: "ls.yaml" });
    const out = yamlWithOrigins(config);
    const lines = out.split("\n");
    assert.ok(lines[1].startsWith("b: 1  # ls.yaml:2:4"), out);
    assert.ok(lines[2].startsWith("c: 2  # ls.yaml:3:4"), out);
    assert.equal(lines[3], "# ls.yaml:4:4", out);
    assert.ok(out.endsWith("e: 3  # ls.yaml:5:4\n"), out);
    // the comments change nothing read back (U+0085 folds to a space in a quoted scalar as
    // PyYAML reads it, with or without them: OmegaConf's own to_yaml output does the same)
    assert.equal(toYaml(loadYaml(out)), toYaml(loadYaml(toYaml(config))));
  }
});

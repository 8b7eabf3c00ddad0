/**
 * A line after an explicit key that is neither its `: value` nor a key:
 * npm:yaml dropped it and the config loaded without it; PyYAML refuses the
 * file (expected values from python3-omegaconf 2.2's OmegaConf.create).
 */
import assert from "node:assert/strict";
import { loadYaml } from "../../../core/yaml/load.ts";
import { toContainer } from "../../../engine.ts";
import { thrown } from "../../_errors.ts";

Deno.test("yaml: a stray line after an explicit key is PyYAML's ParserError at the line, not dropped", () => {
  const cases: [string, number, number][] = [
    ['? "x" # c\n 2\nb: 1\n', 2, 2],
    ["? |\n  x\n 2\n", 3, 2],
    ['- ? "x"\n   2\n', 2, 4],
  ];
  for (const [text, line, col] of cases) {
    const e = thrown(() => loadYaml(text, { file: "c.yaml" }));
    assert.equal(e.code, "yaml-syntax", text);
    assert.match(
      e.message,
      /^while parsing a block mapping: expected <block end>, but found '<scalar>'/,
    );
    assert.deepEqual(e.origin, { file: "c.yaml", line, col }, text);
  }
});

Deno.test("yaml: explicit keys PyYAML reads still read the same", () => {
  const cases: [string, unknown][] = [
    ['? "x"\n: 2\n', { x: 2 }],
    ["? a\n  b\n: c\n", { "a b": "c" }],
    ["? a\n? b\n: 2\n", { a: null, b: 2 }],
    ["k:\n  ? a\n   2\n  : 3\n", { k: { "a 2": 3 } }],
  ];
  for (const [text, want] of cases) {
    assert.deepEqual(toContainer(loadYaml(text, { file: "c.yaml" })), want, text);
  }
});

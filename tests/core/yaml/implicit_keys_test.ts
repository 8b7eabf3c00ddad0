/**
 * PyYAML's limits on an implicit key: its `:` on the key's line and at most
 * 1024 characters (code points) after the key's start. npm:yaml and the fast
 * reader read past both, so a file loaded here that Hydra cannot read.
 * Expected places and messages from python3-yaml 6 (PyYAML, as OmegaConf
 * 2.2 loads): e.g. `yaml.safe_load("k" * 1025 + ": 1")` is "mapping values
 * are not allowed here" at line 1, column 1026.
 */
import assert from "node:assert/strict";
import { loadYaml } from "../../../core/yaml/load.ts";
import { toContainer } from "../../../engine.ts";
import { thrown } from "../../_errors.ts";

const k = (n: number, c = "k") => c.repeat(n);

Deno.test("yaml: a key whose ':' is over 1024 characters from its start is PyYAML's error, at its place", () => {
  const cases: [string, RegExp, number, number][] = [
    // the first key of a block mapping: its ':' is "mapping values are not allowed here"
    [`${k(1025)}: 1\n`, /^mapping values are not allowed here/, 1, 1026],
    [`a:\n  ${k(1025)}: 1\n`, /^mapping values are not allowed here/, 2, 1028],
    [`- ${k(1025)}: 1\n`, /^mapping values are not allowed here/, 1, 1028],
    // the quotes count: the key starts at its first quote
    [`"${k(1023)}": 1\n`, /^mapping values are not allowed here/, 1, 1026],
    [`&a ${k(1022)}: 1\n`, /^mapping values are not allowed here/, 1, 1026],
    // characters, not UTF-16 units or bytes
    [`${k(1025, "é")}: 1\n`, /^mapping values are not allowed here/, 1, 1026],
    // a later key, at the mapping's column: PyYAML required a key there
    [
      `x: 1\n${k(1025)}: 1\n`,
      /^while scanning a simple key: could not find expected ':' \(at 2:1026\)/,
      2,
      1,
    ],
    [
      `- a: 1\n  ${k(1025)}: 1\n`,
      /^while scanning a simple key: could not find expected ':' \(at 2:1028\)/,
      2,
      3,
    ],
    // in a flow collection, the parser's error at the ':'
    [
      `x: {${k(1025)}: 1}\n`,
      /^while parsing a flow mapping \(opened at 1:4\): expected ',' or '}', but got ':' \(/,
      1,
      1030,
    ],
  ];
  for (const [text, message, line, col] of cases) {
    const e = thrown(() => loadYaml(text, { file: "c.yaml" }));
    assert.equal(e.code, "yaml-syntax", text.slice(0, 12));
    assert.match(e.message, message, text.slice(0, 12));
    assert.match(e.message, /at most 1024 characters apart, in PyYAML\)$/);
    assert.deepEqual(e.origin, { file: "c.yaml", line, col }, text.slice(0, 12));
  }
});

Deno.test("yaml: a flow collection's key with its ':' on a later line is PyYAML's error at the ':'", () => {
  const cases: [string, RegExp, number, number][] = [
    [
      'm: {"z"\n  : 2}\n',
      /^while parsing a flow mapping \(opened at 1:4\): expected ',' or '}', but got ':' \(/,
      2,
      3,
    ],
    [
      "m: {z\n  : 2}\n",
      /^while parsing a flow mapping \(opened at 1:4\): expected ',' or '}', but got ':' \(/,
      2,
      3,
    ],
    [
      'm: ["z"\n  : 2]\n',
      /^while parsing a flow sequence \(opened at 1:4\): expected ',' or ']', but got ':' \(/,
      2,
      3,
    ],
    ['a: 1\nm: {"z\n  y": 2}\n', /^while parsing a flow mapping \(opened at 2:4\)/, 3, 5],
  ];
  for (const [text, message, line, col] of cases) {
    const e = thrown(() => loadYaml(text, { file: "c.yaml" }));
    assert.equal(e.code, "yaml-syntax", text);
    assert.match(e.message, message, text);
    assert.deepEqual(e.origin, { file: "c.yaml", line, col }, text);
  }
});

Deno.test("yaml: keys PyYAML reads still read the same (1024 characters, astral characters, ':' on the line)", () => {
  const cases: [string, unknown][] = [
    [`${k(1024)}: 1\n`, { [k(1024)]: 1 }],
    [`x: 1\n${k(1024)}: 2\n`, { x: 1, [k(1024)]: 2 }],
    [`"${k(1022)}": 1\n`, { [k(1022)]: 1 }],
    [`x: {${k(1024)}: 1}\n`, { x: { [k(1024)]: 1 } }],
    // 1024 code points are 2048 UTF-16 units
    [`${k(1024, "😀")}: 1\n`, { [k(1024, "😀")]: 1 }],
    // a long value is no key
    [`a: ${k(3000)}\n`, { a: k(3000) }],
    ['m: {"z": 2,\n  y: 3}\n', { m: { z: 2, y: 3 } }],
    ["? z\n: 2\n", { z: 2 }],
  ];
  for (const [text, want] of cases) {
    assert.deepEqual(toContainer(loadYaml(text, { file: "c.yaml" })), want, text.slice(0, 12));
  }
});

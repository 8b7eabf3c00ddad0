/**
 * One focused test per crash the robustness suite found: each input used to
 * end in a stack overflow, a WASM trap or a hang, and is now a StrataError
 * with a message, an origin and (where one applies) a full key.
 */

import assert from "node:assert/strict";
import { thrown } from "../_errors.ts";
import {
  compose,
  ErrorCode,
  expandSweep,
  loadYaml,
  parseOverride,
  parseOverrides,
  planSweep,
  toYaml,
} from "../../engine.ts";

const CONF = new URL("../fixtures/robustness/conf", import.meta.url).pathname;

const flowLists = (d: number) => "a: " + "[".repeat(d) + "]".repeat(d) + "\n";
const blockMaps = (d: number) =>
  Array.from({ length: d }, (_, i) => " ".repeat(i) + "k:").join("\n") + " 1\n";
const blockLists = (d: number) =>
  Array.from({ length: d }, (_, i) => " ".repeat(2 * i) + "- ").join("\n") + "1\n";

Deno.test("yaml: 10^4 nesting levels are a limit error with its full key, the same for both readers", () => {
  // (block nesting at 10^4 levels is 50 MB of indentation: 2000 levels make the point)
  const keys = [/^a(\[0\]){499}$/, /^k(\.k){499}$/, /^(\[0\]){500}$/];
  [flowLists(10_000), blockMaps(2000), blockLists(2000)].forEach((text, i) => {
    for (const reader of ["auto", "full"] as const) {
      const e = thrown(() => loadYaml(text, { file: "deep.yaml", reader }));
      // a limit of core/limits.ts, as a deep JS object's is
      assert.equal(e.code, ErrorCode.Limit);
      assert.equal(e.message, "the document nests deeper than 500 levels");
      assert.equal(e.origin?.file, "deep.yaml");
      assert.ok(e.origin?.line !== undefined && e.origin.col !== undefined);
      // the full key line, as the flow-list case has it (when npm:yaml overflows its stack too)
      assert.match(e.fullKey ?? "", keys[i], `${i} ${reader}`);
    }
  });
});

Deno.test("yaml: 500 levels load and print with both readers; 501 fail with a full key", () => {
  for (const reader of ["auto", "full"] as const) {
    for (const make of [flowLists, blockMaps, blockLists]) {
      toYaml(loadYaml(make(500), { reader }));
    }
    const e = thrown(() => loadYaml(blockMaps(501), { file: "c.yaml", reader }));
    assert.deepEqual(e.origin, { file: "c.yaml", line: 501, col: 501 });
    assert.equal(e.fullKey, Array(500).fill("k").join("."));
  }
});

Deno.test("yaml: a billion-laughs document fails fast instead of expanding aliases for seconds", () => {
  let text = "a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1]\n";
  for (
    const [prev, name] of [["a", "b"], ["b", "c"], ["c", "d"], ["d", "e"], ["e", "f"], ["f", "g"]]
  ) {
    text += `${name}: &${name} [${Array(9).fill(`*${prev}`).join(", ")}]\n`;
  }
  const t0 = performance.now();
  const e = thrown(() => loadYaml(text, { file: "lol.yaml" }));
  assert.ok(performance.now() - t0 < 2000);
  assert.equal(e.code, ErrorCode.Limit);
  assert.match(e.message, /^aliases copy more than 1000000 nodes that are copies themselves/);
  assert.equal(e.origin?.line, 7);
  assert.match(e.fullKey ?? "", /^g\[\d\]$/);
  // ordinary aliases still work
  const ok = loadYaml("a: &x {b: [1, 2]}\nc: *x\nd: *x\n");
  assert.equal(ok.kind === "dict" && ok.entries.size, 3);
});

Deno.test("yaml: empty, blank and comment-only files are an empty config (both readers)", () => {
  for (
    const text of [
      "",
      "\n",
      "   \n\t\n",
      "# only\n# comments\n",
      "\uFEFF# bom\n",
      "---\n",
      "---\n...\n",
      "\r\n",
    ]
  ) {
    for (const reader of ["auto", "full"] as const) {
      const cfg = loadYaml(text, { reader });
      assert.equal(cfg.kind, "dict", JSON.stringify(text));
      assert.equal(cfg.kind === "dict" && cfg.entries.size, 0, JSON.stringify(text));
    }
  }
});

Deno.test("override: 10^4 nested brackets are a parse error, and the WASM parser stays usable", () => {
  const texts = [
    "a=" + "[".repeat(10_000) + "]".repeat(10_000),
    "a=" + "choice(".repeat(10_000) + "1" + ")".repeat(10_000),
    "a=" + "{b:".repeat(10_000) + "1" + "}".repeat(10_000),
    "a=str(" + "[".repeat(3000) + "]".repeat(3000) + ")",
  ];
  for (const text of texts) {
    const e = thrown(() => parseOverride(text, 2));
    assert.equal(e.code, ErrorCode.OverrideParse);
    assert.match(e.message, /nesting deeper than 500 levels at column \d+$/);
    assert.deepEqual(e.origin, { override: 2, text });
    const opens = [...text].flatMap((c, i) => "([{".includes(c) ? [i] : []);
    assert.equal(e.snippet?.start, opens[500]); // the caret is at the 501st level
  }
  const batch = thrown(() => parseOverrides(["x=1", texts[0]]));
  assert.deepEqual(batch.origin, { override: 1, text: texts[0] });
  // the engine still answers after the deep inputs
  assert.equal(parseOverride("a=[1,[2,{b: 3}]]").key, "a");
  // brackets inside quotes do not nest; 500 levels parse
  assert.equal(parseOverride("a='" + "[".repeat(2000) + "'").key, "a");
  assert.equal(parseOverride("a=" + "[".repeat(499) + "]".repeat(499)).key, "a");
});

Deno.test("compose: a config that includes itself through its defaults names the cycle", () => {
  const e = thrown(() => compose({ configDir: CONF, configName: "bad/cycle" }));
  assert.equal(e.code, ErrorCode.Composition);
  assert.equal(
    e.message,
    "Recursive defaults list: 'bad/cycle' includes itself (bad/cycle -> bad/cycle)",
  );
  assert.deepEqual(e.origin, { file: `${CONF}/bad/cycle.yaml`, line: 2, col: 5 });
});

Deno.test("sweep: huge and non-finite ranges fail at once, with the override's origin", () => {
  const cases: [string, RegExp][] = [
    [
      "a=range(0,1e9)",
      /^range\(\) has 1000000000 values, more than the 1000000 a sweep can expand$/,
    ],
    ["a=range(0,1000000000)", /^range\(\) has 1000000000 values/],
    ["a=range(0,1,1e-300)", /more than the 1000000/],
    ["a=range(0,inf)", /^range\(\) needs finite numbers, got Infinity$/],
    ["a=range(0,nan)", /^range\(\) needs finite numbers, got NaN$/],
    ["a=range(1,5,0)", /^range\(\) arg 3 must not be zero$/],
  ];
  for (const [text, message] of cases) {
    const t0 = performance.now();
    const e = thrown(() => planSweep({ overrides: ["b=1,2", text] }));
    assert.ok(performance.now() - t0 < 1000, text);
    // too many values: strata's limit, as a sweep's job count (exit 1); a range that cannot
    // expand, typed on the command line: bad usage (exit 2), as an override that does not parse
    assert.equal(e.code, /more than/.test(e.message) ? ErrorCode.Limit : ErrorCode.Usage, text);
    assert.match(e.message, message);
    assert.deepEqual(e.origin, { override: 1, text });
  }
  assert.equal(planSweep({ overrides: ["a=range(0,1000000)"] }).count, 1_000_000);
  const e = thrown(() =>
    expandSweep({ configDir: CONF, configName: "config", overrides: ["seed=range(1,5,0)"] })
  );
  assert.deepEqual(e.origin, { override: 0, text: "seed=range(1,5,0)" });
});

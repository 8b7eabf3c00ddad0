import assert from "node:assert/strict";
import { resolveAt, resolveTree } from "../../../core/resolve/resolve.ts";
import { loadYaml } from "../../../core/yaml/load.ts";
import { thrown } from "../../_errors.ts";

function doubling(levels: number, first: string, value: (prev: string) => string): string {
  const lines = [`a0: ${first}`];
  for (let i = 1; i <= levels; i++) lines.push(`a${i}: ${value(`\${a${i - 1}}`)}`);
  return lines.join("\n") + "\n";
}

const strings = doubling(30, "xxxxxxxxxxxxxxxx", (p) => p + p);
const lists = doubling(30, "[1, 2]", (p) => `['${p}', '${p}']`);

for (const engine of ["wasm", "ts"] as const) {
  Deno.test(`resolveTree (${engine}): a doubling string chain is a limit error at the key that crossed`, () => {
    const e = thrown(() => resolveTree(loadYaml(strings, { file: "c.yaml" }), { engine }));
    assert.equal(e.code, "limit");
    assert.equal(e.fullKey, "a23");
    assert.deepEqual(e.origin, { file: "c.yaml", line: 24, col: 6 });
  });

  Deno.test(`resolveTree (${engine}): doubling container copies are a limit error, not an OOM`, () => {
    const e = thrown(() => resolveTree(loadYaml(lists, { file: "c.yaml" }), { engine }));
    assert.equal(e.code, "limit");
    assert.match(e.message, /copies more than 1000000 nodes/);
    assert.ok(e.origin?.file === "c.yaml" && e.fullKey);
  });
}

Deno.test("resolveAt: the limits hold for one key too; a large config of its own is not a copy", () => {
  assert.equal(thrown(() => resolveAt(loadYaml(strings), ["a30"])).code, "limit");
  const big = "a: [" + Array.from({ length: 300_000 }, (_, i) => i).join(", ") + "]\nb: 1\n";
  const out = resolveTree(loadYaml(big));
  assert.equal(out.kind === "dict" && out.entries.size, 2);
});

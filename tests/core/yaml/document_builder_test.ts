import assert from "node:assert/strict";
import { Alias } from "npm:yaml@2.9.1";
import { loadYaml } from "../../../core/yaml/load.ts";
import { canonicalKey, type Node, originOf } from "../../../core/node.ts";
import { plain } from "./_util.ts";

/** Runs `f` counting calls of npm:yaml's `Alias.resolve`, which scans the whole document. */
function countingResolves<T>(f: () => T): { result: T; resolves: number } {
  const resolve = Alias.prototype.resolve;
  let resolves = 0;
  Alias.prototype.resolve = function (this: Alias, ...args: Parameters<Alias["resolve"]>) {
    resolves++;
    return resolve.apply(this, args);
  };
  try {
    return { result: f(), resolves };
  } finally {
    Alias.prototype.resolve = resolve;
  }
}

const entry = (n: Node, key: string): Node => {
  assert.equal(n.kind, "dict");
  const e = n.kind === "dict" ? n.entries.get(canonicalKey(key)) : undefined;
  assert.ok(e, `no key ${key}`);
  return e.node;
};

Deno.test("aliases: 20,000 aliases of one anchor load with its values and origins, never rescanning the document", () => {
  // each alias once scanned the document from its start (npm:yaml's
  // Alias.resolve): quadratic, minutes for this file
  const n = 20_000;
  let text = "base: &b {x: 1, y: [1, two]}\nname: &n run\n";
  for (let i = 0; i < n; i++) text += i % 2 === 0 ? `k${i}: *b\n` : `k${i}: *n\n`;
  const { result: cfg, resolves } = countingResolves(() => loadYaml(text, { file: "c.yaml" }));
  assert.equal(resolves, 0);
  assert.equal(cfg.kind === "dict" && cfg.entries.size, n + 2);
  const base = { x: ["int", 1], y: [["int", 1], ["str", "two"]] };
  for (const i of [0, 2, 9_998, n - 2]) {
    const k = entry(cfg, `k${i}`);
    assert.deepEqual(plain(k), base);
    // a copy, placed where the anchored node is (PyYAML's alias is that node)
    assert.notEqual(k, entry(cfg, "base"));
    assert.deepEqual(originOf(k.origin), { file: "c.yaml", line: 1, col: 7 });
    assert.deepEqual(originOf(entry(k, "x").origin), { file: "c.yaml", line: 1, col: 14 });
  }
  for (const i of [1, 9_999, n - 1]) {
    const k = entry(cfg, `k${i}`);
    assert.deepEqual(plain(k), ["str", "run"]);
    assert.deepEqual(originOf(k.origin), { file: "c.yaml", line: 2, col: 7 });
  }
});

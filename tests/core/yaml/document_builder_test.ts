import assert from "node:assert/strict";
import { Alias } from "npm:yaml@2.9.1";
import { loadYaml } from "../../../core/yaml/load.ts";
import { canonicalKey, type Node, originOf } from "../../../core/node.ts";
import { ErrorCode } from "../../../core/errors.ts";
import { plain, thrown } from "./_util.ts";

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
    // a copy, placed where the alias is written (what explain names), its children where the
    // anchor's are (checker v61)
    assert.notEqual(k, entry(cfg, "base"));
    assert.deepEqual(originOf(k.origin), {
      file: "c.yaml",
      line: i + 3,
      col: String(i).length + 4,
    });
    assert.deepEqual(originOf(entry(k, "x").origin), { file: "c.yaml", line: 1, col: 14 });
  }
  for (const i of [1, 9_999, n - 1]) {
    const k = entry(cfg, `k${i}`);
    assert.deepEqual(plain(k), ["str", "run"]);
    assert.deepEqual(originOf(k.origin), {
      file: "c.yaml",
      line: i + 3,
      col: String(i).length + 4,
    });
  }
  // the anchored nodes stay where they are
  assert.deepEqual(originOf(entry(cfg, "base").origin), { file: "c.yaml", line: 1, col: 7 });
  assert.deepEqual(originOf(entry(cfg, "name").origin), { file: "c.yaml", line: 2, col: 7 });
});

const lines = (n: number, line: (i: number) => string) =>
  Array.from({ length: n }, (_, i) => line(i) + "\n").join("");

Deno.test("aliases: 100 aliases of a 10^4-item list load (10^6 copied nodes), as OmegaConf loads them", () => {
  const text = "base: &l\n" + lines(10_000, (i) => `  - ${i}`) + lines(100, (i) => `k${i}: *l`);
  const cfg = loadYaml(text, { file: "c.yaml" });
  const last = entry(cfg, "k99");
  assert.equal(last.kind === "list" && last.items.length, 10_000);
  assert.deepEqual(plain(last.kind === "list" ? last.items[9_999] : last), ["int", 9_999]);
  assert.deepEqual(originOf(last.origin), { file: "c.yaml", line: 10_101, col: 6 });
});

Deno.test("aliases: a billion laughs is refused at the alias that crosses the limit, saying which limit and why", () => {
  let text = "a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1]\n";
  for (const [prev, name] of ["ab", "bc", "cd", "de", "ef", "fg", "gh"]) {
    text += `${name}: &${name} [${Array(9).fill(`*${prev}`).join(", ")}]\n`;
  }
  const e = thrown(() => loadYaml(text, { file: "lol.yaml" }));
  assert.equal(e.code, ErrorCode.Limit);
  assert.equal(
    e.message,
    "aliases copy more than 1000000 nodes that are copies themselves in this file (the limit): " +
      "'*f' (anchor at 6:4) copies 597870 more after 672462: aliases inside an anchored node " +
      'are copied with it, so they multiply ("billion laughs"); set STRATA_MAX_ALIAS_NODES to ' +
      "raise it (now 5000000, this limit a fifth of it)",
  );
  assert.deepEqual(e.origin, { file: "lol.yaml", line: 7, col: 8 });
  assert.equal(e.fullKey, "g[0]");
});

Deno.test("aliases: copies of nodes as written are refused past 5*10^6 nodes, at the alias that crosses", () => {
  const text = "base: &l\n" + lines(10_000, (i) => `  - ${i}`) + lines(600, (i) => `k${i}: *l`);
  const e = thrown(() => loadYaml(text, { file: "c.yaml" }));
  assert.equal(e.code, ErrorCode.Limit);
  assert.equal(
    e.message,
    "aliases copy more than 5000000 nodes in this file (the limit): '*l' (anchor at 1:7) copies " +
      "10001 more after 4990499: each alias is a full copy of its anchor's node; set " +
      "STRATA_MAX_ALIAS_NODES to raise it (now 5000000)",
  );
  assert.deepEqual(e.origin, { file: "c.yaml", line: 10_501, col: 7 });
  assert.equal(e.fullKey, "k499");
});

Deno.test("aliases: '<<: *list' merges the list's mappings as built, not built again (lists merging lists stay linear)", () => {
  // built again, each level multiplied the work by 9 (uncounted): minutes for this file
  let text = `l0: &l0 [${Array.from({ length: 9 }, (_, i) => `{a${i}: ${i}}`).join(", ")}]\n`;
  for (let k = 1; k < 8; k++) {
    text += `l${k}: &l${k} [${Array(9).fill(`{<<: *l${k - 1}}`).join(", ")}]\n`;
  }
  text += "m: {<<: *l7, z: 1}\n";
  const cfg = loadYaml(text, { file: "c.yaml" });
  const m = plain(entry(cfg, "m")) as Record<string, unknown>;
  assert.deepEqual(Object.keys(m), ["a8", "a7", "a6", "a5", "a4", "a3", "a2", "a1", "a0", "z"]);
  assert.deepEqual(m.a3, ["int", 3]);
  assert.deepEqual(originOf(entry(entry(cfg, "m"), "a3").origin), {
    file: "c.yaml",
    line: 1,
    col: 42,
  });
  // a list that merges itself is the recursive alias it is for a mapping
  const e = thrown(() => loadYaml("a: &l [{<<: *l}]\n", { file: "c.yaml" }));
  assert.equal(e.code, ErrorCode.YamlConstruct);
  assert.equal(e.message, "recursive alias: a node contains itself");
  assert.deepEqual(e.origin, { file: "c.yaml", line: 1, col: 13 });
});

Deno.test("merge keys: a << whose value is no mapping fails at the <<, naming what it found and where (checker x34)", () => {
  const cases: [string, string, [number, number], [number, number]][] = [
    [
      "s: &s 5\nm:\n  <<: *s\n",
      "expected a mapping or list of mappings for merging, but found scalar",
      [3, 3],
      [1, 4],
    ],
    ["a: &a [1]\nb: {<<: *a}\n", "expected a mapping for merging, but found scalar", [2, 5], [
      1,
      8,
    ]],
    ["a: &a [1, {x: 1}]\nb:\n  <<: [*a]\n", "expected a mapping for merging, but found sequence", [
      3,
      3,
    ], [1, 4]],
  ];
  for (const [text, said, at, merged] of cases) {
    const e = thrown(() => loadYaml(text, { file: "c.yaml" }));
    assert.equal(e.code, ErrorCode.YamlConstruct, text);
    assert.equal(e.message, `while constructing a mapping: ${said}`, text);
    assert.deepEqual([e.origin?.line, e.origin?.col], at, text);
    assert.deepEqual([e.related[0]?.origin.line, e.related[0]?.origin.col], merged, text);
  }
});

import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, ROOT, strata } from "./_cli.ts";

const EXAMPLE = ["-d", ROOT + "examples/llm-finetune/conf"];

/** Mermaid flowchart syntax as the output uses it: nodes, edges, classDef/class lines. */
const NODE = /^ {2}(n\d+)(\(\[".*"\]\)|\{\{".*"\}\}|\(".*"\)|\[".*"\])$/;
const EDGE = /^ {2}(n\d+) (-->|-\.->\|(?:chose|added|deleted)\|) (n\d+)$/;
const STYLE = /^ {2}(classDef \w+ .+|class [n\d,]+ \w+)$/;

Deno.test("compose --info defaults-tree -f mermaid: a well-formed flowchart of the example", async () => {
  const r = await strata([
    "compose",
    ...EXAMPLE,
    "--info",
    "defaults-tree",
    "-f",
    "mermaid",
    "model=gpt2",
  ]);
  assert.equal(r.code, 0, r.stderr);
  const [head, ...lines] = r.stdout.trimEnd().split("\n");
  assert.equal(head, "flowchart TD");
  const labels = new Map<string, string>();
  const edges: [string, string, string][] = [];
  for (const line of lines) {
    const node = NODE.exec(line);
    const edge = EDGE.exec(line);
    if (node) labels.set(node[1], node[2]);
    else if (edge) edges.push([edge[1], edge[2], edge[3]]);
    else assert.match(line, STYLE);
  }
  // every edge joins declared nodes; every node but the root has exactly one parent
  for (const [from, , to] of edges) assert.ok(labels.has(from) && labels.has(to), `${from}->${to}`);
  const parents = edges.filter(([, a]) => a === "-->").map(([, , to]) => to).sort();
  const boxes = [...labels].filter(([id, l]) => id !== "n0" && !l.startsWith("{{")).map(([id]) =>
    id
  );
  assert.deepEqual(parents, boxes.sort());
  const id = (label: string) => [...labels].find(([, l]) => l.includes(label))?.[0];
  assert.equal(labels.get("n0"), '(["defaults"])');
  const primary = id("config<br/>primary")!;
  for (
    const group of [
      "model: gpt2",
      "dataset: alpaca",
      "optimizer: adamw",
      "scheduler: cosine",
      "training: default",
    ]
  ) {
    assert.ok(edges.some(([f, a, t]) => f === primary && a === "-->" && t === id(group)), group);
  }
  assert.ok(edges.some(([f, , t]) => f === "n0" && t === id("hydra/config")));
  // the override that chose gpt2 points at it
  const override = id("override #1 'model=gpt2'")!;
  assert.match(labels.get(override)!, /^\{\{/);
  assert.ok(
    edges.some(([f, a, t]) => f === override && a === "-.->|chose|" && t === id("model: gpt2")),
  );
});

Deno.test("compose --info defaults-tree -f dot: a digraph; text without a format", async () => {
  const dot = await strata(["compose", ...EXAMPLE, "--info", "defaults-tree", "-f", "dot"]);
  assert.equal(dot.code, 0, dot.stderr);
  assert.match(dot.stdout, /^digraph defaults \{\n/);
  assert.match(dot.stdout, /n\d+ \[label="model: llama3_8b\\n@model"\];/);
  assert.match(dot.stdout, /\n\}\n$/);
  const text = await strata(["compose", ...EXAMPLE, "--info", "defaults-tree"]);
  assert.equal(text.code, 0, text.stderr);
  // without a format, Hydra's own text
  assert.match(text.stdout, /^\nDefaults Tree\n\*+\n<root>:\n {2}hydra\/config:\n/);
  assert.match(text.stdout, /\n {2}config:\n {4}model: llama3_8b\n/);
});

Deno.test("compose --info defaults-tree -f json: the graph as nodes and edges", async () => {
  const r = await strata(["compose", ...EXAMPLE, "--info", "defaults-tree", "-f", "json"]);
  assert.equal(r.code, 0, r.stderr);
  const g = JSON.parse(r.stdout);
  const model = g.nodes.find((n: { label: string[] }) => n.label[0] === "model: llama3_8b");
  assert.deepEqual(model, { id: model.id, label: ["model: llama3_8b", "@model"], kind: "group" });
  assert.ok(g.edges.some((e: { to: string }) => e.to === model.id));
});

Deno.test("compose -f mermaid without --info defaults-tree is bad usage", async () => {
  const r = await strata(["compose", ...EXAMPLE, "-f", "mermaid"]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /add --info defaults-tree/);
  assertNoStackTrace(r.stderr);
});

Deno.test("compose --info defaults-tree: the overrides that added (+group=x) or deleted (~group) an entry point at it", async () => {
  const r = await strata([
    "compose",
    ...EXAMPLE,
    "--info",
    "defaults-tree",
    "-f",
    "json",
    "+dataset@extra=alpaca",
    "~scheduler",
  ]);
  assert.equal(r.code, 0, r.stderr);
  const g = JSON.parse(r.stdout) as {
    nodes: { id: string; label: string[]; deleted?: boolean }[];
    edges: { from: string; to: string; label?: string }[];
  };
  const id = (label: string) => g.nodes.find((n) => n.label[0] === label)?.id;
  const edge = (from: string | undefined, to: string | undefined) =>
    g.edges.find((e) => e.from === from && e.to === to)?.label;
  assert.equal(edge(id("override #1 '+dataset@extra=alpaca'"), id("dataset: alpaca")), undefined);
  const added = g.nodes.filter((n) => n.label[0] === "dataset: alpaca" && n.label[1] === "@extra");
  assert.equal(added.length, 1);
  assert.equal(edge(id("override #1 '+dataset@extra=alpaca'"), added[0].id), "added");
  const scheduler = g.nodes.find((n) => n.label[0].startsWith("scheduler: "))!;
  assert.equal(scheduler.deleted, true);
  assert.equal(edge(id("override #2 '~scheduler'"), scheduler.id), "deleted");
});

Deno.test("compose --info defaults-tree -f json: a null choice is drawn 'null', as the text tree and Hydra say it", async () => {
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - logger: null\n  - _self_\nx: 1\n",
    "conf/logger/csv.yaml": "a: 1\n",
  });
  try {
    const r = await strata(["compose", "--info", "defaults-tree", "-f", "json"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const graph = JSON.parse(r.stdout) as { nodes: { label: string[] }[] };
    assert.ok(graph.nodes.some((n) => n.label[0] === "logger: null"), r.stdout);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

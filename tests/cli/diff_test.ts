import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

const CONF = {
  "conf/config.yaml": "defaults:\n  - model: small\n  - _self_\nlr: 1e-4\nseed: 1\n",
  "conf/model/small.yaml": "layers: 2\nwidth: 64\n",
  "conf/model/big.yaml": "layers: 24\nwidth: 1024\ndropout: 0.1\n",
};

/** Two run dirs as Hydra (and `strata run`) write them: .hydra/config.yaml, overrides.yaml. */
const RUNS = {
  "runs/a/.hydra/config.yaml": "model:\n  layers: 2\n  width: 64\nlr: 0.0001\nseed: 1\n",
  "runs/a/.hydra/overrides.yaml": "[]\n",
  "runs/a/.hydra/hydra.yaml": "hydra:\n  mode: RUN\n",
  "runs/b/.hydra/config.yaml":
    "model:\n  layers: 24\n  width: 1024\n  dropout: 0.1\nlr: 0.001\nseed: 1.0\n",
  "runs/b/.hydra/overrides.yaml": "- model=big\n- lr=1e-3\n- seed=1.0\n",
  "runs/b/.hydra/hydra.yaml": "hydra:\n  mode: RUN\n",
  "runs/empty/output.log": "",
  "bad.yaml": "a: [1\n",
};

/**
 * The run dirs' hydra.yaml as Hydra writes it: the config sources and choices
 * a group override's credit is checked against (conf/ of the same tree).
 */
function recordSources(dir: string): void {
  for (const [run, model] of [["a", "small"], ["b", "big"]]) {
    Deno.writeTextFileSync(
      `${dir}/runs/${run}/.hydra/hydra.yaml`,
      `hydra:\n  mode: RUN\n  job:\n    config_name: config\n  runtime:\n    cwd: ${dir}\n` +
        `    config_sources:\n    - {path: hydra.conf, schema: pkg, provider: hydra}\n` +
        `    - {path: ${dir}/conf, schema: file, provider: main}\n` +
        `    - {path: '', schema: structured, provider: schema}\n` +
        `    choices:\n      model: ${model}\n`,
    );
  }
}

Deno.test("strata diff: two run dirs, changed/added with origins and recorded overrides, exit 1", async () => {
  const dir = await writeTree({ ...CONF, ...RUNS });
  recordSources(dir);
  const r = await strata(["diff", "runs/a", "runs/b"], { cwd: dir });
  assert.equal(r.code, 1, r.stderr);
  assert.equal(
    r.stdout,
    `--- a: runs/a
+++ b: runs/b
~ model.layers: 2 -> 24
    a: runs/a/.hydra/config.yaml:2:11
    b: runs/b/.hydra/config.yaml:2:11, override model=big (runs/b/.hydra/overrides.yaml)
~ model.width: 64 -> 1024
    a: runs/a/.hydra/config.yaml:3:10
    b: runs/b/.hydra/config.yaml:3:10, override model=big (runs/b/.hydra/overrides.yaml)
~ lr: 0.0001 -> 0.001
    a: runs/a/.hydra/config.yaml:4:5
    b: runs/b/.hydra/config.yaml:5:5, override lr=1e-3 (runs/b/.hydra/overrides.yaml)
~ seed: 1 -> 1.0
    a: runs/a/.hydra/config.yaml:5:7
    b: runs/b/.hydra/config.yaml:6:7, override seed=1.0 (runs/b/.hydra/overrides.yaml)
+ model.dropout: 0.1
    b: runs/b/.hydra/config.yaml:4:12, override model=big (runs/b/.hydra/overrides.yaml)
4 changed, 1 added, 0 removed
`,
  );
});

Deno.test("strata diff: a run dir against itself is the same: exit 0, no output", async () => {
  const dir = await writeTree(RUNS);
  const r = await strata(["diff", "runs/a", "runs/a/"], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, "");
});

Deno.test("strata diff --a/--b: two override sets as JSON, with origins on each side", async () => {
  const dir = await writeTree(CONF);
  const r = await strata(
    ["diff", "-d", "conf", "--a", "lr=1e-4", "--b", "lr=1e-3 model=big", "-f", "json"],
    { cwd: dir },
  );
  assert.equal(r.code, 1, r.stderr);
  const d = JSON.parse(r.stdout);
  assert.equal(d.same, false);
  assert.deepEqual(d.changes.map((c: { key: string; change: string }) => [c.key, c.change]), [
    ["model.layers", "changed"],
    ["model.width", "changed"],
    ["lr", "changed"],
    ["model.dropout", "added"],
  ]);
  assert.deepEqual(d.changes[2], {
    key: "lr",
    change: "changed",
    a: { value: 0.0001, type: "float", origin: "override #1 'lr=1e-4'" },
    b: { value: 0.001, type: "float", origin: "override #1 'lr=1e-3'" },
  });
  // the group override that chose the option is credited, as a run dir's recorded one (checker w27)
  assert.equal(d.changes[0].b.origin, "conf/model/big.yaml:1:9, chosen by override #2 'model=big'");
  assert.equal(d.changes[0].a.origin, "conf/model/small.yaml:1:9");
});

Deno.test("strata diff --a/--b: quotes around a whole override, as typed in a shell, are the shell's (checker w27)", async () => {
  const dir = await writeTree(CONF);
  const r = await strata(
    ["diff", "-d", "conf", "--a", "", "--b", `'lr=1e-3' "seed=2"`, "-f", "json"],
    { cwd: dir },
  );
  assert.equal(r.code, 1, r.stderr);
  const d = JSON.parse(r.stdout);
  assert.deepEqual(
    d.changes.map((c: { key: string; b: { value: unknown } }) => [c.key, c.b.value]),
    [
      ["lr", 0.001],
      ["seed", 2],
    ],
  );
});

Deno.test("strata diff: a run dir against the conf tree (a path and --b)", async () => {
  const dir = await writeTree({ ...CONF, ...RUNS });
  const r = await strata(["diff", "-d", "conf", "runs/a", "--b", ""], { cwd: dir });
  assert.equal(r.code, 0, r.stderr + r.stdout);
});

Deno.test("strata diff: bad input is trouble (exit 2) with a clear message, no stack trace", async () => {
  const dir = await writeTree({ ...CONF, ...RUNS });
  const cases: [string[], RegExp][] = [
    [["runs/empty", "runs/a"], /'runs\/empty' is not a run directory: it has no \.hydra\//],
    [["bad.yaml", "runs/a"], /^bad\.yaml:\d+:\d+: /],
    [["nope", "runs/a"], /'nope': no such file or directory$/m],
    // a run dir's name mistyped: the one beside it spelt nearest (checker v71 #2)
    [["runs/aa", "runs/a"], /'runs\/aa': no such file or directory\n {4}Did you mean 'runs\/a'\?/],
    [
      ["lr=1e-3", "lr=1e-4"],
      /'lr=1e-3': no such file or directory; to compare override sets: strata diff --a "lr=1e-3" --b/,
    ],
    [["runs/a"], /diff takes two sides/],
    [["-d", "conf", "--a", "modle=big", "--b", ""], /Could not override 'modle'|modle/],
  ];
  for (const [args, message] of cases) {
    const r = await strata(["diff", ...args], { cwd: dir });
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assertNoStackTrace(r.stderr);
  }
});

Deno.test("strata diff: a key a run deleted names the deleting override", async () => {
  const dir = await writeTree({
    ...RUNS,
    "runs/c/.hydra/config.yaml": "model:\n  layers: 2\nlr: 0.0001\nseed: 1\n",
    "runs/c/.hydra/overrides.yaml": "- ~model.width\n",
  });
  const r = await strata(["diff", "runs/a", "runs/c"], { cwd: dir });
  assert.equal(r.code, 1, r.stderr);
  assert.match(
    r.stdout,
    /^- model\.width: 64\n {4}a: runs\/a\/\.hydra\/config\.yaml:3:10\n {4}b: deleted by override ~model\.width \(runs\/c\/\.hydra\/overrides\.yaml\)\n/m,
  );
});

Deno.test("diff: an override set's ~key credits the deletion, and JSON keeps a deleted side's shape", async () => {
  const dir = writeTree({ "conf/config.yaml": "model:\n  latent: 8\n  d: 1\n" });
  try {
    const r = await strata(["diff", "-d", "conf", "--a", "", "--b", "~model.latent"], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /\n {4}b: deleted by override ~model\.latent \(--b\)\n/);
    const j = await strata(
      ["diff", "-d", "conf", "--a", "", "--b", "~model.latent", "-f", "json"],
      {
        cwd: dir,
      },
    );
    assert.deepEqual(JSON.parse(j.stdout).changes[0].b, {
      value: null,
      type: "deleted",
      origin: "override ~model.latent (--b)",
    });
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

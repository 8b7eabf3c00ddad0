import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

// `strata diff` of two run dirs credits a recorded group override with the
// keys its option wrote, at the option's final package: a `# @package
// _global_` option (demucs's dset/, drqv2's task@_global_) writes keys
// outside its group's name and not every key under it; a nested header
// (`# @package train.optim`) or a defaults entry's `@store.main` puts them
// elsewhere. The run's hydra.yaml (config sources, choices) says where the
// options are; when they cannot be read, the credit by key prefix is said
// to be a guess.
const CONF = {
  "conf/config.yaml": "defaults:\n  - _self_\n  - dset: a\n  - model: small\n" +
    "  - db@store.main: x\n  - opt: sgd\n  - task@_global_: t1\ndset:\n  wav: null\nepochs: 10\n",
  "conf/dset/a.yaml": "# @package _global_\ndset:\n  samplerate: 1\nepochs: 5\n",
  "conf/dset/b.yaml": "# @package _global_\ndset:\n  samplerate: 2\n  wav: /data\nepochs: 7\n",
  "conf/model/small.yaml": "layers: 2\n",
  "conf/model/big.yaml": "layers: 12\n",
  "conf/db/x.yaml": "port: 1\n",
  "conf/db/y.yaml": "port: 2\n",
  "conf/opt/sgd.yaml": "# @package train.optim\nlr: 0.1\n",
  "conf/opt/adam.yaml": "# @package train.optim\nlr: 0.001\n",
  "conf/task/t1.yaml": "defaults:\n  - hard\n  - _self_\nlr: 1\n",
  "conf/task/t2.yaml": "defaults:\n  - easy\n  - _self_\nlr: 2\n",
  "conf/task/hard.yaml": "frames: 1\n",
  "conf/task/easy.yaml": "frames: 2\n",
};

/** Two runs made by `strata run`: a with dset=a, b with every group chosen otherwise. */
async function twoRuns(): Promise<string> {
  const dir = writeTree(CONF);
  const run = async (name: string, overrides: string[]) => {
    const r = await strata(
      ["run", "-d", "conf", `hydra.run.dir=runs/${name}`, ...overrides, "-q", "--", "true"],
      { cwd: dir },
    );
    assert.equal(r.code, 0, r.stderr);
  };
  await run("a", ["dset=a"]);
  await run("b", ["dset=b", "model=big", "db@store.main=y", "opt=adam", "task@_global_=t2"]);
  return dir;
}

/** Each changed key's two origin lines, by key. */
function originsByKey(stdout: string): Map<string, [string, string]> {
  const lines = stdout.split("\n");
  const out = new Map<string, [string, string]>();
  for (let i = 0; i < lines.length; i++) {
    const m = /^~ (\S+):/.exec(lines[i]);
    if (m) out.set(m[1], [lines[i + 1].trim(), lines[i + 2].trim()]);
  }
  return out;
}

Deno.test("strata diff: a group override is credited with the keys its option wrote, at its final package", async () => {
  const dir = await twoRuns();
  const r = await strata(["diff", "runs/a", "runs/b"], { cwd: dir });
  assertNoStackTrace(r.stderr);
  assert.equal(r.code, 1, r.stderr);
  const by = originsByKey(r.stdout);
  const credit = (key: string, side: 0 | 1) => {
    const line = by.get(key)?.[side];
    assert.ok(line, `no change of ${key} in:\n${r.stdout}`);
    return /, override (\S+) \(/.exec(line)?.[1];
  };
  // dset/a.yaml does not set dset.wav: the null is the primary config's
  assert.equal(credit("dset.wav", 0), undefined);
  assert.equal(credit("dset.wav", 1), "dset=b");
  assert.equal(credit("dset.samplerate", 0), "dset=a");
  // a _global_ option's key outside its group's name
  assert.equal(credit("epochs", 0), "dset=a");
  assert.equal(credit("epochs", 1), "dset=b");
  assert.equal(credit("model.layers", 1), "model=big");
  assert.equal(credit("store.main.port", 1), "db@store.main=y");
  assert.equal(credit("train.optim.lr", 1), "opt=adam");
  // task/t2's own key, and task/easy's, which t2's defaults list brought in
  assert.equal(credit("lr", 1), "task@_global_=t2");
  assert.equal(credit("frames", 1), "task@_global_=t2");
  assert.doesNotMatch(r.stdout, /a guess/);
});

Deno.test("strata diff: a value the conf tree no longer gives is not credited to the group override", async () => {
  const dir = await twoRuns();
  Deno.writeTextFileSync(
    `${dir}/conf/dset/b.yaml`,
    "# @package _global_\ndset:\n  samplerate: 2\n  wav: /elsewhere\nepochs: 9\n",
  );
  const r = await strata(["diff", "runs/a", "runs/b"], { cwd: dir });
  assert.equal(r.code, 1, r.stderr);
  const by = originsByKey(r.stdout);
  assert.equal(by.get("epochs")?.[1], "b: runs/b/.hydra/config.yaml:4:9");
  assert.equal(by.get("dset.wav")?.[1], "b: runs/b/.hydra/config.yaml:2:8");
  assert.match(
    by.get("dset.samplerate")![1],
    /, override dset=b \(runs\/b\/\.hydra\/overrides\.yaml\)$/,
  );
});

Deno.test("strata diff: with the run's config dir gone, a credit by key prefix is said to be a guess", async () => {
  const dir = await twoRuns();
  Deno.renameSync(`${dir}/conf`, `${dir}/conf.moved`);
  const r = await strata(["diff", "runs/a", "runs/b"], { cwd: dir });
  assertNoStackTrace(r.stderr);
  assert.equal(r.code, 1, r.stderr);
  const by = originsByKey(r.stdout);
  const guess = new RegExp(
    String
      .raw`, override dset=b \(runs/b/\.hydra/overrides\.yaml\), a guess from the key's prefix ` +
      String.raw`\(its config source file://${dir}/conf cannot be read\)$`,
  );
  assert.match(by.get("dset.samplerate")![1], guess);
  assert.match(
    by.get("model.layers")![1],
    /, override model=big \(.*\), a guess from the key's prefix/,
  );
  // a key outside the group's name is not guessed at
  assert.equal(by.get("epochs")?.[1], "b: runs/b/.hydra/config.yaml:4:9");
});

Deno.test("strata diff: an experiment's `override /env: x` credits the experiment with env's keys (the common experiment pattern)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - _self_\n  - env: snake\nagent: random\n",
    "conf/env/snake.yaml": "name: snake\nrows: 12\n",
    "conf/env/tsp.yaml": "name: tsp\ncities: 20\n",
    "conf/experiment/tsp_fast.yaml":
      "# @package _global_\ndefaults:\n  - override /env: tsp\nagent: a2c\n",
  });
  try {
    for (const [name, overrides] of [["a", []], ["c", ["+experiment=tsp_fast"]]] as const) {
      const r = await strata(
        ["run", "-d", "conf", `hydra.run.dir=runs/${name}`, ...overrides, "-q", "--", "true"],
        { cwd: dir },
      );
      assert.equal(r.code, 0, r.stderr);
    }
    const r = await strata(["diff", "runs/a", "runs/c"], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    const credit = "override +experiment=tsp_fast (runs/c/.hydra/overrides.yaml)";
    const by = originsByKey(r.stdout);
    // the experiment's own key, and env's, which its `override /env: tsp` chose
    assert.ok(by.get("agent")?.[1].endsWith(credit), r.stdout);
    assert.ok(by.get("env.name")?.[1].endsWith(credit), r.stdout);
    assert.match(r.stdout, /^\+ env\.cities: 20\n {4}b: \S+, override \+experiment=tsp_fast /m);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("diff: one option chosen at two packages credits each package's keys to its own override", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - model: small\n  - model@extra: small\n  - _self_\n",
    "conf/model/small.yaml": "width: 8\n",
    "conf/model/big.yaml": "width: 64\n",
  });
  try {
    const run = async (name: string, overrides: string[]) => {
      const r = await strata(
        ["run", "-d", "conf", `hydra.run.dir=runs/${name}`, ...overrides, "-q", "--", "true"],
        { cwd: dir },
      );
      assert.equal(r.code, 0, r.stderr);
    };
    await run("a", []);
    await run("b", ["model=big", "model@extra=big"]);
    const d = await strata(["diff", "runs/a", "runs/b"], { cwd: dir });
    assert.equal(d.code, 1, d.stderr);
    const by = originsByKey(d.stdout);
    assert.match(by.get("model.width")![1], /override model=big \(/);
    assert.match(by.get("extra.width")![1], /override model@extra=big \(/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

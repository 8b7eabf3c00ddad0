import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

// `solver=a,b x.n=4`: the default solver has no `x`, so the multirun's config (composed before
// any job, without the sweep, as Hydra does: hydra#283) fails, not job #1.
const TREE = {
  "conf/config.yaml": "defaults:\n  - solver: default\n  - _self_\n",
  "conf/solver/default.yaml": "lr: 1\n",
  "conf/solver/a.yaml": "lr: 2\nx:\n  n: 1\n",
  "conf/solver/b.yaml": "y: 1\n",
};

for (const args of [["sweep"], ["run", "-m"]]) {
  Deno.test(`${args.join(" ")}: an override the master config refuses says it is the master config's, not a job's`, async () => {
    const dir = writeTree(TREE);
    const tail = args[0] === "run" ? ["--", "true"] : [];
    const r = await strata([...args, "-d", "conf", "solver=a,b", "x.n=4", ...tail], { cwd: dir });
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /^override #2 'x.n=4': Could not override 'x.n'\./);
    assert.match(
      r.stderr,
      /\n {4}in the multirun's config, composed before any job without its sweeps \('solver=a,b'\), as Hydra composes it: every other override must apply to it\n/,
    );
  });

  Deno.test(`${args.join(" ")}: a job that does not compose is named with its overrides`, async () => {
    const dir = writeTree(TREE);
    const tail = args[0] === "run" ? ["--", "true"] : [];
    // the default solver and `a` have `lr`, `b` has not: job #1 fails
    const r = await strata([...args, "-d", "conf", "solver=a,b", "solver.lr=3", ...tail], {
      cwd: dir,
    });
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /^override #2 'solver.lr=3': Could not override 'solver.lr'\./);
    assert.match(r.stderr, /in sweep job #1: solver=b solver.lr=3\n/);
    assert.doesNotMatch(r.stderr, /multirun's config/);
  });
}

Deno.test("sweep / run -m with a config dir that is not there: bad usage, no word about the overrides (checker w32)", async () => {
  const dir = writeTree({ "x.txt": "" });
  for (const args of [["sweep", "-f", "jsonl"], ["run", "-m"]]) {
    const tail = args[0] === "run" ? ["--", "true"] : [];
    const r = await strata([...args, "-d", "cnf", "seed=1,2", ...tail], { cwd: dir });
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /^cnf: Primary config directory not found\./);
    assert.doesNotMatch(r.stderr, /multirun's config/);
  }
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("sweep: a swept option that does not load names the sweep override that chose it, not the default's line (checker w32)", async () => {
  const dir = writeTree({
    "conf/experiment.yaml": "defaults:\n  - model: rnn\n  - _self_\nseed: 1\n",
    "conf/model/rnn.yaml": "h: 1\n",
    "conf/model/transformer.yaml": 'h: 2\ntime_model: "rnn\n',
  });
  const r = await strata(
    ["sweep", "-d", "conf", "-n", "experiment", "model=rnn,transformer", "-f", "jsonl"],
    { cwd: dir },
  );
  assertNoStackTrace(r.stderr);
  assert.equal(r.code, 1, r.stderr);
  assert.match(
    r.stderr,
    /\n {4}override #1 'model=rnn,transformer': chooses it over the entry of 'experiment' \(conf\/experiment\.yaml:2:12\)\n {4}in sweep job #1: model=transformer\n/,
  );
  assert.doesNotMatch(r.stderr, /included by 'experiment'/);
  Deno.removeSync(dir, { recursive: true });
});

// FRAME-FM's `model=convAEE,convAE -f slurm`: the error came after scontrol's wait and the notes
// on the command (checker x56 #3)
Deno.test("sweep -f slurm: a config error of the first job is said first, before any note, nothing written", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - model: a\n  - _self_\n",
    "conf/model/a.yaml": "n: 1\n",
  });
  try {
    const r = await strata(
      ["sweep", "-d", "conf", "model=aa,a", "-f", "slurm", "-o", "s", "--", "python", "train.py"],
      { cwd: dir },
    );
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /^override #1 'model=aa,a': In 'config': Could not find 'model\/aa'/);
    assert.doesNotMatch(r.stderr, /note:/);
    assert.equal(Deno.statSync(dir).isDirectory, true);
    assert.throws(() => Deno.statSync(`${dir}/s`));
    assertNoStackTrace(r.stderr);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

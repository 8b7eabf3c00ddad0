// s4's experiments all live in sub-directories (experiment/lra/s4-lra-listops.yaml): Hydra's
// "Available options" lists the group's own options only, strata's did-you-mean the nested ones.
import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

const TREE = {
  "conf/config.yaml": "defaults:\n  - experiment: base\n  - pipeline: cifar\n  - _self_\n",
  "conf/experiment/base.yaml": "a: 1\n",
  "conf/experiment/lra/s4-lra-listops.yaml": "b: 1\n",
  "conf/experiment/lra/s4-lra-cifar.yaml": "b: 2\n",
  "conf/experiment/cifar/s4-cifar.yaml": "b: 3\n",
  "conf/pipeline/cifar.yaml": "c: 1\n",
  "conf/pipeline/mnist.yaml": "c: 2\n",
  "conf/only/sub/x.yaml": "d: 1\n",
};

async function compose(...overrides: string[]) {
  const dir = await confTree(TREE);
  try {
    const r = await strata(["compose", "-d", "conf", ...overrides], { cwd: dir });
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 1, r.stdout);
    return r.stderr;
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
}

Deno.test("did-you-mean: an option named without its sub-directory, or misspelt under one", async () => {
  let err = await compose("experiment=s4-lra-listops");
  // Hydra's message is kept, the did-you-mean under its first line, above Hydra's block (x26)
  assert.match(
    err,
    /Could not find 'experiment\/s4-lra-listops'\n {4}Did you mean 'lra\/s4-lra-listops'\?\n\nAvailable options in 'experiment':\n\tbase\n/,
  );
  err = await compose("experiment=lra/s4-lra-listop");
  assert.match(err, /\n {4}Did you mean 'lra\/s4-lra-listops'\?/);
  // a group whose options all lie in sub-directories
  err = await compose("+only=x");
  assert.match(err, /\n {4}Did you mean 'sub\/x'\?/);
});

Deno.test("did-you-mean: a misspelt option of a flat group", async () => {
  const err = await compose("pipeline=cifr");
  assert.match(err, /Available options in 'pipeline':\n\tcifar\n\tmnist\n/);
  assert.match(err, /\n {4}Did you mean 'cifar'\?/);
});

Deno.test("did-you-mean: a missing `hydra: default` suggests none of Hydra's own sub-groups", async () => {
  // home-robot's configs list `- hydra: default` (lightning-hydra-template's file, not shipped):
  // hydra/env/default.yaml and the like are Hydra's groups, not options a user means
  const dir = await confTree({ "conf/config.yaml": "defaults:\n  - _self_\n  - hydra: default\n" });
  try {
    const r = await strata(["compose", "-d", "conf"], { cwd: dir });
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stderr, /In 'config': Could not find 'hydra\/default'/);
    assert.doesNotMatch(r.stderr, /Did you mean|env\/default/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("a group no directory holds: the ConfigStore hint, unless a group of the tree is a near spelling", async () => {
  // nn-template: `- modle: cnn` is a typo of `model` (did-you-mean), not a ConfigStore group
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - modle: cnn\n  - _self_\n",
    "conf/model/cnn.yaml": "a: 1\n",
  });
  try {
    const typo = await strata(["compose", "-d", "conf"], { cwd: dir });
    assert.equal(typo.code, 1, typo.stdout);
    assert.match(typo.stderr, /Did you mean 'model'\?/);
    assert.doesNotMatch(typo.stderr, /ConfigStore/);
    Deno.writeTextFileSync(
      `${dir}/conf/config.yaml`,
      "defaults:\n  - trainer: default\n  - _self_\n",
    );
    const store = await strata(["compose", "-d", "conf"], { cwd: dir });
    assert.equal(store.code, 1, store.stdout);
    assert.match(
      store.stderr,
      /no directory of the search path is the group 'trainer'.*ConfigStore/,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("an override of a misspelt group path suggests the groups the composition chose", async () => {
  // nn-template: `nn/datta/dataset=vision/mnist` is read as a key no config holds (Hydra's words)
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - nn/data/dataset: mnist\n  - _self_\n",
    "conf/nn/data/dataset/mnist.yaml": "a: 1\n",
    "conf/nn/data/dataset/cifar.yaml": "a: 2\n",
  });
  try {
    const r = await strata(["compose", "-d", "conf", "nn/datta/dataset=cifar"], { cwd: dir });
    assert.equal(r.code, 1, r.stdout);
    assert.match(
      r.stderr,
      /^override #1 'nn\/datta\/dataset=cifar': Could not override 'nn\/datta\/dataset'\./,
    );
    assert.match(r.stderr, /\n {4}Did you mean 'nn\/data\/dataset'\?\n/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("+experiment=x where the group is experiments: the key is added, as Hydra does, with a warning", async () => {
  // omnivore: `+experiment=...` (no s) composes a string key and trains nothing of the group
  const dir = await confTree({
    "conf/config.yaml": "a: 1\n",
    "conf/experiments/base.yaml": "lr: 1\n",
  });
  try {
    const r = await strata(["compose", "-d", "conf", "+experiment=base"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "a: 1\nexperiment: base\n");
    assert.equal(
      r.stderr,
      "override #1 '+experiment=base': warning: 'experiment' is no config group: " +
        "+experiment=base adds the key experiment, as Hydra does. Did you mean the group 'experiments'?\n",
    );
    // a number is no option's name; the group itself, no warning
    for (const o of ["+experiment=3", "+experiments=base"]) {
      const quiet = await strata(["compose", "-d", "conf", o], { cwd: dir });
      assert.equal(quiet.code, 0, quiet.stderr);
      assert.equal(quiet.stderr, "", o);
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("+experiment/base=x where the group is experiments/base: the typo in the path's directory is suggested", async () => {
  // vggt-omega: `+experiment/base=base_train` for its experiments/base group
  const dir = await confTree({
    "conf/config.yaml": "a: 1\n",
    "conf/experiments/base/base_train.yaml": "lr: 1\n",
    "conf/experiments/other/x.yaml": "lr: 2\n",
  });
  try {
    const r = await strata(["compose", "-d", "conf", "+experiment/base=base_train"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "a: 1\nexperiment/base: base_train\n");
    assert.match(r.stderr, /Did you mean the group 'experiments\/base'\?\n$/);
    // the last segment misspelt under a directory that is there
    const last = await strata(["compose", "-d", "conf", "+experiments/bsae=base_train"], {
      cwd: dir,
    });
    assert.match(last.stderr, /Did you mean the group 'experiments\/base'\?\n$/);
    // a typo whose correction is no group either: nothing to suggest
    const none = await strata(["compose", "-d", "conf", "+experiment/nope=x"], { cwd: dir });
    assert.equal(none.stderr, "");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("did-you-mean: a misspelt group whose options are _global_, an option named with .yaml, one cut short", async () => {
  // rl4co: `expriment=routing/am` (experiment's options are _global_: no key to suggest),
  // `model=symnc.yaml` (its defaults name options so); safari's README: `hyena-150b`
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - model: symnco.yaml\n  - experiment: null\n  - _self_\n",
    "conf/model/symnco.yaml": "a: 1\n",
    "conf/model/hyena-150b-tokens.yaml": "a: 2\n",
    "conf/experiment/routing/am.yaml": "# @package _global_\nb: 1\n",
  });
  try {
    const cases: [string, string][] = [
      ["expriment=routing/am", "experiment"],
      ["model=symnc.yaml", "symnco"],
      ["model=hyena-150b", "hyena-150b-tokens"],
    ];
    for (const [o, want] of cases) {
      const r = await strata(["compose", "-d", "conf", o], { cwd: dir });
      assert.equal(r.code, 1, o);
      assert.match(r.stderr, new RegExp(`\\n {4}Did you mean '${want}'\\?\\n`), o);
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("run -m and sweep: an override's warning is said once, numbered and written as typed", async () => {
  const dir = await confTree({
    "conf/config.yaml": "x: 0\n",
    "conf/experiments/base.yaml": "lr: 1\n",
  });
  try {
    // composed per job as [hydra.sweep.dir=..., hydra.mode=MULTIRUN, x=1, +experiment=$\{x\}]
    const typed = ["hydra.sweep.dir=sw", "x=1,2", "+experiment=${x}"];
    const warning = "override #3 '+experiment=${x}': warning: 'experiment' is no config group: " +
      "+experiment=${x} adds the key experiment, as Hydra does. Did you mean the group 'experiments'?\n";
    const run = await strata(["run", "-q", "-m", "-d", "conf", ...typed, "--", "true"], {
      cwd: dir,
    });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr.split("\n")[0] + "\n", warning);
    assert.equal(run.stderr.split("warning:").length, 2, run.stderr);
    const sweep = await strata(["sweep", "-d", "conf", ...typed], { cwd: dir });
    assert.equal(sweep.code, 0, sweep.stderr);
    assert.equal(sweep.stderr, warning);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("a defaults entry '- _self' is the keyword _self_ misspelt: did-you-mean, no ConfigStore hint", async () => {
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - db: a\n  - _self\nx: 1\n",
    "conf/db/a.yaml": "defaults:\n  - self_\ny: 1\n",
  });
  try {
    for (const fix of [false, true]) {
      if (fix) {
        Deno.writeTextFileSync(`${dir}/conf/config.yaml`, "defaults:\n  - db: a\n  - _self_\n");
      }
      const r = await strata(["compose", "-d", "conf"], { cwd: dir });
      assert.equal(r.code, 1);
      assert.match(r.stderr, /Could not load '(_self|db\/self_)'/);
      assert.match(r.stderr, /\n {4}Did you mean '_self_'\?\n/);
      assert.doesNotMatch(r.stderr, /ConfigStore/);
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("compose: a key like a group the composition did not choose suggests appending it (+adapter=default), not a key it lacks (checker x24)", async () => {
  const dir = await confTree({
    "conf/config.yaml": "lr: 1\n",
    "conf/adapter/default.yaml": "x: 1\n",
  });
  try {
    const r = await strata(["compose", "adapter_x=1"], { cwd: dir });
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /Key 'adapter_x' is not in struct\n.*\n {4}Did you mean '\+adapter=default'\?\n$/,
    );
    // what it says composes
    assert.equal((await strata(["compose", "+adapter=default"], { cwd: dir })).code, 0);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("did-you-mean: an option naming a sub-directory of options suggests its options, a default first", async () => {
  // Jaxpot's `override /model: leduc_holdem` for model/leduc_holdem/default.yaml (checker v48)
  const err = await compose("experiment=cifar");
  assert.match(err, /Could not find 'experiment\/cifar'\n {4}Did you mean 'cifar\/s4-cifar'\?/);
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - model: mlp\n  - _self_\n",
    "conf/model/mlp.yaml": "a: 1\n",
    "conf/model/leduc/big.yaml": "b: 2\n",
    "conf/model/leduc/default.yaml": "b: 1\n",
  });
  try {
    const r = await strata(["compose", "-d", "conf", "model=leduc"], { cwd: dir });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Did you mean one of: 'leduc\/default', 'leduc\/big'\?/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

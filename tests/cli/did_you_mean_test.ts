// Did-you-mean for the commonest typos a user makes in a conf/ tree, in compose and validate.
import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

const TREE = {
  "conf/config.yaml":
    "defaults:\n  - trainer: multi_gpu\n  - server/site: local\n  - optimizer: adam\n  - _self_\n" +
    "run_name: ${model.name}-x\nmodel:\n  name: resnet\n",
  "conf/trainer/multi_gpu.yaml": "defaults:\n  - default\n  - _self_\ngpus: 2\n",
  "conf/trainer/default.yaml": "gpus: 1\n",
  "conf/server/site/local.yaml": "host: l\n",
  "conf/optimizer/adam.yaml": "lr: 1\n",
  "conf/optimizer/sgd.yaml": "lr: 2\n",
  "conf/experiment/e.yaml": "# @package _global_\ndefaults:\n  - override /optimizer: sgd\n",
};

/** The tree with one file's text changed by `edit`. */
async function treeWith(file: keyof typeof TREE, edit: (text: string) => string) {
  return await confTree({ ...TREE, [file]: edit(TREE[file]) });
}

Deno.test("did-you-mean: an interpolation key spelt wrong (compose --resolve and validate)", async () => {
  const dir = await treeWith(
    "conf/config.yaml",
    (t) => t.replace("${model.name}", "${model.nmae}"),
  );
  try {
    const c = await strata(["compose", "-d", "conf", "--resolve"], { cwd: dir });
    assert.equal(c.code, 1);
    assert.match(
      c.stderr,
      /Interpolation key 'model\.nmae' not found\n(.*\n)+ {4}Did you mean 'model\.name'\?/,
    );
    assertNoStackTrace(c.stderr);
    const v = await strata(["validate", "-d", "conf"], { cwd: dir });
    assert.match(v.stdout, /conf\/config\.yaml:6:11: error: .* Did you mean 'model\.name'\?/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("did-you-mean: a group path, a config entry and an override's group spelt wrong", async () => {
  const cases: [keyof typeof TREE, [string, string], RegExp][] = [
    [
      "conf/config.yaml",
      ["server/site:", "server/sit:"],
      /Could not find 'server\/sit\/local'\. Did you mean 'server\/site'\?/,
    ],
    [
      "conf/trainer/multi_gpu.yaml",
      ["- default", "- defualt"],
      /Could not load 'trainer\/defualt'\. Did you mean 'default'\?/,
    ],
    [
      "conf/experiment/e.yaml",
      ["/optimizer:", "/optimiser:"],
      /Could not override 'optimiser'\. No match in the defaults list\. Did you mean 'optimizer'\?/,
    ],
  ];
  for (const [file, [from, to], expected] of cases) {
    const dir = await treeWith(file, (t) => t.replace(from, to));
    try {
      const v = await strata(["validate", "-d", "conf"], { cwd: dir });
      assert.equal(v.code, 1, v.stdout + v.stderr);
      assert.match(v.stdout, expected);
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  }
});

Deno.test("did-you-mean: none for a one-character key unlike every key (q is not like a)", async () => {
  const dir = await confTree({ "conf/config.yaml": "a: 1\nlr: 2\n" });
  try {
    const r = await strata(["compose", "-d", "conf", "q=3"], { cwd: dir });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Key 'q' is not in struct\n {4}full key: q\n$/);
    const l = await strata(["compose", "-d", "conf", "l=3"], { cwd: dir });
    assert.match(l.stderr, /Did you mean 'lr'\?/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("did-you-mean: a group override at the wrong package is asked once, in Hydra's words", async () => {
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - task@_global_: cheetah_run\n  - _self_\nx: 1\n",
    "conf/task/cheetah_run.yaml": "env: c\n",
    "conf/task/walker_walk.yaml": "env: w\n",
  });
  try {
    const hydra = "Could not override 'task'.\nDid you mean to override task@_global_?\n" +
      "To append to your default list use +task=walker_walk";
    const c = await strata(["compose", "-d", "conf", "task=walker_walk"], { cwd: dir });
    assert.equal(c.code, 1);
    assert.equal(
      c.stderr,
      `override #1 'task=walker_walk': ${hydra}\n`,
    );
    const v = await strata(["validate", "-d", "conf", "--override", "task=walker_walk"], {
      cwd: dir,
    });
    assert.equal(v.code, 1);
    assert.equal(
      v.stdout,
      `override #1 'task=walker_walk': error: ${hydra.replaceAll("\n", "\n    ")}\n`,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("did-you-mean: a defaults list's override of a group whose name starts another's (dpr-scale's task/optim)", async () => {
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - task/optim: adam\n  - _self_\n",
    "conf/task/optim/adam.yaml": "lr: 1\n",
    "conf/task/optim/lamb.yaml": "lr: 2\n",
    "conf/exp.yaml": "defaults:\n  - config\n  - override task/optimizer: lamb\n  - _self_\n",
  });
  const r = await strata(["compose", "-d", "conf", "-n", "exp"], { cwd: dir });
  assert.equal(r.code, 1, r.stderr);
  assert.match(
    r.stderr,
    /In 'exp': Could not override 'task\/optimizer'\. No match in the defaults list\./,
  );
  assert.match(r.stderr, /Did you mean 'task\/optim'\?/);
  assertNoStackTrace(r.stderr);
});

Deno.test("did-you-mean: a missing group gets no group that merely holds an option of the same common name", async () => {
  // lightning-hydra-template's shape: callbacks, logger, trainer all hold default.yaml
  const dir = await confTree({
    "conf/config.yaml":
      "defaults:\n  - callbacks: default\n  - logger: default\n  - sweeper: default\n  - _self_\n",
    "conf/callbacks/default.yaml": "a: 1\n",
    "conf/logger/default.yaml": "b: 1\n",
    "conf/adapter/lora.yaml": "r: 8\n",
    "conf/other.yaml": "defaults:\n  - adapt: lora\n  - _self_\n",
  });
  try {
    const r = await strata(["compose"], { cwd: dir });
    assert.equal(r.code, 1);
    assertNoStackTrace(r.stderr);
    assert.match(r.stderr, /Could not find 'sweeper\/default'/);
    assert.doesNotMatch(r.stderr, /Did you mean/);
    assert.match(r.stderr, /no directory of the search path is the group 'sweeper'/);
    // one group beside it holds the option: that one is meant (`adapt` renamed `adapter`)
    const one = await strata(["compose", "-n", "other"], { cwd: dir });
    assert.match(one.stderr, /Did you mean 'adapter'\?/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("did you mean: an option renamed with a suffix (adam now adam_v2) is offered beside the near spellings (checker v57 #2)", async () => {
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - optim: adam\n",
    "conf/optim/adamw.yaml": "lr: 1\n",
    "conf/optim/adam_v2.yaml": "lr: 2\n",
  });
  try {
    const r = await strata(["compose", "-d", "conf"], { cwd: dir });
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /Could not find 'optim\/adam'\n {4}Did you mean one of: 'adamw', 'adam_v2'\?/,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("did-you-mean: an 'override /modle' of a group the tree has but no defaults list chooses (checker v62 #2)", async () => {
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - solver: s\n  - _self_\n",
    "conf/model/a.yaml": "x: 1\n",
    "conf/solver/s.yaml": "# @package _global_\ndefaults:\n  - override /modle: a\n",
  });
  try {
    const r = await strata(["compose", "-d", "conf"], { cwd: dir });
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      "conf/solver/s.yaml:3:5: In 'solver/s': Could not override 'modle'. No match in the defaults list.\n" +
        "    Did you mean 'model'?\n" +
        "    'model' is a group of the tree that no defaults list chooses: a config adds it with " +
        "'- /model: OPTION' (not override)\n",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("did-you-mean: an override of a group spelt right is no did-you-mean of itself; a '~' of the group above it is named (checker v65)", async () => {
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - model: gpt2\n  - _self_\n",
    "conf/model/gpt2.yaml": "defaults:\n  - gpt2model: small\nn: 1\n",
    "conf/model/gpt2model/small.yaml": "d: 1\n",
    "conf/model/gpt2model/big.yaml": "d: 2\n",
    "conf/experiment/e.yaml":
      "# @package _global_\ndefaults:\n  - override /model/gpt2model: big\n",
  });
  try {
    const ok = await strata(["compose", "-d", "conf", "+experiment=e"], { cwd: dir });
    assert.equal(ok.code, 0, ok.stderr);
    const r = await strata(["compose", "-d", "conf", "+experiment=e", "~model"], { cwd: dir });
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      "conf/experiment/e.yaml:3:5: In 'experiment/e': Could not override 'model/gpt2model'. " +
        "No match in the defaults list.\n" +
        "    'model/gpt2model' is chosen by no defaults list here: '~model' deletes 'model', the " +
        "group above it (an option of it that chooses 'model/gpt2model' is not composed)\n",
    );
    // no `~`: the group is spelt right, chosen by no defaults list of the tree
    Deno.writeTextFileSync(`${dir}/conf/config.yaml`, "x: 1\n");
    const none = await strata(["compose", "-d", "conf", "+experiment=e"], { cwd: dir });
    assert.equal(none.code, 1);
    assert.ok(!none.stderr.includes("Did you mean"), none.stderr);
    assert.match(
      none.stderr,
      /'model\/gpt2model' is a group of the tree that no defaults list chooses/,
    );
    // no primary config (the library's compose() without configName): Hydra's two lines only
    // (checker y1 #2: "Did you mean 'model'?" for the `model` typed)
    const bare = await strata(["compose", "-d", "conf", "--no-config-name", "model=gpt2"], {
      cwd: dir,
    });
    assert.equal(bare.code, 1);
    assert.equal(
      bare.stderr,
      "override #1 'model=gpt2': Could not override 'model'. No match in the defaults list.\n" +
        "To append to your default list use +model=gpt2\n",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("did-you-mean: a group of the tree spelt right, chosen by no defaults list, is not said to be a typo of a chosen one (checker y5)", async () => {
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - experiment: default\n  - _self_\nx: 1\n",
    "conf/experiment/default.yaml": "a: 1\n",
    "conf/exp/small.yaml": "b: 2\n",
  });
  try {
    const r = await strata(["compose", "-d", "conf", "exp=small"], { cwd: dir });
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      "override #1 'exp=small': Could not override 'exp'. No match in the defaults list.\n" +
        "To append to your default list use +exp=small\n",
    );
    // a group the tree lacks still gets the chosen group spelt nearest
    const typo = await strata(["compose", "-d", "conf", "experimnt=default"], { cwd: dir });
    assert.equal(typo.code, 1);
    assert.match(typo.stderr, /Did you mean 'experiment'/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

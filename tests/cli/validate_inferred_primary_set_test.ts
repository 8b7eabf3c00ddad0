import assert from "node:assert/strict";
import { inTree, validateIn, writeTree } from "./_tree.ts";

// Trees with no config.yaml, whose top-level configs are the primaries: which configs validate
// composes as primaries, and where it tries a group's options (found on salina, stopes and
// home-robot's config trees).

Deno.test("validate, one top-level config: a config in a group's sub-directory is that group's option, not a primary", async () => {
  // salina: `scenario: halfcheetah/forgetting_short`, its siblings in scenario/halfcheetah/
  await inTree({
    "conf/main.yaml": "defaults:\n  - scen: a/one\n  - _self_\nx: 1\n",
    "conf/scen/a/one.yaml": "n: ${x}\n",
    "conf/scen/a/two.yaml": "n: ${x}\nm: ${nope}\n",
  }, async (dir) => {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    // tried as `scen=a/two` in main: at scen, where ${x} resolves; only its own broken key fails
    assert.deepEqual(r.lines, [
      "conf/scen/a/two.yaml:2:4: error: Interpolation key 'nope' not found [key: scen.m] (with scen=a/two)",
    ]);
    assert.match(r.stderr, /validated its one top-level config as the primary, as -n main does$/m);
    const json = await validateIn(dir, ["-d", "conf", "-f", "json"]);
    assert.deepEqual(JSON.parse(json.stdout).primaries, ["main"]);
  });
});

Deno.test("validate, several primaries: an option composed cleanly in the primary that chooses its group is no error of another", async () => {
  // stopes: an encoder option under embed_text/config/encoder, grafted onto a primary that
  // never uses embed_text (`+emb=enc/e2`, at the wrong package) fails there only
  await inTree({
    "conf/train.yaml": "defaults:\n  - emb: a\n  - _self_\nemb:\n  model_dir: /m\n",
    "conf/other.yaml": "x: 1\n",
    "conf/emb/a.yaml": "defaults:\n  - enc: e1\n",
    "conf/emb/enc/e1.yaml": "path: ${..model_dir}/m.pt\n",
    "conf/emb/enc/e2.yaml": "path: ${..model_dir}/m2.pt\n",
  }, async (dir) => {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(r.lines, ["no problems in 5 files, 3 compositions"]);
    // and an option broken everywhere is still reported
    Deno.writeTextFileSync(
      `${dir}/conf/emb/enc/e2.yaml`,
      "path: ${..model_dir}/m2.pt\nq: ${nope}\n",
    );
    const broken = await validateIn(dir, ["-d", "conf"]);
    assert.equal(broken.code, 1);
    assert.ok(
      broken.lines.some((l) =>
        /emb\/enc\/e2\.yaml:2:4: error: Interpolation key 'nope' not found/.test(l)
      ),
      broken.stdout,
    );
  });
});

Deno.test("validate: the note lists the top-level configs that failed to compose among the primaries", async () => {
  // home-robot: every top-level config lists a missing hydra/default; the note named a nested
  // option, composed alone since nothing that failed could name it, as the one primary
  await inTree({
    "conf/app.yaml": "defaults:\n  - _self_\n  - nothere: x\na: 1\n",
    "conf/grp/sub/deep.yaml": "b: 2\n",
  }, async (dir) => {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /conf\/app\.yaml:3:14: error: In 'app': Could not find 'nothere\/x'/);
    assert.match(r.stderr, /as primaries: app, grp\/sub\/deep$/m);
    assert.doesNotMatch(r.stderr, /as -n grp\/sub\/deep does/);

    // two top-level configs, one failing: both named, the failing one's error labelled with it
    Deno.writeTextFileSync(`${dir}/conf/good.yaml`, "defaults:\n  - g: o\n  - _self_\nb: 1\n");
    Deno.mkdirSync(`${dir}/conf/g`);
    Deno.writeTextFileSync(`${dir}/conf/g/o.yaml`, "c: 1\n");
    Deno.removeSync(`${dir}/conf/grp`, { recursive: true });
    const two = await validateIn(dir, ["-d", "conf"]);
    assert.equal(two.code, 1, two.stdout + two.stderr);
    assert.match(two.stdout, /In 'app': Could not find 'nothere\/x' \(with --config-name=app\)$/m);
    assert.match(two.stderr, /validated the top-level configs as primaries: app, good$/m);
    assert.doesNotMatch(two.stderr, /options were tried with/);
  });
});

Deno.test("validate, several primaries: an option that fails where its group is chosen reports that, not what a primary that never chooses it adds", async () => {
  // fairo's polymetis: robot_client options fail under launch_robot for a real reason, and
  // under default_metadata `+robot_client=x` (nobody runs it) for more
  await inTree({
    "conf/a.yaml": "defaults:\n  - g: x\n  - _self_\nk: 1\n",
    "conf/b.yaml": "other: 2\n",
    "conf/g/x.yaml": "v: ${k}\n",
    "conf/g/y.yaml": "w: ${k}\nz: ${q}\n",
  }, async (dir) => {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.deepEqual(r.lines, [
      "conf/g/y.yaml:2:4: error: Interpolation key 'q' not found [key: g.z] (with --config-name=a g=y)",
    ]);
  });
});

Deno.test("validate: options of a sub-directory a config chooses as its own group are not added as the parent group's", async () => {
  // universal_manipulation_interface: legacy/main.yaml chooses `task: b` (legacy/task/b);
  // legacy/task/a is tried as legacy/task=a, not as +legacy=task/a
  await inTree({
    "conf/main.yaml": "defaults:\n  - _self_\n  - task: b\nname: top\n",
    "conf/task/b.yaml": "y: 1\n",
    "conf/legacy/main.yaml": "defaults:\n  - _self_\n  - task: b\nname: old\n",
    "conf/legacy/task/b.yaml": "y: 2\n",
    "conf/legacy/task/a.yaml": "z: ${horizon}\n",
  }, async (dir) => {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const errors = r.lines.filter((l) => / error: /.test(l));
    assert.equal(errors.length, 1, r.stdout);
    assert.match(
      errors[0],
      /legacy\/task\/a\.yaml:1:4: error: .* \(with \+legacy=main legacy\/task=a\)$/,
    );
    assert.doesNotMatch(r.stdout, /\+legacy=task\/a/);
  });
});

Deno.test("validate, the one top-level config fails in Hydra's own configs: configs below its groups are no primaries", async () => {
  // rl4co: `override hydra/job_logging: colorlog` without the plugin; experiment/* and
  // env/sub/* were composed as primaries and gave 10 false errors
  await inTree({
    "conf/main.yaml": "defaults:\n  - _self_\n  - model: a\n  - env: a\n  - experiment: null\n" +
      "  - override hydra/job_logging: colorlog\nseed: 1\n",
    "conf/model/a.yaml": "x: 1\n",
    "conf/model/b.yaml": "x: 2\n",
    "conf/env/a.yaml": "n: 1\n",
    "conf/env/sub/big.yaml": "n: ${seed}\n",
    "conf/experiment/routing/am.yaml":
      "# @package _global_\ndefaults:\n  - override /model: b\nenv:\n  n: 5\n",
  }, async (dir) => {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const errors = r.lines.filter((l) => / error: /.test(l));
    assert.equal(errors.length, 1, r.stdout);
    assert.match(
      errors[0],
      /main\.yaml:6:33: error: In 'hydra\/config': Could not find 'hydra\/job_logging\/colorlog'/,
    );
    assert.match(r.stderr, /validated its one top-level config as the primary, as -n main does/);
  });
});

Deno.test("validate, several primaries: a part another one's defaults list includes is no primary; a config with a defaults list is", async () => {
  // verl: ppo_trainer.yaml's `- legacy_reward_impl`, a top-level config read only as its part;
  // fairchem: `uma_sm` has a defaults list, others include it, and runs name it too
  await inTree({
    "conf/ppo.yaml": "defaults:\n  - legacy\n  - _self_\nx: 1\n",
    "conf/legacy.yaml": "y: ${x}\n",
    "conf/sft.yaml": "z: 2\n",
    "conf/uma_sm.yaml": "defaults:\n  - _self_\nsteps: 1\nbad: ${nope}\n",
    "conf/uma_sm_dense.yaml": "defaults:\n  - uma_sm\n  - _self_\nnope: 2\n",
  }, async (dir) => {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    // uma_sm alone fails (as `-cn uma_sm` does); inside uma_sm_dense it composes
    assert.deepEqual(r.lines, [
      "conf/uma_sm.yaml:4:6: error: Interpolation key 'nope' not found [key: bad] (with --config-name=uma_sm)",
    ]);
    assert.match(
      r.stderr,
      /validated the top-level configs as primaries: ppo, sft, uma_sm, uma_sm_dense$/m,
    );
    const json = await validateIn(dir, ["-d", "conf", "-f", "json"]);
    assert.deepEqual(JSON.parse(json.stdout).primaries, ["ppo", "sft", "uma_sm", "uma_sm_dense"]);
  });
});

Deno.test("validate, several primaries: an option left out as another primary's is noted with the primary it fails with", async () => {
  // cramming: cfg_pretrain and cfg_eval both choose `impl`; impl=deepspeed reads train.*, which
  // only cfg_pretrain has. Its errors with cfg_eval are left out, and said to be.
  await inTree({
    "conf/cfg_pretrain.yaml": "defaults:\n  - impl: torch\n  - _self_\ntrain:\n  batch: 8\n",
    "conf/cfg_eval.yaml": "defaults:\n  - impl: torch\n  - _self_\neval:\n  batch: 4\n",
    "conf/impl/torch.yaml": "name: torch\n",
    "conf/impl/deepspeed.yaml": "name: ds\nbatch: ${train.batch}\n",
  }, async (dir) => {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(
      r.stderr,
      /^note: impl=deepspeed fails with cfg_eval, which chooses its group, and composes with cfg_pretrain: taken as that one's option \(validate -n cfg_eval shows the errors\)$/m,
    );
    const json = JSON.parse((await validateIn(dir, ["-d", "conf", "-f", "json"])).stdout);
    assert.deepEqual(json.partial, [
      { option: "impl=deepspeed", failsWith: ["cfg_eval"], composesWith: ["cfg_pretrain"] },
    ]);
    // a primary broken on its own: its options fail with it for that, which is no note of theirs
    Deno.writeTextFileSync(`${dir}/conf/impl/fsdp.yaml`, "name: fsdp\n");
    Deno.writeTextFileSync(
      `${dir}/conf/cfg_eval.yaml`,
      "defaults:\n  - impl: torch\n  - _self_\neval:\n  batch: ${nope}\n",
    );
    const broken = await validateIn(dir, ["-d", "conf", "-f", "json"]);
    assert.deepEqual(JSON.parse(broken.stdout).partial.map((p: { option: string }) => p.option), [
      "impl=deepspeed",
    ]);
    const eval_ = await validateIn(dir, ["-d", "conf", "-n", "cfg_eval"]);
    assert.equal(eval_.code, 1);
    assert.match(eval_.stdout, /Interpolation key 'train\.batch' not found/);
  });
});

Deno.test("validate FILE with several inferred primaries: an option failing with one and composing with another is spared as in the whole tree's run (checker w41)", async () => {
  const dir = writeTree({
    "conf/base.yaml": "a: 1\n",
    "conf/train_a.yaml": "defaults:\n  - w: big\n  - _self_\nn: ${w.size}\n",
    "conf/train_b.yaml": "defaults:\n  - w: small\n  - _self_\nm: 1\n",
    "conf/w/big.yaml": "size: 10\n",
    "conf/w/small.yaml": "k: 1\n",
  });
  try {
    // the whole tree, the option's file and the primary it fails with: one verdict
    for (const files of [[], ["conf/w/small.yaml"], ["conf/train_a.yaml"]]) {
      const r = await validateIn(dir, ["-d", "conf", ...files]);
      assert.equal(r.code, 0, `${files}: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, /note: w=small fails with train_a, .* composes with train_b/);
    }
    // an error of the primary itself is still reported over its file
    Deno.writeTextFileSync(
      `${dir}/conf/train_a.yaml`,
      "defaults:\n  - w: big\n  - _self_\nbad: ${zzz}\n",
    );
    const own = await validateIn(dir, ["-d", "conf", "conf/train_a.yaml"]);
    assert.equal(own.code, 1);
    assert.match(own.stdout, /^conf\/train_a\.yaml:4:6: error: Interpolation key 'zzz' not found/m);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

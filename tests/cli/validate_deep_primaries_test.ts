/**
 * A tree without config.yaml whose primaries sit in sub-directories and are
 * named by path (sam2: `compose(config_name="configs/sam2.1/sam2.1_hiera_l.yaml")`):
 * validate composes each as a primary of its own, so an error in one is found,
 * instead of checking them as YAML only and reporting no problems.
 */
import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("validate: configs two directories down that no defaults list names are composed as primaries", async () => {
  const dir = writeTree({
    // sam2's configs say `# @package _global_`: a primary in a sub-directory is at its group's
    // package otherwise, as in Hydra
    "pkg/configs/v1/small.yaml": "# @package _global_\nmodel:\n  dim: 8\n",
    "pkg/configs/v2/large.yaml":
      "# @package _global_\ndefaults:\n  - /parts/enc@model.enc\n  - _self_\nmodel:\n  dim: 16\n",
    "pkg/configs/train/ft.yaml":
      "# @package _global_\nscratch:\n  epochs: 10\ntrainer:\n  max_epochs: ${scratch.epoch}\n",
    "pkg/parts/enc.yaml": "layers: 2\n",
    // an option of Hydra's own group: no primary
    "pkg/hydra/launcher/mine.yaml": "n: 1\n",
  });
  try {
    const r = await strata(["validate", "-d", "pkg"], { cwd: dir });
    const out = r.stdout + r.stderr;
    assert.equal(r.code, 1, out);
    assert.match(
      out,
      /pkg\/configs\/train\/ft\.yaml:5:15: error: Interpolation key 'scratch\.epoch' not found \[key: trainer\.max_epochs\].*\(with --config-name=configs\/train\/ft\)/,
    );
    assert.match(
      out,
      /validated the top-level configs, and those in sub-directories no defaults list names, as primaries: configs\/train\/ft, configs\/v1\/small, configs\/v2\/large/,
    );
    // parts/enc is included by a defaults list: checked where it is included, not as a primary
    assert.doesNotMatch(out, /--config-name=parts\/enc/);
    assert.doesNotMatch(out, /hydra\/launcher\/mine/);
    assert.match(out, /1 error in 5 files, 3 compositions/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate: a search path's deep configs are its options, no primaries; the tree's one-deep experiments are composed (habitat-baselines)", async () => {
  // habitat-baselines' `pointnav/ppo_pointnav_example.yaml` over habitat-lab's tree (--search-path)
  const dir = writeTree({
    "app/conf/exp/run_a.yaml":
      "# @package _global_\ndefaults:\n  - /lib: base\n  - _self_\ntrainer:\n  bad: ${lib.nope}\n",
    "lib/lib/base.yaml": "defaults:\n  - sim/sensors@sim.sensors.rgb: rgb\n  - _self_\nseed: 1\n",
    "lib/lib/sim/sensors/rgb.yaml": "width: 64\n",
    "lib/lib/sim/agents/rgbd.yaml":
      "# @package lib.sim.agents.main\ndefaults:\n  - agent_base\n  - _self_\nheight: 1.5\n",
    "lib/lib/sim/agents/agent_base.yaml": "radius: 0.1\n",
  });
  try {
    const r = await strata(["validate", "-d", "app/conf", "--search-path", "lib"], { cwd: dir });
    const out = r.stdout + r.stderr;
    assert.equal(r.code, 1, out);
    assert.match(
      out,
      /app\/conf\/exp\/run_a\.yaml:6:8: error: Interpolation key 'lib\.nope' not found/,
    );
    // the tree has groups only: validated as --no-config-name, not with the library's
    // lib/sim/agents/rgbd as its primary
    assert.match(out, /validated as --no-config-name does/);
    assert.doesNotMatch(out, /-n lib\/sim\/agents\/rgbd|primaries: lib\//);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate: a config in a sub-directory validate.options names is composed as a primary, with the options its scopes take", async () => {
  // habitat-baselines' experiments are run by path (-cn pointnav/ppo_pointnav_example)
  const dir = writeTree({
    "conf/config.yaml": "a: 1\n",
    "conf/exp/full.yaml":
      "# @package _global_\ndefaults:\n  - /model: a\n  - _self_\nb: 2\nc: ${nope}\n",
    "conf/model/a.yaml": "x: 1\n",
    "conf/model/b.yaml": "x: 2\n",
    ".strata.yaml": "validate:\n  options:\n    exp/full:\n      model: ['*']\n",
  });
  try {
    const r = await strata(["validate", "-f", "json"], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(report.problems[0].compositions, [
      "+exp=full",
      "+exp=full model=b",
      "--config-name=exp/full",
      "--config-name=exp/full model=b",
    ]);
    assert.equal(report.compositions, 5);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate -n configs/v1/small: the configs of the other sub-directories are primaries too (sam2), not +configs=", async () => {
  const dir = writeTree({
    "pkg/configs/v1/small.yaml": "# @package _global_\nmodel:\n  dim: 8\n",
    "pkg/configs/v1/big.yaml": "# @package _global_\nmodel:\n  dim: 9\n",
    "pkg/configs/train/ft.yaml":
      "# @package _global_\nscratch:\n  epochs: 10\ntrainer:\n  bad: ${nope}\n",
  });
  try {
    const r = await strata(["validate", "-d", "pkg", "-n", "configs/v1/small", "-f", "json"], {
      cwd: dir,
    });
    assert.equal(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.equal(report.problems.length, 1);
    assert.equal(report.problems[0].composition, "--config-name=configs/train/ft");
    assert.doesNotMatch(r.stdout, /\+configs=/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate: a deep config is composed alone even where top-level configs are beside it and validate tried it added to them (sam2's training config)", async () => {
  // sam2: top-level links to configs/sam2.1/*, and configs/sam2.1_training/x, which its users
  // compose alone; added to a top-level config (`+configs=train/ft`) it reads `model`, alone not
  const dir = writeTree({
    "pkg/configs/v1/small.yaml": "# @package _global_\nmodel:\n  dim: 8\n",
    "pkg/configs/train/ft.yaml": "# @package _global_\ntrainer:\n  dim: ${model.dim}\n",
  });
  Deno.symlinkSync("configs/v1/small.yaml", `${dir}/pkg/small.yaml`);
  try {
    const r = await strata(["validate", "-d", "pkg"], { cwd: dir });
    const out = r.stdout + r.stderr;
    assert.equal(r.code, 1, out);
    assert.match(
      out,
      /pkg\/configs\/train\/ft\.yaml:3:8: error: Interpolation key 'model\.dim' not found \[key: trainer\.dim\] \(with --config-name=configs\/train\/ft\)/,
    );
    assert.match(out, /as primaries: small, configs\/train\/ft, configs\/v1\/small\n/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate: without a top-level link to them, deep configs validate tried added to a top-level config stay options (a nested experiment is not composed alone)", async () => {
  // lightning-hydra-template's layout (train.yaml, no config.yaml) with experiments in a
  // sub-directory: `override /model` fails alone, and nobody composes them alone
  const dir = writeTree({
    "pkg/train.yaml": "defaults:\n  - model: a\n  - _self_\n",
    "pkg/model/a.yaml": "dim: 1\n",
    "pkg/model/b.yaml": "dim: 2\n",
    "pkg/experiment/cifar/x.yaml":
      "# @package _global_\ndefaults:\n  - override /model: b\n  - _self_\nlr: ${model.dim}\n",
  });
  try {
    const r = await strata(["validate", "-d", "pkg"], { cwd: dir });
    const out = r.stdout + r.stderr;
    assert.equal(r.code, 0, out);
    assert.doesNotMatch(out, /--config-name=experiment/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

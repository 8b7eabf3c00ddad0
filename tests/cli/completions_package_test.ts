/**
 * Groups whose defaults entry sets a package (`- augment@data.transforms: basic`) complete
 * under the key Hydra overrides them by (`augment@data.transforms=heavy`), nested groups
 * (`agent/network@agent.policy`) too, and a group whose options all sit in sub-directories
 * (`env/atari/pong.yaml`) offers them as `env=atari/pong`.
 */

import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { completeBash } from "./_complete.ts";
import { writeTree } from "./_tree.ts";

const CONF = {
  "conf/config.yaml": "defaults:\n  - model: resnet\n  - augment@data.transforms: basic\n" +
    "  - env: atari/pong\n  - agent: ppo\n  - agent/network@agent.policy: mlp\n" +
    "  - agent/network@agent.value: mlp\n  - _self_\nseed: 1\n",
  "conf/augment/basic.yaml": "flip: true\n",
  "conf/augment/heavy.yaml": "flip: true\nmixup: 0.2\n",
  "conf/env/atari/pong.yaml": "id: Pong\n",
  "conf/env/atari/breakout.yaml": "id: Breakout\n",
  "conf/env/mujoco/hopper.yaml": "id: Hopper\n",
  "conf/agent/ppo.yaml": "lr: 0.1\n",
  "conf/agent/sac.yaml": "lr: 0.2\n",
  "conf/agent/network/mlp.yaml": "width: 64\n",
  "conf/agent/network/cnn.yaml": "width: 32\n",
  // a sub-directory no defaults list names while model=resnet: model=backbone/vit composes
  "conf/model/resnet.yaml": "depth: 50\n",
  "conf/model/vit.yaml": "defaults:\n  - backbone@_here_: vit\npatch: 16\n",
  "conf/model/backbone/vit.yaml": "width: 768\n",
};

Deno.test("bash completion: a group at a package completes as group@package=, its options after", async () => {
  const [aug, options, partialPkg, plain, agent, network, add, added] = await completeBash(CONF, [
    "strata compose aug",
    "strata compose augment@data.transforms=",
    "strata compose augment@d",
    "strata compose augment=",
    "strata compose agent/",
    "strata compose agent/network@agent.policy=",
    "strata compose +aug",
    "strata compose +augment@extra=",
  ]);
  assert.deepEqual(aug, ["augment@data.transforms="]);
  // readline replaces the text after the last '=' or '@': the answers lose what is before it
  assert.deepEqual(options, ["basic", "heavy"]);
  assert.deepEqual(partialPkg, ["data.transforms="]);
  // Hydra: `augment=heavy` is "Could not override 'augment'" (no entry has that key)
  assert.deepEqual(plain, []);
  assert.deepEqual(agent, ["agent/network@agent.policy=", "agent/network@agent.value="]);
  assert.deepEqual(network, ["cnn", "mlp"]);
  // `+` adds the group at a key no entry has
  assert.deepEqual(add, ["+augment="]);
  assert.deepEqual(added, ["basic", "heavy"]);
});

Deno.test("bash completion: options in sub-directories complete as env=atari/pong", async () => {
  const [env, partial, agent, model, down] = await completeBash(CONF, [
    "strata compose env=",
    "strata compose env=at",
    "strata compose agent=",
    "strata compose model=",
    "strata compose model=b",
  ]);
  assert.deepEqual(env, ["atari/breakout", "atari/pong", "mujoco/hopper"]);
  assert.deepEqual(partial, ["atari/breakout", "atari/pong"]);
  // agent/network is a group the defaults list names: its files are not agent's options
  assert.deepEqual(agent, ["ppo", "sac"]);
  // model has options of its own: the sub-directory is offered as one (`backbone/`), its
  // options once the word goes there
  assert.deepEqual(model, ["resnet", "vit", "backbone/"]);
  assert.deepEqual(down, ["backbone/vit"]);
});

Deno.test("strata complete: group@package keys in tab's protocol, with -d", async () => {
  const dir = writeTree(CONF);
  try {
    const r = await strata(["complete", "--", "compose", "-d", "conf", "aug"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "augment@data.transforms=\tconfig group\n:6\n");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("bash completion: a sub-directory's group is listed once its parent's '/' is typed, as Hydra lists groups level by level", async () => {
  const tree = {
    "conf/config.yaml": "defaults:\n  - db: a\n  - _self_\n",
    "conf/db/a.yaml": "port: 1\n",
    "conf/experiment/top.yaml": "x: 1\n",
    "conf/experiment/sub/x.yaml": "x: 2\n",
  };
  const [add, below, options, nested] = await completeBash(tree, [
    "strata compose +",
    "strata compose +experiment/",
    "strata compose +experiment=",
    "strata compose +experiment=s",
  ]);
  // experiment/sub's options are experiment's too (experiment=sub/x): the group itself is
  // not listed beside experiment, but under it (Hydra's completion_plugin lists one level)
  assert.deepEqual(add.filter((w) => !w.endsWith(".")), ["+experiment=", "+experiment/"]);
  assert.deepEqual(below, ["+experiment/sub="]);
  // with options of its own, the sub-directory's are offered as it, to go on with
  assert.deepEqual(options, ["top", "sub/"]);
  assert.deepEqual(nested, ["sub/x"]);
});

Deno.test("bash completion: `solver=` offers each sub-directory of options (`musicgen/`) beside the group's own, then its options", async () => {
  // audiocraft's shape: every real solver sits in a sub-directory, beside the base `default`
  const tree = {
    "conf/config.yaml": "defaults:\n  - solver: default\n  - _self_\n",
    "conf/solver/default.yaml": "lr: 1\n",
    "conf/solver/musicgen/base_32khz.yaml": "x: 1\n",
    "conf/solver/musicgen/debug.yaml": "x: 2\n",
    "conf/solver/compression/debug.yaml": "x: 3\n",
    "conf/solver/compression/deep/big.yaml": "x: 4\n",
  };
  const [top, d, inside, deeper] = await completeBash(tree, [
    "strata compose solver=",
    "strata compose solver=d",
    "strata compose solver=musicgen/",
    "strata compose solver=compression/",
  ]);
  assert.deepEqual(top, ["default", "compression/", "musicgen/"]);
  assert.deepEqual(d, ["default"]);
  assert.deepEqual(inside, ["musicgen/base_32khz", "musicgen/debug"]);
  assert.deepEqual(deeper, ["compression/debug", "compression/deep/big"]);
});

Deno.test("strata complete: keys under a group whose options say '# @package _group_' complete under version_base 1.1 (.strata.yaml or --version-base), as compose places them", async () => {
  // mbrl-lib: Hydra 1.0-era headers, read as the group's package only under version_base 1.1
  const dir = writeTree({
    "conf/main.yaml": "defaults:\n  - algorithm: pets\n",
    "conf/algorithm/pets.yaml": "# @package _group_\nname: pets\nagent:\n  lr: 1\n",
    ".strata.yaml": "config_name: main\nversion_base: '1.1'\n",
  });
  try {
    const complete = (...words: string[]) =>
      strata(["complete", "--", "compose", "-d", "conf", ...words], { cwd: dir });
    const under = await complete("algorithm.");
    assert.equal(under.stdout, "algorithm.name=\tpets\nalgorithm.agent.\tconfig node\n:6\n");
    // at the top: the group's key, not the literal `_group_` of version_base 1.2 and later
    const top = await complete("");
    assert.match(top.stdout, /^algorithm\.\tconfig node$/m);
    assert.doesNotMatch(top.stdout, /_group_/);
    // the command line's --version-base, as the command reads it
    Deno.removeSync(`${dir}/.strata.yaml`);
    const flag = await complete("-n", "main", "--version-base=1.1", "algorithm.a");
    assert.equal(flag.stdout, "algorithm.agent.\tconfig node\n:6\n");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

// A list or mapping a config writes into a str entry of the hydra node (hydra.sweeper.params,
// hydra.job.env_set) that a config merged before had set fails as Hydra's merge fails
// (OmegaConf converts it to a str); onto an entry no config set, OmegaConf lets it in
// (checker v50 F1).
import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";
import { strata } from "./_cli.ts";

const TREE = {
  "conf/config.yaml": "defaults:\n  - profile: cifar\n  - _self_\nseed: 0\n" +
    "hydra:\n  sweeper:\n    params:\n      seed: [0, 1]\n",
  "conf/profile/cifar.yaml":
    "# @package _global_\nhydra:\n  sweeper:\n    params:\n      seed: 0,1\n",
  "conf/profile/mnist.yaml": "# @package _global_\nx: 1\n",
};

Deno.test("hydra node: a container merged onto a str entry an earlier config set is Hydra's validation error", async () => {
  const dir = writeTree(TREE);
  const refused = "conf/config.yaml:8:13: In 'config': Validation error while composing config:\n" +
    "Cannot convert 'ListConfig' to string: '[0, 1]'\n    full key: hydra.sweeper.params.seed\n";
  for (const command of ["compose", "sweep"]) {
    const r = await strata([command, "-d", "conf"], { cwd: dir });
    assert.equal(r.code, 1, `${command}: ${r.stdout}`);
    assert.equal(r.stderr, refused, command);
  }
  const v = await validateIn(dir, ["-d", "conf"]);
  assert.equal(v.code, 1, v.stdout);
  assert.ok(
    v.lines.includes(
      "conf/config.yaml:8:13: error: Cannot convert 'ListConfig' to string: '[0, 1]' " +
        "[key: hydra.sweeper.params.seed]",
    ),
    v.stdout,
  );
  // where no config merged before set it, OmegaConf lets the list in
  const alone = await strata(
    ["compose", "-d", "conf", "profile=mnist", "--cfg", "hydra", "-p", "hydra.sweeper.params"],
    { cwd: dir },
  );
  assert.equal(alone.code, 0, alone.stderr);
  assert.equal(alone.stdout, "# @package hydra.sweeper.params\nseed:\n- 0\n- 1\n");
  // a mapping onto env_set's entry, under a package
  const env = writeTree({
    "conf/config.yaml": "defaults:\n  - env: a\n  - env@hydra.job.env_set: b\n  - _self_\n",
    "conf/env/a.yaml": "# @package _global_\nhydra:\n  job:\n    env_set:\n      X: '1'\n",
    "conf/env/b.yaml": "X: {y: 1}\n",
  });
  const e = await strata(["compose", "-d", "conf"], { cwd: env });
  assert.equal(e.code, 1, e.stdout);
  assert.match(
    e.stderr,
    /^conf\/env\/b\.yaml:1:4: In 'env\/b': Validation error while composing config:\nCannot convert 'DictConfig' to string: '\{'y': 1\}'\n {4}full key: hydra\.job\.env_set\.X\n$/,
  );
});

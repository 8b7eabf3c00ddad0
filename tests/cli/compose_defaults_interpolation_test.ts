/**
 * An interpolated defaults entry whose resolution fails is Hydra's "Error resolving
 * interpolation" whatever OmegaConf's InterpolationResolutionError was: a missing key, or a
 * resolver the app does not register (pytorch/rl's grpo: `- mode: ${mode:async}`).
 */
import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("compose: a defaults entry calling an unknown resolver is Hydra's 'Error resolving interpolation'", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - mode: ${mode:async}\n  - _self_\nx: 1\n",
    "conf/mode/async.yaml": "m: 1\n",
  });
  try {
    const r = await strata(["compose"], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    assertNoStackTrace(r.stderr);
    assert.equal(
      r.stderr.split("\n")[0],
      "conf/config.yaml:2:11: Error resolving interpolation '${mode:async}'",
    );
    const chosen = await strata(["compose", "mode=async"], { cwd: dir });
    assert.equal(chosen.code, 0, chosen.stderr);
    assert.equal(chosen.stdout, "mode:\n  m: 1\nx: 1\n");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("compose: a group no directory of the search path holds says it may be the app's ConfigStore (torchrl's trainer configs)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - transform: noop_reset\n  - _self_\nx: 1\n",
  });
  try {
    const r = await strata(["compose"], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /Could not find 'transform\/noop_reset'/);
    assert.match(
      r.stderr,
      /no directory of the search path is the group 'transform': if the Python app registers it in Hydra's ConfigStore/,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("compose: a config an option includes that is not there says it may be the app's ConfigStore (BenchMARL's task schemas)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - task: vmas/balance\n  - _self_\n",
    "conf/task/vmas/balance.yaml": "defaults:\n  - vmas_balance_config\n  - _self_\nn: 1\n",
  });
  try {
    const r = await strata(["compose"], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    assertNoStackTrace(r.stderr);
    assert.match(r.stderr, /Could not load 'task\/vmas_balance_config'/);
    assert.match(
      r.stderr,
      /\n {4}no directory of the search path holds 'task\/vmas_balance_config\.yaml': if the Python app registers it in Hydra's ConfigStore \(cs\.store\(group="task", name="vmas_balance_config"\)\), strata needs it as a YAML file/,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("compose: an option a defaults interpolation names that is not there says which override set the choice it read (checker w27)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - scenario: a\n  - algo: ${scenario}_x\n  - _self_\n",
    "conf/scenario/a.yaml": "s: 1\n",
    "conf/scenario/b.yaml": "s: 2\n",
    "conf/algo/a_x.yaml": "lr: 1\n",
  });
  try {
    const r = await strata(["compose", "-d", "conf", "scenario=b"], { cwd: dir });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^conf\/config\.yaml:3:11: In 'config': Could not find 'algo\/b_x'\n/);
    assert.match(
      r.stderr,
      /\n {4}override #1 'scenario=b': '\$\{scenario\}_x' read the choice set here\n/,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

// diff of override sets credits each value with the override that chose the config writing it:
// an appended `+experiments=corners` (its own values, and the option its `override /env: ccube`
// chose), an appended `+extra=a`, and the config a chosen option's defaults list brings in
// (`proxy/base` under `proxy=uniform`), as a run dir's recorded overrides credit them (checker w33).
import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

const TREE = {
  "config/main.yaml": "defaults:\n  - env: grid\n  - proxy: other\n  - _self_\nseed: 0\n",
  "config/experiments/corners.yaml":
    "# @package _global_\ndefaults:\n  - override /env: ccube\nenv:\n  n_comp: 3\n",
  "config/env/grid.yaml": "id: grid\n",
  "config/env/ccube.yaml": "id: ccube\n",
  "config/proxy/other.yaml": "k: 1\n",
  "config/proxy/base.yaml": "reward_function: absolute\n",
  "config/proxy/uniform.yaml": "defaults:\n  - base\n_target_: u\n",
  "config/extra/a.yaml": "foo: 1\n",
};

Deno.test("diff --a/--b: values are credited with the override that chose their config, appended or brought in", async () => {
  const dir = writeTree(TREE);
  try {
    const diff = (b: string) =>
      strata(["diff", "-d", "config", "-n", "main", "--a", "", "--b", b], { cwd: dir });
    const exp = await diff("+experiments=corners");
    assert.equal(exp.code, 1, exp.stderr);
    assert.match(
      exp.stdout,
      /b: config\/env\/ccube\.yaml:1:5, chosen by override #1 '\+experiments=corners'\n/,
    );
    assert.match(
      exp.stdout,
      /b: config\/experiments\/corners\.yaml:5:11, chosen by override #1 '\+experiments=corners'\n/,
    );
    const extra = await diff("+extra=a");
    assert.match(
      extra.stdout,
      /b: config\/extra\/a\.yaml:1:6, chosen by override #1 '\+extra=a'\n/,
    );
    const uniform = await diff("proxy=uniform");
    assert.match(
      uniform.stdout,
      /b: config\/proxy\/base\.yaml:1:18, chosen by override #1 'proxy=uniform'\n/,
    );
    assert.match(
      uniform.stdout,
      /b: config\/proxy\/uniform\.yaml:3:11, chosen by override #1 'proxy=uniform'\n/,
    );
    // the primary's own values are no override's
    const seed = await diff("seed=1");
    assert.doesNotMatch(seed.stdout, /chosen by/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("diff credits an experiment with the keys of an option its override chose written with .yaml (checker v46)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - dm: a\n  - experiment: null\n  - _self_\nseed: 1\n",
    "conf/dm/a.yaml": "x: 1\n",
    "conf/dm/b.yaml": "x: 2\n",
    "conf/experiment/e.yaml": "# @package _global_\ndefaults:\n  - override /dm: b.yaml\n",
  });
  try {
    const r = await strata(["diff", "--a", "", "--b", "experiment=e"], { cwd: dir });
    assert.equal(r.code, 1, r.stderr); // they differ, as diff(1) says
    assert.match(r.stdout, /b: conf\/dm\/b\.yaml:1:4, chosen by override #1 'experiment=e'/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

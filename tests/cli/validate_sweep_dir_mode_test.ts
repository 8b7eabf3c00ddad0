// hydra.sweep.dir and subdir are resolved by a multirun only: one that does not resolve is a
// warning where the composition runs single jobs (Hydra's single run writes them unresolved to
// hydra.yaml), an error where hydra.mode is MULTIRUN or sweeper params are given (checker w45 #2).
import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

Deno.test("validate: a sweep dir that does not resolve fails only a multirun", async () => {
  const dir = writeTree({
    "conf/eval.yaml": "defaults:\n  - hydra: seed_sweep\n  - _self_\nx: 1\n",
    "conf/hydra/seed_sweep.yaml":
      "# @package hydra\nsweep:\n  dir: logs/multi\n  subdir: ${seed}\n",
  });
  const single = await validateIn(dir, ["-n", "eval"]);
  assert.equal(single.code, 0, single.stdout);
  assert.deepEqual(single.lines, [
    "conf/hydra/seed_sweep.yaml:4:11: warning: Interpolation key 'seed' not found: a multirun of " +
    "this composition fails on it (hydra.mode is not MULTIRUN and no sweeper params are given: a single run " +
    "does not read it) " +
    "[key: hydra.sweep.subdir]",
    "1 warning in 2 files, 1 composition",
  ]);
  const multi = await validateIn(dir, ["-n", "eval", "--override", "hydra.mode=MULTIRUN"]);
  assert.equal(multi.code, 1, multi.stdout);
  assert.equal(
    multi.lines[0],
    "conf/hydra/seed_sweep.yaml:4:11: error: Interpolation key 'seed' not found [key: hydra.sweep.subdir]",
  );
  // sweeper params say the config is run as a multirun: an error
  Deno.writeTextFileSync(
    `${dir}/conf/eval.yaml`,
    "defaults:\n  - hydra: seed_sweep\n  - _self_\nx: 1\nhydra:\n  sweeper:\n    params:\n      x: 1,2\n",
  );
  const params = await validateIn(dir, ["-n", "eval"]);
  assert.equal(params.code, 1, params.stdout);
  assert.match(
    params.lines[0],
    /:4:11: error: Interpolation key 'seed' not found \[key: hydra\.sweep\.subdir\]$/,
  );
  // the run dir is read by every single run: still an error
  Deno.writeTextFileSync(
    `${dir}/conf/hydra/seed_sweep.yaml`,
    "# @package hydra\nrun:\n  dir: logs/${seed}\n",
  );
  const run = await validateIn(dir, ["-n", "eval"]);
  assert.equal(run.code, 1, run.stdout);
  assert.match(
    run.lines[0],
    /^conf\/hydra\/seed_sweep\.yaml:3:8: error: Interpolation key 'seed' not found \[key: hydra\.run\.dir\]$/,
  );
});

/**
 * `--cfg hydra --resolve` resolves the hydra node with the job's keys left
 * out, as Hydra's show_cfg does: a run dir that reads a job key fails there
 * (Hydra's error), and the error says how to see it resolved (mbrl-lib's
 * `hydra.run.dir: ${root_dir}/...`).
 */
import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("compose --cfg hydra --resolve: a run dir that reads a job key fails, pointing at --cfg all", async () => {
  const dir = writeTree({
    "conf/config.yaml": "root_dir: ./exp\nhydra:\n  run:\n    dir: ${root_dir}/x\n" +
      "  job:\n    name: ${nothere}\n",
  });
  try {
    const r = await strata([
      "compose",
      "-d",
      "conf",
      "--cfg",
      "hydra",
      "--resolve",
      "-p",
      "hydra.run",
    ], {
      cwd: dir,
    });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^conf\/config\.yaml:4:10: Interpolation key 'root_dir' not found\n/);
    assert.match(
      r.stderr,
      /'root_dir' is a key of the job's config, which --cfg hydra --resolve leaves out/,
    );
    assertNoStackTrace(r.stderr);
    const all = await strata([
      "compose",
      "-d",
      "conf",
      "--cfg",
      "all",
      "--resolve",
      "-p",
      "hydra.run",
    ], {
      cwd: dir,
    });
    assert.equal(all.code, 0, all.stderr);
    assert.equal(all.stdout, "# @package hydra.run\ndir: ./exp/x\n");
    // a key the job does not have either: Hydra's error alone
    const none = await strata([
      "compose",
      "-d",
      "conf",
      "--cfg",
      "hydra",
      "--resolve",
      "-p",
      "hydra.job",
    ], {
      cwd: dir,
    });
    assert.equal(none.code, 1);
    assert.match(none.stderr, /Interpolation key 'nothere' not found/);
    assert.doesNotMatch(none.stderr, /key of the job's config/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("run -c hydra --resolve: the same hint as compose (pytorch/rl's offpolicy-dp run dir reads algorithm.name)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "algorithm:\n  name: td3\nhydra:\n  run:\n    dir: out/${algorithm.name}\n",
  });
  try {
    const r = await strata([
      "run",
      "-d",
      "conf",
      "-c",
      "hydra",
      "--resolve",
      "-p",
      "hydra.run.dir",
      "--",
      "true",
    ], {
      cwd: dir,
    });
    assert.equal(r.code, 1, r.stderr);
    assert.match(
      r.stderr,
      /'algorithm' is a key of the job's config, which --cfg hydra --resolve leaves out/,
    );
    assertNoStackTrace(r.stderr);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

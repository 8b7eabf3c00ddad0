// `--job-name` with a config that sets hydra.job.name (lerobot's `hydra: {job: {name: default}}`):
// the config's name wins, as in Hydra, and strata says so at the config's hydra.job.name.
import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

const TREE = {
  "conf/config.yaml": "seed: 0\nhydra:\n  job:\n    name: default\n",
  "conf/unset.yaml": "seed: 0\n",
};
const KEPT =
  "conf/config.yaml:4:11: warning: --job-name mytrain is not used: hydra.job.name is set " +
  "to default here, and Hydra keeps a name the config sets; to change it, override " +
  "hydra.job.name=mytrain\n";

Deno.test("run --job-name: a name the config sets wins, with a warning at it (run, -m, -c)", async () => {
  const dir = await confTree(TREE);
  try {
    const run = (args: string[]) => strata(["run", ...args], { cwd: dir });
    const single = await run(["--job-name", "mytrain", "hydra.run.dir=o", "--", "true"]);
    assert.equal(single.code, 0, single.stderr);
    assert.equal(single.stderr, KEPT);
    assert.ok(Deno.statSync(`${dir}/o/default.log`).isFile);
    const sweep = await run(["-m", "--job-name", "mytrain", "hydra.sweep.dir=m", "--", "true"]);
    assert.equal(sweep.code, 0, sweep.stderr);
    assert.equal(sweep.stderr.split("\n")[0] + "\n", KEPT);
    assert.equal(sweep.stderr.split(KEPT).length, 2); // once, not per job
    const shown = await run(["--job-name", "mytrain", "-c", "hydra", "-p", "hydra.job.name"]);
    assert.equal(shown.stdout, "default\n");
    assert.equal(shown.stderr, KEPT);
    assertNoStackTrace(shown.stderr);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("run --job-name: no warning when it is the name used; the override's is said as such", async () => {
  const dir = await confTree(TREE);
  try {
    const name = (args: string[]) =>
      strata(["run", ...args, "-c", "hydra", "-p", "hydra.job.name"], { cwd: dir });
    const same = await name(["--job-name", "default"]);
    assert.deepEqual([same.stdout, same.stderr], ["default\n", ""]);
    const unset = await name(["-n", "unset", "--job-name", "mytrain"]);
    assert.deepEqual([unset.stdout, unset.stderr], ["mytrain\n", ""]);
    const override = await name(["--job-name", "mytrain", "hydra.job.name=other"]);
    assert.equal(override.stdout, "other\n");
    assert.equal(
      override.stderr,
      "override #1 'hydra.job.name=other': warning: --job-name mytrain is not used: " +
        "the override sets hydra.job.name to other\n",
    );
    const overridden = await name(["--job-name", "other", "hydra.job.name=other"]);
    assert.equal(overridden.stderr, "");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

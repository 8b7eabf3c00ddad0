// A single `strata run` with task overrides whose CMD runs a Hydra app but hands it no
// {overrides}: the app composes its default config (drqv2's seed=1) while the run dir records
// the overrides (seed=5). The note `run -m` gives, worded for the one run; the run still runs.
import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

const NOTE = "note: CMD passes the run no {overrides}: a Hydra app (@hydra.main) would compose " +
  "its default config, without seed=5, which the run dir records; add {overrides} to CMD " +
  "(or read $STRATA_CONFIG)\n";
const TREE = {
  "conf/config.yaml": "seed: 1\n",
  // names hydra as a Hydra app does, and runs without Hydra installed
  "app.py": "# import hydra; @hydra.main(config_path='conf', config_name='config')\nprint('ran')\n",
};

Deno.test("run seed=5 -- python app.py: a note that the app gets no {overrides}", async () => {
  const dir = await confTree(TREE);
  try {
    const r = await strata(
      ["run", "-d", "conf", "hydra.run.dir=out", "seed=5", "--", "python3", "app.py"],
      { cwd: dir },
    );
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stderr.includes(NOTE), r.stderr);
    assert.equal(r.stderr.split(NOTE).length, 2, "once");
    assert.match(r.stdout, /ran/);
    // no task overrides (the app composes what the run dir records), or {overrides}: no note
    for (
      const args of [
        ["hydra.run.dir=out2", "--", "python3", "app.py"],
        ["hydra.run.dir=out3", "seed=5", "--", "python3", "app.py", "{overrides}"],
      ]
    ) {
      const q = await strata(["run", "-d", "conf", ...args], { cwd: dir });
      assert.equal(q.code, 0, q.stderr);
      assert.ok(!q.stderr.includes("note: CMD passes"), q.stderr);
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

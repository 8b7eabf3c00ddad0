/**
 * What a GitHub runner is not: this machine. A sweep dir that reads this
 * shell's environment (`${oc.env:HOME}/runs`, entity-factored-rl's
 * `${oc.env:USER}`) resolves elsewhere on a runner, so the workflow's upload
 * step, which names the path resolved here, finds nothing and keeps no
 * results; and a job on GitHub's own runners stops at 6 hours whatever
 * `timeout-minutes` says. Both are warned of when the workflow is written.
 */

import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { confTree } from "./_manifest.ts";

const sweep = ["sweep", "seed=1,2", "-f", "github", "-o", "gh", "--strata-cmd", "strata"];

Deno.test("sweep -f github: a sweep dir that reads this shell's environment is warned of", async () => {
  const dir = confTree();
  const r = await strata([...sweep, "hydra.sweep.dir=${oc.env:HOME}/runs", "--", "./train"], {
    cwd: dir,
    env: { HOME: "/home/me" },
  });
  assert.equal(r.code, 0, r.stderr);
  assert.match(
    r.stderr,
    /warning: hydra\.sweep\.dir reads this shell's environment \(\/home\/me\/runs here\): a runner resolves it in its own/,
  );
  // a default that applies on the runner as here, or no variable at all: nothing to say
  for (const dir2 of ["${oc.env:STRATA_TEST_UNSET_X,runs}", "runs"]) {
    const ok = await strata(
      [...sweep, `hydra.sweep.dir=${dir2}`, "--", "./train"].map((a) => a === "gh" ? "gh2" : a),
      { cwd: dir },
    );
    assert.equal(ok.code, 0, ok.stderr);
    assert.doesNotMatch(ok.stderr, /environment/);
    Deno.removeSync(`${dir}/gh2`, { recursive: true });
  }
});

Deno.test("sweep -f github: a time limit over GitHub's 6 hours is warned of, on its own runners only", async () => {
  const dir = confTree();
  const r = await strata([...sweep, "--time", "1440", "--", "./train"], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.match(Deno.readTextFileSync(`${dir}/gh/workflow.yml`), /timeout-minutes: 1440/);
  assert.match(
    r.stderr,
    /warning: the jobs' time limit is 1440 minutes, and GitHub stops a job on its own runners at 6 hours/,
  );
  const own = await strata(
    [...sweep, "--time", "1440", "--runs-on", "self-hosted,gpu", "--", "./train"]
      .map((a) => a === "gh" ? "gh2" : a),
    { cwd: dir },
  );
  assert.equal(own.code, 0, own.stderr);
  assert.doesNotMatch(own.stderr, /time limit/);
  const short = await strata(
    [...sweep, "--time", "360", "--", "./train"].map((a) => a === "gh" ? "gh3" : a),
    { cwd: dir },
  );
  assert.doesNotMatch(short.stderr, /time limit/);
});

Deno.test("sweep to a manifest: hydra.sweeper.max_batch_size is warned of (every job is submitted at once) unless --parallel bounds it", async () => {
  const dir = confTree();
  const args = ["sweep", "seed=1,2,3", "hydra.sweeper.max_batch_size=2", "-f", "github"];
  const r = await strata([...args, "-o", "gh", "--strata-cmd", "strata", "--", "./train"], {
    cwd: dir,
  });
  assert.equal(r.code, 0, r.stderr);
  assert.match(
    r.stderr,
    /warning: hydra\.sweeper\.max_batch_size is 2: the manifest submits every job at once .*--parallel 2 runs at most 2 at a time/,
  );
  const bounded = await strata(
    [...args, "--parallel", "2", "-o", "gh2", "--strata-cmd", "strata", "--", "./train"],
    { cwd: dir },
  );
  assert.equal(bounded.code, 0, bounded.stderr);
  assert.doesNotMatch(bounded.stderr, /max_batch_size/);
});

Deno.test("sweep -f github: a sweep dir joined with a doubled slash (logs/ + /train) is said with one", async () => {
  const dir = confTree();
  const r = await strata([...sweep, "hydra.sweep.dir=logs//train/multi", "--", "./train"], {
    cwd: dir,
  });
  assert.equal(r.code, 0, r.stderr);
  const workflow = Deno.readTextFileSync(`${dir}/gh/workflow.yml`);
  assert.match(workflow, /# Each job uploads its run dir \(under logs\/train\/multi\)/);
  assert.match(workflow, /path: logs\/train\/multi\n/);
  assert.doesNotMatch(r.stderr, /environment/);
});

/**
 * `strata run --job-index I -c job|hydra`: a manifest's task with `-c` added
 * (how one debugs an array task) prints job I's config as that job runs it,
 * its `--job-overrides` too, not the sweep's master config, which no job gets.
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

const TREE = { "conf/config.yaml": "seed: 0\nlr: 0.1\n" };

Deno.test("run --job-index -c job prints that job's config; -c hydra its number and dirname", async () => {
  const dir = writeTree(TREE);
  try {
    const run = (...args: string[]) => strata(["run", ...args, "--", "true"], { cwd: dir });
    const job = await run("--job-index", "1", "seed=0,1", "-c", "job");
    assertNoStackTrace(job.stderr);
    assert.equal(job.code, 0, job.stderr);
    assert.equal(job.stdout, "seed: 1\nlr: 0.1\n");
    const pinned = await run(
      "--job-index",
      "1",
      "--job-overrides",
      '["seed=7"]',
      "seed=0,1",
      "-c",
      "job",
    );
    assert.equal(pinned.code, 0, pinned.stderr);
    assert.equal(pinned.stdout, "seed: 7\nlr: 0.1\n");
    const hydra = await run("--job-index", "1", "seed=0,1", "-c", "hydra", "-r", "-p", "hydra.job");
    assert.equal(hydra.code, 0, hydra.stderr);
    assert.match(hydra.stdout, /^override_dirname: seed=1$/m);
    assert.match(hydra.stdout, /^id: '1'$/m);
    assert.match(hydra.stdout, /^num: 1$/m);
    const out = await run("--job-index", "2", "seed=0,1", "-c", "job");
    assertNoStackTrace(out.stderr);
    assert.equal(out.code, 2);
    assert.equal(out.stdout, "");
    assert.match(out.stderr, /--job-index 2 is out of range: the sweep has 2 jobs/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

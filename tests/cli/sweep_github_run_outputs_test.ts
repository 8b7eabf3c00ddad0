/**
 * `strata sweep -f github` hands every matrix to its run job as a plan job's
 * output, and GitHub allows a workflow run 50 MB of job outputs in all (the
 * run is cancelled past it): a sweep whose matrices take more is refused as
 * bad usage, with nothing written, instead of a workflow that cannot run; so
 * is a workflow file over the 500 KB GitHub starts runs of, and a run of over
 * 50,000 jobs (check runs).
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { confTree } from "./_manifest.ts";

Deno.test("sweep -f github: matrices over the 50 MB a workflow run may output are refused (exit 2)", async () => {
  const dir = confTree();
  // 900 jobs of ~60 KB each (under the 64 KiB that would move them to job files): ~54 MB.
  const pad = "x".repeat(60_000);
  const args = ["sweep", "seed=range(900)", `+pad=${pad}`, "--no-validate", "-f", "github"];
  const r = await strata([...args, "-o", "gh", "--", "./train"], { cwd: dir });
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /over the 50000000 bytes \(50 MB\) GitHub allows a workflow run/);
  assertNoStackTrace(r.stderr);
  assert.throws(() => Deno.statSync(`${dir}/gh`), Deno.errors.NotFound);
  // Under that budget (800 jobs, ~48 MB) the workflow is still refused: every run job repeats
  // the sweep's 60 KB override, and GitHub starts no run of a workflow file over 500 KB.
  const big = await strata(
    ["sweep", "seed=range(800)", `+pad=${pad}`, "--no-validate", "-f", "github", "-o", "gh"]
      .concat(["--", "./train"]),
    { cwd: dir },
  );
  assert.equal(big.code, 2, big.stderr);
  assert.match(big.stderr, /over the 500000 \(500 KB\) of a workflow file GitHub starts runs of/);
  assert.throws(() => Deno.statSync(`${dir}/gh`), Deno.errors.NotFound);
  // Under both (20 jobs in 2 matrices) it is written.
  const ok = await strata(
    ["sweep", "seed=range(20)", `+pad=${pad}`, "--no-validate", "-f", "github", "-o", "gh"]
      .concat(["--", "./train"]),
    { cwd: dir },
  );
  assert.equal(ok.code, 0, ok.stderr);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("sweep -f github: over the 50,000 check runs a workflow run may have is refused (exit 2)", async () => {
  // every matrix job and plan job is a check run; GitHub creates no more past 50,000
  const dir = confTree();
  const args = ["sweep", "seed=range(50000)", "--no-validate", "-f", "github", "-o", "gh"];
  const r = await strata([...args, "--", "./train"], { cwd: dir });
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /that is 5000\d check runs, over the 50000 GitHub allows a workflow run/);
  assertNoStackTrace(r.stderr);
  assert.throws(() => Deno.statSync(`${dir}/gh`), Deno.errors.NotFound);
  const ok = await strata(["sweep", "seed=range(49990)", ...args.slice(2), "--", "./train"], {
    cwd: dir,
  });
  assert.equal(ok.code, 0, ok.stderr);
  Deno.removeSync(dir, { recursive: true });
});

/**
 * `strata sweep -f github` hands every matrix to its run job as a plan job's
 * output, and GitHub allows a workflow run 50 MB of job outputs in all (the
 * run is cancelled past it): a sweep whose matrices take more is refused as
 * bad usage, with nothing written, instead of a workflow that cannot run.
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
  // Under the budget (800 jobs, ~48 MB) it is written as before.
  const ok = await strata(
    [
      "sweep",
      "seed=range(800)",
      `+pad=${pad}`,
      "--no-validate",
      "-f",
      "github",
      "-o",
      "gh",
      "--",
      "./train",
    ],
    { cwd: dir },
  );
  assert.equal(ok.code, 0, ok.stderr);
  Deno.removeSync(dir, { recursive: true });
});

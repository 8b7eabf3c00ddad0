/**
 * `hydra.sweeper.max_batch_size` in `strata run -m`: as Hydra's BasicSweeper,
 * batches run one after another, and a batch with a failed job is the last.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { strata } from "./_cli.ts";
import { PYTHON, status, workspace } from "./_run.ts";

// Each job records when it ran, so the test sees which overlapped.
const JOB = `import os, sys, time
n = int(os.environ["STRATA_JOB_NUM"])
start = time.time()
time.sleep(0.3)
open(os.path.join(os.environ["STRATA_RUN_DIR"], "span"), "w").write(f"{start} {time.time()}")
sys.exit(3 if n == int(os.environ.get("FAIL", "-1")) else 0)
`;

function span(dir: string, n: number): [number, number] {
  const [a, b] = Deno.readTextFileSync(join(dir, "s", String(n), "span")).split(" ");
  return [Number(a), Number(b)];
}

Deno.test("strata run -m: max_batch_size batches run one after another, even with -j", async () => {
  const dir = workspace({ "job.py": JOB });
  try {
    const r = await strata(
      [
        "run",
        "-m",
        "-j",
        "4",
        "hydra.sweep.dir=s",
        "hydra.sweeper.max_batch_size=2",
        "seed=1,2,3,4",
        "--",
        PYTHON,
        "job.py",
      ],
      { cwd: dir },
    );
    assert.equal(r.code, 0, r.stderr);
    // jobs 2 and 3 (the second batch) start after jobs 0 and 1 ended
    const firstEnd = Math.max(span(dir, 0)[1], span(dir, 1)[1]);
    assert.ok(span(dir, 2)[0] >= firstEnd && span(dir, 3)[0] >= firstEnd, r.stderr);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("strata run -m: a batch with a failed job is the last to run (exit 1)", async () => {
  const dir = workspace({ "job.py": JOB });
  try {
    const r = await strata(
      [
        "run",
        "-m",
        "hydra.sweep.dir=s",
        "hydra.sweeper.max_batch_size=2",
        "seed=1,2,3,4,5",
        "--",
        PYTHON,
        "job.py",
      ],
      { cwd: dir, env: { FAIL: "0" } },
    );
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual([0, 1, 2, 3, 4].map((i) => status(join(dir, "s", String(i)))), [
      "failed",
      "done",
      undefined,
      undefined,
      undefined,
    ]);
    assert.match(r.stderr, /5 jobs: 1 done, 1 failed, 0 interrupted, 3 not started/);
    assert.match(r.stderr, /batch 1 of 3/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

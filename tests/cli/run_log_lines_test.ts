/**
 * A job's log keeps its lines whole: stdout and stderr come through two
 * pipes, and a line a Python job prints in pieces (`print("epoch", i)`, four
 * writes unbuffered) is not cut by a stderr line (a `logging` record) that
 * arrives between its pieces. Every byte still lands: an unfinished line (a
 * `\r` progress bar, a last line without newline) is written after a while or
 * when the job ends.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { strata } from "./_cli.ts";
import { PYTHON, workspace } from "./_run.ts";

const INTERLEAVED = `import sys, time
for i in range(300):
    print("epoch", i, "loss", 0.5)
    sys.stderr.write(f"[INFO] step {i}\\n")
sys.stdout.write("\\rprogress 50%")
sys.stdout.flush()
time.sleep(0.4)
sys.stdout.write("\\rprogress 100%\\n")
sys.stdout.write("no newline at the end")
`;

Deno.test("run: stdout's and stderr's lines stay whole in the job's log", async () => {
  const dir = workspace({ "job.py": INTERLEAVED });
  try {
    const r = await strata(
      ["run", "-q", "-m", "hydra.sweep.dir=s", "seed=1,2", "-j", "2", "--", PYTHON, "job.py"],
      { cwd: dir },
    );
    assert.equal(r.code, 0, r.stderr);
    for (const job of ["0", "1"]) {
      const log = Deno.readTextFileSync(join(dir, "s", job, "job.log"));
      const lines = log.split("\n");
      const out = lines.filter((l) => !l.startsWith("[INFO]"));
      const err = lines.filter((l) => l.startsWith("[INFO]"));
      assert.deepEqual(
        out.slice(0, 300),
        Array.from({ length: 300 }, (_, i) => `epoch ${i} loss 0.5`),
      );
      assert.deepEqual(err, Array.from({ length: 300 }, (_, i) => `[INFO] step ${i}`));
      assert.deepEqual(out.slice(300), ["\rprogress 50%\rprogress 100%", "no newline at the end"]);
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("run: a rerun in the same job dir appends to its log, as Hydra's FileHandler does", async () => {
  // `--resume` or a fixed hydra.run.dir: what the earlier run printed stays for the post-mortem
  const dir = workspace({ "job.py": "import sys\nprint('run', sys.argv[1])\n" });
  try {
    for (const n of ["1", "2"]) {
      const r = await strata(
        ["run", "-q", "hydra.run.dir=out", "--", PYTHON, "job.py", n],
        { cwd: dir },
      );
      assert.equal(r.code, 0, r.stderr);
    }
    assert.equal(Deno.readTextFileSync(join(dir, "out", "job.log")), "run 1\nrun 2\n");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

/**
 * `--resume` on a sweep whose jobs share a job dir (`hydra.sweep.subdir: ${seed}`, another key
 * swept too): one status file stands for both, so resume cannot tell which ran. It says so,
 * exit 2, instead of "the sweep changed" for the same command (checker w18).
 */
import assert from "node:assert/strict";
import { confTree, strata } from "./_cli.ts";

Deno.test("run --resume: jobs sharing a job dir are said to share it, not a changed sweep", async () => {
  const dir = await confTree({
    "conf/config.yaml": "seed: 0\nm: a\nhydra:\n  sweep:\n    subdir: ${seed}\n",
  });
  try {
    const args = ["run", "-q", "-d", "conf", "-m", "hydra.sweep.dir=cr", "seed=1,2", "m=a,b"];
    const first = await strata([...args, "--", "true"], { cwd: dir });
    assert.equal(first.code, 0, first.stderr);
    const again = await strata([...args, "--resume", "--", "true"], { cwd: dir });
    assert.equal(again.code, 2, again.stderr);
    assert.match(
      again.stderr,
      /--resume: jobs #0 and #1 share the job dir \S+\/cr\/1 \(hydra\.sweep\.subdir resolves alike for them\)/,
    );
    assert.doesNotMatch(again.stderr, /the sweep changed/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

/**
 * A task (`--job-index`) given other pinned overrides than its job dir recorded (a manifest
 * written again, or edited): its files are replaced, as Hydra's would be, with a warning naming
 * both, where `--resume` refuses the same mismatch (checker w50 #3). The same overrides again:
 * nothing said.
 */
import assert from "node:assert/strict";
import { confTree, strata } from "./_cli.ts";

Deno.test("run --job-index: a job dir that ran other overrides is replaced, with a warning", async () => {
  const dir = await confTree({ "conf/config.yaml": "seed: 0\nhydra:\n  sweep:\n    dir: sw\n" });
  try {
    const task = (pinned: string) =>
      strata(
        [
          "run",
          "-q",
          "-d",
          "conf",
          "--job-index",
          "0",
          "--job-overrides",
          pinned,
          "seed=1,2",
          "--",
          "true",
        ],
        { cwd: dir },
      );
    const warnings = (stderr: string) => stderr.split("\n").filter((l) => l.includes("warning"));
    const first = await task('["seed=1"]');
    assert.equal(first.code, 0, first.stderr);
    assert.deepEqual(warnings(first.stderr), []);
    const same = await task('["seed=1"]');
    assert.deepEqual(warnings(same.stderr), []);
    const other = await task('["seed=7"]');
    assert.equal(other.code, 0, other.stderr);
    const said = warnings(other.stderr);
    assert.equal(said.length, 1, other.stderr);
    assert.match(
      said[0],
      /^warning: job #0 in \S*sw\/0 ran with 'seed=1' before, this task gives it 'seed=7': its files are replaced$/,
    );
    assert.equal(Deno.readTextFileSync(`${dir}/sw/0/.hydra/overrides.yaml`), "- seed=7\n");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

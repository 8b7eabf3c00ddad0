/**
 * `--resume` with another command than the sweep ran: the job's name, and so its log's, changes
 * (`fails.log`, now `true.log`). The README says resume appends to the job's log; here a second
 * log starts beside the first, so it is said (checker w20).
 */
import assert from "node:assert/strict";
import { confTree, strata } from "./_cli.ts";

Deno.test("run --resume with another command: a warning names the job's earlier log", async () => {
  const dir = await confTree({ "conf/config.yaml": "seed: 0\n" });
  try {
    Deno.writeTextFileSync(`${dir}/fails.sh`, "exit 3\n");
    const args = ["run", "-q", "-d", "conf", "-m", "hydra.sweep.dir=cr", "seed=1,2"];
    const first = await strata([...args, "--", "sh", "fails.sh"], { cwd: dir });
    assert.equal(first.code, 1, first.stderr);
    const same = await strata([...args, "--resume", "--", "sh", "fails.sh"], { cwd: dir });
    assert.doesNotMatch(same.stderr, /another job name/);
    const again = await strata([...args, "--resume", "--", "true"], { cwd: dir });
    assert.equal(again.code, 0, again.stderr);
    assert.match(
      again.stderr,
      /warning: --resume: job #0 ran with another job name \(its log is \S+\/cr\/0\/fails\.log\): this run names it after the command given and writes true\.log beside it/,
    );
    assert.equal(again.stderr.match(/another job name/g)?.length, 1, again.stderr);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

/**
 * `--job-index` without `--now` where `hydra.sweep.dir` holds `${now:...}`: each task of an
 * array resolves its own time and lands in a sweep dir of its own; a warning says to give every
 * task the same `--now`, as strata's manifests do (checker w18). With `--now`, or a fixed sweep
 * dir, nothing is said.
 */
import assert from "node:assert/strict";
import { confTree, strata } from "./_cli.ts";

Deno.test("run --job-index: a clock-dated sweep dir without --now is warned of", async () => {
  const dir = await confTree({ "conf/config.yaml": "seed: 0\n" });
  try {
    const run = (extra: string[]) =>
      strata(["run", "-q", "-d", "conf", "--job-index", "0", ...extra, "seed=1,2", "--", "true"], {
        cwd: dir,
      });
    const dated = "hydra.sweep.dir=ji/${now:%H-%M-%S}";
    const warned = await run([dated]);
    assert.equal(warned.code, 0, warned.stderr);
    assert.match(warned.stderr, /^warning: --job-index: hydra\.sweep\.dir holds \$\{now:\.\.\.\}/);
    for (const quiet of [[dated, "--now", "2026-01-01T00:00:00"], ["hydra.sweep.dir=fixed"]]) {
      const r = await run(quiet);
      assert.equal(r.code, 0, r.stderr);
      assert.doesNotMatch(r.stderr, /warning/);
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

/**
 * `--job-index` over a sweep that calls `shuffle(...)`, without `--job-overrides`: each task of an
 * array expands the sweep again in an order of its own (two tasks may run one job, another none);
 * a warning says to pin the overrides, as strata's manifests do (checker x32). With
 * `--job-overrides`, or no shuffle, nothing is said.
 */
import assert from "node:assert/strict";
import { confTree, strata } from "./_cli.ts";

Deno.test("run --job-index: a shuffled sweep without --job-overrides is warned of, params' too", async () => {
  const dir = await confTree({
    "conf/config.yaml": "seed: 0\nhydra:\n  sweep:\n    dir: m\n",
    "conf/params.yaml": "seed: 0\nhydra:\n  sweep:\n    dir: p\n  sweeper:\n    params:\n" +
      "      seed: shuffle(range(4))\n",
  });
  try {
    const run = (extra: string[]) =>
      strata(["run", "-q", "-d", "conf", "--job-index", "1", ...extra, "--", "true"], { cwd: dir });
    const warned = await run(["seed=shuffle(1,2,3)"]);
    assert.equal(warned.code, 0, warned.stderr);
    assert.match(
      warned.stderr,
      /^warning: --job-index: 'seed=shuffle\(1,2,3\)' shuffles the sweep, .*--job-overrides/,
    );
    const params = await run(["-n", "params"]);
    assert.equal(params.code, 0, params.stderr);
    assert.match(params.stderr, /'seed=shuffle\(range\(4\)\)' shuffles the sweep/);
    for (
      const quiet of [
        ["seed=1,2,3"],
        ["seed=sort(3,1,2)"],
        ["--job-overrides", '["seed=2"]', "seed=shuffle(1,2,3)"],
      ]
    ) {
      // a fresh sweep dir: job 1 of the shuffled run above may have run with another seed there,
      // which the task replacing it warns of
      Deno.removeSync(`${dir}/m`, { recursive: true });
      const r = await run(quiet);
      assert.equal(r.code, 0, r.stderr);
      assert.doesNotMatch(r.stderr, /warning/);
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

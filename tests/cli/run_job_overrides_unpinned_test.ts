/**
 * `strata run --job-index I --job-overrides JSON`: the JSON pins the job's overrides; an override
 * on the command line that is neither Hydra's nor a sweep, and sets no key the JSON sets, is not
 * applied, and says so (checker x39: dropped silently). A manifest's own task command, whose
 * JSON writes a value as the job does (`lr=1e-4` as `lr=0.0001`), gets no warning.
 */
import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("run --job-index --job-overrides: a task override the JSON does not pin is warned of", async () => {
  const dir = writeTree({ "conf/config.yaml": "seed: 0\nlr: 0.1\nname: ???\n" });
  try {
    const run = (...args: string[]) =>
      strata(["run", "-q", "--job-index", "1", ...args, "hydra.sweep.dir=sw", "--", "true"], {
        cwd: dir,
      });
    const extra = await run(
      "--job-overrides",
      '["lr=0.0001","seed=1"]',
      "lr=1e-4",
      "seed=0,1",
      "name=x",
    );
    assertNoStackTrace(extra.stderr);
    assert.equal(extra.code, 0, extra.stderr);
    assert.match(
      extra.stderr,
      /warning: 'name=x' is not applied: --job-overrides pins the job's overrides/,
    );
    const manifest = await run("--job-overrides", '["lr=0.0001","seed=1"]', "lr=1e-4", "seed=0,1");
    assert.equal(manifest.code, 0, manifest.stderr);
    assert.doesNotMatch(manifest.stderr, /warning/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

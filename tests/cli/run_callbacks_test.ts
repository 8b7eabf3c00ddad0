/**
 * `hydra.callbacks` (latent_quantization's and sde_sampler's LogJobReturnCallback):
 * Hydra calls them around the run and each job, strata calls none; `strata run`
 * says so at the callback, as it says of a launcher plugin it does not run.
 */
import assert from "node:assert/strict";
import { confTree, strata } from "./_cli.ts";

Deno.test("run: hydra.callbacks are warned of once, at their place, single run and -m", async () => {
  const dir = await confTree({
    "conf/config.yaml": "x: 1\nhydra:\n  callbacks:\n    log_job_return:\n" +
      "      _target_: hydra.experimental.callbacks.LogJobReturnCallback\n",
  });
  try {
    const warning =
      /^conf\/config\.yaml:5:7: warning: hydra\.callbacks log_job_return \(hydra\.experimental\.callbacks\.LogJobReturnCallback\): strata calls no Hydra callback around its jobs/m;
    const one = await strata(["run", "-q", "hydra.run.dir=o", "--", "true"], { cwd: dir });
    assert.equal(one.code, 0, one.stderr);
    assert.match(one.stderr, warning);
    const many = await strata(["run", "-q", "-m", "x=1,2", "hydra.sweep.dir=m", "--", "true"], {
      cwd: dir,
    });
    assert.equal(many.code, 0, many.stderr);
    assert.equal(many.stderr.match(/hydra\.callbacks/g)?.length, 1, many.stderr);
    Deno.writeTextFileSync(`${dir}/conf/config.yaml`, "x: 1\n");
    const none = await strata(["run", "-q", "hydra.run.dir=p", "--", "true"], { cwd: dir });
    assert.equal(none.code, 0, none.stderr);
    assert.doesNotMatch(none.stderr, /callbacks/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

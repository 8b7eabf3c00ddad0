/**
 * `compose -f flat|mlflow|wandb` of a config whose params read the run's dir
 * (`paths.output_dir: ${hydra:runtime.output_dir}` and what reads it, also through oc.select):
 * None outside a run, as Hydra's `--cfg job --resolve` gives them, and one warning naming them,
 * where the app logging its own params inside its run gets the run's dir (checker w49 #2).
 */
import assert from "node:assert/strict";
import { confTree, strata } from "./_cli.ts";

Deno.test("compose -f flat|mlflow|wandb: params that read the run's dir are None, with one warning naming them", async () => {
  const dir = await confTree({
    "conf/config.yaml": "paths:\n  output_dir: ${hydra:runtime.output_dir}\n" +
      "ckpt: ${paths.output_dir}/ckpts\nrun_id: ${oc.select:ckpt,null}/id.json\nname: x\n" +
      "t: ${now:%Y}\n",
  });
  try {
    for (const format of ["flat", "mlflow", "wandb"]) {
      const r = await strata(["compose", "-d", "conf", "-f", format], { cwd: dir });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(
        r.stderr,
        "conf/config.yaml:2:15: warning: paths.output_dir, ckpt, run_id read the run's dir or " +
          "job number (${hydra:runtime.output_dir}, ${hydra:job.num}), which only a run has: " +
          "outside one they are None here, as in Hydra's --cfg job --resolve; the app logging " +
          "its own params inside `strata run` gets the run's values\n",
        format,
      );
    }
    const flat = await strata(["compose", "-d", "conf", "-f", "flat"], { cwd: dir });
    assert.match(
      flat.stdout,
      /^paths\.output_dir=None\nckpt=None\/ckpts\nrun_id=None\/ckpts\/id\.json\nname=x\nt=\d{4}\n$/,
    );
    // none read it: no warning
    const none = await strata(
      ["compose", "-d", "conf", "-f", "flat", "~run_id", "~ckpt", "~paths"],
      {
        cwd: dir,
      },
    );
    assert.equal(none.code, 0, none.stderr);
    assert.equal(none.stderr, "");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

/**
 * `hydra.job.name` and `hydra.output_subdir` are read resolved, as Hydra
 * reads them: the log is `${hydra.job.name}.log` and the `.hydra/` files go
 * to `Path(hydra.output_subdir)`, so `name: ${model.name}` names the log
 * after the model, not `${model.name}.log`.
 */

import assert from "node:assert/strict";
import { confTree, strata } from "./_cli.ts";

const CONFIG = `model:
  name: vit
hydra:
  job:
    name: \${model.name}_train
  output_subdir: \${model.name}_meta
`;

Deno.test("run: the log and the .hydra dir are named by resolved hydra fields", async () => {
  const dir = await confTree({ "conf/config.yaml": CONFIG });
  try {
    for (const args of [["hydra.run.dir=o"], ["-m", "hydra.sweep.dir=o", "model.name=vit"]]) {
      const r = await strata(["run", "-q", ...args, "--", "sh", "-c", "echo hi"], { cwd: dir });
      assert.equal(r.code, 0, r.stderr);
      const at = args[0] === "-m" ? `${dir}/o/0` : `${dir}/o`;
      const names = [...Deno.readDirSync(at)].map((e) => e.name).sort();
      assert.deepEqual(names, [".strata", "config.yaml", "vit_meta", "vit_train.log"]);
      assert.equal(Deno.readTextFileSync(`${at}/vit_train.log`), "hi\n");
      const hydra = Deno.readTextFileSync(`${at}/vit_meta/hydra.yaml`);
      assert.ok(
        hydra.includes("    name: ${model.name}_train\n"),
        "hydra.yaml keeps it unresolved",
      );
      Deno.removeSync(`${dir}/o`, { recursive: true });
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

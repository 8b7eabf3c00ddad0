/**
 * `hydra.output_subdir` set to an absolute path (navsim, nuplan:
 * `${output_dir}/code/hydra`): Hydra writes its three files at that path
 * (`Path(run_dir) / output_subdir`: an absolute right side wins), not under
 * the run dir. `run` and `run -m` do the same.
 *
 * @module
 */
import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("run: an absolute hydra.output_subdir is that path, not one under the run dir", async () => {
  const dir = writeTree({
    "conf/config.yaml":
      "out: ${hydra:runtime.cwd}/abs\nhydra:\n  output_subdir: ${out}/code/hydra\n" +
      "x: 1\n",
  });
  try {
    const r = await strata(["run", "-d", "conf", "hydra.run.dir=run", "--", "true"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const abs = `${Deno.realPathSync(dir)}/abs/code/hydra`;
    for (const f of ["config.yaml", "hydra.yaml", "overrides.yaml"]) {
      assert.ok(Deno.statSync(`${abs}/${f}`).isFile, f);
    }
    assert.equal(Deno.readTextFileSync(`${abs}/overrides.yaml`), "[]\n");
    assert.throws(() => Deno.statSync(`${dir}/run${abs}`), Deno.errors.NotFound);
    const m = await strata(
      ["run", "-m", "-d", "conf", "hydra.sweep.dir=multi", "x=1,2", "--", "true"],
      { cwd: dir },
    );
    assert.equal(m.code, 0, m.stderr);
    assert.equal(Deno.readTextFileSync(`${abs}/overrides.yaml`).startsWith("- x="), true);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

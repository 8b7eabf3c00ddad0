import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

// A project whose config dir is not conf/ names it in .strata.yaml (as the
// lightning-hydra-template's configs/ with train.yaml). `strata sweep` reads it
// as compose and `run -m` do: the sweep and its manifests use that tree.
Deno.test("sweep: .strata.yaml's config_dir and config_name are used when -d/-n are not given", async () => {
  const dir = writeTree({
    ".strata.yaml": "config_dir: configs\nconfig_name: train\n",
    "configs/train.yaml": "seed: 0\nlr: 0.1\n",
  });
  let r = await strata(["sweep", "seed=1,2"], { cwd: dir });
  assertNoStackTrace(r.stderr);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.stdout.trim().split("\n").map((l) => JSON.parse(l).overrides), [
    ["seed=1"],
    ["seed=2"],
  ]);
  r = await strata(["sweep", "-f", "slurm", "seed=1,2", "--", "true"], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`--config-dir ${dir}/configs --config-name train `));
  // The command line still wins.
  r = await strata(["sweep", "-n", "other", "seed=1,2"], { cwd: dir });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /Cannot find primary config 'other'/);
  Deno.removeSync(dir, { recursive: true });
});

import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";
import { strata } from "./_cli.ts";

Deno.test("validate: a Hydra plugin's option keeps compose's hint on how to add the plugin's configs", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - _self_\n  - override hydra/job_logging: colorlog\na: 1\n",
  });
  const r = await validateIn(dir, ["-d", "conf"]);
  assert.equal(r.code, 1);
  assert.equal(
    r.lines[0],
    "conf/config.yaml:3:33: error: In 'hydra/config': Could not find 'hydra/job_logging/colorlog'",
  );
  assert.match(
    r.stdout,
    /\n {4}'colorlog' comes from Hydra's hydra-colorlog plugin, .*--search-path/,
  );
  assert.doesNotMatch(r.stdout, /Config search path|provider=/);
});

// BenchMARL's hydra/launcher/hpc.yaml extends the plugin's option: `defaults: [submitit_slurm]`.
Deno.test("compose and validate: a plugin's option included by a config of its group gets the hint too", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - _self_\na: 1\n",
    "conf/hydra/launcher/hpc.yaml": "defaults:\n  - submitit_slurm\n  - _self_\ntimeout_min: 60\n",
  });
  const hint =
    /'submitit_slurm' comes from Hydra's hydra-submitit-launcher plugin, .*write hydra\/launcher\/submitit_slurm\.yaml/;
  const c = await strata(["compose", "-d", "conf", "hydra/launcher=hpc"], { cwd: dir });
  assert.equal(c.code, 1, c.stderr);
  assert.match(
    c.stderr,
    /^conf\/hydra\/launcher\/hpc\.yaml:2:5: In 'hydra\/launcher\/hpc': Could not load 'hydra\/launcher\/submitit_slurm'\./,
  );
  assert.match(c.stderr, hint);
  const v = await validateIn(dir, ["-d", "conf"]);
  assert.equal(v.code, 1, v.stdout);
  assert.match(
    v.lines[0],
    /^conf\/hydra\/launcher\/hpc\.yaml:2:5: error: In 'hydra\/launcher\/hpc': Could not load/,
  );
  assert.match(v.stdout, hint);
});

import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

// The user's options of Hydra's own groups go into the `hydra` node; Hydra resolves the logging
// configs when it configures logging and instantiates the launcher, so a broken one fails the job.
Deno.test("validate: the user's hydra/* options are composed and their errors located", async () => {
  const dir = writeTree({
    "conf/config.yaml":
      "defaults:\n  - db: mysql\n  - override hydra/job_logging: custom\n  - _self_\nx: 1\n",
    "conf/db/mysql.yaml": "host: a\n",
    "conf/db/pg.yaml": "host: b\n",
    "conf/hydra/job_logging/custom.yaml":
      "version: 1\nformatters:\n  simple:\n    format: '${nope_key}'\n",
    // what the launcher sets (output_dir, job.num) is not a problem
    "conf/hydra/job_logging/fine.yaml":
      "version: 1\nhandlers:\n  file:\n    filename: ${hydra.runtime.output_dir}/${hydra.job.name}-${hydra.job.num}.log\n",
    "conf/hydra/launcher/mine.yaml": "_target_: my.Launcher\nname: ${hydra.job.nmae}\n",
    "conf/hydra/launcher/broken.yaml": "defaults:\n  - nope\n",
  });
  let r = await validateIn(dir, ["-d", "conf"]);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "conf/hydra/job_logging/custom.yaml:4:13: error: Interpolation key 'nope_key' not found [key: hydra.job_logging.formatters.simple.format]",
    "conf/hydra/launcher/broken.yaml:2:5: error: In 'hydra/launcher/broken': Could not load 'hydra/launcher/nope'. (with hydra/launcher=broken)",
    `    no directory of the search path holds 'hydra/launcher/nope.yaml': if the Python app registers it in Hydra's ConfigStore (cs.store(group="hydra/launcher", name="nope")), strata needs it as a YAML file (README: A config that the Python code puts in Hydra's ConfigStore)`,
    "conf/hydra/launcher/mine.yaml:2:7: error: Interpolation key 'hydra.job.nmae' not found [key: hydra.launcher.name] Did you mean 'hydra.job.name'? (with hydra/launcher=mine)",
  ]);
  assert.equal(r.stderr, "3 errors in 7 files, 4 compositions\n");
  // pre-commit: the one file, and only the compositions that read it
  r = await validateIn(dir, ["-d", "conf", "conf/hydra/launcher/mine.yaml"]);
  assert.equal(r.code, 1);
  assert.ok(
    r.lines.includes(
      "conf/hydra/launcher/mine.yaml:2:7: error: Interpolation key 'hydra.job.nmae' not found [key: hydra.launcher.name] Did you mean 'hydra.job.name'? (with hydra/launcher=mine)",
    ),
    r.stdout,
  );
  r = await validateIn(dir, ["-d", "conf", "conf/hydra/job_logging/fine.yaml"]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
});

// HydraConf is a structured config merged before the primary: an unknown key or a value of the
// wrong type the primary writes into it fails Hydra's composition. An option of Hydra's groups
// merges before the schema, so OmegaConf keeps its extra keys.
Deno.test("validate: what the primary writes into Hydra's typed hydra node must fit HydraConf", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - override hydra/output: custom\n  - _self_\nx: 1\n" +
      "hydra:\n  jobb:\n    name: x\n  job:\n    chdir: maybe\n    num: ${x}\n  run:\n    dir: [1]\n" +
      "  job_logging:\n    anything: 1\n",
    "conf/hydra/output/custom.yaml": "# @package hydra\nrun:\n  dirr: x\n",
  });
  const r = await validateIn(dir, ["-d", "conf"]);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "conf/config.yaml:6:3: error: Key 'jobb' not in 'HydraConf' [key: hydra.jobb] Did you mean 'job'?",
    "conf/config.yaml:9:12: error: Value 'maybe' is not a valid bool (type str) [key: hydra.job.chdir]",
    "conf/config.yaml:12:10: error: Cannot convert 'ListConfig' to string: '[1]' [key: hydra.run.dir]",
  ]);
});

import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { validateIn, writeTree } from "./_tree.ts";

// pre-commit and CI do not run in the job's environment: `${oc.env:WANDB_PROJECT}` is set when
// the job runs, as `???` is set on its command line.
Deno.test("validate: an unset ${oc.env:NAME} without a default is a warning (an error with --strict)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "project: ${oc.env:STRATA_TEST_UNSET_VAR}\nhome: ${oc.env:HOME}\n",
  });
  const r = await validateIn(dir, ["-d", "conf"]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.lines, [
    `conf/config.yaml:1:10: warning: KeyError raised while resolving interpolation: "Environment variable 'STRATA_TEST_UNSET_VAR' not found": not set where strata runs (set it, or give a default: \${oc.env:STRATA_TEST_UNSET_VAR,DEFAULT}) [key: project]`,
    "1 warning in 1 file, 1 composition",
  ]);
  const strict = await validateIn(dir, ["-d", "conf", "--strict"]);
  assert.equal(strict.code, 1);
  // set, it resolves
  const set = await strata(["validate", "-d", "conf"], {
    cwd: dir,
    env: { STRATA_TEST_UNSET_VAR: "x" },
  });
  assert.equal(set.stdout, "no problems in 1 file, 1 composition\n");
});

Deno.test("validate: an unset ${oc.env:NAME} in the hydra node is a warning too", async () => {
  const dir = writeTree({
    "conf/config.yaml":
      "a: 1\nhydra:\n  run:\n    dir: /scratch/${oc.env:STRATA_TEST_UNSET_USER}/run\n",
  });
  const r = await validateIn(dir, ["-d", "conf"]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(
    r.lines[0],
    /^conf\/config\.yaml:4:10: warning: .*'STRATA_TEST_UNSET_USER' not found/,
  );
});

Deno.test("validate: an unset variable is reported where its ${oc.env:...} is written, not at what reaches it", async () => {
  const dir = writeTree({
    "conf/config.yaml":
      "defaults:\n  - paths: default\n  - _self_\ndata: ${paths.data_dir}/mnist\n" +
      "hydra:\n  run:\n    dir: ${paths.root_dir}/logs\n",
    "conf/paths/default.yaml":
      "root_dir: ${oc.env:STRATA_TEST_UNSET_ROOT}\ndata_dir: ${paths.root_dir}/data\n",
  });
  const r = await validateIn(dir, ["-d", "conf"]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(r.lines.length, 2, r.stdout);
  assert.match(
    r.lines[0],
    /^conf\/paths\/default\.yaml:1:11: warning: .*'STRATA_TEST_UNSET_ROOT' not found.* \[key: paths\.root_dir\]$/,
  );
  assert.equal(r.lines[1], "1 warning in 2 files, 1 composition");
});

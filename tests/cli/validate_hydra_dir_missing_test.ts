/**
 * A `hydra.run.dir`/`hydra.sweep.dir` the user's config leaves `???` (eai-vc's habitat2
 * hydra/output/path.yaml, "specify your output folder"): `strata run` stops on it, so validate
 * warns at the value, as README promises for the hydra values run resolves at launch.
 */
import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("validate: hydra.run.dir and hydra.sweep.dir left ??? by the user's hydra/output option are warnings at the value", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - override hydra/output: path\n  - _self_\na: 1\n",
    "conf/hydra/output/path.yaml":
      "# @package hydra\nrun:\n  dir: ???\nsweep:\n  dir: ???\n  subdir: ${hydra.job.num}\n",
  });
  try {
    const r = await strata(["validate"], { cwd: dir });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(
      r.stdout,
      /^conf\/hydra\/output\/path\.yaml:3:8: warning: Missing mandatory value: hydra\.run\.dir: strata run and hash stop on it/m,
    );
    assert.match(
      r.stdout,
      /^conf\/hydra\/output\/path\.yaml:5:8: warning: Missing mandatory value: hydra\.sweep\.dir/m,
    );
    const strict = await strata(["validate", "--strict"], { cwd: dir });
    assert.equal(strict.code, 1, strict.stdout);
    // Hydra's own ??? (its schema, filled by hydra/output/default) is nothing to say
    const plain = writeTree({ "conf/config.yaml": "a: 1\n" });
    const ok = await strata(["validate"], { cwd: plain });
    assert.doesNotMatch(ok.stdout, /Missing mandatory/);
    Deno.removeSync(plain, { recursive: true });
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate: a file at the path of Hydra's own option (hydra/output/default.yaml) is never read: a warning at the file", async () => {
  const dir = writeTree({
    "conf/config.yaml": "a: 1\n",
    "conf/hydra/output/default.yaml": "# @package hydra\nsweep:\n  dir: /checkpoint/x\n",
    "conf/hydra/output/mine.yaml": "# @package hydra\nsweep:\n  dir: /checkpoint/y\n",
  });
  try {
    const r = await strata(["validate"], { cwd: dir });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(
      r.stdout,
      /^conf\/hydra\/output\/default\.yaml: warning: never read: Hydra's own option hydra\/output\/default is found first/m,
    );
    assert.doesNotMatch(r.stdout, /mine\.yaml: warning/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

/**
 * A manifest's tasks get the sweep's version_base (`--version-base`), so a task that finds no
 * `.strata.yaml` (an image holding `conf/` alone) composes as the sweep did; `run --version-base`
 * wins over `.strata.yaml`'s.
 */
import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("sweep -f slurm|github pins .strata.yaml's version_base in the task; run --version-base sets it", async () => {
  const dir = writeTree({
    "conf/config.yaml": "x: 1\n",
    ".strata.yaml": 'version_base: "1.1"\n',
  });
  try {
    const slurm = await strata(["sweep", "x=1,2", "-f", "slurm", "--", "true"], { cwd: dir });
    assert.equal(slurm.code, 0, slurm.stderr);
    assert.match(slurm.stdout, / --version-base 1\.1 x=1,2 -- true/);
    Deno.removeSync(`${dir}/.strata.yaml`);
    const none = await strata(["sweep", "x=1,2", "-f", "slurm", "--", "true"], { cwd: dir });
    assert.doesNotMatch(none.stdout, /--version-base/);
    // the task, with no .strata.yaml beside it, composes as 1.1 (hydra.runtime.version_base)
    const task = await strata([
      "run",
      "--version-base",
      "1.1",
      "-c",
      "hydra",
      "-p",
      "hydra.runtime.version_base",
      "--",
      "true",
    ], { cwd: dir });
    assert.equal(task.code, 0, task.stderr);
    assert.equal(task.stdout, "1.1\n");
    const bad = await strata(["run", "--version-base", "1.0", "--", "true"], { cwd: dir });
    assert.equal(bad.code, 2, bad.stderr);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("--version-base on compose and validate, over .strata.yaml's (one tree, entry points passing different ones)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - db: a\n  - _self_\n",
    "conf/db/a.yaml": "# @package _group_\nport: 1\n",
    ".strata.yaml": 'version_base: "1.3"\n',
  });
  try {
    const legacy = await strata(["compose", "--version-base", "1.1"], { cwd: dir });
    assert.equal(legacy.code, 0, legacy.stderr);
    assert.equal(legacy.stdout, "db:\n  port: 1\n");
    const settings = await strata(["compose"], { cwd: dir });
    assert.equal(settings.stdout, "_group_:\n  port: 1\n");
    const v = await strata(["validate", "--version-base", "1.1"], { cwd: dir });
    assert.doesNotMatch(v.stdout, /literal/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("sweep -f slurm|github|k8s compose the sweep as version_base says (a 1.0-style `- hydra/launcher: x` under 1.1)", async () => {
  // salina's rl_benchmark: `- hydra/launcher: submitit_slurm` with no `override`, a 1.1 app;
  // jsonl composed it, the cluster formats composed the sweep again as 1.3 and failed
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - _self_\n  - hydra/launcher: basic\nx: 1\n",
    ".strata.yaml": 'version_base: "1.1"\n',
  });
  try {
    const cases = [
      ["-f", "slurm", "-o", "slurm_out"],
      ["-f", "github", "-o", "gh_out"],
      ["-f", "k8s", "--image", "img", "-o", "k8s.yaml"],
    ];
    for (const format of cases) {
      const r = await strata(["sweep", "x=1,2", ...format, "--", "true"], { cwd: dir });
      assert.equal(r.code, 0, `${format.join(" ")}: ${r.stderr}`);
      assert.doesNotMatch(r.stderr, /more than once/);
    }
    // --version-base on the command line, with no .strata.yaml, likewise
    Deno.removeSync(`${dir}/.strata.yaml`);
    const flag = await strata(
      ["sweep", "--version-base", "1.1", "x=1,2", "-f", "github", "-o", "gh2", "--", "true"],
      { cwd: dir },
    );
    assert.equal(flag.code, 0, flag.stderr);
    const v13 = await strata(["sweep", "x=1,2", "-f", "github", "-o", "gh3", "--", "true"], {
      cwd: dir,
    });
    assert.equal(v13.code, 1, "as 1.3 the entry is a second hydra/launcher");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

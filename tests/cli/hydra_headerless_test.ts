/**
 * An option of hydra/output (or hydra/env) without `# @package hydra` lands at
 * `hydra.output`, which Hydra keeps and never reads: its run dir stays unset
 * and a run fails at Hydra's schema. strata warns at the option's file.
 */
import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

const OUTPUT = "run:\n  dir: out/y\nsweep:\n  dir: sw\n  subdir: ${hydra.job.num}\n";
const WARNING = "conf/hydra/output/mine.yaml:1:1: warning: an option of hydra/output without " +
  "'# @package hydra' lands at hydra.output, a key Hydra never reads (so its run and sweep dirs " +
  "are not set): Hydra's own hydra/output options start with '# @package hydra'";

Deno.test("an option of hydra/output without '# @package hydra' is warned of at its file, once, by validate and run", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - override hydra/output: mine\n  - _self_\na: 1\n",
    "conf/hydra/output/mine.yaml": OUTPUT,
  });
  try {
    const v = await strata(["validate"], { cwd: dir });
    assert.equal(v.code, 0, v.stderr);
    assert.ok(v.stdout.split("\n").includes(WARNING), v.stdout);
    const r = await strata(["run", "--", "true"], { cwd: dir });
    assert.equal(r.code, 1);
    assert.equal(r.stderr.split("\n").filter((l) => l === WARNING).length, 1, r.stderr);
    assert.match(r.stderr, /Missing mandatory value: hydra\.run\.dir/);
    // with the header, as Hydra's own: no warning, and the run dir is the option's
    Deno.writeTextFileSync(`${dir}/conf/hydra/output/mine.yaml`, `# @package hydra\n${OUTPUT}`);
    const fixed = await strata(["run", "--", "true"], { cwd: dir });
    assert.equal(fixed.code, 0, fixed.stderr);
    assert.doesNotMatch(fixed.stderr, /@package hydra/);
    assert.ok(Deno.statSync(`${dir}/out/y/.hydra/config.yaml`).isFile);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

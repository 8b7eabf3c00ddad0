/**
 * A composition that fails for a config a `pkg://` search path entry would hold (strata reads no
 * Python package) says so with the error, and how to name the package's directory.
 */
import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { validateIn, writeTree } from "./_tree.ts";

// BenchMARL's fine_tuned/vmas/conf takes every group from pkg://benchmarl/conf.
const TREE = {
  "fine_tuned/conf/config.yaml": "defaults:\n  - model: layers/mlp\n  - _self_\n" +
    "hydra:\n  searchpath:\n    - pkg://benchmarl/conf\nseed: 0\n",
  "benchmarl/conf/model/layers/mlp.yaml": "num_cells: [32]\n",
};
const HINT = "provider=hydra.searchpath in main, path=pkg://benchmarl.conf is not available: " +
  "strata reads no Python package: name its directory instead, with --search-path benchmarl/conf " +
  "(which leaves the Python app's pkg:// alone) or file://benchmarl/conf (relative to where strata runs)";

Deno.test("compose and validate: a missing config with an unread pkg:// search path entry gets the hint", async () => {
  const dir = writeTree(TREE);
  const r = await strata(["compose", "-d", "fine_tuned/conf"], { cwd: dir });
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /Could not find 'model\/layers\/mlp'/);
  assert.ok(r.stderr.trimEnd().endsWith(`\n    ${HINT}`), r.stderr);
  const v = await validateIn(dir, ["-d", "fine_tuned/conf"]);
  assert.equal(v.code, 1, v.stdout);
  // the hint on a line of its own, indented under the problem
  assert.equal(
    v.lines[0],
    "fine_tuned/conf/config.yaml:2:12: error: In 'config': Could not find 'model/layers/mlp'",
  );
  assert.equal(v.lines[1], `    ${HINT}`);
});

Deno.test("validate: the pkg:// hint is not glued to the last 'Available options' entry; compose indents the plugin hint", async () => {
  const dir = writeTree({
    "conf/config.yaml":
      "defaults:\n  - db: b\n  - _self_\nhydra:\n  searchpath: [pkg://myapp.conf]\n",
    "conf/db/a.yaml": "x: 1\n",
    "plugin/config.yaml": "defaults:\n  - override hydra/launcher: hpc\n  - _self_\n",
    "plugin/hydra/launcher/hpc.yaml": "defaults:\n  - submitit_slurm\n  - _self_\n",
  });
  try {
    const v = await validateIn(dir, ["-d", "conf"]);
    assert.equal(v.code, 1, v.stdout);
    const at = v.lines.indexOf("    \ta");
    assert.ok(at > 0, v.stdout);
    assert.match(
      v.lines[at + 1],
      /^ {4}provider=hydra\.searchpath in main, path=pkg:\/\/myapp\.conf is not available: /,
    );
    const c = await strata(["compose", "-d", "plugin"], { cwd: dir });
    assert.equal(c.code, 1, c.stderr);
    assert.match(
      c.stderr,
      /^ {4}'submitit_slurm' comes from Hydra's hydra-submitit-launcher plugin/m,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("compose: --search-path with the package's directory: no hint, no warning", async () => {
  const dir = writeTree(TREE);
  const r = await strata(["compose", "-d", "fine_tuned/conf", "--search-path", "benchmarl/conf"], {
    cwd: dir,
  });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, "");
  assert.equal(r.stdout, "model:\n  num_cells:\n  - 32\nseed: 0\n");
  // a config no directory holds: the error, and nothing of the package
  const bad = await strata(
    ["compose", "-d", "fine_tuned/conf", "--search-path", "benchmarl/conf", "model=layers/cnn"],
    { cwd: dir },
  );
  assert.equal(bad.code, 1, bad.stderr);
  assert.match(bad.stderr, /Could not find 'model\/layers\/cnn'/);
  assert.doesNotMatch(bad.stderr, /Python package/);
});

Deno.test("validate: directories named after the packages' last names stand in for them (nuplan's layout)", async () => {
  // nuplan's primaries search pkg://nuplan.planning.script.config.common and .experiments; a
  // checkout of its YAML names them by their own paths, not the module's
  const dir = writeTree({
    "conf/config/training/default_training.yaml": "defaults:\n  - default_common\n" +
      "  - _self_\nhydra:\n  searchpath:\n    - pkg://nuplan.planning.script.config.common\n" +
      "    - pkg://nuplan.planning.script.experiments\nepochs: 1\n",
    "conf/config/common/default_common.yaml": "defaults:\n  - model: raster\nseed: 0\n",
    "conf/config/common/model/raster.yaml": "width: 8\n",
    "conf/experiments/training/fast.yaml": "# @package _global_\nepochs: 2\n",
  });
  try {
    const args = [
      "-d",
      "conf/config/training",
      "-n",
      "default_training",
      "--search-path",
      "conf/config/common",
      "--search-path",
      "conf/experiments",
    ];
    const c = await strata(["compose", ...args, "+training=fast", "model=nope"], { cwd: dir });
    assert.equal(c.code, 1, c.stderr);
    assert.match(c.stderr, /Could not find 'model\/nope'/);
    assert.doesNotMatch(c.stderr, /Python package|not available/);
    const v = await validateIn(dir, args);
    assert.equal(v.code, 0, v.stdout);
    assert.doesNotMatch(v.stdout, /Python package|not available/);
    // a directory of another name does not stand in: the warning stays
    const other = await strata(
      ["compose", ...args.slice(0, 6), "--search-path", "conf/experiments/training"],
      { cwd: dir },
    );
    assert.equal(other.code, 0, other.stderr);
    assert.match(other.stderr, /path=nuplan\.planning\.script\.experiments is not available/);
    assert.doesNotMatch(other.stderr, /config\.common is not available/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

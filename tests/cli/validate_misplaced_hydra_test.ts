/**
 * theseus's `pose_graph/*.yaml` are primary configs its app loads from their own directory;
 * validated as options of the tree around them, their `hydra:` node lands at `pose_graph.hydra`,
 * where Hydra reads nothing, and a typo there (`hydra.swep`) passed unseen: a warning says so
 * and which directory to validate too. A `_global_` option's `hydra:` is Hydra's: no warning.
 */
import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

Deno.test("validate: a hydra: node in a group's option (not _global_) is a warning naming the -d to add", async () => {
  const dir = writeTree({
    "conf/config.yaml": "x: 1\n",
    "conf/pg/syn.yaml": "a: 1\nhydra:\n  swep:\n    dir: x\n",
    "conf/pg/glob.yaml": "# @package _global_\nhydra:\n  run:\n    dir: x\n",
    "conf/exp/e.yaml": "lr: 1\n",
  });
  try {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(r.lines, [
      "conf/pg/syn.yaml:3:3: warning: a hydra: node in an option of 'pg' lands at pg.hydra, " +
      "which Hydra does not read (only the primary config's, or a # @package _global_ " +
      "option's, configures Hydra); if this file is a primary config the app loads from its " +
      "own directory, validate that directory too (-d conf/pg) [key: pg.hydra]",
      "1 warning in 4 files, 4 compositions",
    ]);
    // validated there, the typo is found
    const there = await validateIn(dir, ["-d", "conf/pg"]);
    assert.equal(there.code, 1);
    assert.match(there.stdout, /Key 'swep' not in 'HydraConf'/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

// An interpolation error inside a block scalar (`script: |` and many lines, as SLURM templates
// are written) is placed at its own line and column, with that line and a caret, not at the `|`
// (checker x30).
import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

const TREE = {
  "conf/config.yaml": "nodes: 2\n" +
    "script: |\n" +
    "  #!/bin/bash\n" +
    "  #SBATCH --nodes=${nodes}\n" +
    "\n" +
    "  srun --ntasks=${ntasks_per_node} python train.py\n" +
    "copy: ${script}\n",
  "conf/broken.yaml": "tpl: >-\n  first line\n  bad ${x.y\n",
};

Deno.test("compose --resolve: a missing key in a block scalar is said at its line, with a caret", async () => {
  const dir = writeTree(TREE);
  try {
    const r = await strata(["compose", "-d", "conf", "--resolve", "-p", "script"], { cwd: dir });
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(
      r.stderr,
      "conf/config.yaml:6:17: Interpolation key 'ntasks_per_node' not found\n" +
        "    full key: script\n" +
        "    srun --ntasks=${ntasks_per_node} python train.py\n" +
        "                  ^^^^^^^^^^^^^^^^^^\n",
    );
    // reached through another key: the place it fails is that line
    const via = await strata(["compose", "-d", "conf", "--resolve", "-p", "copy"], { cwd: dir });
    assert.equal(via.code, 1, via.stderr);
    assert.match(
      via.stderr,
      /^ {4}conf\/config\.yaml:6:17: where it fails: script: srun --ntasks=\$\{ntasks_per_node\} python train\.py$/m,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("a grammar error in a folded block is said at its line; validate says both there", async () => {
  const dir = writeTree(TREE);
  try {
    const r = await strata(["compose", "-d", "conf", "-n", "broken"], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /^conf\/broken\.yaml:3:7: /);
    assert.match(r.stderr, /\n {4}bad \$\{x\.y\n {8}\^\^\n/);
    const v = await strata(["validate", "-d", "conf"], { cwd: dir });
    assert.equal(v.code, 1, v.stdout + v.stderr);
    assert.match(
      v.stdout,
      /^conf\/config\.yaml:6:17: error: Interpolation key 'ntasks_per_node' not found \[key: script\]/m,
    );
    assert.match(v.stdout, /^conf\/broken\.yaml:3:7: error: /m);
    // reported once, at its own key (not again at `copy`, which reads it)
    assert.equal(v.stdout.split("ntasks_per_node").length, 2, v.stdout);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

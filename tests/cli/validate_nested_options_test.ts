/**
 * A sub-directory of a group that no defaults list names as a group of its own
 * (`conf/experiment/sub/x.yaml`) holds options of the group, `experiment=sub/x`,
 * as Hydra composes them: validate tries them so, not as a second experiment
 * (`+experiment/sub=x`) on top of the default one.
 */
import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { validateIn, writeTree } from "./_tree.ts";

const TREE = {
  "conf/config.yaml": "defaults:\n  - _self_\n  - experiment: base\n",
  "conf/experiment/base.yaml": "# @package _global_\ndefaults:\n  - /model: a\n",
  "conf/experiment/sub/x.yaml": "# @package _global_\ndefaults:\n  - /model: b\n",
  "conf/model/a.yaml": "n: 1\n",
  "conf/model/b.yaml": "n: 2\n",
};

Deno.test("validate: an experiment in a sub-directory is composed as experiment=sub/x, as compose does", async () => {
  const dir = writeTree(TREE);
  try {
    const compose = await strata(["compose", "-d", "conf", "experiment=sub/x"], { cwd: dir });
    assert.equal(compose.code, 0, compose.stderr);
    assert.equal(compose.stdout, "model:\n  'n': 2\n");
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(r.lines, ["no problems in 5 files, 3 compositions"]);
    // a problem of the nested option is found, in the composition that has it
    Deno.writeTextFileSync(
      `${dir}/conf/experiment/sub/x.yaml`,
      TREE["conf/experiment/sub/x.yaml"] + "k: ${nope}\n",
    );
    const broken = await validateIn(dir, ["-d", "conf"]);
    assert.equal(broken.code, 1);
    assert.equal(
      broken.lines[0],
      "conf/experiment/sub/x.yaml:4:4: error: Interpolation key 'nope' not found [key: k] (with experiment=sub/x)",
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

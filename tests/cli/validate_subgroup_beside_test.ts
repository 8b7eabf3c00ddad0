// A sub-directory of a group, beside sub-directories chosen as groups of their own, whose configs
// put themselves outside the group's package (`data/extra/default.yaml`: `# @package extra`) is a
// group of its own (`+data/extra=default`), not a folder of `data`'s options: validate composed
// `data=extra/default`, which empties `data`, and failed a correct `${data.root}` elsewhere
// (checker w34). A sub-directory whose configs fill the group's package stays a folder of options.
import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("validate: a sub-group beside chosen sub-groups, placed elsewhere by its header, is not composed as the group's option", async () => {
  const dir = writeTree({
    "conf/train.yaml": "defaults:\n  - experiment@_global_: baseline\n  - _self_\n",
    "conf/experiment/baseline.yaml": "defaults:\n  - /data: csiro\n  - /data/augment: legacy\n" +
      "  - /data/ndvi: default\n",
    "conf/data/csiro.yaml": "root: data\n",
    "conf/data/augment/legacy.yaml": "policy: legacy\n",
    "conf/data/ndvi/default.yaml": "# @package ndvi\nroot: ${data.root}/NDVI\n",
    "conf/data/extra/default.yaml": "# @package extra\nenabled: true\n",
  });
  try {
    const v = await strata(["validate", "-d", "conf"], { cwd: dir });
    assertNoStackTrace(v.stderr);
    assert.equal(v.code, 0, v.stdout + v.stderr);
    assert.doesNotMatch(v.stdout, /data=extra\/default/);
    // as its own group it is still composed (its problems found)
    Deno.writeTextFileSync(`${dir}/conf/data/extra/default.yaml`, "# @package extra\nx: ${nope}\n");
    const broken = await strata(["validate", "-d", "conf"], { cwd: dir });
    assert.equal(broken.code, 1, broken.stdout + broken.stderr);
    assert.match(
      broken.stdout,
      /^conf\/data\/extra\/default\.yaml:2:4: error: Interpolation key 'nope' not found \[key: extra\.x\] \(with \+data\/extra=default\)/m,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

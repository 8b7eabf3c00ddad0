/**
 * LayoutFlow (checker z14): the primary chooses `experiment: ${model}_${dataset}` with `model`
 * and `dataset` null by default, so its own composition fails (Hydra: `experiment/None_None`) and
 * every real run names both. A `validate.together` set of those runs is composed first, and the
 * experiments its runs choose through the interpolation are not tried alone (without a dataset,
 * where `${dataset.batch_size}` is missing: false errors the set was written to silence).
 */
import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

const TREE: Record<string, string> = {
  "conf/train.yaml": "defaults:\n  - _self_\n  - dataset: null\n  - model: null\n" +
    "  - experiment: ${model}_${dataset}\nexpname: ???\n",
  "conf/dataset/P.yaml": "batch_size: 8\n",
  "conf/dataset/R.yaml": "batch_size: 16\n",
  "conf/model/A.yaml": "# @package _global_\ndata:\n  n: 1\n",
  "conf/model/B.yaml": "# @package _global_\ndata:\n  n: 2\n",
};
for (const m of ["A", "B"]) {
  for (const d of ["P", "R"]) {
    TREE[`conf/experiment/${m}_${d}.yaml`] = `expname: ${m}_${d}_bs\${dataset.batch_size}\n`;
  }
}

Deno.test("validate.together: the options a set's runs choose through an interpolated default are not tried alone", async () => {
  const dir = writeTree({
    ...TREE,
    ".strata.yaml": "validate:\n  together:\n    - model=A,B dataset=P,R\n",
  });
  try {
    const r = await validateIn(dir, ["-d", "conf", "-n", "train"]);
    assert.equal(r.code, 1, r.stdout);
    // the primary's own run fails, as in Hydra; nothing else does
    const errors = r.lines.filter((l) => / error: /.test(l));
    assert.equal(errors.length, 1, r.stdout);
    assert.match(
      errors[0],
      /^conf\/train\.yaml:5:\d+: error: In 'train': Could not find 'experiment\/None_None'/,
    );
    assert.doesNotMatch(r.stdout, /Interpolation key 'dataset\.batch_size' not found/);
    assert.match(r.stderr, /1 error, 1 warning in \d+ files, 4 compositions/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate.together: a set's run that fails with one primary is an error there, not an option spared by another", async () => {
  // test.yaml has no `trainer`, which model/A.yaml reads: every test run of model A fails
  const primary = (trainer: string) =>
    "defaults:\n  - _self_\n  - dataset: null\n  - model: null\n" +
    `  - experiment: \${model}_\${dataset}\nexpname: x\n${trainer}`;
  const dir = writeTree({
    ...TREE,
    "conf/train.yaml": primary("trainer:\n  every: 2\n"),
    "conf/test.yaml": primary(""),
    "conf/model/A.yaml": "# @package _global_\ndata:\n  n: 1\nmodel:\n  every: ${trainer.every}\n",
    ".strata.yaml": "validate:\n  together:\n    - model=A,B dataset=P,R\n",
  });
  try {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 1, r.stdout);
    assert.ok(
      r.lines.some((l) =>
        /^conf\/model\/A\.yaml:5:10: error: Interpolation key 'trainer\.every' not found .*\(with --config-name=test model=A dataset=P/
          .test(l)
      ),
      r.stdout,
    );
    assert.doesNotMatch(r.stderr, /fails with test/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

// A primary config whose defaults list Hydra refuses fails its own compositions; another top-level
// config (run with -cn other) does not include it and is still composed and reported, and the
// other options of the groups it chooses are tried in it (db=pg).
const OTHER = {
  "conf/db/mysql.yaml": "x: 1\n",
  "conf/db/pg.yaml": "x: 2\n",
  "conf/other.yaml": "defaults:\n  - db: mysql\nb: ${a}\n",
};
const OTHER_LINES = [
  "conf/other.yaml:2:9: warning: In 'other': Defaults list is missing `_self_`. See " +
  "https://hydra.cc/docs/1.2/upgrades/1.0_to_1.1/default_composition_order for more information " +
  "(with --config-name=other and 1 more composition)",
  "        its own values replace none its defaults list sets: `- _self_` last in the list " +
  "composes the same config without the warning",
  "conf/other.yaml:3:4: error: Interpolation key 'a' not found [key: b] " +
  "(with --config-name=other and 1 more composition)",
];

Deno.test("validate: a duplicate _self_ in the primary's defaults list fails it alone; other primaries are composed", async () => {
  const dir = writeTree({
    ...OTHER,
    "conf/config.yaml": "defaults:\n  - db: mysql\n  - _self_\n  - _self_\na: 1\n",
  });
  const r = await validateIn(dir, ["-d", "conf"]);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "conf/config.yaml:4:5: error: Duplicate _self_ defined in config",
    ...OTHER_LINES,
  ]);
  assert.equal(
    r.stderr,
    "note: db's options were checked with --config-name=other: the first composition found that " +
      "composes and chooses db (the primary config's own does not)\n" +
      "2 errors, 1 warning in 4 files, 2 compositions\n",
  );
  // pre-commit passes the file: its composition is checked; the primary's failure is still said
  const one = await validateIn(dir, ["-d", "conf", "conf/other.yaml"]);
  assert.equal(one.code, 1);
  assert.deepEqual(one.lines, r.lines);
  assert.equal(
    one.stderr,
    "note: db's options were checked with --config-name=other: the first composition found that " +
      "composes and chooses db (the primary config's own does not)\n" +
      "2 errors, 1 warning in 1 file, 2 compositions\n",
  );
});

Deno.test("validate: an override before its group in the primary's defaults list fails it alone", async () => {
  const dir = writeTree({
    ...OTHER,
    "conf/config.yaml": "defaults:\n  - override db: pg\n  - db: mysql\n  - _self_\na: 1\n",
  });
  const r = await validateIn(dir, ["-d", "conf"]);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "conf/config.yaml:3:9: error: In config: Override 'db : pg' is defined before 'db: mysql'.",
    "    Overrides must be at the end of the defaults list",
    ...OTHER_LINES,
  ]);
  assert.equal(
    r.stderr,
    "note: db's options were checked with --config-name=other: the first composition found that " +
      "composes and chooses db (the primary config's own does not)\n" +
      "2 errors, 1 warning in 4 files, 2 compositions\n",
  );
  const one = await validateIn(dir, ["conf/other.yaml"]);
  assert.deepEqual(one.lines, r.lines);
});

Deno.test("validate: a primary config that does not parse fails its compositions alone", async () => {
  const dir = writeTree({
    ...OTHER,
    "conf/config.yaml": "defaults:\n  - db: mysql\n  - _self_\na: [1\n",
  });
  const r = await validateIn(dir, ["-d", "conf"]);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "conf/config.yaml:4:4: error: unclosed flow sequence: expected ',' or ']', but found the end " +
    "of the file (at 5:1)",
    ...OTHER_LINES,
  ]);
  assert.equal(
    r.stderr,
    "note: db's options were checked with --config-name=other: the first composition found that " +
      "composes and chooses db (the primary config's own does not)\n" +
      "2 errors, 1 warning in 4 files, 2 compositions\n",
  );
});

Deno.test("validate: a top-level config the failed primary includes is not composed as a primary alone", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - shared\n  - _self_\n  - _self_\nseed: 1\n",
    "conf/shared.yaml": "run: ${seed}\n",
    "conf/eval.yaml": "defaults:\n  - base_eval\n  - _self_\n  - _self_\nsteps: 1\n",
    "conf/base_eval.yaml": "ckpt: ${steps}\n",
    "conf/solo.yaml": "z: ${nope}\n",
  });
  const r = await validateIn(dir, ["-d", "conf"]);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "conf/config.yaml:4:5: error: Duplicate _self_ defined in config",
    "conf/eval.yaml:4:5: error: Duplicate _self_ defined in eval (with --config-name=eval)",
    "conf/solo.yaml:1:4: error: Interpolation key 'nope' not found [key: z] (with --config-name=solo)",
  ]);
  assert.equal(r.stderr, "3 errors in 5 files, 1 composition\n");
});

// pyannote's stored train_config names model: PyanNet, optimizer: Adam and scheduler:
// ReduceLROnPlateau, none of them there: Hydra stops at the last (it walks the list reversed),
// validate names all three in one run.
Deno.test("validate: every missing default option of the primary is reported in one run", async () => {
  const dir = writeTree({
    "conf/config.yaml":
      "defaults:\n  - model: big\n  - optimizer: adam\n  - sched: plateau\n  - _self_\na: 1\n",
    "conf/model/small.yaml": "n: 1\n",
    "conf/lr_sched/plateau.yaml": "p: 1\n",
  });
  const r = await validateIn(dir, ["-d", "conf"]);
  assert.equal(r.code, 1);
  const errors = r.lines.filter((l) => l.includes(": error: "));
  assert.deepEqual(errors, [
    "conf/config.yaml:2:12: error: In 'config': Could not find 'model/big'",
    "conf/config.yaml:3:16: error: In 'config': Could not find 'optimizer/adam'",
    // lr_sched holds plateau: the group renamed, said at the entry's key
    "conf/config.yaml:4:5: error: In 'config': Could not find 'sched/plateau'. Did you mean 'lr_sched'?",
  ]);
  assert.equal(r.stderr, "3 errors in 3 files, no composition built\n");
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("validate: a misspelt override key in an experiment is reported beside its missing option (checker x26)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - model: lightgbm\n  - label: direction\n  - _self_\n",
    "conf/model/lightgbm.yaml": "a: 1\n",
    "conf/label/direction.yaml": "b: 1\n",
    "conf/label/other.yaml": "b: 2\n",
    "conf/experiment/e.yaml":
      "# @package _global_\ndefaults:\n  - override /model: lightgbn\n  - override /lable: other\n",
  });
  const r = await validateIn(dir, ["-d", "conf", "conf/experiment/e.yaml"]);
  assert.equal(r.code, 1);
  const errors = r.lines.filter((l) => l.includes(": error: "));
  assert.deepEqual(errors, [
    "conf/experiment/e.yaml:3:22: error: In 'config': Could not find 'model/lightgbn'. Did you mean 'lightgbm'? (with +experiment=e)",
    "conf/experiment/e.yaml:4:5: error: In 'experiment/e': Could not override 'lable'. No match in the defaults list. Did you mean 'label'? (with +experiment=e)",
  ]);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("validate: after a typo in the primary's default, the other groups are checked with a real option, not a base the options include (tmlr_btnr's model/_base)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - model: mpo3\n  - data: a\n  - _self_\n",
    "conf/model/_base.yaml": "name: ???\nlayers: 2\n",
    "conf/model/mpo2.yaml": "defaults:\n  - _base\n  - _self_\nname: mpo2\n",
    "conf/data/a.yaml": "path: x\n",
    "conf/data/b.yaml": "path: ${nope}\n",
  });
  try {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 1);
    assert.match(
      r.lines[0],
      /^conf\/config\.yaml:2:12: error: In 'config': Could not find 'model\/mpo3'/,
    );
    assert.ok(!r.lines.some((l) => l.includes("model=_base")), r.lines.join("\n"));
    assert.ok(!r.lines.some((l) => l.includes("Missing mandatory value")), r.lines.join("\n"));
    // data's other option is still checked, in the composition of model's real option
    assert.ok(
      r.lines.includes(
        "conf/data/b.yaml:1:7: error: Interpolation key 'nope' not found [key: data.path] " +
          "(with model=mpo2 data=b)",
      ),
      r.lines.join("\n"),
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate: a primary choosing a missing option of a group whose options all lie in sub-directories still tries them (checker v48)", async () => {
  // Jaxpot's `env: default` with env/kuhn_poker/default.yaml and others: nothing was composed,
  // and a typo elsewhere went unreported
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - model: mlp\n  - env: default\n  - _self_\nx: ${nope}\n",
    "conf/model/mlp.yaml": "a: 1\n",
    "conf/env/kuhn/default.yaml": "e: 1\n",
    "conf/env/kuhn/big.yaml": "e: 2\n",
  });
  try {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 1);
    const errors = r.lines.filter((l) => / error: /.test(l));
    assert.equal(errors.length, 2, r.stdout);
    assert.match(
      errors[0],
      /^conf\/config\.yaml:3:10: error: In 'config': Could not find 'env\/default'/,
    );
    assert.match(
      errors[1],
      /^conf\/config\.yaml:5:4: error: Interpolation key 'nope' not found .*\(with env=kuhn\//,
    );
    assert.match(r.stderr, /2 errors in 4 files, 2 compositions/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

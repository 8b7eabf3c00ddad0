/**
 * `.strata.yaml`'s `validate.together`: options that only make sense with
 * each other (mbrl-lib's `algorithm=mbpo` reads keys only the `mbpo_*`
 * overrides set) are composed together, sweeps expanded, instead of each
 * alone in place of the primary's default.
 */
import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

const TREE = {
  "conf/config.yaml": "defaults:\n  - algorithm: pets\n  - overrides: pets_cartpole\n  - _self_\n",
  "conf/algorithm/pets.yaml": "horizon: ${overrides.horizon}\n",
  "conf/algorithm/mbpo.yaml": "alpha: ${overrides.sac_alpha}\n",
  "conf/overrides/pets_cartpole.yaml": "horizon: 15\n",
  "conf/overrides/pets_hopper.yaml": "horizon: 30\n",
  "conf/overrides/mbpo_ant.yaml": "sac_alpha: 0.2\n",
  "conf/overrides/mbpo_hopper.yaml": "sac_alpha: 0.1\nbroken: ${nope}\n",
};

Deno.test("validate.together: options that go together are checked together, not alone", async () => {
  const dir = writeTree(TREE);
  try {
    // alone, each mbpo piece meets the pets default: errors no real run has
    const alone = await strata(["validate", "-d", "conf"], { cwd: dir });
    assert.equal(alone.code, 1);
    assert.match(
      alone.stdout + alone.stderr,
      /'overrides\.sac_alpha' not found.*\(with algorithm=mbpo\)/,
    );

    Deno.writeTextFileSync(
      `${dir}/.strata.yaml`,
      "validate:\n  together:\n    - algorithm=mbpo overrides=glob(mbpo_*)\n" +
        "    - [algorithm=pets, 'overrides=pets_cartpole,pets_hopper']\n",
    );
    const r = await strata(["validate", "-d", "conf"], { cwd: dir });
    const out = r.stdout + r.stderr;
    assert.equal(r.code, 1, out);
    assert.doesNotMatch(out, /sac_alpha' not found/);
    assert.doesNotMatch(out, /horizon' not found/);
    // the one real problem, found in the set that composes it
    assert.match(
      out,
      /conf\/overrides\/mbpo_hopper\.yaml:2:9: error: Interpolation key 'nope' not found \[key: overrides\.broken\] \(with algorithm=mbpo overrides=mbpo_hopper\)/,
    );
    assert.match(out, /1 error in 7 files, 4 compositions/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate.together: a set that does not parse is an error at its line; the others still count", async () => {
  const dir = writeTree({
    ...TREE,
    "conf/overrides/mbpo_hopper.yaml": "sac_alpha: 0.1\n",
    ".strata.yaml": "validate:\n  together:\n    - algorithm=mbpo overrides=glob(mbpo_*)\n" +
      "    - algorithm=pets overrides=[pets_hopper\n",
  });
  try {
    const r = await strata(["validate", "-d", "conf"], { cwd: dir });
    const out = r.stdout + r.stderr;
    assert.equal(r.code, 1, out);
    assert.match(
      out,
      /^\.strata\.yaml:4:44: error: validate\.together: .*at column 23, got the end/m,
    );
    assert.doesNotMatch(out, /sac_alpha' not found/);
    // with several primaries (no config.yaml), the settings' mistake is no composition's: no
    // "(with --config-name=...)" (checker v54 #2)
    Deno.renameSync(`${dir}/conf/config.yaml`, `${dir}/conf/train.yaml`);
    Deno.writeTextFileSync(`${dir}/conf/eval.yaml`, "x: 1\n");
    const several = await strata(["validate", "-d", "conf"], { cwd: dir });
    assert.equal(several.code, 1, several.stdout + several.stderr);
    assert.match(
      several.stdout,
      /^\.strata\.yaml:4:44: error: validate\.together: .*got the end \[key: validate\.together\]$/m,
    );
    Deno.writeTextFileSync(`${dir}/.strata.yaml`, "validate:\n  together: algorithm=mbpo\n");
    const shape = await strata(["validate", "-d", "conf"], { cwd: dir });
    assert.equal(shape.code, 1);
    assert.match(shape.stdout + shape.stderr, /validate\.together must be a list of override sets/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate.together: a set that does not compose is an error of the set at its line, not of an override validate added", async () => {
  const dir = writeTree({
    ...TREE,
    // a group default to fill (`task: ???`): validate adds `task=a` to every composition
    "conf/config.yaml": "defaults:\n  - algorithm: pets\n  - overrides: pets_cartpole\n" +
      "  - task: ???\n  - _self_\n",
    "conf/task/a.yaml": "name: a\n",
    "conf/overrides/mbpo_hopper.yaml": "sac_alpha: 0.1\n",
    ".strata.yaml": "validate:\n  together:\n    - algorithm=mbpo overrides=glob(mbpo_*)\n" +
      "    - algorithmm=mbpo\n    - algorithm=nope\n",
  });
  try {
    const r = await strata(["validate", "-d", "conf"], { cwd: dir });
    const out = r.stdout + r.stderr;
    assert.equal(r.code, 1, out);
    assert.match(
      out,
      /^\.strata\.yaml:4:7: error: validate\.together 'algorithmm=mbpo': Could not override 'algorithmm'/m,
    );
    assert.match(
      out,
      /^\.strata\.yaml:5:7: error: validate\.together 'algorithm=nope': .*Could not find 'algorithm\/nope'/m,
    );
    assert.doesNotMatch(out, /override #/);
    const github = await strata(["validate", "-d", "conf", "-f", "github"], { cwd: dir });
    assert.match(
      github.stdout,
      /^::error file=\.strata\.yaml,line=5,col=7,title=strata validate::validate\.together 'algorithm=nope'/m,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate.together: a set that is no composition (a glob that matches nothing) is a warning at its line", async () => {
  const dir = writeTree({
    ...TREE,
    "conf/overrides/mbpo_hopper.yaml": "sac_alpha: 0.1\n",
    ".strata.yaml": "validate:\n  together:\n    - algorithm=mbpo overrides=glob(zzz_*)\n",
  });
  try {
    const r = await strata(["validate", "-d", "conf"], { cwd: dir });
    const out = r.stdout + r.stderr;
    assert.match(
      out,
      /^\.strata\.yaml:3:7: warning: validate\.together 'algorithm=mbpo overrides=glob\(zzz_\*\)': glob\(zzz_\*\) matches no option of 'overrides' \(options: .*\), so the set composes nothing/m,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate.together: with a primary that is not there (-n nope), its options are not tried alone either", async () => {
  const dir = writeTree({
    ...TREE,
    "conf/overrides/mbpo_hopper.yaml": "sac_alpha: 0.1\n",
    ".strata.yaml": "validate:\n  together:\n    - algorithm=mbpo overrides=glob(mbpo_*)\n",
  });
  try {
    const r = await strata(["validate", "-d", "conf", "-n", "nope"], { cwd: dir });
    const out = r.stdout + r.stderr;
    assert.equal(r.code, 1, out);
    assert.match(out, /Cannot find primary config 'nope'/);
    assert.doesNotMatch(out, /sac_alpha' not found/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate.together: a value a rule read from a set's override is said at the set's line in .strata.yaml (checker w30)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - db: a\n  - _self_\nn: 10\nm: 5\n",
    "conf/db/a.yaml": "h: a\n",
    "conf/db/b.yaml": "h: b\n",
    "conf/_schema/config.schema.yaml":
      "x-strata-rules:\n  - rule: self.m <= self.n\n    message: m exceeds n\n",
    ".strata.yaml": 'validate:\n  together:\n    - [db=b, "n=1"]\n',
  });
  try {
    const r = await strata(["validate", "-d", "conf"], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    assert.equal(
      r.stdout,
      "conf/config.yaml:5:4: error: m exceeds n (rule at conf/_schema/config.schema.yaml:2:11) " +
        "[key: m] (with db=b n=1) (n from .strata.yaml:3:7: override #2 of .strata.yaml " +
        "validate.together 'n=1')\n",
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate.together: a set hosts no other option of a group it adds: each is checked as +group=x on the primary, as users run it (checker w40)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - optimizer: adam\n  - _self_\nseed: 1\n",
    "conf/optimizer/adam.yaml": "lr: 1\n",
    "conf/optimizer/look.yaml": "base:\n  lr: 2\n",
    "conf/model/transmil.yaml": "# @package _global_\ndefaults:\n  - override /optimizer: look\n" +
      "model:\n  name: transmil\n",
    "conf/experiment/cam.yaml": "# @package _global_\nx: 1\n",
    // reads a key only transmil's optimizer has: `+experiment=bags` alone fails
    "conf/experiment/bags.yaml": "# @package _global_\nbase_lr: ${optimizer.base.lr}\n",
    ".strata.yaml": "validate:\n  together: ['+model=transmil +experiment=cam']\n",
  });
  try {
    const r = await strata(["validate"], { cwd: dir });
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(
      r.stdout,
      /^conf\/experiment\/bags\.yaml:2:10: error: Interpolation key 'optimizer\.base\.lr' not found \[key: base_lr\] \(with \+experiment=bags\)$/m,
    );
    assert.doesNotMatch(r.stderr, /checked with \+model=transmil/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate.together: with several primaries, a set is composed with those that choose its groups, not failed in the others (checker w41)", async () => {
  const dir = writeTree({
    "conf/train.yaml": "defaults:\n  - opt: a\n  - tr: a\n  - _self_\nx: 1\n",
    "conf/eval.yaml": "defaults:\n  - tr: a\n  - _self_\ny: 1\n",
    "conf/opt/a.yaml": "lr: 1\n",
    "conf/opt/b.yaml": "lr: 2\n",
    "conf/tr/a.yaml": "n: 1\n",
    "conf/tr/b.yaml": "n: 2\n",
    ".strata.yaml": "validate:\n  together:\n    - opt=b tr=c\n    - opt=glob(*)\n",
  });
  try {
    const r = await strata(["validate"], { cwd: dir });
    assert.equal(r.code, 1, r.stdout + r.stderr);
    // train's error of the set is reported; eval has no `opt` to override: not its set
    const errors = r.stdout.split("\n").filter((l) => / error: /.test(l));
    assert.deepEqual(errors, [
      ".strata.yaml:3:13: error: validate.together 'opt=b tr=c': In 'train': Could not find " +
      "'tr/c' (with --config-name=train opt=b tr=c)",
    ]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

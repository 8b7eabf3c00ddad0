/**
 * `hydra.mode` is an `Optional[RunMode]` (OmegaConf's EnumNode) and, when
 * `hydra/sweeper` is Hydra's `basic`, `hydra.sweeper` is a BasicSweeperConf
 * (`max_batch_size: Optional[int]`, `params: Optional[Dict[str, str]]`): what
 * an override or a config writes there is checked and converted as OmegaConf
 * does, as the other typed fields of the `hydra` node are.
 *
 * @module
 */

import assert from "node:assert/strict";
import { confTree, strata } from "./_cli.ts";

const SW = "defaults: [_self_]\nhydra:\n  sweeper:\n    params:\n      seed: 1,2\n" +
  "      lr: 0.5\n      eps: 1.0e-05\n      flag: true\nseed: 0\nlr: 0.1\neps: 0.0\nflag: false\n";

/** The start of the error of an override HydraConf refuses: Hydra's words, then OmegaConf's. */
function assertOverrideError(stderr: string, o: string, msg: string): void {
  assert.ok(stderr.startsWith(`override #1 '${o}': Error merging override ${o}\n`), stderr);
  assert.ok(stderr.includes(`    full key: ${o.replace(/^\+*/, "").split("=")[0]}\n`), stderr);
  assert.ok(stderr.includes(`\n    ${msg}\n`), stderr);
}

Deno.test("an override of hydra.mode that RunMode refuses fails; a member's value is its name", async () => {
  const dir = await confTree({ "conf/config.yaml": "x: 1\n" });
  try {
    for (const v of ["RUNX", "multirun", "run", "3", "true"]) {
      const o = `hydra.mode=${v}`;
      const r = await strata(["compose", o, "-c", "hydra", "-p", "hydra.mode"], { cwd: dir });
      assert.equal(r.code, 1, o);
      assert.equal(r.stdout, "");
      const shown = v === "true" ? "True" : v;
      assertOverrideError(r.stderr, o, `Invalid value '${shown}', expected one of [RUN, MULTIRUN]`);
    }
    const float = await strata(["compose", "hydra.mode=1.0"], { cwd: dir });
    assert.equal(float.code, 1);
    assertOverrideError(
      float.stderr,
      "hydra.mode=1.0",
      "Value 1.0 (float) is not a valid input for <enum 'RunMode'>",
    );
    for (
      const [v, shown] of [["RUN", "RUN"], ["MULTIRUN", "MULTIRUN"], ["RunMode.RUN", "RUN"], [
        "2",
        "MULTIRUN",
      ]]
    ) {
      const r = await strata(["compose", `hydra.mode=${v}`, "-c", "hydra", "-p", "hydra.mode"], {
        cwd: dir,
      });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, `${shown}\n`);
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("hydra.sweeper.max_batch_size is an int: an override or a config that is not fails", async () => {
  const dir = await confTree({
    "conf/config.yaml": "x: 1\n",
    "conf/mb.yaml": "x: 1\nhydra:\n  sweeper:\n    max_batch_size: abc\n",
    "conf/extra.yaml": "x: 1\nhydra:\n  sweeper:\n    max_batchsize: 2\n",
  });
  try {
    for (
      const [o, msg] of [
        [
          "hydra.sweeper.max_batch_size=abc",
          "Value 'abc' of type 'str' could not be converted to Integer",
        ],
        [
          "hydra.sweeper.max_batch_size=2.5",
          "Value '2.5' of type 'float' could not be converted to Integer",
        ],
        ["hydra.sweeper.params=3", "Cannot assign int to Dict[str, str]"],
      ]
    ) {
      const r = await strata(["compose", o], { cwd: dir });
      assert.equal(r.code, 1, o);
      assert.equal(r.stdout, "");
      assertOverrideError(r.stderr, o, msg);
    }
    const ok = await strata(
      ["compose", "hydra.sweeper.max_batch_size='3'", "-c", "hydra", "-p", "hydra.sweeper"],
      { cwd: dir },
    );
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /^max_batch_size: 3$/m);
    const file = await strata(["compose", "-n", "mb"], { cwd: dir });
    assert.equal(file.code, 1);
    assert.equal(file.stdout, "");
    assert.equal(
      file.stderr,
      "conf/mb.yaml:4:21: In 'mb': Validation error while composing config:\n" +
        "Value 'abc' of type 'str' could not be converted to Integer\n" +
        "    full key: hydra.sweeper.max_batch_size\n",
    );
    const extra = await strata(["compose", "-n", "extra"], { cwd: dir });
    assert.equal(extra.code, 1);
    assert.equal(
      extra.stderr,
      "conf/extra.yaml:4:5: Key 'max_batchsize' not in 'BasicSweeperConf'\n" +
        "    full key: hydra.sweeper.max_batchsize\n    Did you mean 'max_batch_size'?\n",
    );
    const v = await strata(["validate"], { cwd: dir });
    assert.equal(v.code, 1);
    const out = v.stdout + v.stderr;
    assert.match(out, /conf\/mb\.yaml:4:21: error: Value 'abc' of type 'str' could not be/);
    assert.match(
      out,
      /conf\/extra\.yaml:4:5: error: Key 'max_batchsize' not in 'BasicSweeperConf'/,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

// Another sweeper (a plugin's option, here the user's own file) is not a BasicSweeperConf.
Deno.test("a sweeper option other than basic is not typed as BasicSweeperConf", async () => {
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - override hydra/sweeper: mine\n  - _self_\nx: 1\n" +
      "hydra:\n  sweeper:\n    max_batch_size: many\n    n_trials: 3\n    params:\n      x: 2\n",
    "conf/hydra/sweeper/mine.yaml": "_target_: my.Sweeper\n",
  });
  try {
    const r = await strata(["compose", "-c", "hydra", "-p", "hydra.sweeper"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      "# @package hydra.sweeper\n_target_: my.Sweeper\nmax_batch_size: many\nn_trials: 3\n" +
        "params:\n  x: 2\n",
    );
    const v = await strata(["validate"], { cwd: dir });
    assert.equal(v.code, 0, v.stdout + v.stderr);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("hydra.sweeper.params holds strings, as Hydra's Dict[str, str] does; the jobs stay", async () => {
  const dir = await confTree({ "conf/sw.yaml": SW });
  try {
    const r = await strata(["compose", "-n", "sw", "-c", "hydra", "-p", "hydra.sweeper"], {
      cwd: dir,
    });
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /\nparams:\n {2}seed: 1,2\n {2}lr: '0\.5'\n {2}eps: '1e-05'\n {2}flag: 'True'\n/,
    );
    const sweep = await strata(["sweep", "-n", "sw", "-f", "text"], { cwd: dir });
    assert.equal(sweep.code, 0, sweep.stderr);
    assert.equal(
      sweep.stdout,
      "seed=1 lr=0.5 eps=1e-05 flag=True\nseed=2 lr=0.5 eps=1e-05 flag=True\n",
    );
    const run = await strata(["run", "-m", "-n", "sw", "hydra.sweep.dir=sw", "--", "true"], {
      cwd: dir,
    });
    assert.equal(run.code, 0, run.stderr);
    for (const f of ["sw/multirun.yaml", "sw/0/.hydra/hydra.yaml", "sw/1/.hydra/hydra.yaml"]) {
      assert.match(Deno.readTextFileSync(`${dir}/${f}`), /\n {6}lr: '0\.5'\n {6}eps: '1e-05'\n/, f);
    }
    assert.match(Deno.readTextFileSync(`${dir}/sw/1/.hydra/config.yaml`), /^lr: 0\.5$/m);
    // an entry set by an override is a string too; one OmegaConf cannot make a string fails
    const o = await strata(
      ["compose", "-n", "sw", "hydra.sweeper.params.lr=7", "-c", "hydra", "-p", "hydra.sweeper"],
      { cwd: dir },
    );
    assert.equal(o.code, 0, o.stderr);
    assert.match(o.stdout, /^ {2}lr: '7'$/m);
    for (
      const [bad, msg] of [
        ["hydra.sweeper.params.lr=null", "field 'hydra.sweeper.params.lr' is not Optional"],
        ["hydra.sweeper.params.lr=[1,2]", "Cannot convert 'list' to string: '[1, 2]'"],
      ]
    ) {
      const e = await strata(["compose", "-n", "sw", bad], { cwd: dir });
      assert.equal(e.code, 1, bad);
      assertOverrideError(e.stderr, bad, msg);
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

/**
 * `strata run -m` errors that name the job: a job whose composition or run
 * dir fails is reported as `strata sweep` reports it, and `--resume` refuses
 * a sweep dir whose jobs ran with other overrides.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { assertNoStackTrace, strata } from "./_cli.ts";

function tree(): string {
  const dir = Deno.realPathSync(Deno.makeTempDirSync({ prefix: "strata-swerr-" }));
  Deno.mkdirSync(join(dir, "conf/db"), { recursive: true });
  Deno.writeTextFileSync(join(dir, "conf/config.yaml"), "defaults:\n  - db: mysql\n  - _self_\n");
  Deno.writeTextFileSync(join(dir, "conf/db/mysql.yaml"), "user: omry\n");
  Deno.writeTextFileSync(join(dir, "conf/db/postgresql.yaml"), "user: pg\nport: 5432\n");
  return dir;
}

Deno.test("run -m: a failing job is named as strata sweep names it", async () => {
  const dir = tree();
  try {
    const bad = ["db=mysql,nope"];
    const sweep = await strata(["sweep", ...bad], { cwd: dir });
    const run = await strata(["run", "-m", ...bad, "--", "true"], { cwd: dir });
    assert.equal(run.code, sweep.code);
    assertNoStackTrace(run.stderr);
    assert.match(
      run.stderr,
      /^override #1 'db=mysql,nope': In 'config': Could not find 'db\/nope'/,
    );
    assert.match(run.stderr, /override #1 'db=mysql,nope': in sweep job #1: db=nope/);
    assert.equal(run.stderr, sweep.stderr);
    const subdir = await strata(
      [
        "run",
        "-m",
        "hydra.sweep.dir=sw",
        "hydra.sweep.subdir=p${db.port}",
        "db=postgresql,mysql",
        "--",
        "true",
      ],
      { cwd: dir },
    );
    assert.equal(subdir.code, 1);
    assert.match(subdir.stderr, /\n {4}in sweep job #1: db=mysql\n/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("run -m --resume refuses a sweep dir whose jobs ran with other overrides", async () => {
  const dir = tree();
  try {
    const first = await strata([
      "run",
      "-m",
      "-q",
      "hydra.sweep.dir=sw",
      "db=mysql,postgresql",
      "--",
      "true",
    ], {
      cwd: dir,
    });
    assert.equal(first.code, 0, first.stderr);
    const again = await strata(
      [
        "run",
        "-m",
        "--resume",
        "hydra.sweep.dir=sw",
        "db=postgresql,mysql",
        "--",
        "sh",
        "-c",
        "echo RAN",
      ],
      { cwd: dir },
    );
    assert.equal(again.code, 2);
    assert.match(
      again.stderr,
      /--resume: job #0 in .*sw\/0 ran with 'db=mysql', this sweep gives it 'db=postgresql'/,
    );
    assert.equal(again.stdout, "");
    assert.match(Deno.readTextFileSync(join(dir, "sw/multirun.yaml")), /- db=mysql,postgresql\n/);
    const same = await strata(
      ["run", "-m", "--resume", "hydra.sweep.dir=sw", "db=mysql,postgresql", "--", "true"],
      { cwd: dir },
    );
    assert.equal(same.code, 0, same.stderr);
    assert.match(same.stderr, /--resume: all 2 jobs already done in .*, nothing to launch\n/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

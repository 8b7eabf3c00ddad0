/**
 * The job name strata takes from the command line, as Hydra takes it from
 * the script: options that take a value are skipped (`python -W ignore`),
 * `deno run`'s subcommand too, and the name is sanitised as Hydra's
 * `get_valid_filename` does.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { strata } from "./_cli.ts";
import { PYTHON } from "./_run.ts";

Deno.test("python -W ignore -X dev train.py: job name train, script made absolute for hydra.job.chdir", async () => {
  const dir = Deno.realPathSync(Deno.makeTempDirSync({ prefix: "strata-name-" }));
  try {
    Deno.mkdirSync(join(dir, "conf"));
    Deno.writeTextFileSync(join(dir, "conf/config.yaml"), "seed: 0\n");
    Deno.writeTextFileSync(join(dir, "train.py"), 'print("trained")\n');
    Deno.writeTextFileSync(join(dir, "my train(v2).py"), 'print("v2")\n');
    const r = await strata(
      [
        "run",
        "hydra.run.dir=o",
        "hydra.job.chdir=true",
        "--",
        PYTHON,
        "-W",
        "ignore",
        "-X",
        "dev",
        "train.py",
      ],
      { cwd: dir },
    );
    assert.equal(r.code, 0, r.stderr);
    assert.equal(Deno.readTextFileSync(join(dir, "o/train.log")), "trained\n");
    const v2 = await strata(["run", "hydra.run.dir=v", "--", PYTHON, "my train(v2).py"], {
      cwd: dir,
    });
    assert.equal(v2.code, 0, v2.stderr);
    assert.equal(Deno.readTextFileSync(join(dir, "v/my_trainv2.log")), "v2\n");
    const name = async (...cmd: string[]) =>
      (await strata(["run", "-c", "hydra", "-p", "hydra.job.name", "--", ...cmd], { cwd: dir }))
        .stdout;
    assert.equal(await name("deno", "run", "-A", "train.ts"), "train\n");
    assert.equal(await name("node", "-r", "ts-node/register", "train.ts"), "train\n");
    assert.equal(await name(PYTHON, "-m", "pkg.evaluate"), "evaluate\n");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

/**
 * A job that cannot be started (an environment value with a NUL byte, which
 * no process can be given) fails with exit 127 and says why on the terminal
 * as well as in its log, in its own words (not the setsid wrapper's).
 */

import assert from "node:assert/strict";
import { confTree, strata } from "./_cli.ts";
import { findProgram } from "../../core/run/process.ts";

Deno.test("run: a job that cannot start says why on stderr and in its log", async () => {
  const dir = await confTree({
    "conf/config.yaml": 'x: 1\nhydra:\n  job:\n    env_set:\n      X: "a\\0b"\n',
  });
  try {
    const r = await strata(["run", "hydra.run.dir=o", "--", "true"], { cwd: dir });
    assert.equal(r.code, 127, r.stderr);
    // the program as strata's PATH finds it (tests/cli: not the job's env_set PATH)
    const program = findProgram("true", dir);
    const why = `strata: cannot start ${program}: nul byte found in provided data\n`;
    assert.ok(r.stderr.includes(why), r.stderr);
    assert.equal(Deno.readTextFileSync(`${dir}/o/true.log`), why);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("run: a command given without -- before it says where it goes", async () => {
  const dir = await confTree({ "conf/config.yaml": "seed: 1\n" });
  try {
    const r = await strata(["run", "-d", "conf", "seed=2", "python3", "train.py"], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^override #2 'python3': Error parsing override 'python3'/);
    assert.match(
      r.stderr,
      /\n {4}the command to run goes after --: strata run seed=2 -- python3 train\.py\n$/,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("run: the program is the one strata's PATH finds, not the job's env_set PATH's (Hydra applies env_set in the app)", async () => {
  const dir = await confTree({
    "conf/config.yaml": "x: 1\nhydra:\n  job:\n    env_set:\n      PATH: ${oc.env:FAKEBIN}\n",
  });
  try {
    Deno.mkdirSync(`${dir}/fakebin`);
    Deno.writeTextFileSync(`${dir}/fakebin/sh`, "#!/bin/dash\necho FAKE > marker\n");
    Deno.chmodSync(`${dir}/fakebin/sh`, 0o755);
    const r = await strata(
      ["run", "-d", "conf", "-q", "hydra.run.dir=o", "--", "sh", "-c", "echo REAL > marker"],
      { cwd: dir, env: { FAKEBIN: `${dir}/fakebin` } },
    );
    assert.equal(r.code, 0, r.stderr);
    assert.equal(Deno.readTextFileSync(`${dir}/marker`), "REAL\n");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

/**
 * A job that cannot be started (an environment value with a NUL byte, which
 * no process can be given) fails with exit 127 and says why on the terminal
 * as well as in its log, in its own words (not the setsid wrapper's).
 */

import assert from "node:assert/strict";
import { confTree, strata } from "./_cli.ts";

Deno.test("run: a job that cannot start says why on stderr and in its log", async () => {
  const dir = await confTree({
    "conf/config.yaml": 'x: 1\nhydra:\n  job:\n    env_set:\n      X: "a\\0b"\n',
  });
  try {
    const r = await strata(["run", "hydra.run.dir=o", "--", "true"], { cwd: dir });
    assert.equal(r.code, 127, r.stderr);
    const why = "strata: cannot start true: nul byte found in provided data\n";
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

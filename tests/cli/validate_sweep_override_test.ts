/**
 * `strata validate --override lr=1,2`: Hydra's "Ambiguous value" hint said
 * "add --multirun to your command line", which validate does not have.
 *
 * @module
 */

import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

Deno.test("validate --override with a sweep: the hint names what validate can do", async () => {
  const dir = writeTree({ "conf/config.yaml": "lr: 0.1\nseed: 1\n" });
  const r = await validateIn(dir, ["--override", "lr=1,2", "--override", "seed=range(2)"]);
  assert.equal(r.code, 1);
  const hint = "validate checks single compositions: give it each value of the sweep in a run " +
    "of its own (`strata sweep --count` composes every job, but checks no _schema/ rules)";
  assert.deepEqual(r.lines, [
    "override #1 'lr=1,2': error: Ambiguous value for argument 'lr=1,2'",
    "    1. To use it as a list, use key=[value1,value2]",
    "    2. To use it as string, quote the value: key='value1,value2'",
    `    3. ${hint}`,
    `override #2 'seed=range(2)': error: Sweep parameters 'seed=range(2)': ${hint}`,
  ]);
  assert.doesNotMatch(r.stdout + r.stderr, /--multirun/);
  assert.equal(r.stderr, "2 errors in 1 file, no composition built\n");
  Deno.removeSync(dir, { recursive: true });
});

import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

// hydra.mode is Optional[RunMode] in HydraConf: OmegaConf's enum node takes a member's name
// (case matters) or value, so `mode: multirun` fails Hydra's composition.
Deno.test("validate: hydra.mode must be a RunMode, as OmegaConf's enum node checks it", async () => {
  const tree = (mode: string) =>
    writeTree({ "conf/config.yaml": `a: 1\nhydra:\n  mode: ${mode}\n` });
  const r = await validateIn(tree("multirun"), ["-d", "conf"]);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "conf/config.yaml:3:9: error: Invalid value 'multirun', expected one of [RUN, MULTIRUN] [key: hydra.mode]",
  ]);
  const float = await validateIn(tree("1.0"), ["-d", "conf"]);
  assert.deepEqual(float.lines, [
    "conf/config.yaml:3:9: error: Value 1.0 (float) is not a valid input for <enum 'RunMode'> [key: hydra.mode]",
  ]);
  for (const ok of ["MULTIRUN", "RUN", "RunMode.MULTIRUN", "2", "null", "${oc.env:MODE,RUN}"]) {
    const fine = await validateIn(tree(ok), ["-d", "conf"]);
    assert.equal(fine.code, 0, ok + ": " + fine.stdout);
  }
});

// hydra.job.env_set is Dict[str, str]: OmegaConf turns 4 into "4" but refuses a null (`FOO:`).
Deno.test("validate: a hydra.job.env_set entry left empty (null) fails as Hydra's merge does", async () => {
  const dir = writeTree({
    "conf/config.yaml":
      "a: 1\nhydra:\n  job:\n    env_set:\n      OMP_NUM_THREADS: 4\n      FOO:\n",
  });
  const r = await validateIn(dir, ["-d", "conf"]);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "conf/config.yaml:6:11: error: field 'hydra.job.env_set.FOO' is not Optional [key: hydra.job.env_set.FOO]",
  ]);
});

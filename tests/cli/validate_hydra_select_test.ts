import assert from "node:assert/strict";
import { inTree, validateIn, writeTree } from "./_tree.ts";

// home-robot: `${hydra:job.nme}` resolves to null in the app (the hydra resolver is
// OmegaConf.select), silently; validate says so, with did-you-mean
Deno.test("validate: ${hydra:KEY} with a key the hydra node does not hold is a warning", async () => {
  await inTree({
    "conf/config.yaml": "out: ${hydra:job.nme}\nrun: ${hydra:runtime.output_dir}/x\n" +
      "part: ${hydra:launcher.partition}\nname: ${hydra:job.name}-${hydra:runtim.choices}\n",
  }, async (dir) => {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(r.lines, [
      "conf/config.yaml:1:6: warning: ${hydra:job.nme} resolves to null: the hydra node has no " +
      "job.nme (Hydra's hydra resolver is OmegaConf.select, which gives null for a missing key). " +
      "Did you mean job.name? [key: out]",
      // (at its own ${hydra:...}, the value's second: checker v48)
      "conf/config.yaml:4:25: warning: ${hydra:runtim.choices} resolves to null: the hydra node has " +
      "no runtim (Hydra's hydra resolver is OmegaConf.select, which gives null for a missing key). " +
      "Did you mean runtime? [key: name]",
      "2 warnings in 1 file, 1 composition",
    ]);
    const strict = await validateIn(dir, ["-d", "conf", "--strict"]);
    assert.equal(strict.code, 1, "a warning fails --strict");
  });
});

Deno.test("validate: ${hydra:KEY} in the hydra node itself (the run dir, env_set) is warned of too, at its ${hydra:...} (checker v29, v48)", async () => {
  await inTree({
    "conf/config.yaml": "a: 1\nhydra:\n  run:\n    dir: outputs/${hydra:job.nme}\n  job:\n" +
      "    env_set:\n      RUN: ${hydra:job.nme}\n      OK: ${hydra:job.name}\n",
  }, async (dir) => {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const why = "resolves to null: the hydra node has no job.nme (Hydra's hydra resolver is " +
      "OmegaConf.select, which gives null for a missing key). Did you mean job.name?";
    assert.deepEqual(r.lines, [
      `conf/config.yaml:4:18: warning: \${hydra:job.nme} ${why} [key: hydra.run.dir]`,
      `conf/config.yaml:7:12: warning: \${hydra:job.nme} ${why} [key: hydra.job.env_set.RUN]`,
      "2 warnings in 1 file, 1 composition",
    ]);
  });
});

Deno.test("validate: problems in a hydra value are at their own ${...}, as compose places them (checker v48)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - hydra: default\n  - _self_\na: outputs/${nwo:%Y}/x\n",
    "conf/hydra/default.yaml": "run:\n  dir: outputs/${nwo:%Y-%m}/${hydra:job.config_nme}/x\n",
  });
  try {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 1);
    // the misspelt resolver at its call in both values; the warning at its ${hydra:...}
    assert.match(r.stdout, /^conf\/config\.yaml:4:12: error: Unsupported interpolation type nwo/m);
    assert.match(r.stdout, /also at conf\/hydra\/default\.yaml:2:16 \[key: hydra\.run\.dir\]/);
    assert.match(
      r.stdout,
      /^conf\/hydra\/default\.yaml:2:29: warning: \$\{hydra:job\.config_nme\}/m,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

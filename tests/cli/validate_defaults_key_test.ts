import assert from "node:assert/strict";
import { inTree, validateIn } from "./_tree.ts";

// r3m's BC_config.yaml: `default:` for `defaults:` drops its overrides, silently in Hydra
Deno.test("validate: a key spelt near 'defaults' holding a defaults list is a warning", async () => {
  await inTree({
    "conf/config.yaml": "default:\n  - override hydra/launcher: basic\n  - _self_\nlr: 1\n",
    "conf/plain.yaml": "default: [1, 2]\nnames: [a, b]\n",
  }, async (dir) => {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(r.lines.filter((l) => l.includes(": warning: ")), [
      "conf/config.yaml:1:1: warning: 'default' is no defaults list: Hydra reads it as a config " +
      "key, and composes none of its choices or overrides. Did you mean 'defaults'? [key: default]",
    ]);
    const strict = await validateIn(dir, ["-d", "conf", "--strict"]);
    assert.equal(strict.code, 1);
  });
});

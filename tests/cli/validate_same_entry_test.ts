// A missing option named at one entry of a file (`override /peft: lora` in tune.yaml) is one
// defect, though each composition reaches it from another config (Hydra's `In 'experiment/a':`
// and `In 'experiment/b':`): reported once, not once per parent (checker w34).
import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("validate: one missing option at one entry is one error, whichever parent Hydra names", async () => {
  const dir = writeTree({
    "conf/tune.yaml":
      "defaults:\n  - experiment@_global_: a\n  - override /peft: lora\n  - _self_\n",
    "conf/experiment/a.yaml": "defaults:\n  - /peft: disabled\nx: 1\n",
    "conf/experiment/b.yaml": "defaults:\n  - /peft: disabled\nx: 2\n",
    "conf/peft/disabled.yaml": "r: 0\n",
    "conf/peft/lora_r8.yaml": "r: 8\n",
  });
  try {
    const v = await strata(["validate", "-d", "conf"], { cwd: dir });
    assert.equal(v.code, 1, v.stdout + v.stderr);
    const errors = v.stdout.split("\n").filter((l) => l.includes(": error: "));
    assert.deepEqual(errors.length, 1, v.stdout);
    assert.match(
      errors[0],
      /^conf\/tune\.yaml:3:21: error: In 'experiment\/a': Could not find 'peft\/lora'\. Did you mean 'lora_r8'\?/,
    );
    assert.match(v.stderr, /^1 error in 5 files/m);
    const gh = await strata(["validate", "-d", "conf", "--format", "github"], { cwd: dir });
    assert.equal(
      gh.stdout.split("\n").filter((l) => l.startsWith("::error ")).length,
      1,
      gh.stdout,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

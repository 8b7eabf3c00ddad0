// A group whose directory is there but holds no option (its one file deleted): the missing
// option gets no did-you-mean of another group (`model/encoder` for `model/decoder`), as Hydra
// gives none (checker v52 #1).
import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

Deno.test("did-you-mean: no other group for an option of an empty group", async () => {
  const dir = await confTree({
    "conf/main.yaml":
      "defaults:\n  - model/encoder: a\n  - model/decoder: splatting_cuda\n  - _self_\n",
    "conf/model/encoder/a.yaml": "x: 1\n",
  });
  try {
    Deno.mkdirSync(`${dir}/conf/model/decoder`);
    const r = await strata(["compose", "-d", "conf", "-n", "main"], { cwd: dir });
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 1, r.stdout);
    assert.match(
      r.stderr,
      /^conf\/main\.yaml:3:20: In 'main': Could not find 'model\/decoder\/splatting_cuda'\n/,
    );
    assert.doesNotMatch(r.stderr, /Did you mean/);
    // a misspelt group that is not there still gets one
    Deno.writeTextFileSync(`${dir}/conf/main.yaml`, "defaults:\n  - model/encodr: a\n");
    const typo = await strata(["compose", "-d", "conf", "-n", "main"], { cwd: dir });
    assert.equal(typo.code, 1);
    assert.match(typo.stderr, /Did you mean 'model\/encoder'\?/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

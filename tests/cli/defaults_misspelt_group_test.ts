/**
 * A defaults entry whose group is misspelt (`- dbb: mysql` where the group is
 * `db`): Hydra's "Could not find 'dbb/mysql'", located at the group key that
 * is wrong, not at the option after it; a missing option of a group that is
 * there stays located at the option.
 *
 * @module
 */
import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

Deno.test("a misspelt group in a defaults entry is located at its key, with did-you-mean", async () => {
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - dbb: mysql\n  - _self_\nx: 1\n",
    "conf/db/mysql.yaml": "a: 1\n",
  });
  const r = await strata(["compose"], { cwd: dir });
  assert.equal(r.code, 1);
  assertNoStackTrace(r.stderr);
  assert.match(r.stderr, /^conf\/config\.yaml:2:5: In 'config': Could not find 'dbb\/mysql'\n/);
  assert.match(r.stderr, /\n {4}Did you mean 'db'\?\n/);
  Deno.writeTextFileSync(`${dir}/conf/config.yaml`, "defaults:\n  - db: mysq\n  - _self_\n");
  const option = await strata(["compose"], { cwd: dir });
  assert.match(option.stderr, /^conf\/config\.yaml:2:9: In 'config': Could not find 'db\/mysq'\n/);
  Deno.removeSync(dir, { recursive: true });
});

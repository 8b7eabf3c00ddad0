/**
 * The "included by" chain under a defaults-list error names each config that led to the entry
 * once: not the failing entry's own line again (the head points there), nor the primary's bare
 * `conf/config.yaml: 'config'` when a line in its file is said already.
 *
 * @module
 */
import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

Deno.test("a defaults-list error's chain names the configs that led to it, each once", async () => {
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - actor: dp\n  - db: mysqll\n  - _self_\n",
    "conf/db/mysql.yaml": "a: 1\n",
    "conf/actor/dp.yaml": "defaults:\n  - ../optm@optim: fsdp\n  - _self_\nx: 1\n",
    "conf/actor/ok.yaml": "x: 2\n",
    "conf/optim/fsdp.yaml": "lr: 1\n",
  });
  const related = (stderr: string) => stderr.split("\n").filter((l) => l.startsWith("    "));
  // in a nested option: the head at the misspelt group's key, then who included actor/dp
  const nested = await strata(["compose", "db=mysql"], { cwd: dir });
  assert.equal(nested.code, 1);
  assertNoStackTrace(nested.stderr);
  assert.match(nested.stderr, /^conf\/actor\/dp\.yaml:2:5: In 'actor\/dp': Could not find/);
  assert.deepEqual(related(nested.stderr), [
    "    Did you mean '../optim'?",
    "    conf/config.yaml:2:12: included by 'config'",
  ]);
  // in the primary's own list: the head says it all
  const own = await strata(["compose", "actor=ok"], { cwd: dir });
  assert.equal(own.code, 1);
  assert.match(own.stderr, /^conf\/config\.yaml:3:9: In 'config': Could not find 'db\/mysqll'/);
  assert.deepEqual(related(own.stderr), ["    Did you mean 'mysql'?"]);
  // from the command line: the entry it replaced, in the primary's file
  const cli = await strata(["compose", "actor=ok", "db=mysq"], { cwd: dir });
  assert.deepEqual(related(cli.stderr), [
    "    Did you mean 'mysql'?",
    "    conf/config.yaml:3:9: included by 'config'",
  ]);
  Deno.removeSync(dir, { recursive: true });
});

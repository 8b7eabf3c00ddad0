/**
 * A `hydra.*` override of the wrong type fails as Hydra 1.3 fails it (the
 * `hydra` node is the HydraConf dataclass): `hydra.output_subdir=[1]` was
 * accepted, ran the job and wrote no `.hydra/`.
 *
 * @module
 */

import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

const FILES = {
  "conf/config.yaml": "defaults:\n  - db: mysql\n  - _self_\nlr: 0.1\n",
  "conf/db/mysql.yaml": "host: localhost\n",
};

Deno.test("run: a hydra.* override HydraConf's types refuse fails before the job runs", async () => {
  const dir = await confTree(FILES);
  for (
    const [o, msg] of [
      ["hydra.output_subdir=[1]", "Cannot convert 'list' to string: '[1]'"],
      ["hydra.job.name={a:1}", "Cannot convert 'dict' to string: '{'a': 1}'"],
      ["hydra.job.name=null", "field 'hydra.job.name' is not Optional"],
      ["hydra.job_logging=x", "Cannot assign str to Dict[str, Any]"],
      ["+hydra.job.env_set={A:null}", "field 'hydra.job.env_set.A' is not Optional"],
    ]
  ) {
    const r = await strata(["run", o, "hydra.run.dir=out", "--", "true"], { cwd: dir });
    assert.equal(r.code, 1, `${o}: ${r.stderr}`);
    assertNoStackTrace(r.stderr);
    assert.ok(r.stderr.startsWith(`override #1 '${o}': Error merging override ${o}\n`), r.stderr);
    assert.ok(r.stderr.includes(`\n    ${msg}\n`), r.stderr);
    assert.equal(existsSync(`${dir}/out`), false, o);
  }
  // what OmegaConf takes: an Optional[str] set to null (no .hydra/), a merged Dict[str, str] entry
  const none = await strata(["run", "hydra.output_subdir=null", "hydra.run.dir=o2", "--", "true"], {
    cwd: dir,
  });
  assert.equal(none.code, 0, none.stderr);
  assert.equal(existsSync(`${dir}/o2/.hydra`), false);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("compose: a config file's hydra node is checked with HydraConf's types too", async () => {
  const dir = await confTree({
    ...FILES,
    "conf/odd.yaml": "hydra:\n  job_logging: null\nlr: 1\n",
  });
  const r = await strata(["compose", "-n", "odd", "--cfg", "hydra"], { cwd: dir });
  assert.equal(r.code, 1);
  assert.equal(
    r.stderr,
    "conf/odd.yaml:2:16: In 'odd': Validation error while composing config:\n" +
      "field 'hydra.job_logging' is not Optional\n    full key: hydra.job_logging\n",
  );
  Deno.removeSync(dir, { recursive: true });
});

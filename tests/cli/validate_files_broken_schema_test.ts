// Over some files (pre-commit), a schema that does not load, or checks nothing (an unknown
// keyword), is reported where it governs a composition the files take part in: it was passed
// over, and the commit of a value it would refuse passed with "no problems" (checker w34).
import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("validate FILES: a broken schema of a group the files' compositions choose is reported", async () => {
  const dir = writeTree({
    "conf/train.yaml": "defaults:\n  - db: a\n  - _self_\n",
    "conf/eval.yaml": "defaults:\n  - metric: f1\n  - _self_\n",
    "conf/db/a.yaml": "port: -5\n",
    "conf/metric/f1.yaml": "k: 1\n",
    "conf/_schema/db.schema.yaml": "type: object\nproperties: {port: [\n",
  });
  try {
    const r = await strata(["validate", "conf/db/a.yaml"], { cwd: dir });
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /^conf\/_schema\/db\.schema\.yaml:2:20: error: unclosed flow sequence/m);
    // the schema itself given: its error, and no note that it is no config file (checker w34)
    const self = await strata(["validate", "conf/_schema/db.schema.yaml"], { cwd: dir });
    assert.equal(self.code, 1, self.stdout + self.stderr);
    assert.match(self.stdout, /^conf\/_schema\/db\.schema\.yaml:2:20: error: unclosed/m);
    assert.doesNotMatch(self.stderr, /not a config file/);
    assert.match(self.stderr, /1 error in 1 file/);
    // a file whose compositions the schema does not govern: not its problem
    const other = await strata(["validate", "conf/metric/f1.yaml"], { cwd: dir });
    assert.equal(other.code, 0, other.stdout + other.stderr);
    // a schema that loads but names a keyword JSON Schema lacks checks nothing: said too
    Deno.writeTextFileSync(
      `${dir}/conf/_schema/db.schema.yaml`,
      "type: object\nproperties:\n  port: {type: integer, minimun: 0}\n",
    );
    const unknown = await strata(["validate", "conf/db/a.yaml"], { cwd: dir });
    assert.equal(unknown.code, 1, unknown.stdout + unknown.stderr);
    assert.match(
      unknown.stdout,
      /^conf\/_schema\/db\.schema\.yaml:3:25: error: unknown JSON Schema keyword .minimun./m,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

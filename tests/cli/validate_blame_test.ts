import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

Deno.test("validate: a key removed by a ~ override is blamed on the override, at its position", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - db: mysql\n  - _self_\nport: ${db.port}\nlr: 0.1\n",
    "conf/db/mysql.yaml": "port: 1\n",
    "conf/db/pg.yaml": "port: 2\n",
    "conf/_schema/config.schema.yaml": "type: object\nrequired: [lr]\n",
  });
  let r = await validateIn(dir, ["-d", "conf", "--override", "~db"]);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "override #1 '~db': error: Interpolation key 'db.port' not found: the override removes 'db' (conf/config.yaml:4:7 needs it) [key: port]",
  ]);
  r = await validateIn(dir, ["-d", "conf", "--override", "db=pg", "--override", "~lr"]);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "override #2 '~lr': error: missing required key 'lr' (conf/_schema/config.schema.yaml): the override removes 'lr' [key: lr]",
  ]);
  const json = await validateIn(dir, ["-d", "conf", "--override", "~db", "-f", "json"]);
  const [p] = JSON.parse(json.stdout).problems;
  assert.deepEqual(p.origin, { override: 0, text: "~db" });
  assert.deepEqual(p.related, [
    { message: "needs it", origin: { file: "conf/config.yaml", line: 4, col: 7 } },
  ]);
});

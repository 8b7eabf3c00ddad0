import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

Deno.test("validate: a schema problem in an empty option file (db: {}) is located at the file", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - db: mysql\n  - _self_\n",
    "conf/db/mysql.yaml": "port: 3306\n",
    "conf/db/empty.yaml": "",
    "conf/db/comment.yaml": "# to do\n",
    "conf/_schema/db.schema.yaml": "type: object\nrequired: [port]\n",
  });
  const r = await validateIn(dir, ["-d", "conf"]);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "conf/db/comment.yaml:1:1: error: missing required key 'port' (conf/_schema/db.schema.yaml:2:11) [key: db.port] (with db=comment)",
    "conf/db/empty.yaml:1:1: error: missing required key 'port' (conf/_schema/db.schema.yaml:2:11) [key: db.port] (with db=empty)",
  ]);
  const gh = await validateIn(dir, ["-d", "conf", "--format", "github"]);
  assert.match(gh.lines[0], /^::error file=conf\/db\/comment\.yaml,line=1,col=1,/);
});

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

Deno.test("validate: an empty option of a nested group is located at its own file, not at the file its parent key came from (checker w64)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - task: default\n  - _self_\n",
    "conf/task/default.yaml": "defaults:\n  - model: mlp\n  - optim: adamw\n  - _self_\nn: 1\n",
    "conf/task/model/mlp.yaml": "_target_: m.MLP\n",
    "conf/task/optim/adamw.yaml": "_target_: torch.optim.AdamW\nlr: 0.001\n",
    "conf/task/optim/adam.yaml": "# nothing yet\n",
    "conf/_schema/task/optim.schema.yaml": "type: object\nrequired: [_target_, lr]\n",
  });
  const r = await validateIn(dir, ["-d", "conf", "conf/task/optim/adam.yaml"]);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines.filter((l) => l.includes("error")), [
    "conf/task/optim/adam.yaml:1:1: error: missing required key '_target_' (conf/_schema/task/optim.schema.yaml:2:11) [key: task.optim._target_] (with task/optim=adam)",
    "conf/task/optim/adam.yaml:1:1: error: missing required key 'lr' (conf/_schema/task/optim.schema.yaml:2:11) [key: task.optim.lr] (with task/optim=adam)",
  ]);
});

import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

Deno.test("validate: a primary composition that fails still has every other option tried", async () => {
  const dir = writeTree({
    "conf/config.yaml":
      "defaults:\n  - db: mysql\n  - server: apache\n  - _self_\napp:\n  url: http://${app.host}\n",
    "conf/db/mysql.yaml": "driver: mysql\n",
    "conf/server/apache.yaml": "defaults:\n  - /db: oracle\nname: apache\n",
    "conf/server/nginx.yaml": "name: nginx\npath: ${db.nope}\n",
  });
  const r = await validateIn(dir);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines.filter((l) => l.startsWith("conf/")), [
    "conf/config.yaml:6:8: error: Interpolation key 'app.host' not found [key: app.url] (with server=nginx)",
    "conf/server/apache.yaml:2:10: error: In 'server/apache': Could not find 'db/oracle'",
    "conf/server/nginx.yaml:2:7: error: Interpolation key 'db.nope' not found [key: server.path] (with server=nginx)",
  ]);
  assert.equal(r.stderr, "3 errors in 4 files, 1 composition\n");
});

Deno.test("validate: a key built by a nested interpolation that points nowhere is an error", async () => {
  const dir = writeTree({
    "conf/config.yaml": "a:\n  b: 1\nw: zz\nx: ${a.${w}}\ny: ${a.${v}}\nv: ${nope}\n",
  });
  const r = await validateIn(dir);
  assert.equal(r.code, 1);
  // y fails because v does: only v is reported.
  assert.deepEqual(r.lines, [
    "conf/config.yaml:4:4: error: Interpolation key 'a.zz' not found [key: x]",
    "conf/config.yaml:6:4: error: Interpolation key 'nope' not found [key: v]",
  ]);
});

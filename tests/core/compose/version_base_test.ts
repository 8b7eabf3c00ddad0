import assert from "node:assert/strict";
import { compose } from "../../../mod.ts";

function tree(): string {
  const dir = Deno.makeTempDirSync();
  Deno.mkdirSync(`${dir}/db`);
  Deno.writeTextFileSync(`${dir}/config.yaml`, "defaults:\n  - db: mysql\n  - _self_\n");
  Deno.writeTextFileSync(`${dir}/db/mysql.yaml`, "# @package _group_\nport: 3306\n");
  return dir;
}

Deno.test("library compose: versionBase 1.1 reads '# @package _group_' as the group's package", () => {
  const dir = tree();
  try {
    const old = compose({ configDir: dir, configName: "config", versionBase: "1.1" });
    assert.equal(old.config.get("db.port"), 3306);
    assert.equal(old.hydra.get("runtime.version_base"), "1.1");
    const now = compose({ configDir: dir, configName: "config" });
    assert.equal(now.config.get("_group_.port"), 3306);
    assert.equal(now.hydra.get("runtime.version_base"), "1.3");
    assert.throws(
      () => compose({ configDir: dir, configName: "config", versionBase: "1.0" as "1.1" }),
      /compose: versionBase must be "1.1", "1.2" or "1.3", not/,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

import assert from "node:assert/strict";
import { composedConfigHash } from "../../../core/run/config_hash.ts";

Deno.test("composedConfigHash composes as its options' version_base says", () => {
  const dir = Deno.makeTempDirSync({ prefix: "strata_hash_vb_" });
  try {
    // under 1.1 a header-less option of a group lands at the group; `_group_` is Hydra 1.0's
    // spelling of the same package, kept literal from 1.2 on
    Deno.mkdirSync(`${dir}/db`);
    Deno.writeTextFileSync(`${dir}/config.yaml`, "defaults:\n  - db: a\n  - _self_\n");
    Deno.writeTextFileSync(`${dir}/db/a.yaml`, "# @package _group_\nport: 1\n");
    Deno.writeTextFileSync(`${dir}/plain.yaml`, "db:\n  port: 1\n");
    const legacy = composedConfigHash({ configDir: dir, configName: "config", versionBase: "1.1" });
    const plain = composedConfigHash({ configDir: dir, configName: "plain" });
    assert.equal(legacy, plain);
    assert.notEqual(composedConfigHash({ configDir: dir, configName: "config" }), plain);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

import assert from "node:assert/strict";
import { composedConfigHash, cwdReadingKey } from "../../../core/run/config_hash.ts";
import { dict, str } from "../../../core/node.ts";

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

Deno.test("cwdReadingKey: the directory as a whole path, not a prefix of a sibling's (checker x51 #3)", () => {
  const cwd = "/work/proj/cnt";
  const key = (value: string) =>
    cwdReadingKey(
      { configDir: "conf", configName: "config", jobName: "app", cwd },
      dict([["p", str(value)]]),
    );
  assert.equal(key(`${cwd}/data/x`), "p");
  assert.equal(key(cwd), "p");
  assert.equal(key(`file://${cwd}:ro`), "p");
  assert.equal(key("/work/proj/cntdata/x"), undefined);
  assert.equal(key("/work/proj/cnt.old/x"), undefined);
  assert.equal(key("/mnt/work/proj/cnt/x"), undefined);
});

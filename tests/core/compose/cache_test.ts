import assert from "node:assert/strict";
import { mergeCacheStats } from "../../../core/engine/merge_cache.ts";
import { compose, toYaml } from "../../../engine.ts";

async function tree(): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "strata-cache-" });
  await Deno.mkdir(`${dir}/db`);
  await Deno.writeTextFile(
    `${dir}/config.yaml`,
    "defaults:\n  - db: mysql\n  - _self_\napp: {port: 1}\n",
  );
  await Deno.writeTextFile(`${dir}/db/mysql.yaml`, "host: h\nopts: {pool: 5, tls: {on: true}}\n");
  return dir;
}

Deno.test("compose cache: a composition's overrides never leak into the next one", async () => {
  const dir = await tree();
  try {
    const fresh = toYaml(compose({ configDir: dir, configName: "config" }).config);
    compose({
      configDir: dir,
      configName: "config",
      overrides: ["db.opts.pool=9", "~db.opts.tls", "+db.opts.extra=1", "app.port=2"],
    });
    assert.equal(toYaml(compose({ configDir: dir, configName: "config" }).config), fresh);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("compose cache: an edited file is read again; unchanged files reuse their encoding", async () => {
  const dir = await tree();
  try {
    compose({ configDir: dir, configName: "config" });
    const hits = mergeCacheStats.hits;
    compose({ configDir: dir, configName: "config" });
    assert.ok(mergeCacheStats.hits > hits, "the second composition merged sealed configs");
    await Deno.writeTextFile(`${dir}/db/mysql.yaml`, "host: changed\n");
    const c = compose({ configDir: dir, configName: "config" });
    assert.match(toYaml(c.config), /host: changed/);
    assert.doesNotMatch(toYaml(c.config), /pool/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

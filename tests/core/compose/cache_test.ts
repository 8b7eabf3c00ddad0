import assert from "node:assert/strict";
import { mergeCacheStats } from "../../../core/engine/merge_cache.ts";
import { compose, toYaml, viewOf } from "../../../engine.ts";

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

Deno.test("compose: a file too big to keep is given to the merge, never shared between two packages", async () => {
  const dir = await Deno.makeTempDir({ prefix: "strata-cache-" });
  try {
    await Deno.mkdir(`${dir}/db`);
    await Deno.writeTextFile(
      `${dir}/config.yaml`,
      "defaults:\n  - db@src: big\n  - db@dst: big\n  - _self_\n",
    );
    // just over MAX_KEPT_TEXT (8 MiB), in few nodes: long values
    const long = "x".repeat(4000);
    const section = (i: number) =>
      `s${i}:\n` +
      Array.from({ length: 100 }, (_, j) => `  k${j}:\n    v: ${j}\n    w: ${long}\n`).join("");
    let text = "";
    for (let i = 0; text.length < 8.5 * 1024 * 1024; i++) text += section(i);
    await Deno.writeTextFile(`${dir}/db/big.yaml`, text);
    const c = compose({ configDir: dir, configName: "config", overrides: ["src.s0.k0.v=x"] });
    const db = viewOf(c.config);
    assert.equal(db.get("src.s0.k0.v"), "x");
    assert.equal(db.get("dst.s0.k0.v"), 0, "the same file at two packages: two trees");
    const again = compose({ configDir: dir, configName: "config" });
    assert.equal(viewOf(again.config).get("src.s0.k0.v"), 0, "the next composition re-reads it");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("compose with reuseFiles false: nothing kept or sealed, same config, shared files still copied", async () => {
  const dir = await tree();
  try {
    await Deno.writeTextFile(
      `${dir}/config.yaml`,
      "defaults:\n  - db@src: mysql\n  - db@dst: mysql\n  - _self_\napp: {port: 1}\n",
    );
    const overrides = ["src.opts.pool=9", "~dst.opts.tls", "app.port=2"];
    const kept = toYaml(compose({ configDir: dir, configName: "config", overrides }).config);
    const encodes = mergeCacheStats.encodes;
    const hits = mergeCacheStats.hits;
    const once = compose({ configDir: dir, configName: "config", overrides, reuseFiles: false });
    assert.equal(toYaml(once.config), kept);
    assert.equal(mergeCacheStats.encodes, encodes, "no file sealed for later compositions");
    assert.equal(mergeCacheStats.hits, hits, "no kept file used");
    const v = viewOf(once.config);
    assert.equal(v.get("src.opts.pool"), 9);
    assert.equal(v.get("dst.opts.pool"), 5, "one file at two packages: two trees");
    const again = compose({ configDir: dir, configName: "config", reuseFiles: false });
    assert.equal(viewOf(again.config).get("src.opts.pool"), 5, "the next composition reads afresh");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

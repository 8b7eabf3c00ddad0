// loadConfig reads a file as the conf tree's files are read.
import assert from "node:assert/strict";
import { ErrorCode, isConfig, loadConfig } from "../../../mod.ts";

Deno.test("loadConfig: Latin-1 bytes are a located input error, not U+FFFD", async () => {
  const file = await Deno.makeTempFile({ suffix: ".yaml" });
  await Deno.writeFile(file, new Uint8Array([...new TextEncoder().encode("a: caf"), 0xe9, 0x0a]));
  await assert.rejects(() => loadConfig(file), (e: { code: string; origin: { col: number } }) => {
    assert.equal(e.code, ErrorCode.Input);
    assert.equal(e.origin.col, 7);
    return true;
  });
  await Deno.remove(file);
});

Deno.test("loadConfig: a device is refused at once (/dev/zero would never end)", async () => {
  await assert.rejects(() => loadConfig("/dev/zero"), /not a regular file/);
  await assert.rejects(() => loadConfig("/nonexistent.yaml"), /no such file/);
  await assert.rejects(() => loadConfig("/tmp"), /it is a directory/);
});

Deno.test("loadConfig: a ${...} OmegaConf cannot parse fails the load, as OmegaConf.load's create does", async () => {
  const file = await Deno.makeTempFile({ suffix: ".yaml" });
  // OmegaConf 2.2: GrammarParseError at load, before any key is read
  await Deno.writeTextFile(file, "a: ${nope}\nb: ${oc.select:c[1],dflt}\nc: [1, 2]\n");
  await assert.rejects(
    () => loadConfig(file),
    (e: { code: string; message: string; fullKey: string }) => {
      assert.equal(e.code, ErrorCode.Grammar);
      assert.match(e.message, /^mismatched input '\[' expecting BRACE_CLOSE/);
      assert.equal(e.fullKey, "b");
      return true;
    },
  );
  await Deno.writeTextFile(file, "a: ${nope}\n"); // resolving is later: this one loads
  assert.ok(isConfig(await loadConfig(file)));
  await Deno.remove(file);
});

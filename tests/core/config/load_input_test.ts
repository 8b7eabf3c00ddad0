// loadConfig reads a file as the conf tree's files are read.
import assert from "node:assert/strict";
import { ErrorCode, loadConfig } from "../../../mod.ts";

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

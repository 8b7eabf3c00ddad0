import assert from "node:assert/strict";

Deno.test("asm/build/strata.wasm is what asm/assembly/ compiles to", async () => {
  const root = new URL("../../", import.meta.url).pathname;
  const out = await Deno.makeTempFile({ suffix: ".wasm" });
  try {
    const task = JSON.parse(await Deno.readTextFile(root + "deno.json"))
      .tasks["build:wasm"] as string;
    const args = task.split(" ").slice(1).map((a) => a === "asm/build/strata.wasm" ? out : a);
    const { code, stderr } = await new Deno.Command(Deno.execPath(), {
      args,
      cwd: root,
      stdout: "null",
      stderr: "piped",
    })
      .output();
    assert.equal(code, 0, new TextDecoder().decode(stderr));
    const built = await Deno.readFile(out);
    const committed = await Deno.readFile(root + "asm/build/strata.wasm");
    assert.ok(built.length > 0);
    assert.deepEqual(
      built,
      committed,
      "run `deno task build:wasm` and commit asm/build/strata.wasm",
    );
  } finally {
    await Deno.remove(out);
  }
});

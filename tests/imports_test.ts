/**
 * Every module loads on its own, first, in a fresh process: an import cycle
 * that touches a binding before its module finished loading (a TDZ
 * ReferenceError) would otherwise only show for callers that import modules in
 * an unlucky order.
 */

import assert from "node:assert/strict";

const root = new URL("../", import.meta.url).pathname;

function modules(dir: string): string[] {
  const out: string[] = [];
  for (const e of Deno.readDirSync(root + dir)) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory && dir !== "asm") out.push(...modules(rel));
    else if (e.isFile && e.name.endsWith(".ts")) out.push(rel);
  }
  return out;
}

Deno.test("every module of core/, asm/ and cli/ loads first without an import-cycle error", async () => {
  const all = [
    ...modules("core"),
    ...modules("asm"),
    ...modules("cli"),
    "mod.ts",
    "override.ts",
    "ops.ts",
    "engine.ts",
  ].sort();
  const failures: string[] = [];
  for (let i = 0; i < all.length; i += 8) {
    await Promise.all(
      all.slice(i, i + 8).map(async (m) => {
        const { code, stderr } = await new Deno.Command(Deno.execPath(), {
          args: ["eval", `await import(${JSON.stringify("file://" + root + m)});`],
          cwd: root,
          stdout: "null",
          stderr: "piped",
        }).output();
        if (code !== 0) failures.push(`${m}: ${new TextDecoder().decode(stderr).split("\n")[0]}`);
      }),
    );
  }
  assert.deepEqual(failures, []);
});

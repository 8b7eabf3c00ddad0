/**
 * The README's library section is examples/library.ts, quoted whole, and the
 * program runs and prints what its comments say.
 */

import assert from "node:assert/strict";

const root = new URL("../../", import.meta.url).pathname;

Deno.test("the README quotes examples/library.ts verbatim", () => {
  const program = Deno.readTextFileSync(root + "examples/library.ts");
  const readme = Deno.readTextFileSync(root + "README.md");
  assert.ok(readme.includes("```ts\n" + program + "```\n"), "README's library block differs");
});

Deno.test("examples/library.ts runs and prints what its comments say", async () => {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-read", "--allow-env", "examples/library.ts"],
    cwd: root,
    env: { NO_COLOR: "1" },
  }).output();
  assert.equal(code, 0, new TextDecoder().decode(stderr));
  const lines = new TextDecoder().decode(stdout).trimEnd().split("\n");
  const program = Deno.readTextFileSync(root + "examples/library.ts");
  const promised = [...program.matchAll(/\); \/\/ (.+)$/gm)].map((m) => m[1]);
  assert.ok(promised.length >= 6);
  for (const text of promised) {
    const want = text.replace(/\.\.\.$/, "");
    assert.ok(lines.some((l) => l.startsWith(want)), `no output line starts with '${want}'`);
  }
  assert.equal(lines.at(-1), "3 model=mistral_7b optimizer.lr=0.0003");
});

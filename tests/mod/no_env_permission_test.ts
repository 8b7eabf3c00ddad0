/**
 * The library needs no `--allow-env` to read YAML: npm:yaml's Node build
 * (the one `deno run` of the sources loads) reads process.env.LOG_TOKENS and
 * LOG_STREAM, which without the permission is Deno's NotCapable error and a
 * stack trace. Files the fast reader hands to npm:yaml (anchors, tags,
 * comments inside flow collections, syntax errors) go through it.
 */

import assert from "node:assert/strict";

const root = new URL("../../", import.meta.url).pathname;

Deno.test("mod.ts reads anchors, flow comments and a syntax error with --allow-read only", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(
      `${dir}/read.ts`,
      `import { createConfig, isStrataError, toYaml } from ${
        JSON.stringify(`file://${root}mod.ts`)
      };
console.log(toYaml(createConfig("a: &x {b: 1}\\nc: *x\\nl: [1, # one\\n  2]\\n")));
try {
  createConfig("a: [1, 2\\nb: 3\\n");
} catch (e) {
  console.log(isStrataError(e) ? "StrataError" : String(e));
}
`,
    );
    const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--allow-read", "--no-prompt", "read.ts"],
      cwd: dir,
      env: { NO_COLOR: "1" },
    }).output();
    const err = new TextDecoder().decode(stderr);
    assert.equal(code, 0, err);
    assert.equal(
      new TextDecoder().decode(stdout),
      "a:\n  b: 1\nc:\n  b: 1\nl:\n- 1\n- 2\n\nStrataError\n",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

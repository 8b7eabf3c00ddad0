// strata diff reads `-` as stdin, as diff(1) does: `cat a.yaml | strata diff - b.yaml`.
import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, PERMISSIONS, ROOT } from "./_cli.ts";

async function diffWithStdin(args: string[], stdin: string, cwd: string) {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", ...PERMISSIONS, ROOT + "cli/main.ts", "diff", ...args],
    cwd,
    env: { NO_COLOR: "1" },
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const w = child.stdin.getWriter();
  await w.write(new TextEncoder().encode(stdin));
  await w.close();
  const out = await child.output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

Deno.test("strata diff - FILE: stdin is side a, its origins say <stdin>", async () => {
  const dir = await confTree({ "b.yaml": "a: 2\nb: 1\n" });
  try {
    const r = await diffWithStdin(["-", "b.yaml"], "a: 1\nb: 1\n", dir);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(
      r.stdout,
      "--- a: -\n+++ b: b.yaml\n~ a: 1 -> 2\n    a: <stdin>:1:4\n    b: b.yaml:1:4\n" +
        "1 changed, 0 added, 0 removed\n",
    );
    const same = await diffWithStdin(["b.yaml", "-"], "b: 1\na: 2\n", dir);
    assert.equal(same.code, 0, same.stderr);
    assert.equal(same.stdout, "");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("strata diff - -: stdin can be only one side (exit 2); bad YAML on stdin is located", async () => {
  const dir = await confTree({ "b.yaml": "a: 2\n" });
  try {
    const both = await diffWithStdin(["-", "-"], "a: 1\n", dir);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /^'-' \(stdin\) can be only one side of the diff\n$/);
    const bad = await diffWithStdin(["-", "b.yaml"], "a: [1\n", dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^<stdin>:\d+:\d+: /);
    assertNoStackTrace(bad.stderr);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

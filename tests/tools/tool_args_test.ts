/**
 * The repository's own tools answer `--help` and a wrong option as a CLI does: `deno task
 * bundle --help` wrote a 2 MB bundle into a new directory named `--help`, `bench:compare
 * --help` started the benchmark, and fuzz, oracle and bench:chart died with a stack trace.
 */
import assert from "node:assert/strict";

const ROOT = new URL("../../", import.meta.url).pathname;
const dec = new TextDecoder();

async function tool(file: string, args: string[], cwd: string) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-read",
      "--allow-write",
      "--allow-env",
      "--allow-run",
      ROOT + file,
      ...args,
    ],
    cwd,
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

Deno.test("tools: --help prints the usage (exit 0), an unknown option the usage (exit 2)", async () => {
  const cwd = Deno.makeTempDirSync();
  try {
    for (
      const file of [
        "tools/bundle.ts",
        "tests/fuzz/main.ts",
        "tools/oracle/main.ts",
        "bench/compare/main.ts",
        "bench/compare/chart.ts",
        "bench/compare/generate.ts",
        "bench/validate_bench.ts",
      ]
    ) {
      const help = await tool(file, ["--help"], cwd);
      assert.equal(help.code, 0, `${file}: ${help.stderr}`);
      assert.match(help.stdout, /^usage: deno (task|run) /, file);
      const bad = await tool(file, ["--nope"], cwd);
      assert.equal(bad.code, 2, `${file}: ${bad.stderr}`);
      assert.match(bad.stderr, /usage: deno (task|run) /, file);
      assert.doesNotMatch(bad.stderr, /\n {4}at /, `${file}: a stack trace`);
    }
    assert.deepEqual([...Deno.readDirSync(cwd)], [], "nothing written");
  } finally {
    Deno.removeSync(cwd, { recursive: true });
  }
});

Deno.test("tools: bundle refuses a directory that holds other files than a bundle (it empties it first)", async () => {
  const cwd = Deno.makeTempDirSync();
  try {
    Deno.writeTextFileSync(`${cwd}/precious.txt`, "x");
    const r = await tool("tools/bundle.ts", [cwd], cwd);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /holds files that are not a bundle/);
    assert.equal(Deno.readTextFileSync(`${cwd}/precious.txt`), "x");
  } finally {
    Deno.removeSync(cwd, { recursive: true });
  }
});

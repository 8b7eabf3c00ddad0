import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

function git(dir: string, ...args: string[]): void {
  const out = new Deno.Command("git", {
    args,
    cwd: dir,
    env: {
      GIT_AUTHOR_NAME: "t",
      GIT_AUTHOR_EMAIL: "t@x",
      GIT_COMMITTER_NAME: "t",
      GIT_COMMITTER_EMAIL: "t@x",
    },
    stdout: "null",
    stderr: "piped",
  }).outputSync();
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
}

Deno.test("validate --staged --format json: nothing staged is still a JSON report", async () => {
  const dir = writeTree({ "conf/config.yaml": "a: 1\n" });
  git(dir, "init", "-q");
  git(dir, "add", "-A");
  git(dir, "commit", "-qm", "init");
  const r = await validateIn(dir, ["-d", "conf", "--staged", "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), {
    problems: [],
    errors: 0,
    warnings: 0,
    files: 0,
    compositions: 0,
  });
  const text = await validateIn(dir, ["-d", "conf", "--staged"]);
  assert.equal(text.stdout, "no YAML change staged: nothing to check\n");
});

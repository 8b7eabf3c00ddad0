import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";

// A settings file can name a resolvers module, which strata runs: the search
// for `.strata.yaml` stays within the project.

/** A tree whose parent directory holds a settings file naming a module that leaves a mark. */
function plantAbove(): { dir: string; repo: string; mark: string } {
  const dir = Deno.makeTempDirSync();
  const repo = `${dir}/repo`;
  Deno.mkdirSync(`${repo}/conf`, { recursive: true });
  Deno.writeTextFileSync(`${repo}/conf/config.yaml`, "a: 1\n");
  const mark = `${dir}/MARK`;
  Deno.writeTextFileSync(`${dir}/.strata.yaml`, "resolvers:\n  module: planted.ts\n");
  Deno.writeTextFileSync(
    `${dir}/planted.ts`,
    `Deno.writeTextFileSync(${JSON.stringify(mark)}, "ran");\nexport default {};\n`,
  );
  return { dir, repo, mark };
}

const marked = (mark: string) => {
  try {
    Deno.statSync(mark);
    return true;
  } catch {
    return false;
  }
};

Deno.test("settings: a .strata.yaml above the repository's root is not read", async () => {
  const { dir, repo, mark } = plantAbove();
  // without a repository the parent's file is the project's (the walk goes up)
  let r = await strata(["compose", "-d", "conf"], { cwd: repo });
  assert.equal(r.code, 0, r.stderr);
  assert.ok(marked(mark), "the parent's settings are read outside a repository");
  Deno.removeSync(mark);
  Deno.mkdirSync(`${repo}/.git`);
  for (const cmd of [["compose", "-d", "conf"], ["validate", "-d", "conf"]]) {
    r = await strata(cmd, { cwd: repo });
    assert.equal(r.code, 0, r.stderr);
    assertNoStackTrace(r.stderr);
    assert.ok(!marked(mark), `${cmd[0]} ran a module named above the repository's root`);
  }
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("settings: a .strata.yaml in a directory anyone may write to (/tmp) is not read", async () => {
  const { dir, repo, mark } = plantAbove();
  Deno.chmodSync(dir, 0o777);
  const r = await strata(["compose", "-d", "conf"], { cwd: repo });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, "a: 1\n");
  assert.ok(!marked(mark), "a module named in a world-writable directory ran");
  Deno.chmodSync(dir, 0o700);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("settings found above the working directory, no git repository on the way: a note names the file; inside a repository, none (checker v43)", async () => {
  const dir = await Deno.makeTempDir();
  try {
    Deno.writeTextFileSync(`${dir}/.strata.yaml`, "config_name: app\n");
    Deno.mkdirSync(`${dir}/sub/conf`, { recursive: true });
    Deno.writeTextFileSync(`${dir}/sub/conf/app.yaml`, "a: 1\n");
    const r = await strata(["compose"], { cwd: `${dir}/sub` });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "a: 1\n");
    assert.equal(
      r.stderr,
      "note: settings from ../.strata.yaml, found above the working directory (no git " +
        "repository bounds the search for .strata.yaml)\n",
    );
    // in the directory itself: no note
    Deno.mkdirSync(`${dir}/conf`);
    Deno.writeTextFileSync(`${dir}/conf/app.yaml`, "a: 2\n");
    const here = await strata(["compose"], { cwd: dir });
    assert.equal(here.stderr, "");
    // a repository's root above: the usual layout, no note
    Deno.mkdirSync(`${dir}/.git`);
    const repo = await strata(["compose"], { cwd: `${dir}/sub` });
    assert.equal(repo.code, 0, repo.stderr);
    assert.equal(repo.stderr, "");
    // settings in a sub-directory of the repository (a monorepo's ml/.strata.yaml), read from
    // below them: the project's own, no note (checker w62 #2)
    Deno.mkdirSync(`${dir}/sub/ml/deep`, { recursive: true });
    Deno.writeTextFileSync(`${dir}/sub/ml/.strata.yaml`, "config_name: app\nconfig_dir: conf\n");
    Deno.mkdirSync(`${dir}/sub/ml/conf`);
    Deno.writeTextFileSync(`${dir}/sub/ml/conf/app.yaml`, "a: 3\n");
    const nested = await strata(["compose"], { cwd: `${dir}/sub/ml/deep` });
    assert.equal(nested.code, 0, nested.stderr);
    assert.equal(nested.stdout, "a: 3\n");
    assert.equal(nested.stderr, "");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { validateIn, writeTree } from "./_tree.ts";

// BenchMARL's task/customenv/info_relay.yaml links to a file outside the checkout that is not
// there. Hydra lists options with os.path.isfile, False for a dangling link: no option at all.
function treeWithBrokenLink(): string {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - db: mysql\n  - _self_\n",
    "conf/db/mysql.yaml": "port: 3306\n",
    "conf/db/pg.yaml": "port: 5432\n",
  });
  Deno.symlinkSync("../../missing/relay.yaml", `${dir}/conf/db/relay.yaml`);
  return dir;
}

Deno.test("validate: a dangling symlink is a warning naming its target, in a full run only", async () => {
  const dir = treeWithBrokenLink();
  const all = await validateIn(dir, ["-d", "conf"]);
  assert.equal(all.code, 0, all.stdout + all.stderr);
  assert.deepEqual(all.lines, [
    "conf/db/relay.yaml: warning: broken symlink -> ../../missing/relay.yaml: Hydra lists no such option",
    "1 warning in 3 files, 2 compositions",
  ]);
  // pre-commit on a file that does not read it: nothing about it
  const one = await validateIn(dir, ["-d", "conf", "conf/db/pg.yaml"]);
  assert.equal(one.code, 0, one.stdout + one.stderr);
  assert.deepEqual(one.lines, ["no problems in 1 file, 1 composition"]);
  // the link itself given (pre-commit passes a staged link): its warning, not "not found" (exit 2)
  const link = await validateIn(dir, ["-d", "conf", "conf/db/relay.yaml"]);
  assert.equal(link.code, 0, link.stdout + link.stderr);
  assert.deepEqual(link.lines, [
    "conf/db/relay.yaml: warning: broken symlink -> ../../missing/relay.yaml: Hydra lists no such option",
    // the link given was checked and said: counted, as a .yml given is (checker w37)
    "1 warning in 1 file, 0 compositions",
  ]);
  assert.equal(link.stderr, "");
});

Deno.test("compose: a dangling symlink is no option of its group, as in Hydra", async () => {
  const dir = treeWithBrokenLink();
  const r = await strata(["compose", "-d", "conf", "db=relay"], { cwd: dir });
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stderr, /Could not find 'db\/relay'/);
  const listed = (r.stderr.split("Available options")[1] ?? "").split("Config search path")[0];
  assert.doesNotMatch(listed, /relay/);
  const ok = await strata(["compose", "-d", "conf", "db=pg"], { cwd: dir });
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(ok.stdout, "db:\n  port: 5432\n");
});

Deno.test("validate FILE: a symlink in a loop given (pre-commit passes it) is the tree's located error, exit 1, not bad usage (checker x52 #3)", async () => {
  const dir = writeTree({ "conf/config.yaml": "a: 1\n" });
  Deno.symlinkSync("y.yaml", `${dir}/conf/x.yaml`);
  Deno.symlinkSync("x.yaml", `${dir}/conf/y.yaml`);
  for (const args of [["conf/x.yaml"], []]) {
    const r = await validateIn(dir, ["-d", "conf", ...args]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /^conf\/x\.yaml: error: cannot read: a symlink loop$/m);
    const json = await validateIn(dir, ["-d", "conf", "-f", "json", ...args]);
    assert.equal(json.code, 1, json.stdout + json.stderr);
    assert.ok(JSON.parse(json.stdout).errors >= 1);
  }
});

Deno.test("compose: an option whose file is a broken link or a link loop is not found, as in Hydra, and says why (checker w61 #4)", async () => {
  const dir = treeWithBrokenLink();
  Deno.symlinkSync("loop2.yaml", `${dir}/conf/db/loop1.yaml`);
  Deno.symlinkSync("loop1.yaml", `${dir}/conf/db/loop2.yaml`);
  try {
    const broken = await strata(["compose", "-d", "conf", "db=relay"], { cwd: dir });
    assert.equal(broken.code, 1);
    assert.match(broken.stderr, /Could not find 'db\/relay'/);
    assert.match(
      broken.stderr,
      /\n {4}conf\/db\/relay\.yaml is a broken symlink -> \.\.\/\.\.\/missing\/relay\.yaml: Hydra lists no such option\n/,
    );
    const loop = await strata(["compose", "-d", "conf", "db=loop1"], { cwd: dir });
    assert.equal(loop.code, 1);
    assert.match(
      loop.stderr,
      /\n {4}conf\/db\/loop1\.yaml is a symlink -> loop2\.yaml that cannot be read \([^)]+\): Hydra lists no such option\n/,
    );
    // an option that is not there at all: no such line
    const none = await strata(["compose", "-d", "conf", "db=nope"], { cwd: dir });
    assert.equal(none.code, 1);
    assert.doesNotMatch(none.stderr, /Hydra lists no such option/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";
import { strata } from "./_cli.ts";

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

/** A tree written to a new git repository and committed ("init"). */
function committedTree(files: Record<string, string>): string {
  const dir = writeTree(files);
  git(dir, "init", "-q");
  git(dir, "add", "-A");
  git(dir, "commit", "-qm", "init");
  return dir;
}

Deno.test("validate --staged --format json: nothing staged is still a JSON report", async () => {
  const dir = committedTree({ "conf/config.yaml": "a: 1\n" });
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

Deno.test("validate --staged: a staged change to the resolvers module .strata.yaml names checks the whole tree", async () => {
  const dir = committedTree({
    ".strata.yaml": "config_dir: conf\nresolvers:\n  module: tools/res.ts\n",
    "tools/res.ts": "export default { mul: (args: number[]) => args[0] * args[1] };\n",
    "conf/config.yaml": "steps: ${mul:2,3}\n",
    "conf/_schema/config.schema.yaml": "properties:\n  steps: {type: integer, maximum: 50}\n",
  });
  let r = await validateIn(dir, ["--staged"]);
  assert.equal(r.stdout, "no YAML change staged: nothing to check\n");
  // the module alone changes: every value it computes may change
  Deno.writeTextFileSync(
    `${dir}/tools/res.ts`,
    "export default { mul: (args: number[]) => args[0] * args[1] * 100 };\n",
  );
  git(dir, "add", "-A");
  r = await validateIn(dir, ["--staged"]);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /conf\/config\.yaml:1:8: error: must be <= 50/);
  // another file that is no YAML (a README) checks nothing, as before
  git(dir, "commit", "-qm", "module");
  Deno.writeTextFileSync(`${dir}/README.md`, "x\n");
  git(dir, "add", "-A");
  r = await validateIn(dir, ["--staged"]);
  assert.equal(r.stdout, "no YAML change staged: nothing to check\n");
});

Deno.test("validate --staged outside a git repository says it checks the whole tree", async () => {
  const dir = writeTree({ "conf/config.yaml": "a: 1\n" });
  // a temp dir is in no repository (unless TMPDIR is inside one: then there is nothing to check)
  const inRepo = new Deno.Command("git", { args: ["rev-parse"], cwd: dir, stderr: "null" })
    .outputSync().success;
  if (inRepo) return;
  const r = await validateIn(dir, ["--staged"]);
  assert.equal(r.code, 0);
  assert.equal(
    r.stderr,
    "note: --staged: not in a git repository (or no git): validating the whole tree\n",
  );
  assert.equal(r.stdout, "no problems in 1 file, 1 composition\n");
  // and does, with the files pre-commit would pass too (another file's break is found)
  Deno.writeTextFileSync(`${dir}/conf/other.yaml`, "b: ${nope}\n");
  Deno.writeTextFileSync(`${dir}/conf/given.yaml`, "c: 1\n");
  const files = await validateIn(dir, ["--staged", "conf/given.yaml"]);
  assert.equal(files.code, 1, files.stdout);
  assert.match(files.stdout, /conf\/other\.yaml:1:4: error: Interpolation key 'nope' not found/);
});

Deno.test("validate --staged: a commit with nothing to check runs no resolvers module", async () => {
  // the hook runs on every commit: the module .strata.yaml names was imported, its code run,
  // even when strata then said "nothing to check"
  const dir = committedTree({
    ".strata.yaml": "config_dir: conf\nresolvers:\n  module: tools/res.ts\n",
    "tools/res.ts": 'Deno.writeTextFileSync(new URL("../ran", import.meta.url), "x");\n' +
      "export default { f: () => 1 };\n",
    "conf/config.yaml": "a: ${f:}\n",
    "README.md": "x\n",
  });
  Deno.writeTextFileSync(`${dir}/README.md`, "y\n");
  git(dir, "add", "README.md");
  const r = await validateIn(dir, ["--staged"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, "no YAML change staged: nothing to check\n");
  assert.throws(() => Deno.statSync(`${dir}/ran`), "the module was not imported");
});

Deno.test("validate --staged in a plain git hook: a file with changes not staged is checked as staged (what the commit holds), and noted", async () => {
  const dir = committedTree({
    "conf/config.yaml": "batch: 32\n",
    "conf/_schema/config.schema.yaml": "properties:\n  batch: {type: integer, multipleOf: 8}\n",
  });
  // 30 staged, the working copy back at 32: pre-commit would stash the 32 first
  Deno.writeTextFileSync(`${dir}/conf/config.yaml`, "batch: 30\n");
  git(dir, "add", "-A");
  Deno.writeTextFileSync(`${dir}/conf/config.yaml`, "batch: 32\n");
  const r = await validateIn(dir, ["-d", "conf", "--staged", "conf/config.yaml"]);
  assert.match(
    r.stderr,
    /^note: --staged: conf\/config\.yaml has changes not staged: checked as staged \(what the commit holds\), not as in the working tree$/m,
  );
  // the staged 30 fails the schema, as the commit would (checker w42: the disk's 32 passed)
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /^conf\/config\.yaml:1:8: error: .*multiple of 8/m);
  // the other way round: 32 staged, a broken working copy (not even YAML) is not the commit's
  Deno.writeTextFileSync(`${dir}/conf/config.yaml`, "batch: 32\n");
  git(dir, "add", "-A");
  Deno.writeTextFileSync(`${dir}/conf/config.yaml`, "batch: [30\n");
  const good = await validateIn(dir, ["-d", "conf", "--staged", "conf/config.yaml"]);
  assert.equal(good.code, 0, good.stdout + good.stderr);
  // deleted from the working tree only: the commit still holds it
  Deno.removeSync(`${dir}/conf/config.yaml`);
  const gone = await validateIn(dir, ["-d", "conf", "--staged", "conf/config.yaml"]);
  assert.equal(gone.code, 0, gone.stdout + gone.stderr);
  Deno.writeTextFileSync(`${dir}/conf/config.yaml`, "batch: 32\n");
  // all staged: no note; nor for a YAML file outside the tree (a CI workflow) changed, not staged
  git(dir, "add", "-A");
  Deno.writeTextFileSync(`${dir}/ci.yaml`, "on: push\n");
  git(dir, "add", "ci.yaml");
  Deno.writeTextFileSync(`${dir}/ci.yaml`, "on: pull_request\n");
  const clean = await validateIn(dir, ["-d", "conf", "--staged", "conf/config.yaml"]);
  assert.doesNotMatch(clean.stderr, /not staged/);
});

Deno.test("validate --staged in a plain git hook: a group option staged broken and deleted from the working tree is checked as the commit holds it (checker w56 #1)", async () => {
  const dir = committedTree({
    "conf/config.yaml": "defaults:\n  - optimizer: adamw\n  - _self_\nname: x\n",
    "conf/optimizer/adamw.yaml": "lr: 0.001\n",
    "conf/optimizer/sgd.yaml": "lr: 0.1\n",
    "conf/_schema/optimizer.schema.yaml": "properties:\n  lr: {type: number}\n",
  });
  Deno.writeTextFileSync(`${dir}/conf/optimizer/adamw.yaml`, "lr: fast\n");
  git(dir, "add", "-A");
  Deno.removeSync(`${dir}/conf/optimizer/adamw.yaml`); // git status: MD
  for (const args of [["--staged"], ["--staged", "conf/optimizer/adamw.yaml"]]) {
    const r = await validateIn(dir, ["-d", "conf", ...args]);
    assert.equal(r.code, 1, `${args}: ${r.stdout}${r.stderr}`);
    assert.match(r.stdout, /^conf\/optimizer\/adamw\.yaml:1:5: error: must be number/m);
    assert.doesNotMatch(r.stderr, /not a config file|nothing checked/);
  }
  // a new option added, then deleted from the working tree (AD): the commit adds it
  git(dir, "checkout", "--", "conf/optimizer/adamw.yaml");
  Deno.writeTextFileSync(`${dir}/conf/optimizer/adam.yaml`, "lr: slow\n");
  git(dir, "add", "-A");
  Deno.removeSync(`${dir}/conf/optimizer/adam.yaml`);
  const added = await validateIn(dir, ["-d", "conf", "--staged"]);
  assert.equal(added.code, 1, added.stdout + added.stderr);
  assert.match(added.stdout, /^conf\/optimizer\/adam\.yaml:1:5: error: must be number/m);
});

Deno.test("validate --staged in a plain git hook: .strata.yaml is read as staged too (checker x52 #1)", async () => {
  const dir = committedTree({
    ".strata.yaml": "config_dir: conf\nsearch_path: [extra]\n",
    "conf/config.yaml": "defaults:\n  - db: pg\n  - _self_\nname: x\n",
    "extra/db/pg.yaml": "host: pg.local\n",
  });
  // staged: the search path dropped (the commit breaks); the working copy keeps it
  Deno.writeTextFileSync(`${dir}/.strata.yaml`, "config_dir: conf\n");
  git(dir, "add", "-A");
  Deno.writeTextFileSync(`${dir}/.strata.yaml`, "config_dir: conf\nsearch_path: [extra]\n");
  const bad = await validateIn(dir, ["--staged"]);
  assert.equal(bad.code, 1, bad.stdout + bad.stderr);
  assert.match(bad.stdout, /Could not find 'db\/pg'/);
  assert.match(
    bad.stderr,
    /^note: --staged: \.strata\.yaml has changes not staged: read as staged/m,
  );
  // the other way round: a good change staged, the working copy broken: the commit is good
  Deno.writeTextFileSync(`${dir}/.strata.yaml`, "config_dir: conf\nsearch_path: [extra] # db\n");
  git(dir, "add", "-A");
  Deno.writeTextFileSync(`${dir}/.strata.yaml`, "config_dir: conf\n");
  const good = await validateIn(dir, ["--staged"]);
  assert.equal(good.code, 0, good.stdout + good.stderr);
  assert.doesNotMatch(good.stdout, /nothing to check/);
  assert.match(good.stderr, /^note: --staged: \.strata\.yaml has changes not staged/m);
});

Deno.test("validate --staged: an untracked config is not in the commit, so read as absent (forgot git add, git rm --cached)", async () => {
  const dir = committedTree({
    "conf/config.yaml": "defaults:\n  - algo: a\n  - _self_\n",
    "conf/algo/a.yaml": "name: a\n",
    "conf/algo/droq.yaml": "name: droq\n",
    "conf/exp/droq.yaml": "# @package _global_\ndefaults:\n  - override /algo: droq\n",
  });
  // sheeprl: a new algo and its experiment, the experiment alone staged
  Deno.writeTextFileSync(`${dir}/conf/algo/td3.yaml`, "name: td3\n");
  Deno.writeTextFileSync(
    `${dir}/conf/exp/td3.yaml`,
    "# @package _global_\ndefaults:\n  - override /algo: td3\n",
  );
  git(dir, "add", "conf/exp/td3.yaml");
  const r = await validateIn(dir, ["-d", "conf", "--staged", "conf/exp/td3.yaml"]);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(
    r.lines[0],
    /^conf\/exp\/td3\.yaml:3:21: error: In 'config': Could not find 'algo\/td3'/,
  );
  assert.match(
    r.stderr,
    /note: --staged: conf\/algo\/td3\.yaml is not tracked by git, so not in the commit: read as absent/,
  );
  // staged, it passes
  git(dir, "add", "conf/algo/td3.yaml");
  const added = await validateIn(dir, ["-d", "conf", "--staged", "conf/exp/td3.yaml"]);
  assert.equal(added.code, 0, added.stdout + added.stderr);
  git(dir, "commit", "-qm", "td3");
  // the file stays on disk, out of the index: the experiment naming it fails
  git(dir, "rm", "-q", "--cached", "conf/algo/droq.yaml");
  const removed = await validateIn(dir, ["-d", "conf", "--staged"]);
  assert.equal(removed.code, 1, removed.stdout + removed.stderr);
  assert.match(
    removed.lines[0],
    /^conf\/exp\/droq\.yaml:3:21: error: In 'config': Could not find 'algo\/droq'/,
  );
  // said as what it is to the commit, not as a config the app's ConfigStore may hold
  assert.ok(
    removed.lines.includes("    conf/algo/droq.yaml is not tracked by git, so not in the commit"),
    removed.stdout,
  );
  assert.doesNotMatch(removed.stdout, /ConfigStore/);
  // deleted by the commit
  git(dir, "add", "conf/algo/droq.yaml");
  git(dir, "rm", "-q", "conf/algo/droq.yaml");
  const deleted = await validateIn(dir, ["-d", "conf", "--staged"]);
  assert.ok(
    deleted.lines.includes("    conf/algo/droq.yaml is deleted (or renamed) by this commit"),
    deleted.stdout,
  );
});

Deno.test("validate --staged: a commit deleting a group's whole directory says so, not ConfigStore", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - decode: default\n  - _self_\nx: 1\n",
    "conf/decode/default.yaml": "beam: 4\n",
  });
  try {
    git(dir, "init", "-q");
    git(dir, "add", "-A");
    git(dir, "commit", "-qm", "init");
    git(dir, "rm", "-q", "-r", "conf/decode");
    const r = await validateIn(dir, ["-d", "conf", "--staged"]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.ok(
      r.lines.includes("    conf/decode/default.yaml is deleted (or renamed) by this commit"),
      r.stdout,
    );
    assert.doesNotMatch(r.stdout, /ConfigStore/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate --staged: a config git ignores (conf/local/) is not in the commit either (checker x20)", async () => {
  const dir = committedTree({
    ".gitignore": "conf/local/\noutputs/\n",
    "conf/config.yaml": "defaults:\n  - _self_\nbs: 1\n",
    "conf/local/default.yaml": "bs: 8\n",
    "outputs/run/.hydra/config.yaml": "bs: 8\n",
  });
  // the commit makes config.yaml choose the ignored option: a fresh clone fails on it
  Deno.writeTextFileSync(
    `${dir}/conf/config.yaml`,
    "defaults:\n  - local: default\n  - _self_\nbs: 1\n",
  );
  git(dir, "add", "conf/config.yaml");
  const r = await validateIn(dir, ["-d", "conf", "--staged", "conf/config.yaml"]);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /Could not find 'local\/default'/);
  assert.match(r.stderr, /note: --staged: conf\/local\/default\.yaml is not tracked by git/);
  assert.doesNotMatch(r.stderr, /outputs/);
  // without --staged the working tree is read: it composes
  const tree = await validateIn(dir, ["-d", "conf", "conf/config.yaml"]);
  assert.equal(tree.code, 0, tree.stdout + tree.stderr);
});

Deno.test("validate --staged on a range of commits with no YAML change says the range, not 'staged'", async () => {
  // pre-commit's --from-ref/--to-ref (CI), where nothing is staged (checker w42)
  const dir = committedTree({ "conf/config.yaml": "a: 1\n", "README.md": "x\n" });
  Deno.writeTextFileSync(`${dir}/README.md`, "y\n");
  git(dir, "commit", "-qam", "docs");
  const r = await strata(["validate", "-d", "conf", "--staged"], {
    cwd: dir,
    env: { PRE_COMMIT_FROM_REF: "HEAD~1", PRE_COMMIT_TO_REF: "HEAD" },
  });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, "no YAML change from HEAD~1 to HEAD: nothing to check\n");
  // a ref git does not know is said as such, not as "not in a git repository" (checker x52 #5)
  const typo = await strata(["validate", "-d", "conf", "--staged"], {
    cwd: dir,
    env: { PRE_COMMIT_FROM_REF: "nosuchref", PRE_COMMIT_TO_REF: "HEAD" },
  });
  assert.equal(typo.code, 0, typo.stderr);
  assert.match(
    typo.stderr,
    /^note: --staged: git cannot compare nosuchref with HEAD \(PRE_COMMIT_FROM_REF, PRE_COMMIT_TO_REF\): validating the whole tree$/m,
  );
});

Deno.test("validate --staged on a range from another checkout says its files are the working tree's (checkers x52 #2, v64 #2)", async () => {
  const dir = committedTree({ "conf/config.yaml": "a: 1\nb: ${a}\n" });
  // the range's last commit breaks b; the working tree goes back to the clean commit
  Deno.writeTextFileSync(`${dir}/conf/config.yaml`, "a: 1\nb: ${nope}\n");
  git(dir, "commit", "-qam", "break");
  git(dir, "checkout", "-q", "HEAD~1");
  const env = { PRE_COMMIT_FROM_REF: "HEAD", PRE_COMMIT_TO_REF: "main" };
  git(dir, "branch", "-f", "main", "HEAD@{1}");
  const r = await strata(["validate", "-d", "conf", "--staged", "conf/config.yaml"], {
    cwd: dir,
    env,
  });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(
    r.stderr,
    /^note: --staged: the working tree differs from main, where the range ends \(PRE_COMMIT_TO_REF\): its files are what is checked; check out that commit/m,
  );
  // checked out at the range's end: no note, and the break is found
  git(dir, "checkout", "-q", "main");
  const at = await strata(["validate", "-d", "conf", "--staged", "conf/config.yaml"], {
    cwd: dir,
    env,
  });
  assert.equal(at.code, 1, at.stdout + at.stderr);
  assert.doesNotMatch(at.stderr, /working tree differs/);
});

Deno.test("validate --staged with no FILES (a plain git hook) checks the staged YAML files, as pre-commit passes them (checker v54 #3)", async () => {
  const dir = committedTree({
    "conf/config.yaml": "defaults:\n  - db: a\n  - _self_\n",
    "conf/db/a.yaml": "host: a\n",
    "conf/db/b.yaml": "host: b\n",
    "conf/db/c.yaml": "host: c\n",
  });
  Deno.writeTextFileSync(`${dir}/conf/db/b.yaml`, "host: ${nope}\n");
  git(dir, "add", "-A");
  const alone = await validateIn(dir, ["-d", "conf", "--staged"]);
  const given = await validateIn(dir, ["-d", "conf", "--staged", "conf/db/b.yaml"]);
  assert.equal(alone.code, 1, alone.stdout + alone.stderr);
  assert.equal(alone.stdout, given.stdout);
  assert.match(alone.stdout, /^conf\/db\/b\.yaml:1:7: error: Interpolation key 'nope' not found/m);
  // one file, the compositions it is in: not the whole tree's four files
  assert.match(alone.stderr, /in 1 file, 1 composition\n$/);
});

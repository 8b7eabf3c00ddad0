/**
 * The hooks of .pre-commit-hooks.yaml under a real pre-commit: `pre-commit
 * try-repo` on a copy of this checkout (committed to a fresh git repo, so it
 * works from a clone, a worktree or an unpacked tarball), in a temp git repo
 * holding a conf/ tree.
 */
import assert from "node:assert/strict";
import { ROOT } from "./_cli.ts";
import { SMALL_TREE, writeTree } from "./_tree.ts";

const dec = new TextDecoder();

function run(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  const out = new Deno.Command(cmd, { args, cwd, env, stdout: "piped", stderr: "piped" })
    .outputSync();
  return { code: out.code, out: dec.decode(out.stdout) + dec.decode(out.stderr) };
}

function havePreCommit(): boolean {
  try {
    return run("pre-commit", ["--version"], ROOT).code === 0;
  } catch {
    return false;
  }
}

const GIT_ENV = {
  GIT_AUTHOR_NAME: "t",
  GIT_AUTHOR_EMAIL: "t@example.com",
  GIT_COMMITTER_NAME: "t",
  GIT_COMMITTER_EMAIL: "t@example.com",
};

function gitCommitAll(dir: string): void {
  for (const args of [["init", "-q"], ["add", "-A"], ["commit", "-qm", "init"]]) {
    const r = run("git", args, dir, GIT_ENV);
    assert.equal(r.code, 0, r.out);
  }
}

/** The hook repository: the files the hooks need, copied from the checkout and committed. */
function hookRepo(): string {
  const dir = Deno.makeTempDirSync({ prefix: "strata-hook-repo-" });
  const copy = (rel: string) => {
    const st = Deno.statSync(ROOT + rel);
    if (st.isDirectory) {
      Deno.mkdirSync(`${dir}/${rel}`, { recursive: true });
      for (const e of Deno.readDirSync(ROOT + rel)) copy(`${rel}/${e.name}`);
    } else Deno.copyFileSync(ROOT + rel, `${dir}/${rel}`);
  };
  for (
    const rel of [
      ".pre-commit-hooks.yaml",
      "deno.json",
      "deno.lock",
      "cli",
      "core",
      "asm",
      "hooks",
      "tools",
    ]
  ) {
    copy(rel);
  }
  Deno.chmodSync(`${dir}/hooks/strata-validate-deno.sh`, 0o755);
  gitCommitAll(dir);
  return dir;
}

const available = havePreCommit();
if (!available && Deno.env.get("CI") === "true") {
  Deno.test("pre-commit: installed in CI", () => {
    throw new Error("pre-commit is not installed (.ci/run installs it)");
  });
}
if (!available) console.log("skipped: no pre-commit");

/** A temp dir holding `strata` on PATH: a shim that runs this checkout with Deno (what the binary does). */
function hookEnv(): Record<string, string> {
  const bin = Deno.makeTempDirSync({ prefix: "strata-bin-" });
  Deno.writeTextFileSync(
    `${bin}/strata`,
    `#!/bin/sh\nexec "${Deno.execPath()}" run --quiet --config "${ROOT}deno.json" -A "${ROOT}cli/main.ts" "$@"\n`,
  );
  Deno.chmodSync(`${bin}/strata`, 0o755);
  return {
    ...GIT_ENV,
    PATH: `${bin}:${Deno.execPath().replace(/\/[^/]*$/, "")}:${Deno.env.get("PATH")}`,
    PRE_COMMIT_HOME: Deno.makeTempDirSync({ prefix: "strata-pre-commit-home-" }),
    NO_COLOR: "1",
  };
}

for (const hook of ["strata-validate", "strata-validate-deno"]) {
  Deno.test({
    name: `pre-commit: ${hook} on a commit that deletes an option the tree still names fails; ` +
      "a commit with no YAML change passes",
    ignore: !available,
    fn: () => {
      const repo = hookRepo();
      const work = writeTree(SMALL_TREE);
      gitCommitAll(work);
      const env = hookEnv();
      // staged files only (no --all-files): what `git commit` runs
      const tryRepo = () =>
        run("pre-commit", ["try-repo", repo, hook, "--color", "never"], work, env);

      // conf/config.yaml's defaults list still names db: mysql
      run("git", ["rm", "-q", "conf/db/mysql.yaml"], work, GIT_ENV);
      const bad = tryRepo();
      assert.notEqual(bad.code, 0, bad.out);
      assert.match(bad.out, /Could not find 'db\/mysql'/);

      run("git", ["reset", "-q", "--hard"], work, GIT_ENV);
      Deno.writeTextFileSync(`${work}/README.md`, "notes\n");
      run("git", ["add", "-A"], work, GIT_ENV);
      const good = tryRepo();
      assert.equal(good.code, 0, good.out);
      assert.match(good.out, /Passed/);
    },
  });
}

for (const hook of ["strata-validate", "strata-validate-deno"]) {
  Deno.test({
    name: `pre-commit: ${hook} fails on a planted error naming file and line, passes once fixed`,
    ignore: !available,
    fn: () => {
      const repo = hookRepo();
      const work = writeTree(SMALL_TREE);
      gitCommitAll(work);
      const env = hookEnv();
      const tryRepo = () =>
        run("pre-commit", ["try-repo", repo, hook, "--all-files", "--color", "never"], work, env);

      Deno.writeTextFileSync(`${work}/conf/db/postgres.yaml`, "host: pg.local\nport: ${db.prot}\n");
      run("git", ["add", "-A"], work, GIT_ENV);
      const bad = tryRepo();
      assert.notEqual(bad.code, 0, bad.out);
      assert.match(bad.out, /Failed/);
      assert.match(
        bad.out,
        /conf\/db\/postgres\.yaml:2:7: error: Interpolation key 'db\.prot' not found/,
      );

      Deno.writeTextFileSync(`${work}/conf/db/postgres.yaml`, "host: pg.local\nport: 5432\n");
      run("git", ["add", "-A"], work, GIT_ENV);
      const good = tryRepo();
      assert.equal(good.code, 0, good.out);
      assert.match(good.out, /Passed/);
    },
  });
}

Deno.test({
  name:
    "pre-commit: a config staged as .yml (which Hydra never reads) reaches the hook, which warns",
  ignore: !available,
  fn: () => {
    const repo = hookRepo();
    const work = writeTree(SMALL_TREE);
    gitCommitAll(work);
    const env = hookEnv();
    Deno.writeTextFileSync(`${work}/conf/db/sqlite.yml`, "host: local\n");
    run("git", ["add", "-A"], work, GIT_ENV);
    const r = run(
      "pre-commit",
      ["try-repo", repo, "strata-validate", "--verbose", "--color", "never"],
      work,
      env,
    );
    assert.equal(r.code, 0, r.out); // a warning: the commit goes on
    assert.match(
      r.out,
      /conf\/db\/sqlite\.yml: warning: not listed by Hydra.*Did you mean 'sqlite\.yaml'\?/,
    );
  },
});

Deno.test({
  name: "pre-commit: on a range of commits (CI's --from-ref/--to-ref) a commit that deletes an " +
    "option the tree still names fails, as on the commit itself (checker w25)",
  ignore: !available,
  fn: () => {
    const repo = hookRepo();
    const work = writeTree(SMALL_TREE);
    gitCommitAll(work);
    const env = hookEnv();
    run("git", ["rm", "-q", "conf/db/mysql.yaml"], work, GIT_ENV);
    run("git", ["commit", "-qm", "drop", "--no-verify"], work, GIT_ENV);
    // nothing staged now: the range is what the hook checks
    const r = run(
      "pre-commit",
      [
        "try-repo",
        repo,
        "strata-validate",
        "--from-ref",
        "HEAD~1",
        "--to-ref",
        "HEAD",
        "--color",
        "never",
      ],
      work,
      env,
    );
    assert.notEqual(r.code, 0, r.out);
    assert.match(r.out, /Could not find 'db\/mysql'/);
    assert.match(r.out, /conf\/db\/mysql\.yaml is deleted \(or renamed\) by the commits checked/);
    // a range that changes no config passes
    Deno.writeTextFileSync(`${work}/README.md`, "notes\n");
    run("git", ["add", "-A"], work, GIT_ENV);
    run("git", ["commit", "-qm", "notes", "--no-verify"], work, GIT_ENV);
    const fine = run(
      "pre-commit",
      ["try-repo", repo, "strata-validate", "--from-ref", "HEAD~1", "--to-ref", "HEAD"],
      work,
      env,
    );
    assert.match(fine.out, /Passed|Skipped/, fine.out);
  },
});

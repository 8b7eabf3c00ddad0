/**
 * `validate -f github` names files relative to the repository's root, as
 * GitHub matches an annotation's `file=` (checker w42: run from a
 * sub-directory, `file=../train.yaml` matched nothing): `GITHUB_WORKSPACE`
 * when set, else git's top level; a file outside it keeps its path.
 */
import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("validate -f github: file= is relative to the repository root, not to where strata runs", async () => {
  const dir = writeTree({
    "proj/conf/config.yaml": "a: ${nope}\n",
    "proj/tools/README": "x\n",
  });
  try {
    const git = new Deno.Command("git", { args: ["init", "-q"], cwd: `${dir}/proj` }).outputSync();
    assert.ok(git.success);
    const run = (env: Record<string, string>) =>
      strata(["validate", "-d", "../conf", "-n", "config", "-f", "github"], {
        cwd: `${dir}/proj/tools`,
        env,
      });
    const inGit = await run({ GITHUB_WORKSPACE: "" });
    assert.equal(inGit.code, 1, inGit.stderr);
    assert.match(inGit.stdout, /^::error file=conf\/config\.yaml,line=1,col=4,/m);
    // GitHub's workspace wins (the repository checked out there)
    const ws = await run({ GITHUB_WORKSPACE: dir });
    assert.match(ws.stdout, /^::error file=proj\/conf\/config\.yaml,line=1,col=4,/m);
    // a workspace the file is not under: the path as strata names it
    const outside = await run({ GITHUB_WORKSPACE: `${dir}/proj/tools` });
    assert.match(outside.stdout, /^::error file=\.\.\/conf\/config\.yaml,line=1,col=4,/m);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

// range-view-3d-detection's CI: the action's `args: --override 'dataset=glob(*)'` reaches strata
// with its quotes, bad usage, and the pull request showed nothing of it (checker w62 #4)
Deno.test("validate -f github: bad usage and a settings file that does not read are annotations too", async () => {
  const dir = writeTree({ "conf/config.yaml": "a: 1\n" });
  try {
    const usage = await strata(
      ["validate", "-d", "conf", "-f", "github", "--override", "'dataset=glob(*)'"],
      { cwd: dir },
    );
    assert.equal(usage.code, 2, usage.stderr);
    assert.match(
      usage.stdout,
      /^::error title=strata validate::override #1 ''dataset=glob\(\*\)'': Error parsing override/,
    );
    assert.match(usage.stderr, /^override #1/);
    Deno.writeTextFileSync(`${dir}/.strata.yaml`, "config_dri: conf\nconfig_name: 3\n");
    const settings = await strata(["validate", "-f", "github"], { cwd: dir });
    assert.notEqual(settings.code, 0);
    assert.match(
      settings.stdout,
      /::error file=\.strata\.yaml,line=\d+,col=\d+,title=strata validate::/,
    );
    // a clean tree: no annotation
    Deno.removeSync(`${dir}/.strata.yaml`);
    const clean = await strata(["validate", "-d", "conf", "-f", "github"], { cwd: dir });
    assert.equal(clean.code, 0, clean.stderr);
    assert.doesNotMatch(clean.stdout, /::error/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

/**
 * `+task=umi` where the defaults list already chooses `task` after `_self_` (diffusion_policy /
 * universal_manipulation_interface's workspaces): Hydra's "task appears more than once in the
 * final defaults list", with the entry that chooses it and the override that changes the choice,
 * as "Multiple values for" says it.
 */
import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("compose: +group=option on a group the defaults list chooses says to drop the '+'", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - _self_\n  - task: umi\n\nname: x\n",
    "conf/task/umi.yaml": "v: 1\n",
    "conf/task/lift.yaml": "v: 2\n",
  });
  try {
    // (the same option as the list's: Hydra's "appears more than once"; another is its "Multiple
    // values for task", which says the same)
    const r = await strata(["compose", "-d", "conf", "+task=umi"], { cwd: dir });
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      "override #1 '+task=umi': task appears more than once in the final defaults list\n" +
        "    conf/config.yaml:3:11: the defaults list already has 'task: umi'\n" +
        "    to change its choice, drop the '+': task=umi\n",
    );
    const fixed = await strata(["compose", "-d", "conf", "task=lift"], { cwd: dir });
    assert.equal(fixed.code, 0, fixed.stderr);
    assert.match(fixed.stdout, /^name: x\ntask:\n {2}v: 2\n$/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("compose: the '+' hint keeps the entry's package (task@_global_=x), which is its override key", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - task@_global_: walk\n  - _self_\n",
    "conf/task/walk.yaml": "v: 1\n",
    "conf/task/run.yaml": "v: 2\n",
  });
  try {
    for (const option of ["run", "walk"]) { // Hydra's "Multiple values for", "appears more than once"
      const r = await strata(["compose", "-d", "conf", `+task@_global_=${option}`], { cwd: dir });
      assert.equal(r.code, 1);
      assert.match(r.stderr, new RegExp(`drop the '\\+': task@_global_=${option}\\n$`));
    }
    const fixed = await strata(["compose", "-d", "conf", "task@_global_=run"], { cwd: dir });
    assert.equal(fixed.code, 0, fixed.stderr);
    assert.equal(fixed.stdout, "v: 2\n");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("compose: the '+' hint gives the option the '+' override adds, not the one another override chose", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - _self_\n  - experiment: a\n",
    "conf/experiment/a.yaml": "v: 1\n",
    "conf/experiment/b.yaml": "v: 2\n",
    "conf/experiment/c.yaml": "v: 3\n",
  });
  try {
    // `experiment=b` changes the choice of the entry `+experiment=c` adds too: both are 'b' when
    // Hydra finds the duplicate, but dropping the '+' must keep the user's 'c'
    for (const args of [["experiment=b", "+experiment=c"], ["+experiment=c", "experiment=b"]]) {
      const r = await strata(["compose", "-d", "conf", ...args], { cwd: dir });
      assert.equal(r.code, 1);
      assert.match(
        r.stderr,
        /already has 'experiment: b'\n {4}to change its choice, drop the '\+': experiment=c\n$/,
      );
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

/**
 * An interpolation reached through others fails at the key asked for, as OmegaConf names it, and
 * says where the text to fix is: the innermost interpolation that failed, in a file or an
 * override (YOLO's `cpu_num=${lucky_numbr}`, read by `task.data.cpu_num: ${cpu_num}`).
 *
 * @module
 */
import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

Deno.test("compose --resolve: a failure reached through interpolations names where it fails", async () => {
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - task: v\n  - _self_\ncpu_num: 4\nlucky_number: 7\n",
    "conf/task/v.yaml": "data:\n  cpu_num: ${cpu_num}\n",
    "conf/task/w.yaml": "data:\n  cpu_num: ${task.cpu_num}\ncpu_num: ${lucky_numbr}\n",
    "conf/cycle.yaml": "a: ${b}\nb: ${a}\n",
  });
  const related = (stderr: string) => stderr.split("\n").filter((l) => l.startsWith("    "));
  const byOverride = await strata(["compose", "cpu_num=${lucky_numbr}", "--resolve"], { cwd: dir });
  assert.equal(byOverride.code, 1);
  assertNoStackTrace(byOverride.stderr);
  assert.match(
    byOverride.stderr,
    /^conf\/task\/v\.yaml:2:12: Interpolation key 'lucky_numbr' not found\n/,
  );
  assert.deepEqual(related(byOverride.stderr), [
    "    full key: task.data.cpu_num",
    "    Did you mean 'lucky_number'?",
    "    override #1 'cpu_num=${lucky_numbr}': where it fails: cpu_num: ${lucky_numbr}",
  ]);
  const inFile = await strata(["compose", "task=w", "--resolve"], { cwd: dir });
  assert.equal(inFile.code, 1);
  assert.deepEqual(related(inFile.stderr), [
    "    full key: task.data.cpu_num",
    "    Did you mean 'lucky_number'?",
    "    conf/task/w.yaml:3:10: where it fails: task.cpu_num: ${lucky_numbr}",
  ]);
  // a cycle's members are its related lines already
  const cycle = await strata(["compose", "-n", "cycle", "--resolve"], { cwd: dir });
  assert.equal(cycle.code, 1);
  assert.ok(!cycle.stderr.includes("where it fails"), cycle.stderr);
  Deno.removeSync(dir, { recursive: true });
});

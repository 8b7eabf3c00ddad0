/**
 * A run dir whose Hydra files are in a sub-directory of another name (navsim's
 * `hydra.output_subdir: ${output_dir}/code/hydra`) is read from there; a directory holding
 * several runs' files says which, and one holding none is still no run dir (exit 2).
 *
 * @module
 */
import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("diff: a run dir with its Hydra files in code/hydra is read from there", async () => {
  const dir = await writeTree({
    "conf/config.yaml": "seed: 1\nhydra:\n  output_subdir: code/hydra\n",
  });
  for (const [name, seed] of [["a", "1"], ["b", "2"]]) {
    const r = await strata([
      "run",
      "-q",
      `hydra.run.dir=runs/${name}`,
      `seed=${seed}`,
      "--",
      "true",
    ], {
      cwd: dir,
    });
    assert.equal(r.code, 0, r.stderr);
  }
  assert.ok(Deno.statSync(`${dir}/runs/a/code/hydra/hydra.yaml`).isFile);
  const r = await strata(["diff", "runs/a", "runs/b"], { cwd: dir });
  assert.equal(r.code, 1, r.stderr);
  assertNoStackTrace(r.stderr);
  assert.match(r.stdout, /^~ seed: 1 -> 2/m);
  assert.match(r.stdout, /override seed=2/);
  // the parent of both runs holds two: named, exit 2
  const both = await strata(["diff", "runs", "runs/b"], { cwd: dir });
  assert.equal(both.code, 2);
  assertNoStackTrace(both.stderr);
  assert.match(
    both.stderr,
    /'runs' holds Hydra's files in 2 directories \('runs\/a\/code\/hydra', 'runs\/b\/code\/hydra'\)/,
  );
  Deno.mkdirSync(`${dir}/empty/x`, { recursive: true });
  const none = await strata(["diff", "empty", "runs/b"], { cwd: dir });
  assert.equal(none.code, 2);
  assert.match(none.stderr, /'empty' is not a run directory/);
});

/**
 * A resolver of the project's (`--resolvers`) runs once per value of each job's config: `run`,
 * `run -m` (each job planned ahead and resolved when it starts) and `run --job-index` (checkers
 * w52 #2, x51 #2: twice or more before).
 *
 * @module
 */

import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

const TREE = {
  "conf/config.yaml": "a: ${cnt:a}\nb: ${cnt:b}\nlr: 1\nhydra:\n  sweep:\n    dir: sw\n",
  // each call appends a line to calls.txt (the run's cwd)
  "r.ts": 'export default { cnt: (args: unknown[]) => { Deno.writeTextFileSync("calls.txt", ' +
    'String(args[0]) + "\\n", { append: true }); return 1; } };\n',
};

Deno.test("run: a project resolver runs once per value of each job", async () => {
  const dir = writeTree(TREE);
  try {
    const calls = async (args: string[]) => {
      try {
        Deno.removeSync(`${dir}/calls.txt`);
      } catch { /* none yet */ }
      const r = await strata(["run", "-q", "-d", "conf", "--resolvers", "r.ts", ...args], {
        cwd: dir,
      });
      assert.equal(r.code, 0, r.stderr);
      return Deno.readTextFileSync(`${dir}/calls.txt`).trim().split("\n").sort();
    };
    assert.deepEqual(await calls(["hydra.run.dir=one", "--", "true"]), ["a", "b"]);
    assert.deepEqual(await calls(["-m", "lr=1,2", "--", "true"]), ["a", "a", "b", "b"]);
    assert.deepEqual(await calls(["--job-index", "1", "lr=1,2", "--", "true"]), ["a", "b"]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("run -m: a resolver in hydra.sweep.subdir names each job's dir once (checker w55 #1)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "lr: 1\nhydra:\n  sweep:\n    dir: sw\n    subdir: c-${uid:}\n",
    // another value each call, as a uuid or the clock gives
    "r.ts": "let n = 0;\nexport default { uid: () => `sub-${++n}` };\n",
  });
  try {
    const r = await strata(
      ["run", "-q", "-d", "conf", "--resolvers", "r.ts", "-m", "lr=1,2", "--", "true"],
      { cwd: dir },
    );
    assert.equal(r.code, 0, r.stderr);
    const dirs = [...Deno.readDirSync(`${dir}/sw`)].map((e) => e.name).sort();
    assert.deepEqual(dirs, ["c-sub-1", "c-sub-2", "multirun.yaml"]);
    for (const d of ["c-sub-1", "c-sub-2"]) {
      assert.ok(Deno.statSync(`${dir}/sw/${d}/true.log`).isFile, d);
    }
    const one = await strata(
      [
        "run",
        "-q",
        "-d",
        "conf",
        "--resolvers",
        "r.ts",
        "--job-index",
        "1",
        "lr=1,2",
        "--",
        "true",
      ],
      { cwd: dir },
    );
    assert.equal(one.code, 0, one.stderr);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

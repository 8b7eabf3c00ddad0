/**
 * `strata sweep --resolvers FILE.ts`, as compose, run and validate take it: a
 * tree whose `hydra.sweep.dir` or sweeper params call a resolver of the
 * project expands, and a manifest's tasks get `--resolvers` for their
 * `strata run`. `.strata.yaml`'s `resolvers.module` is loaded too.
 *
 * @module
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

const TREE = {
  "conf/config.yaml": "hydra:\n  sweep:\n    dir: out/${up:abc}\n  sweeper:\n    params:\n" +
    "      n: ${up:a},${up:b}\nn: z\nx: 0\n",
  "r.ts": "export default { up: (args: unknown[]) => String(args[0]).toUpperCase() };\n",
};

const overridesOf = (stdout: string) =>
  stdout.trim().split("\n").map((l) => JSON.parse(l).overrides.join(" "));

Deno.test("sweep --resolvers: the project's resolvers in hydra.sweep.dir and the sweeper's params", async () => {
  const dir = writeTree(TREE);
  try {
    const r = await strata(["sweep", "--resolvers", "r.ts", "x=1,2"], { cwd: dir });
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(overridesOf(r.stdout), ["n=A x=1", "n=A x=2", "n=B x=1", "n=B x=2"]);
    // the same from .strata.yaml's module
    Deno.writeTextFileSync(`${dir}/.strata.yaml`, "resolvers:\n  module: r.ts\n");
    const fromSettings = await strata(["sweep", "x=1,2"], { cwd: dir });
    assert.equal(fromSettings.code, 0, fromSettings.stderr);
    assert.deepEqual(overridesOf(fromSettings.stdout), overridesOf(r.stdout));
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("sweep --resolvers -f slurm: each task's strata run loads them, and writes job I's dir", async () => {
  const dir = writeTree(TREE);
  try {
    const w = await strata(
      ["sweep", "--resolvers", "r.ts", "-f", "slurm", "-o", "s", "--", "true"],
      {
        cwd: dir,
      },
    );
    assert.equal(w.code, 0, w.stderr);
    const script = Deno.readTextFileSync(`${dir}/s/array_000.sbatch`);
    assert.match(script, new RegExp(` --resolvers ${dir}/r\\.ts `));
    for (const task of [0, 1]) {
      const out = await new Deno.Command("bash", {
        args: [`${dir}/s/array_000.sbatch`],
        cwd: dir,
        env: { SLURM_ARRAY_TASK_ID: String(task) },
      }).output();
      assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
    }
    assert.equal(Deno.readTextFileSync(`${dir}/out/ABC/1/.hydra/overrides.yaml`), "- n=B\n");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("run -m --resolvers: the project's resolver in hydra.sweep.dir", async () => {
  const dir = writeTree(TREE);
  try {
    const r = await strata(["run", "-q", "-m", "--resolvers", "r.ts", "--", "true"], { cwd: dir });
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(Deno.readTextFileSync(`${dir}/out/ABC/1/.hydra/overrides.yaml`), "- n=B\n");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

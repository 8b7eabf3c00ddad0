/**
 * A blank `--partition` or `--sbatch` is a usage error (exit 2), as a blank
 * `--image` is for k8s: dropped, it would send the array to the cluster's
 * default partition, or write a bare `#SBATCH --` line.
 *
 * @module
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { confTree, listFiles } from "./_manifest.ts";

const slurm = (dir: string, flag: string, value: string) =>
  strata(["sweep", "seed=1,2", "-f", "slurm", flag, value, "-o", "out", "--", "./train"], {
    cwd: dir,
  });

Deno.test("sweep -f slurm: --partition '' (or blank, or with a space) is a usage error", async () => {
  const dir = confTree();
  for (const partition of ["", " ", "gpu debug"]) {
    const r = await slurm(dir, "--partition", partition);
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 2, `${JSON.stringify(partition)}: ${r.stderr}`);
    assert.match(r.stderr, /Cannot use --partition .*: give a partition name/);
  }
  assert.deepEqual(listFiles(dir).filter((f) => !f.startsWith("conf/")), []);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("sweep -f slurm: --sbatch '' is a usage error, not a bare #SBATCH line", async () => {
  const dir = confTree();
  const r = await slurm(dir, "--sbatch", "");
  assertNoStackTrace(r.stderr);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /Cannot pass --sbatch "": give an sbatch option/);
  assert.deepEqual(listFiles(dir).filter((f) => !f.startsWith("conf/")), []);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("sweep -f slurm: a list of partitions is still taken", async () => {
  const dir = confTree();
  const r = await slurm(dir, "--partition", "gpu,debug");
  assert.equal(r.code, 0, r.stderr);
  assert.match(
    Deno.readTextFileSync(`${dir}/out/array_000.sbatch`),
    /#SBATCH --partition=gpu,debug/,
  );
  Deno.removeSync(dir, { recursive: true });
});

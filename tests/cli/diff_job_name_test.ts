/**
 * `diff --job-name`: a run names its job after its script (`./app.sh` is `app`); an override
 * set's side is composed as `strata run --job-name` composes it, so a run compared with its own
 * overrides is the same where the config reads `${hydra:job.name}` (checker w19).
 */
import assert from "node:assert/strict";
import { confTree, strata } from "./_cli.ts";

Deno.test("diff --job-name: a run against its own overrides, where the config reads the job name", async () => {
  const dir = await confTree({
    "conf/config.yaml": "jobname: ${hydra:job.name}\nb: 1\n",
    "app.sh": "true\n",
  });
  try {
    Deno.chmodSync(`${dir}/app.sh`, 0o755);
    const run = await strata(["run", "-q", "-d", "conf", "hydra.run.dir=r1", "--", "./app.sh"], {
      cwd: dir,
    });
    assert.equal(run.code, 0, run.stderr);
    const without = await strata(["diff", "-d", "conf", "r1", "--b", ""], { cwd: dir });
    assert.equal(without.code, 1, without.stderr);
    assert.match(without.stdout, /~ jobname: "app" -> "config" \(resolved/);
    const named = await strata(["diff", "-d", "conf", "r1", "--b", "", "--job-name", "app"], {
      cwd: dir,
    });
    assert.equal(named.code, 0, named.stdout + named.stderr);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

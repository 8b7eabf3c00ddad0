/**
 * A manifest's task writes job I's dir exactly as `strata run -m` does: the
 * same path (a `hydra.sweep.dir` may hold a swept key, so jobs of one sweep
 * go to different dirs, as in Hydra) and the same bytes (no override of its
 * own in `hydra.yaml`), while tasks started at different times still share
 * one `${now:...}` (the manifest's, `--now`).
 *
 * @module
 */

import assert from "node:assert/strict";
import { strata } from "./_cli.ts";

function tree(sweepDir: string): string {
  const dir = Deno.makeTempDirSync({ prefix: "strata-task-dirs-" });
  Deno.mkdirSync(`${dir}/conf`);
  Deno.writeTextFileSync(
    `${dir}/conf/config.yaml`,
    `name: base\nseed: 0\nhydra:\n  sweep:\n    dir: ${sweepDir}\n`,
  );
  return dir;
}

/** Every file under `root`, relative path → text. */
function files(root: string, at = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of Deno.readDirSync(`${root}/${at}`)) {
    const rel = at ? `${at}/${e.name}` : e.name;
    if (e.isDirectory) files(root, rel).forEach((v, k) => out.set(k, v));
    else out.set(rel, Deno.readTextFileSync(`${root}/${rel}`));
  }
  return out;
}

async function runTasks(dir: string, count: number): Promise<void> {
  for (let task = 0; task < count; task++) {
    const out = await new Deno.Command("bash", {
      args: [`${dir}/s/array_000.sbatch`],
      cwd: dir,
      env: { SLURM_ARRAY_TASK_ID: String(task) },
    }).output();
    assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  }
}

Deno.test("sweep -f slurm: a task's job dir is job I's of run -m, byte for byte", async () => {
  const dir = tree("ms/${name}");
  const sweep = ["name=a,b", "seed=1,2"];
  const w = await strata(["sweep", ...sweep, "-f", "slurm", "-o", "s", "--", "true"], { cwd: dir });
  assert.equal(w.code, 0, w.stderr);
  await runTasks(dir, 4);
  Deno.renameSync(`${dir}/ms`, `${dir}/tasks`);
  const m = await strata(["run", "-q", "-m", ...sweep, "--", "true"], { cwd: dir });
  assert.equal(m.code, 0, m.stderr);
  const tasks = files(`${dir}/tasks`);
  const multirun = files(`${dir}/ms`);
  // Hydra's per-job sweep dir: name=a's jobs in ms/a, name=b's in ms/b
  assert.ok(multirun.has("a/0/.hydra/hydra.yaml") && multirun.has("b/3/.hydra/hydra.yaml"));
  assert.deepEqual([...tasks.keys()].sort(), [...multirun.keys()].sort());
  for (const [rel, text] of multirun) {
    // what differs from run to run: the outcome, the logs, the written config's time stamp
    if (/\.strata\/(status\.json|config_written)$|\.log$/.test(rel)) continue;
    assert.equal(tasks.get(rel)?.replaceAll(`${dir}/tasks`, `${dir}/ms`), text, rel);
  }
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("sweep -f slurm: tasks started apart share the manifest's ${now:...}", async () => {
  const dir = tree("ms/${now:%H-%M-%S-%f}");
  const w = await strata(["sweep", "seed=1,2", "-f", "slurm", "-o", "s", "--", "true"], {
    cwd: dir,
  });
  assert.equal(w.code, 0, w.stderr);
  await runTasks(dir, 2);
  const dirs = [...Deno.readDirSync(`${dir}/ms`)].map((e) => e.name);
  assert.equal(dirs.length, 1, dirs.join(" "));
  const jobs = [...Deno.readDirSync(`${dir}/ms/${dirs[0]}`)].map((e) => e.name).sort();
  assert.deepEqual(jobs, ["0", "1", "multirun.yaml"]);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("run --now: a time that is not YYYY-MM-DDTHH:MM:SS is bad usage, nothing written", async () => {
  const dir = tree("ms");
  for (const now of ["yesterday", "2026-13-01T00:00:00", "2026-01-01 00:00:00"]) {
    const r = await strata(["run", "--now", now, "-m", "seed=1,2", "--", "true"], { cwd: dir });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /--now must be a local time YYYY-MM-DDTHH:MM:SS/);
  }
  const ok = await strata(
    [
      "run",
      "-q",
      "--now",
      "2026-01-02T03:04:05",
      "seed=1",
      "hydra.run.dir=out/${now:%Y_%H%M%S}",
      "--",
      "true",
    ],
    { cwd: dir },
  );
  assert.equal(ok.code, 0, ok.stderr);
  assert.ok(Deno.statSync(`${dir}/out/2026_030405/.hydra/config.yaml`).isFile);
  assert.equal([...Deno.readDirSync(dir)].some((e) => e.name === "ms"), false, "nothing written");
  Deno.removeSync(dir, { recursive: true });
});

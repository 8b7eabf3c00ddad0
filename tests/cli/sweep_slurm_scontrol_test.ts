import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

/** A tree with an executable `bin/scontrol` that runs `script` (sh). */
function withScontrol(script: string): { dir: string; env: Record<string, string> } {
  const dir = writeTree({
    "conf/config.yaml": "seed: 1\n",
    "bin/scontrol": `#!/bin/sh\n${script}\n`,
  });
  Deno.chmodSync(`${dir}/bin/scontrol`, 0o755);
  return { dir, env: { PATH: `${dir}/bin:${Deno.env.get("PATH") ?? ""}` } };
}

// {overrides}: a Hydra app gets its job (else a note says it would not)
const SWEEP = [
  "sweep",
  "-f",
  "slurm",
  "--dry-run",
  "seed=1,2",
  "--",
  "python",
  "train.py",
  "{overrides}",
];

Deno.test("sweep -f slurm: an scontrol that does not answer is given 2 s, then SLURM's defaults", async () => {
  // as scontrol waits for a configured controller that is down; the sleep is not exec'd, so the
  // killed shell's child still holds the pipe: strata must not wait for it either
  const { dir, env } = withScontrol('sleep 15\necho "MaxArraySize = 5"');
  try {
    const start = Date.now();
    const r = await strata(SWEEP, { cwd: dir, env });
    const took = Date.now() - start;
    assert.equal(r.code, 0, r.stderr);
    assert.ok(took < 8000, `took ${took} ms`);
    assert.match(
      r.stdout,
      /^arrays: 1 \(MaxArraySize 1001, SLURM's default: scontrol did not answer in 2 s\)$/m,
    );
    assert.equal(
      r.stderr,
      "note: scontrol show config did not answer in 2 s (is the SLURM controller up?): the " +
        "scripts assume SLURM's defaults (MaxArraySize 1001, max_script_size 4194304 bytes)\n",
    );
    // --max-array-size given: only the script size is assumed (checker x32)
    const given = await strata(
      [...SWEEP.slice(0, 5), "--max-array-size", "50", ...SWEEP.slice(5)],
      { cwd: dir, env },
    );
    assert.equal(given.code, 0, given.stderr);
    assert.match(
      given.stderr,
      /the scripts assume SLURM's defaults \(max_script_size 4194304 bytes\)\n$/,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("sweep -f slurm: an scontrol that answers is read, without a note", async () => {
  const { dir, env } = withScontrol(
    'echo "MaxArraySize = 5"\necho "SchedulerParameters = max_script_size=100000"',
  );
  try {
    const r = await strata([...SWEEP.slice(0, 4), "seed=range(7)", "--", "x"], { cwd: dir, env });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, "");
    assert.match(r.stdout, /^arrays: 2 \(MaxArraySize 5, from scontrol show config\)$/m);
    // what scontrol says when the controller cannot be reached: its exit status, at once
    const down = withScontrol('echo "slurm_load_ctl_conf error" >&2\nexit 1');
    try {
      const d = await strata(SWEEP, { cwd: down.dir, env: down.env });
      assert.equal(d.code, 0, d.stderr);
      assert.equal(d.stderr, "");
      assert.match(d.stdout, /MaxArraySize 1001, SLURM's default: scontrol did not answer\)$/m);
    } finally {
      Deno.removeSync(down.dir, { recursive: true });
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

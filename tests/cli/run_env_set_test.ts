/**
 * `hydra.job.env_set` written as one interpolation (`env_set: ${envs}`):
 * Hydra applies the resolved mapping when the job starts
 * (`os.environ.update(hydra_cfg.hydra.job.env_set)`), its values resolved
 * where they are; a value that is not a string (OmegaConf does not convert
 * the target's values) or a target that is not a mapping fails the launch.
 */

import assert from "node:assert/strict";
import { confTree, strata } from "./_cli.ts";

const CONFIG = "envs:\n  A: x\n  B: ${x}\nx: hi\nn: 3\nhydra:\n  job:\n    env_set: ${envs}\n";

Deno.test("run: an interpolated hydra.job.env_set sets the target mapping's variables", async () => {
  const dir = await confTree({ "conf/config.yaml": CONFIG });
  try {
    const r = await strata(
      ["run", "-q", "hydra.run.dir=out", "--", "sh", "-c", 'echo "$A $B" > "$STRATA_RUN_DIR/env"'],
      { cwd: dir },
    );
    assert.equal(r.code, 0, r.stderr);
    assert.equal(Deno.readTextFileSync(`${dir}/out/env`), "x hi\n");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("run: an interpolated hydra.job.env_set that cannot apply is a located error", async () => {
  const dir = await confTree({ "conf/config.yaml": CONFIG });
  try {
    const cases: [string[], string][] = [
      [["x=1"], "conf/config.yaml:3:6: hydra.job.env_set.B must be a string, got int\n"],
      [
        ["hydra.job.env_set=${nope}"],
        "override #2 'hydra.job.env_set=${nope}': cannot resolve hydra.job.env_set: " +
        "Interpolation key 'nope' not found\n",
      ],
      [
        ["hydra.job.env_set=${n}"],
        "override #2 'hydra.job.env_set=${n}': hydra.job.env_set must be a mapping, got int\n",
      ],
    ];
    for (const [overrides, message] of cases) {
      const r = await strata(["run", "-q", "hydra.run.dir=out", ...overrides, "--", "true"], {
        cwd: dir,
      });
      assert.equal(r.code, 1, r.stderr);
      assert.ok(r.stderr.startsWith(message), r.stderr);
      assert.equal([...Deno.readDirSync(dir)].some((e) => e.name === "out"), false);
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate: an interpolated hydra.job.env_set that strata run cannot apply is an error", async () => {
  const dir = await confTree({ "conf/config.yaml": CONFIG });
  try {
    const ok = await strata(["validate", "-d", "conf"], { cwd: dir });
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    const cases: [string, string][] = [
      ["x=1", "conf/config.yaml:3:6: error: hydra.job.env_set.B must be a string, got int"],
      [
        "hydra.job.env_set=${n}",
        "override #1 'hydra.job.env_set=${n}': error: hydra.job.env_set must be a mapping, got int",
      ],
    ];
    for (const [override, line] of cases) {
      const r = await strata(["validate", "-d", "conf", "--override", override], { cwd: dir });
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.ok(r.stdout.startsWith(line), r.stdout);
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

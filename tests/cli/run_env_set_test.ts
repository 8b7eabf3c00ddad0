/**
 * `hydra.job.env_set` as Hydra applies it when the job starts
 * (`os.environ.update(hydra_cfg.hydra.job.env_set)`), resolved in
 * `HydraConfig`'s copy, which holds the hydra node alone: a value reading a
 * key of the job's config fails the app before its main runs (checker w18),
 * and so does a value that is not a string (OmegaConf does not convert a
 * resolver's mapping) or a target that is not a mapping.
 */

import assert from "node:assert/strict";
import { confTree, strata } from "./_cli.ts";

const CONFIG = "envs:\n  A: x\nn: 3\nhydra:\n  job:\n" +
  "    env_set: '${oc.create:{A: x, B: \"${hydra:job.name}\"}}'\n";
const HINT =
  "    'envs' is a key of the job's config, which hydra.job.env_set does not see: Hydra " +
  "resolves env_set in the hydra node alone (HydraConfig's copy), so the app fails before its " +
  "main runs: write the value in env_set itself\n";

Deno.test("run: an interpolated hydra.job.env_set sets the target mapping's variables", async () => {
  const dir = await confTree({ "conf/config.yaml": CONFIG });
  try {
    const r = await strata(
      ["run", "-q", "hydra.run.dir=out", "--", "sh", "-c", 'echo "$A $B" > "$STRATA_RUN_DIR/env"'],
      { cwd: dir },
    );
    assert.equal(r.code, 0, r.stderr);
    assert.equal(Deno.readTextFileSync(`${dir}/out/env`), "x config\n");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("run: an interpolated hydra.job.env_set that cannot apply is a located error", async () => {
  const dir = await confTree({
    "conf/config.yaml": CONFIG,
    "conf/ints.yaml": "hydra:\n  job:\n    env_set: '${oc.create:{A: 1}}'\n",
    "conf/job_key.yaml": "envs:\n  A: x\nhydra:\n  job:\n    env_set:\n      A: ${envs.A}\n",
  });
  try {
    const cases: [string[], string][] = [
      [["-n", "ints"], "conf/ints.yaml:3:14: hydra.job.env_set.A must be a string, got int\n"],
      [
        ["hydra.job.env_set=${nope}"],
        "override #2 'hydra.job.env_set=${nope}': cannot resolve hydra.job.env_set: " +
        "Interpolation key 'nope' not found\n",
      ],
      [
        ["hydra.job.env_set=${hydra:verbose}"],
        "override #2 'hydra.job.env_set=${hydra:verbose}': hydra.job.env_set must be a mapping, " +
        "got bool\n",
      ],
      [
        ["hydra.job.env_set=${envs}"],
        "override #2 'hydra.job.env_set=${envs}': cannot resolve hydra.job.env_set: " +
        "Interpolation key 'envs' not found\n    full key: hydra.job.env_set\n" + HINT,
      ],
      // the job's number in a single run: None, as Hydra's; said why (checker x49 #2)
      [
        ["+hydra.job.env_set.N=${hydra:job.num}"],
        "override #2 '+hydra.job.env_set.N=${hydra:job.num}': cannot resolve " +
        "hydra.job.env_set.N: hydra.job.env_set.N must be a string, got null (it reads " +
        "hydra.job.num, which only a multirun's jobs have: None in a single run, as in Hydra)\n",
      ],
      [
        ["-n", "job_key"],
        "conf/job_key.yaml:6:10: cannot resolve hydra.job.env_set.A: Interpolation key " +
        "'envs.A' not found\n    full key: hydra.job.env_set.A\n" + HINT,
      ],
    ];
    for (const [args, message] of cases) {
      const r = await strata(["run", "-q", "hydra.run.dir=out", ...args, "--", "true"], {
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
      [
        "hydra.job.env_set=${hydra:verbose}",
        "override #1 'hydra.job.env_set=${hydra:verbose}': error: hydra.job.env_set must be a " +
        "mapping, got bool",
      ],
    ];
    for (const [override, line] of cases) {
      const r = await strata(["validate", "-d", "conf", "--override", override], { cwd: dir });
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.ok(r.stdout.startsWith(line), r.stdout);
    }
    // a value reading the job's config: Hydra's app fails before its main runs
    Deno.writeTextFileSync(
      `${dir}/conf/config.yaml`,
      "envs:\n  A: x\nhydra:\n  job:\n    env_set:\n      A: ${envs.A}\n",
    );
    const r = await strata(["validate", "-d", "conf"], { cwd: dir });
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.equal(
      r.stdout,
      "conf/config.yaml:6:10: error: Interpolation key 'envs.A' not found " +
        "[key: hydra.job.env_set.A]\n" + HINT,
    );
    // a job key reached through a hydra value (checker v19): run.dir resolves for the run, not for
    // env_set, which sees the hydra node alone
    Deno.writeTextFileSync(
      `${dir}/conf/config.yaml`,
      "envs: /tmp/o\nhydra:\n  run:\n    dir: ${envs}/run\n  job:\n    env_set:\n" +
        "      RUN: ${hydra.run.dir}\n",
    );
    const through = await strata(["validate", "-d", "conf"], { cwd: dir });
    assert.equal(through.code, 1, through.stdout + through.stderr);
    assert.equal(
      through.stdout,
      "conf/config.yaml:7:12: error: Interpolation key 'envs' not found " +
        "[key: hydra.job.env_set.RUN]\n" + HINT,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

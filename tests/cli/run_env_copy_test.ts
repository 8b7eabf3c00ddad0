/**
 * `hydra.job.env_copy` as Hydra applies it while composing the job's config
 * (`cfg.hydra.job.env_set[key] = os.environ[key]`): a name that is not set is
 * a KeyError, so the job never runs; `hydra.yaml` records the list as
 * composed and the copied values in `env_set`.
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

const UNSET = "STRATA_TEST_ENV_COPY_UNSET";
const SET = "STRATA_TEST_ENV_COPY_SET";
const ENV = { [SET]: "copied" };
const MESSAGE = `environment variable '${UNSET}' named in hydra.job.env_copy is not set`;

function entries(dir: string): string[] {
  return [...Deno.readDirSync(dir)].map((e) => e.name).sort();
}

Deno.test("run: an env_copy name that is not set fails before anything is written, at the override", async () => {
  const dir = await confTree({ "conf/config.yaml": "a: 1\n" });
  try {
    for (const mode of [[], ["-m", "a=1,2", "hydra.sweep.dir=out"]]) {
      const r = await strata(
        ["run", "-d", "conf", `hydra.job.env_copy=[${SET},${UNSET}]`, "hydra.run.dir=out", ...mode]
          .concat(["--", "touch", "ran"]),
        { cwd: dir, env: ENV },
      );
      assert.equal(r.code, 1, r.stderr);
      assertNoStackTrace(r.stderr);
      assert.ok(
        r.stderr.startsWith(`override #1 'hydra.job.env_copy=[${SET},${UNSET}]': ${MESSAGE}`),
        r.stderr,
      );
      assert.match(r.stderr, /full key: hydra\.job\.env_copy\[1\]\n/);
      assert.deepEqual(entries(dir), ["conf"]); // no run dir, no sweep dir, the job never ran
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("run: an env_copy name from the config that is not set is an error at its line", async () => {
  const config = `a: 1\nhydra:\n  job:\n    env_copy:\n      - ${SET}\n      - ${UNSET}\n`;
  const dir = await confTree({ "conf/config.yaml": config });
  try {
    const r = await strata(["run", "-d", "conf", "hydra.run.dir=out", "--", "true"], {
      cwd: dir,
      env: ENV,
    });
    assert.equal(r.code, 1, r.stderr);
    assert.ok(r.stderr.startsWith(`conf/config.yaml:6:9: ${MESSAGE}`), r.stderr);
    assert.deepEqual(entries(dir), ["conf"]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("run: env_copy names that are set are copied; hydra.yaml records env_copy as composed", async () => {
  const dir = await confTree({ "conf/config.yaml": "a: 1\n" });
  try {
    const r = await strata(
      ["run", "-q", "-d", "conf", `hydra.job.env_copy=[${SET}]`, "hydra.run.dir=out", "--"]
        .concat(["sh", "-c", `echo "$${SET}" > "$STRATA_RUN_DIR/env"`]),
      { cwd: dir, env: ENV },
    );
    assert.equal(r.code, 0, r.stderr);
    assert.equal(Deno.readTextFileSync(`${dir}/out/env`), "copied\n");
    const hydra = Deno.readTextFileSync(`${dir}/out/.hydra/hydra.yaml`);
    assert.match(
      hydra,
      new RegExp(`\n    env_set:\n      ${SET}: copied\n    env_copy:\n    - ${SET}\n`),
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("run: an env_copy name the env policy denies is left out, set or not", async () => {
  const dir = await confTree({ "conf/config.yaml": "a: 1\n" });
  try {
    const r = await strata(
      [
        "run",
        "-q",
        "-d",
        "conf",
        "--env-allow",
        "NOTHING_*",
        `hydra.job.env_copy=[${SET},${UNSET}]`,
      ]
        .concat(["hydra.run.dir=out", "--", "true"]),
      { cwd: dir, env: ENV },
    );
    assert.equal(r.code, 0, r.stderr);
    const hydra = Deno.readTextFileSync(`${dir}/out/.hydra/hydra.yaml`);
    assert.match(
      hydra,
      new RegExp(`\n    env_set: \\{\\}\n    env_copy:\n    - ${SET}\n    - ${UNSET}\n`),
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("an env_copy item that is no name (a list, '', A=B) is no stack trace", async () => {
  const dir = await confTree({
    "conf/copy.yaml": "hydra:\n  job:\n    env_copy:\n    - [1]\nlr: 1\n",
    "conf/odd.yaml": "hydra:\n  job:\n    env_copy: ['', A=B]\nlr: 1\n",
  });
  // OmegaConf 2.2 lets a list into a List[str] field: composing copies nothing for it
  const copy = await strata(
    ["compose", "-n", "copy", "--cfg", "hydra", "-p", "hydra.job.env_set"],
    {
      cwd: dir,
    },
  );
  assert.equal(copy.code, 0, copy.stderr);
  const run = await strata(["run", "-n", "copy", "--", "true"], { cwd: dir });
  assert.equal(run.code, 1);
  assertNoStackTrace(run.stderr);
  assert.match(
    run.stderr,
    /^conf\/copy\.yaml:4:7: hydra\.job\.env_copy\[0\] is a list, not the name/,
  );
  // no environment holds such a name: os.environ[name] is a KeyError, as for an unset one
  const odd = await strata(["run", "-n", "odd", "--", "true"], { cwd: dir });
  assert.equal(odd.code, 1);
  assertNoStackTrace(odd.stderr);
  assert.match(odd.stderr, /environment variable '' named in hydra\.job\.env_copy is not set/);
  Deno.removeSync(dir, { recursive: true });
});

/**
 * A Hydra app handed its run dir (`hydra.run.dir={run_dir}`) writes its own
 * `<run dir>/<job name>.log`: strata keeps the job's stdout and stderr in
 * `.strata/output.log`, so that the app's log holds each record once.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { exists, workspace } from "./_run.ts";

// As a Hydra app with hydra/job_logging's default: a file handler appends a
// record to `<hydra.run.dir>/<job name>.log`, a console handler prints it.
const APP = `for a in "$@"; do
  case "$a" in hydra.run.dir=*) out="\${a#hydra.run.dir=}" ;; esac
done
: "\${out:=$STRATA_RUN_DIR}"
echo "[app] job $STRATA_JOB_NUM record" >> "$out/app.log"
echo "[app] job $STRATA_JOB_NUM record"
[ "$STRATA_JOB_NUM" != 1 ] || { echo "diverged" >&2; exit 3; }
`;

Deno.test("strata run -m: a Hydra app's own log holds its records once, strata's capture is .strata/output.log", async () => {
  const dir = workspace({ "app.sh": APP });
  try {
    const args = ["run", "-m", "hydra.sweep.dir=s", "seed=1,2", "-j", "2", "--"];
    const r = await strata([...args, "sh", "app.sh", "{overrides}", "hydra.run.dir={run_dir}"], {
      cwd: dir,
    });
    assert.equal(r.code, 1, r.stderr);
    assertNoStackTrace(r.stderr);
    for (const n of [0, 1]) {
      assert.equal(Deno.readTextFileSync(join(dir, `s/${n}/app.log`)), `[app] job ${n} record\n`);
    }
    assert.equal(
      Deno.readTextFileSync(join(dir, "s/0/.strata/output.log")),
      "[app] job 0 record\n",
    );
    const capture = join(dir, "s/1/.strata/output.log");
    assert.deepEqual(Deno.readTextFileSync(capture).split("\n").sort(), [
      "",
      "[app] job 1 record",
      "diverged",
    ]);
    // the summary names the file strata wrote the failed job's output to
    assert.ok(r.stderr.includes(`#1 failed (exit 3): ${capture}`), r.stderr);
    // --resume reruns job 1: its output is appended to the same capture
    const again = await strata(
      [
        ...args.slice(0, 2),
        "--resume",
        ...args.slice(2),
        "sh",
        "app.sh",
        "hydra.run.dir={run_dir}",
      ],
      { cwd: dir },
    );
    assert.equal(again.code, 1, again.stderr);
    assert.ok(again.stderr.includes(`#1 failed (exit 3): ${capture}`), again.stderr);
    assert.equal(Deno.readTextFileSync(capture).split("diverged").length, 3);
    assert.equal(
      Deno.readTextFileSync(join(dir, "s/1/app.log")),
      "[app] job 1 record\n[app] job 1 record\n",
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("strata run: a command not handed hydra.run.dir={run_dir} still logs to <job name>.log", async () => {
  const dir = workspace({ "app.sh": APP });
  try {
    const r = await strata(["run", "-q", "hydra.run.dir=out", "--", "sh", "app.sh"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    // the app's own line and strata's copy of its stdout, in one file as before
    assert.equal(
      Deno.readTextFileSync(join(dir, "out/app.log")),
      "[app] job 0 record\n[app] job 0 record\n",
    );
    assert.equal(exists(join(dir, "out/.strata/output.log")), false);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("strata run: hydra.run.dir={run_dir} inside sh -c's script is recognised too: the app's log holds its records once", async () => {
  const dir = workspace({ "app.sh": APP });
  try {
    const scripts = [
      ["sh", "-c", "sh app.sh hydra.run.dir={run_dir}"],
      ["bash", "-lc", 'cd . && sh app.sh "hydra.run.dir=$STRATA_RUN_DIR"'],
    ];
    for (const [i, cmd] of scripts.entries()) {
      const r = await strata(["run", "-q", `hydra.run.dir=out${i}`, "--", ...cmd], { cwd: dir });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(
        Deno.readTextFileSync(join(dir, `out${i}/app.log`)),
        "[app] job 0 record\n",
        cmd.join(" "),
      );
      assert.equal(
        Deno.readTextFileSync(join(dir, `out${i}/.strata/output.log`)),
        "[app] job 0 record\n",
      );
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("strata run: hydra.run.dir={run_dir} in a sh -c script is quoted for Hydra, as in an argv", async () => {
  // a dir named after override_dirname ('+b=2,+lr=1') must reach the app as one quoted value,
  // or Hydra's grammar reads it as a list
  const dir = workspace({});
  try {
    const r = await strata([
      "run",
      "-q",
      "-m",
      "hydra.sweep.dir=s",
      "hydra.sweep.subdir=${hydra.job.override_dirname}",
      "+lr=1",
      "+b=2,3",
      "--",
      "sh",
      "-c",
      `printf '%s\\n' hydra.run.dir={run_dir} > "{run_dir}/argv.txt"`,
    ], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    for (const sub of ["+b=2,+lr=1", "+b=3,+lr=1"]) {
      assert.equal(
        Deno.readTextFileSync(join(dir, "s", sub, "argv.txt")),
        `hydra.run.dir='${join(dir, "s", sub)}'\n`,
      );
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

/**
 * A job whose overrides are longer than Linux lets one argument be
 * (MAX_ARG_STRLEN, 128 KiB): its task still starts, reading them from a file
 * the manifest wrote (`--job-overrides @FILE`).
 */
import assert from "node:assert/strict";
import { parse } from "yaml";
import { listFiles, sweepIn } from "./_manifest.ts";

/** Over MAX_ARG_STRLEN: `exec` of a command given this as one argument fails (E2BIG). */
const BIG = "A".repeat(140_000);

/** A conf/ tree whose own sweep (hydra.sweeper.params) has a job of BIG: no argv holds it. */
function bigTree(): string {
  const dir = Deno.makeTempDirSync({ prefix: "strata-arglimit-" });
  Deno.mkdirSync(`${dir}/conf`);
  Deno.writeTextFileSync(
    `${dir}/conf/config.yaml`,
    `msg: x\nhydra:\n  sweeper:\n    params:\n      msg: ${BIG},b\n`,
  );
  // A stand-in for strata on the task's side: records its argv, and the file of an @FILE.
  Deno.writeTextFileSync(
    `${dir}/fake-strata.sh`,
    '#!/bin/bash\nprintf "%s\\n" "$@" > "task_$3.args"\n' +
      'if [[ $5 == @* ]]; then cat "${5#@}" > "task_$3.file"; fi\n',
    { mode: 0o755 },
  );
  return dir;
}

/** The overrides task `i` was given, from its argv or the file it names. */
function taskOverrides(dir: string, i: number): string[] {
  const args = Deno.readTextFileSync(`${dir}/task_${i}.args`).split("\n");
  assert.equal(args[3], "--job-overrides");
  // toJSON's indented JSON spans lines: the argument runs up to --now (the manifest's time).
  const value = args.slice(4, args.indexOf("--now")).join("\n");
  return JSON.parse(value.startsWith("@") ? Deno.readTextFileSync(`${dir}/task_${i}.file`) : value);
}

Deno.test("sweep -f slurm: overrides over 128 KiB go to a file beside the scripts; the task starts", async () => {
  const dir = bigTree();
  const r = await sweepIn(dir, "-f slurm -o sweep --strata-cmd ./fake-strata.sh -- ./train");
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(listFiles(`${dir}/sweep`), ["array_000.sbatch", "job_0.json", "submit.sh"]);
  const script = Deno.readTextFileSync(`${dir}/sweep/array_000.sbatch`);
  assert.ok(script.length < 10_000, "the script lists the file, not the overrides");
  for (const task of [0, 1]) {
    const out = await new Deno.Command("bash", {
      args: [`${dir}/sweep/array_000.sbatch`],
      cwd: dir,
      env: { SLURM_ARRAY_TASK_ID: String(task) },
    }).output();
    assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  }
  assert.deepEqual(taskOverrides(dir, 0), [`msg=${BIG}`]);
  assert.deepEqual(taskOverrides(dir, 1), ["msg=b"]);
  assert.equal(
    Deno.readTextFileSync(`${dir}/task_0.args`).split("\n")[4],
    `@${dir}/sweep/job_0.json`,
  );
  // The file needs a directory: on stdout it is refused; a dry run lists it.
  const stdout = await sweepIn(dir, "-f slurm --strata-cmd ./fake-strata.sh -- ./train");
  assert.equal(stdout.code, 2);
  assert.match(stdout.stderr, /give --out DIR/);
  const dry = await sweepIn(dir, "-f slurm --dry-run --strata-cmd ./fake-strata.sh -- ./train");
  assert.match(dry.stdout, /^job files: 1 /m);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("sweep -f github: overrides over 128 KiB go to a file in the workflow's dir; the step starts", async () => {
  const dir = bigTree();
  const r = await sweepIn(dir, "-f github -o gh --strata-cmd ./fake-strata.sh -- ./train");
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(listFiles(`${dir}/gh`), ["job_0.json", "matrix_000.json", "workflow.yml"]);
  const matrix = JSON.parse(Deno.readTextFileSync(`${dir}/gh/matrix_000.json`));
  assert.deepEqual(matrix.include[0], { index: 0, overrides_file: "gh/job_0.json" });
  const workflow = parse(Deno.readTextFileSync(`${dir}/gh/workflow.yml`));
  const step = workflow.jobs.run_000.steps.find((s: { run?: string }) =>
    s.run?.includes("--job-index")
  );
  for (const entry of matrix.include) {
    // What the runner does: ${{ matrix.index }} pasted, the step's env set (a missing
    // property is an empty string; toJSON indents).
    const script = step.run.replaceAll("${{ matrix.index }}", String(entry.index));
    assert.equal(step.env.STRATA_JOB, "${{ toJSON(matrix.overrides) }}");
    assert.equal(step.env.STRATA_JOB_FILE, "${{ matrix.overrides_file }}");
    const env = {
      STRATA_JOB: JSON.stringify(entry.overrides ?? null, null, 2),
      STRATA_JOB_FILE: entry.overrides_file ?? "",
    };
    const out = await new Deno.Command("bash", { args: ["-e", "-c", script], cwd: dir, env })
      .output();
    assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  }
  assert.deepEqual(taskOverrides(dir, 0), [`msg=${BIG}`]);
  assert.deepEqual(taskOverrides(dir, 1), ["msg=b"]);
  Deno.removeSync(dir, { recursive: true });
});

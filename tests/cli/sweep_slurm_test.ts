import assert from "node:assert/strict";
import { confTree, listFiles, sweepIn } from "./_manifest.ts";

/** A stand-in for strata on the task's side: records its argv. */
function fakeStrata(dir: string): string {
  const path = `${dir}/fake-strata.sh`;
  Deno.writeTextFileSync(
    path,
    '#!/bin/bash\nprintf "%s\\n" "$@" > "' + dir + '/task_$3.args"\n',
    { mode: 0o755 },
  );
  return path;
}

/** Runs an array script as SLURM would run task `task`. */
async function runTask(script: string, task: number, cwd: string): Promise<void> {
  const out = await new Deno.Command("bash", {
    args: [script],
    cwd,
    env: { SLURM_ARRAY_TASK_ID: String(task) },
  }).output();
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
}

Deno.test("sweep -f slurm: one array script on stdout with every resource flag", async () => {
  const dir = confTree();
  const r = await sweepIn(
    dir,
    "-f slurm model=small,large seed=range(6) --parallel 3 --partition gpu --time 1:00:00 " +
      "--gpus a100:1 --cpus-per-task 4 --mem 16G --sbatch --account=ml --sbatch qos=high " +
      "--strata-cmd /opt/strata/bin/strata -- python train.py --flag it's",
  );
  assert.equal(r.code, 0, r.stderr);
  const script = r.stdout;
  for (
    const line of [
      "#SBATCH --array=0-11%3",
      "#SBATCH --output=%x_%A_%a.out",
      `#SBATCH --chdir=${dir}`,
      "#SBATCH --partition=gpu",
      "#SBATCH --time=1:00:00",
      "#SBATCH --gpus=a100:1",
      "#SBATCH --cpus-per-task=4",
      "#SBATCH --mem=16G",
      "#SBATCH --account=ml",
      "#SBATCH --qos=high",
    ]
  ) assert.ok(script.includes(line + "\n"), `missing ${line}`);
  assert.match(script, /^#SBATCH --job-name=strata-[0-9a-f]{10}$/m);
  const exec = script.split("\n").find((l) => l.startsWith("exec "))!;
  assert.match(
    exec,
    new RegExp(
      `^exec /opt/strata/bin/strata run --job-index "\\$STRATA_JOB_INDEX" --job-overrides "\\$STRATA_JOB" ` +
        `--now \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(?:\\d{3})? --config-dir ${dir}/conf ` +
        `--config-name config model=small,large 'seed=range\\(6\\)' ` +
        `-- python train.py --flag 'it'\\\\''s'$`,
    ),
  );
  const check = await new Deno.Command("bash", { args: ["-n", "-c", script] }).output();
  assert.equal(check.code, 0, "bash -n: " + new TextDecoder().decode(check.stderr));
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("sweep -f slurm: over MaxArraySize, arrays that together run every job once", async () => {
  const dir = confTree();
  const fake = fakeStrata(dir);
  const r = await sweepIn(
    dir,
    `-f slurm --max-array-size 5 --out sweep --strata-cmd ${fake} model=small,large seed=range(6) -- ./train`,
  );
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(listFiles(`${dir}/sweep`), [
    "array_000.sbatch",
    "array_001.sbatch",
    "array_002.sbatch",
    "submit.sh",
  ]);
  const arrays = [0, 1, 2].map((i) => Deno.readTextFileSync(`${dir}/sweep/array_00${i}.sbatch`));
  assert.deepEqual(arrays.map((a) => /--array=(\S+)/.exec(a)![1]), ["0-4", "0-4", "0-1"]);
  for (const a of arrays) assert.ok(a.includes(`#SBATCH --output=${dir}/sweep/%x_%A_%a.out\n`));
  const submit = Deno.readTextFileSync(`${dir}/sweep/submit.sh`);
  assert.match(submit, /for script in array_000.sbatch array_001.sbatch array_002.sbatch; do/);
  // Task t of array k runs job 5k + t with that job's overrides.
  const jobs = (await sweepIn(dir, "model=small,large seed=range(6)"))
    .stdout.trim().split("\n").map((l) => JSON.parse(l));
  const sizes = [5, 5, 2];
  for (let k = 0; k < 3; k++) {
    for (let t = 0; t < sizes[k]; t++) await runTask(`${dir}/sweep/array_00${k}.sbatch`, t, dir);
  }
  for (const job of jobs) {
    const args = Deno.readTextFileSync(`${dir}/task_${job.index}.args`).trim().split("\n");
    assert.deepEqual(args.slice(0, 2), ["run", "--job-index"]);
    assert.equal(args[2], String(job.index));
    assert.equal(args[3], "--job-overrides");
    assert.deepEqual(JSON.parse(args[4]), job.overrides);
    assert.deepEqual(args.slice(-2), ["--", "./train"]);
  }
  assert.equal(listFiles(dir).filter((f) => f.endsWith(".args")).length, 12);
  // a task the script has no line for (resubmitted with a wider --array): said as such, exit 2
  const beyond = await new Deno.Command("bash", {
    args: [`${dir}/sweep/array_002.sbatch`],
    cwd: dir,
    env: { SLURM_ARRAY_TASK_ID: "2" },
  }).output();
  assert.equal(beyond.code, 2);
  assert.equal(
    new TextDecoder().decode(beyond.stderr),
    "strata: array task 2: this script holds tasks 0-1 (jobs 10-11 of the sweep)\n",
  );
  assert.equal(listFiles(dir).filter((f) => f.endsWith(".args")).length, 12);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("sweep -f slurm: several arrays without --out is bad usage, nothing written", async () => {
  const dir = confTree();
  const r = await sweepIn(dir, "-f slurm --max-array-size 5 seed=range(6) -- ./train");
  assert.equal(r.code, 2);
  assert.equal(r.stdout, "");
  assert.match(
    r.stderr,
    /The slurm manifest is 3 files \(arrays: 2 \(MaxArraySize 5.*\): give --out DIR/,
  );
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("sweep -f slurm --parallel: split arrays run one after another", async () => {
  const dir = confTree();
  const r = await sweepIn(dir, "-f slurm --max-array-size 4 --parallel 2 -o s seed=range(6) -- x");
  assert.equal(r.code, 0, r.stderr);
  assert.match(
    Deno.readTextFileSync(`${dir}/s/submit.sh`),
    /dependency=\("--dependency=afterany:\$id"\)/,
  );
  assert.match(Deno.readTextFileSync(`${dir}/s/array_001.sbatch`), /--array=0-1%2\n/);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("sweep --dry-run: says what would be written and why it was split, writes nothing", async () => {
  const dir = confTree();
  const r = await sweepIn(
    dir,
    "-f slurm --max-array-size 5 --dry-run -o sweep seed=range(12) -- x",
  );
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stdout,
    [
      "jobs: 12",
      "arrays: 3 (MaxArraySize 5, from --max-array-size)",
      "array_000.sbatch: jobs 0-4 (--array=0-4)",
      "array_001.sbatch: jobs 5-9 (--array=0-4)",
      "array_002.sbatch: jobs 10-11 (--array=0-1)",
      "would write:",
      "  sweep/array_000.sbatch",
      "  sweep/array_001.sbatch",
      "  sweep/array_002.sbatch",
      "  sweep/submit.sh",
      "",
    ].join("\n"),
  );
  assert.deepEqual(listFiles(dir).filter((f) => !f.startsWith("conf/")), []);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("sweep -f slurm/k8s: --mem 16GB and --time 2- are sbatch's forms too, taken as written (checker x62 #1)", async () => {
  const dir = confTree();
  const slurm = await sweepIn(dir, "-f slurm seed=0,1 --mem 16GB --time 2- -- true");
  assert.equal(slurm.code, 0, slurm.stderr);
  assert.ok(slurm.stdout.includes("#SBATCH --mem=16GB\n"), slurm.stdout);
  assert.ok(slurm.stdout.includes("#SBATCH --time=2-\n"), slurm.stdout);
  const k8s = await sweepIn(dir, "-f k8s --image a:1 seed=0,1 --mem 16GB --time 2- -- true");
  assert.equal(k8s.code, 0, k8s.stderr);
  assert.match(k8s.stdout, /memory: "16Gi"/);
  assert.match(k8s.stdout, /activeDeadlineSeconds: 172800/);
  const bad = await sweepIn(dir, "-f slurm seed=0,1 --mem 16XB -- true");
  assert.equal(bad.code, 2);
});

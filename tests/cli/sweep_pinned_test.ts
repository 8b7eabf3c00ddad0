/**
 * Every manifest's task runs exactly the job the manifest lists for its index,
 * even when expanding the sweep again would give another job list (a
 * `shuffle`, a `glob` whose matches changed): the tasks are run for real,
 * SLURM's through bash, k8s's and GitHub's command lines as the pod and the
 * runner would run them.
 *
 * @module
 */

import assert from "node:assert/strict";
import { parse } from "yaml";
import { PERMISSIONS, ROOT, strata, V8_FLAGS } from "./_cli.ts";
import { yamlDocuments } from "./_manifest.ts";

/** The job: records the overrides strata gives it, split again by bash. */
const JOB = [
  "bash",
  "-c",
  'eval "set -- $STRATA_JOB_OVERRIDES"; printf "%s\\n" "$@" > "$STRATA_RUN_DIR/env"',
];
const STRATA_CMD = [Deno.execPath(), "run", ...PERMISSIONS, ...V8_FLAGS, `${ROOT}cli/main.ts`];
const SWEEP = "seed=shuffle(range(4)) model=glob(*) hydra.sweep.dir=ms";

function tree(): string {
  const dir = Deno.makeTempDirSync({ prefix: "strata-pinned-" });
  Deno.mkdirSync(`${dir}/conf/model`, { recursive: true });
  Deno.writeTextFileSync(
    `${dir}/conf/config.yaml`,
    "defaults:\n  - model: a\n  - _self_\nseed: 1\n",
  );
  Deno.writeTextFileSync(`${dir}/conf/model/a.yaml`, "name: a\n");
  Deno.writeTextFileSync(`${dir}/conf/model/b.yaml`, "name: b\n");
  return dir;
}

/** A new match of `model=glob(*)`, sorted first: expanding again would shift every job. */
function changeTree(dir: string): void {
  Deno.writeTextFileSync(`${dir}/conf/model/A.yaml`, "name: A\n");
}

async function run(argv: string[], cwd: string, env: Record<string, string> = {}): Promise<void> {
  const out = await new Deno.Command(argv[0], { args: argv.slice(1), cwd, env }).output();
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
}

/** Checks that task i ran the manifest's job i, and that the jobs are the whole sweep. */
function checkRuns(dir: string, pinned: string[][]): void {
  assert.equal(pinned.length, 8);
  const seen = new Set<string>();
  pinned.forEach((overrides, i) => {
    const recorded = parse(Deno.readTextFileSync(`${dir}/ms/${i}/.hydra/overrides.yaml`));
    assert.deepEqual(recorded, overrides, `job ${i}`);
    const config = parse(Deno.readTextFileSync(`${dir}/ms/${i}/.hydra/config.yaml`));
    assert.equal(`seed=${config.seed}`, overrides[0]);
    assert.equal(`model=${config.model.name}`, overrides[1]);
    const env = Deno.readTextFileSync(`${dir}/ms/${i}/env`).trimEnd().split("\n");
    assert.deepEqual(env, overrides, `$STRATA_JOB_OVERRIDES of job ${i}`);
    seen.add(overrides.join(" "));
  });
  assert.equal(seen.size, 8, "every job of the sweep once");
}

Deno.test("sweep -f slurm: each array task runs the job its script pins", async () => {
  const dir = tree();
  const w = await strata(["sweep", ...SWEEP.split(" "), "-f", "slurm", "-o", "s", "--", ...JOB], {
    cwd: dir,
  });
  assert.equal(w.code, 0, w.stderr);
  const script = Deno.readTextFileSync(`${dir}/s/array_000.sbatch`);
  const lines = script.split("\n");
  const from = lines.findIndex((l) => l.endsWith("<<'STRATA_JOBS'")) + 1;
  const pinned = lines.slice(from, lines.indexOf("STRATA_JOBS")).map((l) => JSON.parse(l));
  changeTree(dir);
  for (let task = 0; task < 8; task++) {
    await run(["bash", `${dir}/s/array_000.sbatch`], dir, { SLURM_ARRAY_TASK_ID: String(task) });
  }
  checkRuns(dir, pinned);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("sweep -f k8s: each pod runs the job its ConfigMap entry pins", async () => {
  const dir = tree();
  const w = await strata([
    "sweep",
    ...SWEEP.split(" "),
    "-f",
    "k8s",
    "--image",
    "app:1",
    "--strata-cmd",
    STRATA_CMD.join(" "),
    "--",
    ...JOB,
  ], { cwd: dir });
  assert.equal(w.code, 0, w.stderr);
  const objects = yamlDocuments(w.stdout);
  const job = objects.at(-1);
  // The projected volume: every ConfigMap's entries as files of one directory.
  Deno.mkdirSync(`${dir}/jobs`);
  const pinned: string[][] = [];
  for (const map of objects.slice(0, -1)) {
    for (const [key, value] of Object.entries(map.data as Record<string, string>)) {
      Deno.writeTextFileSync(`${dir}/jobs/${key}`, value);
      pinned[Number(key)] = JSON.parse(value);
    }
  }
  changeTree(dir);
  const command: string[] = job.spec.template.spec.containers[0].command;
  for (let index = 0; index < 8; index++) {
    // What the kubelet does: $(VAR) expanded, $$ a literal $.
    const argv = command.map((a) =>
      a.replaceAll("$(JOB_COMPLETION_INDEX)", String(index)).replaceAll("$$", "$")
        .replace(/^@\/strata\/jobs\//, `@${dir}/jobs/`)
    );
    await run(argv, dir);
  }
  checkRuns(dir, pinned);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("sweep -f github: each matrix job runs the overrides its entry pins", async () => {
  const dir = tree();
  const w = await strata([
    "sweep",
    ...SWEEP.split(" "),
    "-f",
    "github",
    "-o",
    "gh",
    "--strata-cmd",
    STRATA_CMD.join(" "),
    "--",
    ...JOB,
  ], { cwd: dir });
  assert.equal(w.code, 0, w.stderr);
  const workflow = parse(Deno.readTextFileSync(`${dir}/gh/workflow.yml`));
  const step = workflow.jobs.run_000.steps.find((s: { run?: string }) =>
    s.run?.includes("--job-index")
  );
  const matrix = JSON.parse(Deno.readTextFileSync(`${dir}/gh/matrix_000.json`));
  changeTree(dir);
  for (const entry of matrix.include) {
    // What the runner does: ${{ matrix.index }} pasted, the step's env set.
    const script = step.run.replaceAll("${{ matrix.index }}", String(entry.index));
    const env = { STRATA_JOB: JSON.stringify(entry.overrides, null, 2) };
    assert.equal(step.env.STRATA_JOB, "${{ toJSON(matrix.overrides) }}");
    await run(["bash", "-e", "-c", script], dir, env);
  }
  checkRuns(dir, matrix.include.map((e: { overrides: string[] }) => e.overrides));
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("run --job-overrides @-: the pinned overrides come from stdin", async () => {
  const dir = tree();
  try {
    const args = ["run", "--job-index", "1", "--job-overrides", "@-", "seed=1,2"];
    const r = await strata([...args, "hydra.sweep.dir=ms", "-q", "--", "true"], {
      cwd: dir,
      stdin: '["seed=7"]\n',
    });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(Deno.readTextFileSync(`${dir}/ms/1/.hydra/overrides.yaml`), "- seed=7\n");
    const bad = await strata([...args, "hydra.sweep.dir=ms2", "--", "true"], {
      cwd: dir,
      stdin: "seed=7",
    });
    assert.equal(bad.code, 2, bad.stderr);
    assert.match(bad.stderr, /JSON array of strings/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("run --job-overrides: not a JSON array of strings, or without --job-index, is bad usage", async () => {
  const dir = tree();
  const cases: [string[], RegExp][] = [
    [["--job-index", "0", "--job-overrides", "[1]"], /JSON array of strings/],
    [["--job-index", "0", "--job-overrides", "seed=1"], /JSON array of strings/],
    [
      ["--job-index", "0", "--job-overrides", "@nope.json"],
      /--job-overrides @nope\.json: no such file or directory: nope\.json\n/,
    ],
    [["--job-overrides", '["seed=1"]'], /needs --job-index/],
  ];
  for (const [args, message] of cases) {
    const r = await strata(["run", ...args, "seed=1,2", "hydra.sweep.dir=ms", "--", "true"], {
      cwd: dir,
    });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, message);
  }
  assert.equal([...Deno.readDirSync(dir)].some((e) => e.name === "ms"), false, "nothing written");
  Deno.removeSync(dir, { recursive: true });
});

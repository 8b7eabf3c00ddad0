import assert from "node:assert/strict";
import { parse } from "yaml";
import { k8sProblems } from "../core/manifest/_k8s_check.ts";
import { confTree, listFiles, sweepIn, yamlDocuments } from "./_manifest.ts";
import { strata } from "./_cli.ts";

const SIZES: [number, string][] = [
  [10, "seed=range(5) model=small,large"],
  [1_000, "seed=range(500) model=small,large"],
  [100_000, "seed=range(50000) model=small,large --no-validate"],
];

for (const [jobs, args] of SIZES) {
  Deno.test(`sweep -f k8s: ${jobs} jobs pass kubernetes-models and our checks`, async () => {
    const dir = confTree();
    const r = await sweepIn(
      dir,
      `-f k8s --image registry/app:1 --parallel 8 ${args} -- python train.py`,
    );
    assert.equal(r.code, 0, r.stderr);
    const objects = yamlDocuments(r.stdout);
    assert.deepEqual(k8sProblems(objects), []);
    const job = objects[objects.length - 1];
    assert.equal(job.kind, "Job");
    assert.equal(job.spec.completions, jobs);
    assert.equal(job.spec.parallelism, 8);
    assert.equal(job.spec.completionMode, "Indexed");
    const maps = objects.slice(0, -1);
    const keys = new Set(maps.flatMap((m) => Object.keys(m.data)));
    assert.equal(keys.size, jobs);
    // Each job's overrides as a JSON array, which the pod runs as given.
    assert.equal(maps[0].data["1"], '["seed=0","model=large"]\n');
    const command = job.spec.template.spec.containers[0].command;
    const at = command.indexOf("--job-overrides");
    assert.deepEqual(command.slice(at - 2, at + 2), [
      "--job-index",
      "$(JOB_COMPLETION_INDEX)",
      "--job-overrides",
      "@/strata/jobs/$(JOB_COMPLETION_INDEX)",
    ]);
    // Each ConfigMap fits kubectl apply's last-applied annotation (256 KiB).
    for (const m of maps) assert.ok(JSON.stringify(m).length < 262_144);
    Deno.removeSync(dir, { recursive: true });
  });

  // GitHub creates at most 50,000 check runs (jobs) in a workflow run: past it the sweep is
  // refused (sweep_github_run_outputs_test.ts), so the biggest size is 40,000 jobs here
  const [ghJobs, ghArgs] = jobs > 50_000
    ? [40_000, "seed=range(20000) model=small,large --no-validate"]
    : [jobs, args];
  Deno.test(`sweep -f github: ${ghJobs} jobs in matrices of at most 256, a workflow that parses`, async () => {
    const dir = confTree();
    const r = await sweepIn(dir, `-f github --out sweep ${ghArgs} -- python train.py`);
    assert.equal(r.code, 0, r.stderr);
    const files = listFiles(`${dir}/sweep`);
    const chunks = files.filter((f) => f.startsWith("matrix_"));
    assert.equal(chunks.length, Math.ceil(ghJobs / 256));
    const seen: number[] = [];
    for (const f of chunks) {
      const matrix = JSON.parse(Deno.readTextFileSync(`${dir}/sweep/${f}`));
      assert.deepEqual(Object.keys(matrix), ["include"]);
      assert.ok(matrix.include.length <= 256);
      for (const item of matrix.include) {
        assert.deepEqual(Object.keys(item), ["index", "overrides"]);
        assert.equal(item.overrides.length, 2);
        seen.push(item.index);
      }
    }
    assert.deepEqual(seen, Array.from({ length: ghJobs }, (_, i) => i));
    const workflow = parse(Deno.readTextFileSync(`${dir}/sweep/workflow.yml`));
    const runJobs = Object.keys(workflow.jobs).filter((k) => k.startsWith("run_"));
    assert.equal(runJobs.length, chunks.length);
    chunks.forEach((f, i) => {
      const id = f.slice(7, 10);
      const job = workflow.jobs[runJobs[i]];
      const m = /^\$\{\{ fromJSON\(needs\.(\w+)\.outputs\.m(\d{3})\) \}\}$/.exec(
        job.strategy.matrix,
      );
      assert.ok(m, job.strategy.matrix);
      assert.equal(m[2], id);
      assert.ok(job.needs.includes(m[1]));
      const plan = workflow.jobs[m[1]];
      assert.ok(`m${id}` in plan.outputs);
      assert.match(plan.steps[1].run, /cat sweep\/matrix_\$i\.json/);
      assert.deepEqual(job.steps[1], {
        uses: "OWNER/strata@v0.1.0",
        with: { "install-only": "true" },
      });
      assert.equal(job.steps[2].env.STRATA_JOB, "${{ toJSON(matrix.overrides) }}");
      assert.match(
        job.steps[2].run,
        /^strata run --job-index \$\{\{ matrix\.index \}\} --job-overrides "\$STRATA_JOB" --now [\d:.T-]+ --config-dir conf /,
      );
    });
    // A plan job outputs at most 1 MB: the chunks it reads stay under that.
    for (const [name, plan] of Object.entries(workflow.jobs)) {
      if (!name.startsWith("plan")) continue;
      const ids = Object.keys((plan as { outputs: object }).outputs).map((k) => k.slice(1));
      const bytes = ids.reduce(
        (n, id) => n + Deno.statSync(`${dir}/sweep/matrix_${id}.json`).size,
        0,
      );
      assert.ok(bytes <= 1_000_000, `${name} outputs ${bytes} bytes`);
    }
    Deno.removeSync(dir, { recursive: true });
  });
}

Deno.test("sweep -f github: up to 256 jobs is one matrix on stdout, fit for fromJSON", async () => {
  const dir = confTree();
  const r = await sweepIn(dir, "-f github seed=range(3)"); // the matrix alone: no CMD
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stdout,
    '{"include":[{"index":0,"overrides":["seed=0"]},{"index":1,"overrides":["seed=1"]},' +
      '{"index":2,"overrides":["seed=2"]}]}\n',
  );
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("sweep -f github: --parallel chains the matrices and sets max-parallel", async () => {
  const dir = confTree();
  const r = await sweepIn(dir, "-f github -o gh --parallel 4 --time 90 seed=range(600) -- ./train");
  assert.equal(r.code, 0, r.stderr);
  const workflow = parse(Deno.readTextFileSync(`${dir}/gh/workflow.yml`));
  assert.deepEqual(workflow.jobs.run_001.needs, ["plan", "run_000"]);
  assert.equal(workflow.jobs.run_002.strategy["max-parallel"], 4);
  assert.equal(workflow.jobs.run_000["timeout-minutes"], 90);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("sweep -f github: --time 0 (SLURM's no limit) sets no timeout-minutes, which must be positive", async () => {
  const dir = confTree();
  for (const time of ["0", "0:0", "0-0"]) {
    const r = await sweepIn(
      dir,
      `-f github -o gh${time.length} --time ${time} seed=1,2 -- ./train`,
    );
    assert.equal(r.code, 0, r.stderr);
    const workflow = parse(Deno.readTextFileSync(`${dir}/gh${time.length}/workflow.yml`));
    assert.equal("timeout-minutes" in workflow.jobs.run_000, false, time);
  }
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("sweep -f github: --runs-on sets the runner labels of the run jobs", async () => {
  const dir = confTree();
  const r = await sweepIn(dir, "-f github -o gh --runs-on self-hosted,gpu seed=range(300) -- ./t");
  assert.equal(r.code, 0, r.stderr);
  const workflow = parse(Deno.readTextFileSync(`${dir}/gh/workflow.yml`));
  assert.deepEqual(workflow.jobs.run_000["runs-on"], ["self-hosted", "gpu"]);
  assert.deepEqual(workflow.jobs.run_001["runs-on"], ["self-hosted", "gpu"]);
  assert.equal(workflow.jobs.plan["runs-on"], "ubuntu-latest", "reading matrices needs no GPU");
  const one = await sweepIn(dir, "-f github -o gh1 --runs-on linux-arm seed=range(3) -- ./t");
  assert.equal(one.code, 0, one.stderr);
  const single = parse(Deno.readTextFileSync(`${dir}/gh1/workflow.yml`));
  assert.equal(single.jobs.run_000["runs-on"], "linux-arm");
  const bad = await sweepIn(dir, "-f github --runs-on a,,b seed=range(3) -- ./t");
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /runner labels/);
  const other = await sweepIn(dir, "-f slurm --runs-on a seed=range(3) -- ./t");
  assert.equal(other.code, 2);
  assert.match(other.stderr, /--runs-on is for --format github/);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("sweep -f github: from a repository's subdirectory, run steps start there; --out stays inside", async () => {
  // Runners start at the checkout's root; the manifest's paths are relative
  // to where strata sweep ran (ml/, the config dir ml/conf).
  const dir = confTree();
  Deno.mkdirSync(`${dir}/.git`);
  Deno.mkdirSync(`${dir}/ml`);
  Deno.renameSync(`${dir}/conf`, `${dir}/ml/conf`);
  let r = await strata(["sweep", "-f", "github", "-o", "gh", "seed=1,2", "--", "./train"], {
    cwd: `${dir}/ml`,
  });
  assert.equal(r.code, 0, r.stderr);
  const workflow = parse(Deno.readTextFileSync(`${dir}/ml/gh/workflow.yml`));
  assert.deepEqual(workflow.defaults, { run: { "working-directory": "ml" } });
  assert.match(workflow.jobs.plan.steps[1].run, / gh\/matrix_\$i\.json/);
  // each job keeps its run dir: an artifact, its path the checkout root's (uses steps start there)
  const upload = workflow.jobs.run_000.steps.at(-1);
  assert.equal(upload.uses, "actions/upload-artifact@v4");
  assert.equal(upload.if, "${{ !cancelled() }}");
  assert.equal(upload.with.name, "job-${{ matrix.index }}");
  // "Re-run failed jobs" uploads again in the same run: replaced, not refused (checker v33)
  assert.equal(upload.with.overwrite, true);
  assert.match(upload.with.path, /^ml\/multirun\/\d{4}-\d\d-\d\d\/\d\d-\d\d-\d\d$/);
  assert.match(
    workflow.jobs.run_000.steps.find((s: { run?: string }) => s.run?.includes("--job-index")).run,
    /--config-dir conf /,
  );
  // At the root, nothing changes.
  r = await strata(["sweep", "-f", "github", "-o", "gh", "-d", "ml/conf", "seed=1,2", "--", "x"], {
    cwd: dir,
  });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(parse(Deno.readTextFileSync(`${dir}/gh/workflow.yml`)).defaults, undefined);
  // Matrices outside the repository could never be read by the workflow.
  r = await strata(["sweep", "-f", "github", "-o", "../../out", "seed=1,2", "--", "x"], {
    cwd: `${dir}/ml`,
  });
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /outside the repository/);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("sweep -f github: a sweep dir under ${hydra:runtime.cwd} is uploaded from the runner's checkout, not this machine's path", async () => {
  const dir = confTree();
  Deno.mkdirSync(`${dir}/.git`);
  Deno.mkdirSync(`${dir}/ml`);
  Deno.renameSync(`${dir}/conf`, `${dir}/ml/conf`);
  try {
    const r = await strata(
      [
        "sweep",
        "-f",
        "github",
        "-o",
        "gh",
        "seed=1,2",
        "hydra.sweep.dir=${hydra:runtime.cwd}/out/x",
      ]
        .concat("--", "./train"),
      { cwd: `${dir}/ml` },
    );
    assert.equal(r.code, 0, r.stderr);
    const workflow = parse(Deno.readTextFileSync(`${dir}/ml/gh/workflow.yml`));
    assert.equal(workflow.jobs.run_000.steps.at(-1).with.path, "ml/out/x");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("sweep -f github with no git repository: matrices outside the working directory are refused (exit 2)", async () => {
  // the workflow then takes the working directory for the checkout's root (BenchMARL check)
  const dir = confTree();
  const out = `../${dir.split("/").at(-1)}-gh`;
  const r = await strata(["sweep", "-f", "github", "-o", out, "seed=1,2", "--", "x"], { cwd: dir });
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /outside the working directory, which the workflow takes for the root/);
  assert.throws(() => Deno.statSync(`${dir}/${out}`));
  const ok = await strata(["sweep", "-f", "github", "-o", "gh", "seed=1,2", "--", "x"], {
    cwd: dir,
  });
  assert.equal(ok.code, 0, ok.stderr);
  // written, and said: the working directory stands for the checkout's root
  assert.match(ok.stderr, /note: no git repository holds .*: the workflow takes it for the root/);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("sweep -f k8s: an --image that is blank or holds a space is refused (exit 2)", async () => {
  const dir = confTree();
  for (const image of ["", " ", "app :1", "app:1\n"]) {
    const r = await strata(["sweep", "-f", "k8s", "--image", image, "seed=1,2", "--", "./t"], {
      cwd: dir,
    });
    assert.equal(r.code, 2, JSON.stringify(image) + r.stdout);
    assert.match(r.stderr, /image/);
    assert.equal(r.stdout, "");
  }
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("sweep -f github --strata-cmd strata: the runners have strata on their PATH, so no job installs it", async () => {
  const dir = confTree();
  let r = await sweepIn(dir, "-f github -o gh --strata-cmd strata seed=1,2 -- ./train");
  assert.equal(r.code, 0, r.stderr);
  let text = Deno.readTextFileSync(`${dir}/gh/workflow.yml`);
  assert.ok(!text.includes("OWNER/strata"), text);
  assert.doesNotMatch(r.stderr, /placeholder/);
  const steps = parse(text).jobs.run_000.steps;
  assert.deepEqual(steps[0], { uses: "actions/checkout@v4" });
  assert.match(steps[1].run, /^strata run --job-index /);
  // without it, the placeholder action installs strata, and a note says to replace it
  r = await sweepIn(dir, "-f github -o gh2 seed=1,2 -- ./train");
  assert.equal(r.code, 0, r.stderr);
  text = Deno.readTextFileSync(`${dir}/gh2/workflow.yml`);
  assert.ok(text.includes("uses: OWNER/strata@v0.1.0"), text);
  assert.match(r.stderr, /installs strata with OWNER\/strata@v0\.1\.0, a placeholder/);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("sweep -f k8s: a sweep written again (another image, another clock) is another Job, whose pod template Kubernetes would refuse to change (checker v33)", async () => {
  const dir = confTree();
  try {
    const names: string[] = [];
    for (const image of ["a:1", "a:1", "b:2"]) {
      const r = await strata(
        ["sweep", "seed=1,2", "-f", "k8s", "--image", image, "-o", "-", "--", "./train"],
        { cwd: dir },
      );
      assert.equal(r.code, 0, r.stderr);
      names.push(/\n {2}name: (strata-[0-9a-f]{10})\n/.exec(r.stdout)![1]);
    }
    assert.equal(new Set(names).size, 3, names.join(" "));
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

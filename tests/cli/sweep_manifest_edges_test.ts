/**
 * What the schedulers themselves would refuse or misread in a manifest:
 * override values with newlines, YAML 1.1 scalars, sbatch's script size and
 * directive syntax, Kubernetes' `activeDeadlineSeconds: 0`.
 *
 * @module
 */

import assert from "node:assert/strict";
import { parse } from "yaml";
import { strata } from "./_cli.ts";
import { confTree, listFiles, yamlDocuments } from "./_manifest.ts";
import { slurmUp } from "./_slurm.ts";

const dec = new TextDecoder();

/** `sbatch --test-only SCRIPT`: what the local SLURM says of the script (null when it is down). */
async function sbatchTest(script: string): Promise<{ ok: boolean; err: string } | null> {
  if (!(await slurmUp())) return null;
  const out = await new Deno.Command("sbatch", { args: ["--test-only", script], stderr: "piped" })
    .output();
  return { ok: out.success, err: dec.decode(out.stderr) };
}

Deno.test("sweep -f slurm: an override with a newline stays one task's, whole", async () => {
  const dir = confTree();
  const job = 'eval "set -- $STRATA_JOB_OVERRIDES"; printf "%s\\0" "$@" > "$STRATA_RUN_DIR/env"';
  const r = await strata(
    [
      "sweep",
      "+msg='a\nb',c",
      "hydra.sweep.dir=ms",
      "-f",
      "slurm",
      "-o",
      "s",
      "--",
      "bash",
      "-c",
      job,
    ],
    { cwd: dir },
  );
  assert.equal(r.code, 0, r.stderr);
  for (const task of [0, 1]) {
    const out = await new Deno.Command("bash", {
      args: [`${dir}/s/array_000.sbatch`],
      cwd: dir,
      env: { SLURM_ARRAY_TASK_ID: String(task) },
    }).output();
    assert.equal(out.code, 0, dec.decode(out.stderr));
  }
  const expected = [["+msg='a\nb'"], ["+msg=c"]];
  for (const task of [0, 1]) {
    assert.deepEqual(
      parse(Deno.readTextFileSync(`${dir}/ms/${task}/.hydra/overrides.yaml`)),
      expected[task],
    );
    const env = Deno.readTextFileSync(`${dir}/ms/${task}/env`).split("\0").slice(0, -1);
    assert.deepEqual(env, expected[task]);
  }
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("sweep -f k8s: an override with a newline is one JSON array entry", async () => {
  const dir = confTree();
  const r = await strata(
    ["sweep", "+msg='a\nb',c", "-f", "k8s", "--image", "app:1", "--", "./train"],
    { cwd: dir },
  );
  assert.equal(r.code, 0, r.stderr);
  const [map] = yamlDocuments(r.stdout);
  assert.deepEqual(JSON.parse(map.data["0"]), ["+msg='a\nb'"]);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("sweep -f k8s/github: strings YAML 1.1 reads as bools or numbers are quoted", async () => {
  const dir = confTree();
  // (`=` and `<<` are YAML 1.1's value and merge types: PyYAML, the Python kubernetes client's
  // reader, refuses them bare; checker x56)
  const args = [
    ...["--amp", "on", "--resume", "yes", "n", "Off", "1:30", "0o17", "1_000", "a\tb", "=", "<<"],
  ];
  const r = await strata(
    ["sweep", "seed=1,2", "-f", "k8s", "--image", "img", "--", "python", "train.py", ...args],
    { cwd: dir },
  );
  assert.equal(r.code, 0, r.stderr);
  const jobDoc = r.stdout.split(/^---\n/m).at(-1)!;
  for (const version of ["1.1", "1.2"] as const) {
    const job = parse(jobDoc, { version });
    const command: unknown[] = job.spec.template.spec.containers[0].command;
    assert.deepEqual(command.slice(-args.length), args, `YAML ${version}`);
  }
  assert.ok(!/\t/.test(jobDoc), "no raw tab");
  assert.match(jobDoc, /\n {12}- "="\n {12}- "<<"\n/);
  const gh = await strata(
    ["sweep", "seed=1,2", "-f", "github", "-o", "gh", "--runs-on", "on,yes", "--", "./t"],
    { cwd: dir },
  );
  assert.equal(gh.code, 0, gh.stderr);
  const workflow = parse(Deno.readTextFileSync(`${dir}/gh/workflow.yml`), { version: "1.1" });
  assert.deepEqual(workflow.jobs.run_000["runs-on"], ["on", "yes"]);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("sweep -f k8s --time 0: no activeDeadlineSeconds (the API server refuses 0)", async () => {
  const dir = confTree();
  const r = await strata(
    ["sweep", "seed=1,2", "-f", "k8s", "--image", "img", "--time", "0", "--", "./t"],
    { cwd: dir },
  );
  assert.equal(r.code, 0, r.stderr);
  const job = yamlDocuments(r.stdout).at(-1);
  assert.equal("activeDeadlineSeconds" in job.spec.template.spec, false);
  const one = await strata(
    ["sweep", "seed=1,2", "-f", "k8s", "--image", "img", "--time", "90", "--", "./t"],
    { cwd: dir },
  );
  assert.equal(yamlDocuments(one.stdout).at(-1).spec.template.spec.activeDeadlineSeconds, 5400);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("SLURM's no-limit spellings: --time infinite/UNLIMITED and --mem 0 are no limit everywhere", async () => {
  const dir = confTree();
  try {
    for (const time of ["infinite", "UNLIMITED"]) {
      const k8s = await strata(
        [
          "sweep",
          "seed=1,2",
          "-f",
          "k8s",
          "--image",
          "img",
          "--time",
          time,
          "--mem",
          "0",
          "--",
          "./t",
        ],
        { cwd: dir },
      );
      assert.equal(k8s.code, 0, k8s.stderr);
      const pod = yamlDocuments(k8s.stdout).at(-1).spec.template.spec;
      assert.equal("activeDeadlineSeconds" in pod, false);
      assert.equal(JSON.stringify(pod.containers[0].resources ?? {}).includes("memory"), false);
      const slurm = await strata(
        ["sweep", "seed=1,2", "-f", "slurm", "--time", time, "--mem", "0", "--", "./t"],
        { cwd: dir },
      );
      assert.equal(slurm.code, 0, slurm.stderr);
      assert.match(slurm.stdout, new RegExp(`^#SBATCH --time=${time}$`, "m"));
      assert.match(slurm.stdout, /^#SBATCH --mem=0$/m);
    }
    const gh = await strata(
      ["sweep", "seed=1,2", "-f", "github", "--time", "infinite", "-o", "gh", "--", "./t"],
      { cwd: dir },
    );
    assert.equal(gh.code, 0, gh.stderr);
    assert.equal(
      Deno.readTextFileSync(`${dir}/gh/workflow.yml`).includes("timeout-minutes"),
      false,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("sweep -f slurm: arrays split to stay under sbatch's max_script_size", async () => {
  const dir = confTree();
  const pad = "x".repeat(500);
  const r = await strata(
    [
      "sweep",
      "seed=range(8500)",
      `+pad=${pad}`,
      "--no-validate",
      "-f",
      "slurm",
      "--max-array-size",
      "10001",
      "-o",
      "big",
      "--",
      "true",
    ],
    { cwd: dir },
  );
  assert.equal(r.code, 0, r.stderr);
  const scripts = listFiles(`${dir}/big`).filter((f) => f.endsWith(".sbatch"));
  assert.ok(scripts.length >= 2, `${scripts}`);
  let jobs = 0;
  for (const f of scripts) {
    const text = Deno.readTextFileSync(`${dir}/big/${f}`);
    assert.ok(new TextEncoder().encode(text).length <= 4 * 1024 * 1024, `${f} too large`);
    const [, last] = /--array=0-(\d+)/.exec(text)!;
    jobs += Number(last) + 1;
  }
  assert.equal(jobs, 8500);
  const dry = await strata(
    ["sweep", "seed=range(8500)", `+pad=${pad}`, "--no-validate", "-f", "slurm"]
      .concat(["--max-array-size", "10001", "--dry-run", "-o", "big2", "--", "true"]),
    { cwd: dir },
  );
  assert.match(dry.stdout, /arrays: \d+ \(MaxArraySize 10001, .*max_script_size, 4194304 bytes\)/);
  const test = await sbatchTest(`${dir}/big/array_000.sbatch`);
  if (test) assert.ok(test.ok, test.err);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("sweep -f slurm: #SBATCH values with spaces are quoted; a line break is refused", async () => {
  const parent = Deno.makeTempDirSync({ prefix: "strata-sbatch-" });
  const dir = `${parent}/sp ace`;
  Deno.renameSync(confTree(), dir);
  const r = await strata(
    ["sweep", "seed=1,2", "-f", "slurm", "-o", "out dir", "--sbatch", "--comment=a b #1", "--"]
      .concat(["true"]),
    { cwd: dir },
  );
  assert.equal(r.code, 0, r.stderr);
  const script = Deno.readTextFileSync(`${dir}/out dir/array_000.sbatch`);
  assert.ok(script.includes(`#SBATCH "--chdir=${dir}"\n`), script);
  assert.ok(script.includes(`#SBATCH "--output=${dir}/out dir/%x_%A_%a.out"\n`));
  assert.ok(script.includes(`#SBATCH "--comment=a b #1"\n`));
  const test = await sbatchTest(`${dir}/out dir/array_000.sbatch`);
  if (test) assert.ok(test.ok, test.err);
  for (const bad of [["--partition", "debug\nrm -rf /"], ["--sbatch", "--comment=a\nb"]]) {
    const b = await strata(["sweep", "seed=1,2", "-f", "slurm", "-o", "b", ...bad, "--", "true"], {
      cwd: dir,
    });
    assert.equal(b.code, 2, b.stderr);
    assert.match(b.stderr, /line break/);
    assert.equal(listFiles(dir).some((f) => f.startsWith("b/")), false);
  }
  Deno.removeSync(parent, { recursive: true });
});

Deno.test("sweep -f slurm: --sbatch 'OPT VALUE' stays an option and its value, as on sbatch's command line", async () => {
  const dir = confTree();
  const r = await strata(
    ["sweep", "seed=1,2", "-f", "slurm", "--sbatch=-p debug", "--sbatch=--comment a b"]
      .concat(["--", "true"]),
    { cwd: dir },
  );
  assert.equal(r.code, 0, r.stderr);
  assert.ok(r.stdout.includes(`#SBATCH -p debug\n`), r.stdout);
  assert.ok(r.stdout.includes(`#SBATCH --comment "a b"\n`), r.stdout);
  Deno.writeTextFileSync(`${dir}/a.sbatch`, r.stdout);
  const test = await sbatchTest(`${dir}/a.sbatch`);
  if (test) assert.ok(test.ok, test.err);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("sweep -f slurm: --sbatch cannot set the array strata numbers its tasks by", async () => {
  const dir = confTree();
  for (const bad of ["--array=1-2", "array=0-9", "-a 1", "-a1-2", "--array 3"]) {
    const r = await strata(["sweep", "seed=1,2", "-f", "slurm", `--sbatch=${bad}`, "--", "true"], {
      cwd: dir,
    });
    assert.equal(r.code, 2, `${bad}: ${r.stdout}`);
    assert.match(r.stderr, /--array/);
    assert.equal(r.stdout, "");
  }
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("sweep -f slurm: a misspelt --sbatch option is a warning with did-you-mean; sbatch refuses it too", async () => {
  const dir = confTree();
  const args = ["sweep", "+x=1,2", "-f", "slurm", "-o", "s"];
  const bad = await strata([...args, "--sbatch", "acount=ml", "--", "true"], { cwd: dir });
  assert.equal(bad.code, 0, bad.stderr); // a newer Slurm may have the option: not refused
  assert.match(
    bad.stderr,
    /warning: --sbatch "acount=ml": sbatch \(Slurm 20\.11-24\.11\) has no option --acount; .*Did you mean --account\?/,
  );
  const test = await sbatchTest(`${dir}/s/array_000.sbatch`);
  if (test) assert.equal(test.ok, false, "the local sbatch refuses --acount too");

  // known options, sbatch's unique abbreviations and one-letter options: no warning
  const good = await strata(
    [...args, "--sbatch", "comment=x", "--sbatch", "--time-m=5", "--sbatch", "-J x", "--", "true"],
    { cwd: dir },
  );
  assert.equal(good.code, 0, good.stderr);
  assert.doesNotMatch(good.stderr, /sbatch/);
  const ok = await sbatchTest(`${dir}/s/array_000.sbatch`);
  if (ok) assert.equal(ok.ok, true, ok.err);
});

Deno.test("sbatch options: every option the installed sbatch lists is known to strata", async (t) => {
  let help: string;
  try {
    const out = await new Deno.Command("sbatch", { args: ["--help"], stdout: "piped" }).output();
    help = dec.decode(out.stdout);
  } catch {
    return void await t.step({ name: "skipped: no sbatch", ignore: true, fn: () => {} });
  }
  const { unknownSbatchOption } = await import("../../core/manifest/sbatch_options.ts");
  const options = [...help.matchAll(/^\s+(?:-(\w), )?--([a-z][a-z0-9-]*)/gm)];
  assert.ok(options.length > 50, help);
  for (const [, short, long] of options) {
    assert.equal(unknownSbatchOption(`--${long}=1`), undefined, long);
    if (short) assert.equal(unknownSbatchOption(`-${short} 1`), undefined, short);
  }
});

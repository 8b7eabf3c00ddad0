/**
 * GitHub reads every `${{` of a workflow's `run:` as an expression, inside
 * shell quotes too: user text (overrides, the command, the output directory)
 * must reach the job as written, never as an expression.
 */
import assert from "node:assert/strict";
import { parse } from "yaml";
import { strata } from "./_cli.ts";
import { confTree } from "./_manifest.ts";

/** Runs a step's script as a runner would, its only expression already expanded. */
async function runStep(script: string, cwd: string, env: Record<string, string>) {
  const out = await new Deno.Command("bash", { args: ["-c", script], cwd, env }).output();
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  return new TextDecoder().decode(out.stdout);
}

Deno.test("sweep -f github: ${{ in user text is no expression in run:, and the job gets it as is", async () => {
  const dir = confTree();
  // A stand-in for strata that prints its arguments, one per NUL.
  Deno.writeTextFileSync(`${dir}/args.sh`, "#!/bin/sh\nprintf '%s\\0' \"$@\"\n");
  Deno.chmodSync(`${dir}/args.sh`, 0o755);
  const out = "out${{ github.sha }}";
  // (escaped for OmegaConf: a bare `${{` is its GrammarParseError, in Hydra as in strata)
  const override = "+msg='\\${{ secrets.TOKEN }}'";
  const command = ["echo", "${{ github.token }}", "it's ${{x}}", "a\n${{ env.B }}\t$${{"];
  const r = await strata(
    ["sweep", "-f", "github", "-o", out, "--strata-cmd", `${dir}/args.sh`, override, "seed=1,2"]
      .concat("--", command),
    { cwd: dir },
  );
  assert.equal(r.code, 0, r.stderr);
  const workflow = parse(Deno.readTextFileSync(`${dir}/${out}/workflow.yml`));
  const plan = workflow.jobs.plan.steps[1].run as string;
  const step = workflow.jobs.run_000.steps[1];
  assert.ok(!plan.includes("${{"), plan);
  // Only strata's own expression is left.
  assert.deepEqual(step.run.match(/\$\{\{[^}]*\}\}/g), ["${{ matrix.index }}"]);
  assert.equal(step.run.split("${{").length, 2, step.run);

  const output = `${dir}/github_output`;
  Deno.writeTextFileSync(output, "");
  await runStep(plan, dir, { GITHUB_OUTPUT: output });
  const matrix = JSON.parse(Deno.readTextFileSync(output).replace(/^m000=/, ""));
  const job = matrix.include[1];
  const argv = (await runStep(step.run.replace("${{ matrix.index }}", String(job.index)), dir, {
    STRATA_JOB: JSON.stringify(job.overrides, null, 2),
  })).split("\0").slice(0, -1);
  assert.deepEqual(argv.slice(0, 4), ["run", "--job-index", "1", "--job-overrides"]);
  assert.deepEqual(JSON.parse(argv[4]), [override, "seed=2"]);
  const tail = argv.slice(argv.indexOf("--config-dir"));
  assert.deepEqual(tail, [
    "--config-dir",
    "conf",
    "--config-name",
    "config",
    override,
    "seed=1,2",
    "--",
    ...command,
  ]);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("sweep -f github --strata-action: the run jobs install strata with that action; without it, a note names the placeholder", async () => {
  const dir = confTree();
  try {
    const args = ["sweep", "seed=1,2", "-f", "github"];
    const own = await strata([
      ...args,
      "-o",
      "a",
      "--strata-action",
      "my-org/strata@v1",
      "--",
      "./t",
    ], {
      cwd: dir,
    });
    assert.equal(own.code, 0, own.stderr);
    const wf = parse(Deno.readTextFileSync(`${dir}/a/workflow.yml`));
    assert.deepEqual(wf.jobs.run_000.steps[1], {
      uses: "my-org/strata@v1",
      with: { "install-only": "true" },
    });
    assert.equal(own.stderr.includes("placeholder"), false);
    const placeholder = await strata([...args, "-o", "b", "--", "./t"], { cwd: dir });
    assert.match(placeholder.stderr, /installs strata with OWNER\/strata@v0\.1\.0, a placeholder/);
    const bad = await strata(
      [...args, "-o", "c", "--strata-action", "not an action", "--", "./t"],
      {
        cwd: dir,
      },
    );
    assert.equal(bad.code, 2);
    assert.throws(() => Deno.statSync(`${dir}/c`), Deno.errors.NotFound);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("sweep -f github without --out: the matrix on stdout; workflow options without --out are refused", async () => {
  const dir = confTree();
  try {
    // no job command is written: none is needed
    const m = await strata(["sweep", "seed=1,2", "-f", "github"], { cwd: dir });
    assert.equal(m.code, 0, m.stderr);
    assert.deepEqual(JSON.parse(m.stdout).include.map((i: { index: number }) => i.index), [0, 1]);
    // -- CMD, --runs-on and --parallel are the workflow's, which only --out writes: not dropped
    // silently
    for (const out of [[], ["-o", "-"]]) {
      const c = await strata(["sweep", "seed=1,2", "-f", "github", ...out, "--", "./t"], {
        cwd: dir,
      });
      assert.equal(c.code, 2, c.stderr);
      assert.equal(c.stdout, "");
      assert.match(
        c.stderr,
        /^-- CMD goes into the workflow, which is written with --out DIR only/,
      );
    }
    // the workflow (--out, or described by --dry-run) still needs it
    for (const args of [["-o", "wf"], ["--dry-run"]]) {
      const w = await strata(["sweep", "seed=1,2", "-f", "github", ...args], { cwd: dir });
      assert.equal(w.code, 2, w.stderr);
      assert.match(w.stderr, /--format github needs the command each job runs/);
    }
    const r = await strata(
      ["sweep", "seed=1,2", "-f", "github", "--runs-on", "gpu", "--parallel", "1"],
      { cwd: dir },
    );
    assert.equal(r.code, 2);
    assert.equal(r.stdout, "");
    assert.match(
      r.stderr,
      /--runs-on, --parallel go into the workflow, which is written with --out DIR only/,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

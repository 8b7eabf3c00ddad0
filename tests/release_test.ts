/**
 * The release workflow and the composite action: parsed, and checked against
 * each other and against `deno task compile`.
 */
import assert from "node:assert/strict";
import { parse } from "yaml";
import { PERMISSIONS, ROOT, V8_FLAGS } from "./cli/_cli.ts";

const TARGETS = [
  "x86_64-unknown-linux-gnu",
  "aarch64-unknown-linux-gnu",
  "x86_64-apple-darwin",
  "aarch64-apple-darwin",
  "x86_64-pc-windows-msvc",
];

// deno-lint-ignore no-explicit-any
type Yaml = any;
const workflow: Yaml = parse(Deno.readTextFileSync(ROOT + ".github/workflows/release.yml"));
const action: Yaml = parse(Deno.readTextFileSync(ROOT + "action.yml"));

Deno.test("release.yml: on a tag, deno compile for the five targets with the compile task's flags", () => {
  assert.deepEqual(workflow.on.push.tags, ["v*"]);
  const matrix: { target: string; asset: string }[] = workflow.jobs.build.strategy.matrix.include;
  assert.deepEqual(matrix.map((m) => m.target), TARGETS);
  for (const m of matrix) {
    assert.equal(m.asset, `strata-${m.target}${m.target.includes("windows") ? ".exe" : ""}`);
  }
  const compile: string = workflow.jobs.build.steps.map((s: Yaml) => s.run ?? "").find((
    r: string,
  ) => r.startsWith("deno compile"));
  assert.match(compile, /--target \$\{\{ matrix\.target \}\}/);
  const flags = compile.split(/\s+/).filter((a) => a.startsWith("--allow-"));
  assert.deepEqual(flags, PERMISSIONS, "the binary gets the permissions the tests run with");
  const v8 = compile.split(/\s+/).filter((a) => a.startsWith("--v8-flags="));
  assert.deepEqual(v8, V8_FLAGS, "and the V8 flags of `deno task compile`");
  assert.equal(V8_FLAGS.length, 1);
  // the binary is compiled from the bundle, as `deno task compile` does
  const runs: string[] = workflow.jobs.build.steps.map((s: Yaml) => s.run ?? "");
  const task: string = JSON.parse(Deno.readTextFileSync(ROOT + "deno.json")).tasks.compile;
  assert.ok(task.startsWith("deno task bundle && deno compile "));
  assert.ok(runs.indexOf("deno task bundle") >= 0, "release.yml bundles");
  assert.ok(runs.indexOf("deno task bundle") < runs.indexOf(compile), "before it compiles");
  assert.equal(compile.split(/\s+/).at(-1), task.split(/\s+/).at(-1), "the task's entry point");
  // the same options otherwise (`--include dist/bundle`: the bundle's lazy command chunks, which
  // deno compile cannot find by itself, tools/bundle.ts says why)
  const options = (words: string[]) => {
    const out: string[] = [];
    for (let i = 0; i < words.length - 1; i++) {
      if (words[i] === "-o" || words[i] === "--target") i++;
      else out.push(words[i]);
    }
    return out;
  };
  const taskCompile = task.slice(task.indexOf("deno compile ")).split(/\s+/);
  const releaseCompile = compile.replace(/\$\{\{[^}]*\}\}/g, "X").split(/\s+/);
  assert.deepEqual(options(releaseCompile), options(taskCompile), "the task's options");
  assert.ok(taskCompile.join(" ").includes("--include dist/bundle"));
  const steps = JSON.stringify([...workflow.jobs.build.steps, ...workflow.jobs.release.steps]);
  assert.match(steps, /sha256sum/);
  assert.match(steps, /SHA256SUMS/);
  assert.match(steps, /gh release create/);
});

Deno.test("action.yml: a composite action with its inputs, one binary per released target, strata validate --format github", () => {
  assert.equal(action.runs.using, "composite");
  assert.deepEqual(Object.keys(action.inputs), [
    "version",
    "config-dir",
    "config-name",
    "strict",
    "args",
    "install-only",
  ]);
  // empty: the action's own release tag (@v0.1.0), else latest (action_download_test.ts)
  assert.equal(action.inputs.version.default, "");
  // install-only (a `strata sweep -f github` job): the binary on the PATH, no validate step
  assert.equal(action.inputs["install-only"].default, "false");
  const [download, check] = action.runs.steps;
  assert.equal(check.if, "inputs.install-only != 'true'");
  const assets = [...download.run.matchAll(/asset=(strata-\S+) ;;/g)].map((m: string[]) => m[1]);
  const released = workflow.jobs.build.strategy.matrix.include.map((m: Yaml) => m.asset);
  assert.deepEqual(assets, released, "every runner's binary is one the release builds");
  assert.match(download.run, /sha256sum -c|shasum -a 256 -c/);
  assert.match(check.run, /strata validate "\$\{opts\[@\]\}"/);
  assert.match(check.run, /opts=\(--format github\)/);
  for (const input of ["config-dir", "config-name", "strict", "args"]) {
    assert.ok(
      Object.values(check.env).includes(`\${{ inputs.${input} }}`),
      `input ${input} reaches the validate step`,
    );
  }
});

Deno.test("action.yml's shell steps are valid bash", () => {
  for (const step of action.runs.steps) {
    const r = new Deno.Command("bash", { args: ["-n", "-c", step.run], stderr: "piped" })
      .outputSync();
    assert.equal(r.code, 0, new TextDecoder().decode(r.stderr));
  }
});

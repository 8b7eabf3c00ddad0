/**
 * `strata diff` of keys both sides write as the same interpolation whose
 * resolved values differ (pytorch/rl's `logger.exp_name: ${env.name}_SAC`,
 * the W&B run name): listed after the written changes, marked resolved,
 * counted, in `-f json`'s `resolved`; only where both sides have a resolved
 * config (report_rl F5).
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

const CONF = {
  "conf/config.yaml": "env:\n  name: HalfCheetah-v4\nlogger:\n  exp_name: ${env.name}_SAC\n" +
    "  token: ${oc.env:STRATA_DIFF_TEST_UNSET}\nmodel: ${models.small}\n" +
    "models:\n  small: {depth: 2}\noptim:\n  lr: 0.001\n",
};

/** `strata run` into `runs/NAME` with `overrides`: its run dir, as a user makes it. */
async function run(dir: string, name: string, overrides: string[], more: string[] = []) {
  const r = await strata(
    ["run", "-q", `hydra.run.dir=runs/${name}`, ...more, ...overrides, "--", "true"],
    { cwd: dir },
  );
  assert.equal(r.code, 0, r.stderr);
}

const WALKER = ["env.name=Walker2d-v4", "models.small.depth=3"];

Deno.test("diff of two strata runs: a key written as the same interpolation that resolves differently is listed, marked resolved, counted", async () => {
  const dir = await writeTree(CONF);
  await run(dir, "a", []);
  await run(dir, "b", WALKER);
  const r = await strata(["diff", "runs/a", "runs/b"], { cwd: dir });
  assertNoStackTrace(r.stderr);
  assert.equal(r.code, 1, r.stderr);
  assert.equal(
    r.stdout,
    `--- a: runs/a
+++ b: runs/b
~ env.name: "HalfCheetah-v4" -> "Walker2d-v4"
    a: runs/a/.hydra/config.yaml:2:9
    b: runs/b/.hydra/config.yaml:2:9, override env.name=Walker2d-v4 (runs/b/.hydra/overrides.yaml)
~ models.small.depth: 2 -> 3
    a: runs/a/.hydra/config.yaml:9:12
    b: runs/b/.hydra/config.yaml:9:12, override models.small.depth=3 (runs/b/.hydra/overrides.yaml)
~ logger.exp_name: "HalfCheetah-v4_SAC" -> "Walker2d-v4_SAC" (resolved; both write \${env.name}_SAC)
    a: runs/a/.hydra/config.yaml:4:13
    b: runs/b/.hydra/config.yaml:4:13
~ model.depth: 2 -> 3 (resolved; both write \${models.small} at model)
    a: runs/a/.hydra/config.yaml:6:8
    b: runs/b/.hydra/config.yaml:6:8
2 changed, 0 added, 0 removed, 2 resolved differently
`,
  );
  // logger.token resolves on neither side (kept as written): not a difference
  assert.doesNotMatch(r.stdout, /token/);
});

Deno.test("diff -f json of two strata runs: resolved changes in 'resolved' ([] when there are none)", async () => {
  const dir = await writeTree(CONF);
  await run(dir, "a", []);
  await run(dir, "b", ["env.name=Walker2d-v4"]);
  const r = await strata(["diff", "runs/a", "runs/b", "-f", "json"], { cwd: dir });
  assert.equal(r.code, 1, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.same, false);
  assert.deepEqual(out.changes.map((c: { key: string }) => c.key), ["env.name"]);
  assert.deepEqual(out.resolved, [{
    key: "logger.exp_name",
    change: "changed",
    written: "${env.name}_SAC",
    writtenKey: "logger.exp_name",
    a: { value: "HalfCheetah-v4_SAC", type: "str", origin: "runs/a/.hydra/config.yaml:4:13" },
    b: { value: "Walker2d-v4_SAC", type: "str", origin: "runs/b/.hydra/config.yaml:4:13" },
  }]);
  // the text README shows
  const text = await strata(["diff", "runs/a", "runs/b"], { cwd: dir });
  assert.equal(
    text.stdout,
    `--- a: runs/a
+++ b: runs/b
~ env.name: "HalfCheetah-v4" -> "Walker2d-v4"
    a: runs/a/.hydra/config.yaml:2:9
    b: runs/b/.hydra/config.yaml:2:9, override env.name=Walker2d-v4 (runs/b/.hydra/overrides.yaml)
~ logger.exp_name: "HalfCheetah-v4_SAC" -> "Walker2d-v4_SAC" (resolved; both write \${env.name}_SAC)
    a: runs/a/.hydra/config.yaml:4:13
    b: runs/b/.hydra/config.yaml:4:13
1 changed, 0 added, 0 removed, 1 resolved differently
`,
  );
  const same = await strata(["diff", "runs/a", "runs/a", "-f", "json"], { cwd: dir });
  assert.equal(same.code, 0, same.stderr);
  assert.deepEqual(JSON.parse(same.stdout).resolved, []);
});

Deno.test("diff: the only difference is resolved (a value the interpolation reads, in an env var): exit 1", async () => {
  const dir = await writeTree({
    "conf/config.yaml": "name: ${oc.env:STRATA_DIFF_TEST_ENV,x}_run\n",
  });
  for (const [name, value] of [["a", "one"], ["b", "two"]]) {
    const r = await strata(["run", "-q", `hydra.run.dir=runs/${name}`, "--", "true"], {
      cwd: dir,
      env: { STRATA_DIFF_TEST_ENV: value },
    });
    assert.equal(r.code, 0, r.stderr);
  }
  const r = await strata(["diff", "runs/a", "runs/b"], { cwd: dir });
  assert.equal(r.code, 1, r.stderr);
  assert.match(
    r.stdout,
    /^~ name: "one_run" -> "two_run" \(resolved; both write \$\{oc.env:STRATA_DIFF_TEST_ENV,x\}_run\)$/m,
  );
  assert.match(r.stdout, /^0 changed, 0 added, 0 removed, 1 resolved differently$/m);
});

Deno.test("diff: a run dir with hydra.output_subdir '' is read from .strata/config.yaml", async () => {
  const dir = await writeTree(CONF);
  await run(dir, "a", []);
  await run(dir, "b", ["env.name=Walker2d-v4"], ["hydra.output_subdir="]);
  const r = await strata(["diff", "runs/a", "runs/b"], { cwd: dir });
  assert.equal(r.code, 1, r.stderr);
  assert.match(
    r.stdout,
    /^~ logger.exp_name: "HalfCheetah-v4_SAC" -> "Walker2d-v4_SAC" \(resolved; both write \$\{env.name\}_SAC\)\n {4}a: runs\/a\/.hydra\/config.yaml:4:13\n {4}b: runs\/b\/config.yaml:4:13$/m,
  );
});

Deno.test("diff: a Hydra run dir (no resolved config) compares as written, with a note naming the interpolated keys", async () => {
  const dir = await writeTree(CONF);
  await run(dir, "a", []);
  await run(dir, "b", ["env.name=Walker2d-v4"]);
  // as Hydra leaves a run dir: .hydra/ only
  await Deno.remove(`${dir}/runs/b/config.yaml`);
  await Deno.remove(`${dir}/runs/b/.strata`, { recursive: true });
  const r = await strata(["diff", "runs/a", "runs/b"], { cwd: dir });
  assert.equal(r.code, 1, r.stderr);
  assert.doesNotMatch(r.stdout, /resolved/);
  assert.match(r.stdout, /^1 changed, 0 added, 0 removed$/m);
  assert.match(
    r.stderr,
    /^note: the values both sides write as the same interpolation \(logger.exp_name, logger.token, model\) are compared as written: runs\/b has no resolved config/m,
  );
  const json = await strata(["diff", "runs/a", "runs/b", "-f", "json"], { cwd: dir });
  assert.equal(JSON.parse(json.stdout).resolved, null);
});

Deno.test("diff of override sets and of config files resolves them as well", async () => {
  const dir = await writeTree(CONF);
  const sets = await strata(["diff", "--a", "", "--b", "env.name=Walker2d-v4"], { cwd: dir });
  assert.equal(sets.code, 1, sets.stderr);
  assert.match(
    sets.stdout,
    /^~ logger.exp_name: "HalfCheetah-v4_SAC" -> "Walker2d-v4_SAC" \(resolved; both write \$\{env.name\}_SAC\)$/m,
  );
  assert.match(sets.stdout, /^1 changed, 0 added, 0 removed, 1 resolved differently$/m);
  // the same override set twice: `${now:...}` and the run dir are one time's for both sides
  await Deno.writeTextFile(
    `${dir}/conf/config.yaml`,
    "t: ${now:%H-%M-%S}\nout: ${hydra:runtime.output_dir}\n",
  );
  const same = await strata(["diff", "--a", "", "--b", ""], { cwd: dir });
  assert.equal(same.code, 0, same.stdout + same.stderr);
  await Deno.writeTextFile(
    `${dir}/a.yaml`,
    "env: a\nname: ${env}_SAC\nout: ${hydra:runtime.output_dir}\n",
  );
  await Deno.writeTextFile(
    `${dir}/b.yaml`,
    "env: b\nname: ${env}_SAC\nout: ${hydra:runtime.output_dir}\n",
  );
  const files = await strata(["diff", "a.yaml", "b.yaml"], { cwd: dir });
  assert.equal(files.code, 1, files.stderr);
  // a file has no hydra node: ${hydra:...} stays as written, not a difference
  assert.equal(
    files.stdout.split("\n").filter((l) => /^[~+-] /.test(l)).join("\n"),
    `~ env: "a" -> "b"\n~ name: "a_SAC" -> "b_SAC" (resolved; both write \${env}_SAC)`,
  );
});

Deno.test("diff of two runs of the same config: what reads the run's time or dir (paths.output_dir) is no difference", async () => {
  // lightning-hydra-template: paths.output_dir: ${hydra:runtime.output_dir}, and keys that read it
  const dir = await writeTree({
    "conf/config.yaml":
      "paths:\n  output_dir: ${hydra:runtime.output_dir}\n  log_dir: ${paths.output_dir}/logs\n" +
      "stamp: ${now:%H%M%S%f}\nname: x\n" +
      // through a resolver that selects it (torchrl-hydra-template's run_id_file, checker w49)
      "sel: ${oc.select:paths.log_dir,null}/run.json\n",
  });
  await run(dir, "a", []);
  await run(dir, "b", []);
  const r = await strata(["diff", "runs/a", "runs/b"], { cwd: dir });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.doesNotMatch(r.stdout, /resolved/);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("diff: a key that reads the run's cwd through a relative key or a whole container is per-run too, as one that reads it directly (checker v43)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "name: a\np: ${hydra:runtime.cwd}/${name}\nq: ${.p}/x\nr: ${p}/y\n" +
      "n:\n  f: ${p}\nm: ${n}\nk: ${name}_k\n",
  });
  try {
    const r = await strata(["diff", "-d", "conf", "--a", "name=a", "--b", "name=b"], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    const listed = r.stdout.split("\n").filter((l) => l.startsWith("~ ")).map((l) =>
      l.split(":")[0]
    );
    assert.deepEqual(listed, ["~ name", "~ k"]);
    assert.match(r.stdout, /1 changed, 0 added, 0 removed, 1 resolved differently/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

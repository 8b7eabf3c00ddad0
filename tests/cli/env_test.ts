/** `--no-env` and `--env-allow`: what configs may read of the environment. */

import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

const ENV = { STRATA_SECRET: "s3cret", CI_JOB: "42" };

Deno.test("CLI: --no-env denies oc.env (says denied, not 'not found'); sweep takes it too", async () => {
  const dir = await confTree({ "config.yaml": "a: ${oc.env:STRATA_SECRET}\nb: 1\n" });
  for (const args of [["compose", "-r"], ["sweep", "b=1,2"]]) {
    const r = await strata([...args, "-d", dir, "--no-env"], { env: ENV });
    if (args[0] === "sweep") {
      // a sweep composes each job without resolving: oc.env is not read
      assert.equal(r.code, 0);
      continue;
    }
    assert.equal(r.code, 1);
    assert.ok(!r.stdout.includes("s3cret"));
    assert.match(
      r.stderr,
      /config\.yaml:1:4: Access to environment variable 'STRATA_SECRET' denied: environment access is off \(--no-env\)\n {4}full key: a/,
    );
    assertNoStackTrace(r.stderr);
  }
});

Deno.test("CLI: --env-allow PATTERN allows matching names only; a denied one takes its default", async () => {
  const dir = await confTree({
    "config.yaml": "a: ${oc.env:CI_JOB}\nb: ${oc.env:STRATA_SECRET,none}\n",
  });
  const ok = await strata(["--env-allow", "CI_*", "compose", "-r", "-d", dir], { env: ENV });
  assert.equal(ok.stderr, "");
  assert.equal(ok.stdout, "a: '42'\nb: none\n");
  const all = await strata(["compose", "-r", "-d", dir], { env: ENV });
  assert.equal(all.stdout, "a: '42'\nb: s3cret\n");
  const denied = await strata(["compose", "-r", "-d", dir, "--env-allow", "X*"], { env: ENV });
  assert.equal(denied.code, 1);
  assert.match(denied.stderr, /'CI_JOB' denied: not allowed by --env-allow X\*/);
});

Deno.test("CLI: --no-env leaves denied names out of hydra.job.env_set", async () => {
  const dir = await confTree({ "config.yaml": "a: 1\n" });
  const args = ["compose", "-d", dir, "--cfg", "hydra", "hydra.job.env_copy=[STRATA_SECRET]"];
  const open = await strata(args, { env: ENV });
  assert.match(open.stdout, /env_set:\n {6}STRATA_SECRET: s3cret\n/);
  const closed = await strata([...args, "--no-env"], { env: ENV });
  assert.equal(closed.code, 0);
  assert.match(closed.stdout, /env_set: \{\}\n/);
});

Deno.test("CLI: oc.env without Deno's env permission says denied and how to grant it", async () => {
  // with a default too: HOME is set, so the default would be a silent wrong value
  for (const value of ["${oc.env:HOME}", "${oc.env:HOME,dflt}"]) {
    const dir = await confTree({ "config.yaml": `a: ${value}\n` });
    const r = await strata(["compose", "-r", "-d", dir], { permissions: ["--allow-read"] });
    assert.equal(r.code, 1, r.stdout);
    assert.match(
      r.stderr,
      /'HOME' denied: this program was not given env access; grant it with --allow-env/,
    );
  }
});

/**
 * The same question gets the same answer: counting a sweep checks what
 * listing checks, every flag misuse exits 2, `???` prints the same at every
 * level under --resolve.
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

const TREE = {
  "config.yaml": "defaults:\n  - model: a\n  - _self_\nx: 1\ny: 2\n",
  "model/a.yaml": "size: 1\n",
  "model/b.yaml": "size: 2\n",
};

Deno.test("CLI: sweep --count composes every job as a listing does (--no-validate skips it)", async () => {
  const dir = await confTree(TREE);
  const listed = await strata(["sweep", "-d", dir, "model=a,missing"]);
  const counted = await strata(["sweep", "-d", dir, "model=a,missing", "--count"]);
  assert.equal(listed.code, 1);
  assert.equal(counted.code, 1);
  assert.equal(counted.stdout, "");
  assert.equal(counted.stderr, listed.stderr);
  const unchecked = await strata([
    "sweep",
    "-d",
    dir,
    "model=a,missing",
    "--count",
    "--no-validate",
  ]);
  assert.equal(unchecked.stdout, "2\n");
});

Deno.test("CLI: counting and listing a sweep have the same size limit", async () => {
  const dir = await confTree(TREE);
  for (const overrides of [["x=range(1000000000)"], ["x=range(100000)", "y=range(100000)"]]) {
    for (const extra of [["--count"], []]) {
      const r = await strata(["sweep", "-d", dir, ...overrides, "--no-validate", ...extra]);
      assert.equal(r.code, 1, `${overrides} ${extra}`);
      assert.equal(r.stdout, "");
      assert.match(r.stderr, /^override #\d '[^']+': .*more than (the )?1000000/);
    }
  }
  const ok = await strata([
    "sweep",
    "-d",
    dir,
    "x=range(1000)",
    "y=range(1000)",
    "--count",
    "--no-validate",
  ]);
  assert.equal(ok.stdout, "1000000\n");
});

Deno.test("CLI: every misuse of --link is bad usage, exit 2", async () => {
  const dir = await confTree(TREE);
  const misuses: [string[], RegExp][] = [
    [["x=1,2", "y=3,4", "--link", "x"], /at least two different keys/],
    [
      ["x=1,2", "y=3,4", "--link", "x,nope"],
      /Linked key 'nope' is not one of the sweep's overrides/,
    ],
    [["x=1,2", "y=3,4", "--link", "x,y", "--link", "y,model"], /in two links/],
    [["x=1,2", "y=3,4,5", "--link", "x,y"], /must have the same length/],
    [["x=1,2", "+x=3,4", "--link", "x,y"], /ambiguous/],
  ];
  for (const [args, message] of misuses) {
    const r = await strata(["sweep", "-d", dir, ...args]);
    assert.equal(r.code, 2, args.join(" "));
    assert.match(r.stderr, message);
    assertNoStackTrace(r.stderr);
  }
});

Deno.test("CLI: a config dir that does not exist or is a file is bad usage, exit 2", async () => {
  const dir = await confTree(TREE);
  for (const cmd of ["compose", "sweep"]) {
    for (const bad of [`${dir}/nope`, `${dir}/config.yaml`]) {
      const r = await strata([cmd, "-d", bad]);
      assert.equal(r.code, 2, `${cmd} -d ${bad}`);
      assert.match(r.stderr, /Primary config directory not found/);
      // (a file is said to be one: checker w61)
      assert.equal(
        r.stderr.includes("(it is a file: -d names the directory"),
        !bad.endsWith("nope"),
      );
    }
  }
});

Deno.test("CLI: --resolve prints a top-level ??? as ???, as a nested one (OmegaConf.to_yaml)", async () => {
  const dir = await confTree({ "config.yaml": "a: ???\nb:\n  c: ???\nd: ['???']\ne: ${b}\n" });
  const r = await strata(["compose", "-d", dir, "--resolve"]);
  assert.equal(r.stderr, "");
  assert.equal(r.stdout, "a: ???\nb:\n  c: ???\nd:\n- ???\ne:\n  c: ???\n");
});

Deno.test("CLI: --cfg hydra --resolve is not stopped by an error in the job config", async () => {
  const dir = await confTree({ "config.yaml": "a: ${nope}\n" });
  const r = await strata(["compose", "-d", dir, "--cfg", "hydra", "--resolve"]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^hydra:\n {2}run:\n/);
  const job = await strata(["compose", "-d", dir, "--resolve"]);
  assert.equal(job.code, 1);
});

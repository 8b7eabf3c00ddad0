/**
 * `strata hash` on a value that cannot resolve: a warning worded for hash
 * (it writes no config.yaml), the hash on stdout, exit 0 as its --help and
 * the README say.
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

const TREE = {
  "conf/config.yaml": "defaults:\n  - db: mysql\n  - _self_\nlr: 0.1\n",
  "conf/db/mysql.yaml": "host: localhost\n",
};

Deno.test("hash warns of an unresolved value in its own words and exits 0", async () => {
  const dir = writeTree(TREE);
  try {
    const r = await strata(["hash", "+x=${oc.env:STRATA_TEST_UNSET_HASH}"], { cwd: dir });
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^[0-9a-f]{64}\n$/);
    assert.equal(
      r.stderr,
      "override #1 '+x=${oc.env:STRATA_TEST_UNSET_HASH}': warning: x does not resolve " +
        `(KeyError raised while resolving interpolation: "Environment variable ` +
        `'STRATA_TEST_UNSET_HASH' not found"); hashed as written, as \`strata run\` keeps it ` +
        "in the job's config.yaml\n",
    );
    // run, which does write config.yaml, keeps its words
    const run = await strata(
      ["run", "hydra.run.dir=o", "+x=${oc.env:STRATA_TEST_UNSET_HASH}", "--", "true"],
      { cwd: dir },
    );
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /; config\.yaml keeps it as written, for the app to resolve/);
    const help = await strata(["hash", "--help"], { cwd: dir });
    assert.match(help.stdout, /is hashed as written, with a warning, and the exit code is 0/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("run and hash warn once per cause: a chain of values reading one that fails too (b: ${a}, c: x${b})", async () => {
  // faive_gym: 9 warnings for 5 causes, each key of a value chain warned of again
  const dir = writeTree({
    "conf/config.yaml":
      'a: ${oc.env:STRATA_TEST_UNSET_X}\nb: ${a}\nc: x${b}\nd: {e: "${a}"}\nf: 1\n',
  });
  try {
    for (const args of [["hash"], ["run", "-q", "--", "true"]]) {
      const r = await strata(args, { cwd: dir });
      assert.equal(r.code, 0, r.stderr);
      const lines = r.stderr.trimEnd().split("\n").filter((l) => l.includes("warning"));
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0], /^conf\/config\.yaml:1:4: warning: a does not resolve/);
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("run and hash warn once per cause set by an override: the keys reading it add none (checker x47 #2)", async () => {
  // oellm-autoexp: `job.name=${nope}` gave 11 warnings, one at each key reading job.name
  const dir = writeTree({
    "conf/config.yaml": "job:\n  name: x\na: ${job.name}/a\nb:\n  c: ${job.name}_c\n  d: ${..a}\n",
  });
  try {
    for (const args of [["hash"], ["run", "-q", "--", "true"]]) {
      const r = await strata([...args.slice(0, 1), "job.name=${nope}", ...args.slice(1)], {
        cwd: dir,
      });
      assert.equal(r.code, 0, r.stderr);
      const lines = r.stderr.trimEnd().split("\n").filter((l) => l.includes("warning"));
      assert.deepEqual(lines.length, 1, r.stderr);
      assert.match(
        lines[0],
        /^override #1 'job\.name=\$\{nope\}': warning: job\.name does not resolve \(Interpolation key 'nope' not found\)/,
      );
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("run and hash warn once per cause, not at every key that reads a value kept as written", async () => {
  // universal_manipulation_interface: `shape_meta: ${task.shape_meta}` over `${eval:...}` values
  // gave a warning at shape_meta, policy.shape_meta, ... besides the eval call itself
  const dir = writeTree({
    "conf/config.yaml": 'task:\n  shape:\n    a: ${eval:"1+1"}\n    b: 2\nshape: ${task.shape}\n' +
      'policy:\n  shape: ${shape}\nsteps: ${eval:"2"}\n',
  });
  try {
    const r = await strata(["hash"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stderr.trimEnd().split("\n");
    // a resolver strata lacks is one cause wherever it is called (steps' own call too: x59 #1)
    assert.deepEqual(lines.map((l) => l.split(":").slice(0, 4).join(":")), [
      "conf/config.yaml:3:8: warning",
    ]);
    assert.match(
      lines[0],
      /task\.shape\.a does not resolve \(Unsupported interpolation type eval\).*\(as is every value calling 'eval': warned of once\)$/,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

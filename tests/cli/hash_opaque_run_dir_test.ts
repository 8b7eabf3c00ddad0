/**
 * A `hydra.run.dir` that calls an app's resolver (`.strata.yaml` declares it opaque; WANDR's
 * `experiments/${project}/${run_hash}`): `hash` and `diff` make no run dir, so it stands as
 * written, with a warning, instead of failing `hash` and turning off diff's resolved comparison
 * (checker v43); `run`, which makes the dir, still refuses it.
 */
import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

const TREE = {
  "conf/config.yaml": "x: ${myres:1}\ny: 2\nname: n_${y}\nhydra:\n  run:\n    dir: out/${x}\n",
  ".strata.yaml": "resolvers:\n  opaque: [myres]\n",
};

Deno.test("hash / diff: a run dir calling an opaque resolver stands as written; run refuses it", async () => {
  const dir = await confTree(TREE);
  try {
    const hash = await strata(["hash"], { cwd: dir });
    assertNoStackTrace(hash.stderr);
    assert.equal(hash.code, 0, hash.stderr);
    assert.match(
      hash.stderr,
      /^conf\/config\.yaml:6:10: warning: hydra\.run\.dir .*myres.*kept as written$/m,
    );
    // the job config does not read the run dir: the same hash as with one given
    const given = await strata(["hash", "hydra.run.dir=o"], { cwd: dir });
    assert.equal(given.code, 0, given.stderr);
    assert.equal(hash.stdout, given.stdout);
    // diff still compares what resolves differently
    const diff = await strata(["diff", "--a", "y=2", "--b", "y=3"], { cwd: dir });
    assert.equal(diff.code, 1, diff.stderr);
    assert.match(diff.stdout, /^~ name: "n_2" -> "n_3" \(resolved; both write n_\$\{y\}\)$/m);
    assert.doesNotMatch(diff.stderr, /does not resolve as a run/);
    // run makes the dir: it cannot
    const run = await strata(["run", "--", "true"], { cwd: dir });
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /cannot resolve hydra\.run\.dir/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

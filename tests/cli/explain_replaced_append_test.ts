// `+enc=a +exp=x` where the experiment says `override /enc: b`: Hydra chooses b (the appended entry
// is overridden), and the credit for enc's values is the experiment's line (explain) and its
// override `+exp=x` (diff of run dirs), not `+enc=a`, whose choice was replaced (checker v41).
import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("explain and run-dir diff credit an experiment's override that replaced an appended choice", async () => {
  const dir = writeTree({
    "conf/config.yaml": "seed: 1\n",
    "conf/enc/a.yaml": "name: a\n",
    "conf/enc/b.yaml": "name: b\n",
    "conf/exp/x.yaml": "# @package _global_\ndefaults:\n  - override /enc: b\n",
  });
  try {
    const e = await strata(["explain", "-d", "conf", "enc.name", "+enc=a", "+exp=x"], { cwd: dir });
    assert.equal(e.code, 0, e.stderr);
    assert.match(e.stdout, /^ {5}chosen by conf\/exp\/x\.yaml:3:20$/m);
    assert.doesNotMatch(e.stdout, /\+enc=a/);
    for (const [run, sets] of [["r/a", ["+enc=a"]], ["r/b", ["+enc=a", "+exp=x"]]] as const) {
      const r = await strata([
        "run",
        "-q",
        "-d",
        "conf",
        ...sets,
        `hydra.run.dir=${run}`,
        "--",
        "true",
      ], {
        cwd: dir,
      });
      assert.equal(r.code, 0, r.stderr);
    }
    const d = await strata(["diff", "r/a", "r/b"], { cwd: dir });
    assert.match(
      d.stdout,
      /b: r\/b\/\.hydra\/config\.yaml:3:9, override \+exp=x \(r\/b\/\.hydra\/overrides\.yaml\)\n/,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

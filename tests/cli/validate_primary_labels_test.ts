// With several top-level primaries (no config.yaml), a problem found in a primary's own other
// compositions names that primary (`--config-name=train experiment@_global_=b`), also when the
// primary itself did not compose: a bare `experiment@_global_=b` cannot be composed again there,
// where `strata compose` finds no config.yaml (checker w34).
import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("validate: each composition of several primaries is labelled with its primary", async () => {
  const dir = writeTree({
    "conf/train.yaml": "defaults:\n  - experiment@_global_: a\n  - _self_\n",
    "conf/tune.yaml": "defaults:\n  - experiment@_global_: a\n  - _self_\nt: 1\n",
    "conf/experiment/a.yaml": "defaults:\n  - /head: mlp\n",
    "conf/experiment/b.yaml": "defaults:\n  - /head: mlp2\n",
    "conf/head/ok.yaml": "h: 1\n",
  });
  try {
    const r = await strata(["validate", "-d", "conf", "-f", "json"], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    const problems = JSON.parse(r.stdout).problems as {
      message: string;
      compositions?: string[];
    }[];
    const b = problems.find((p) => p.message.includes("head/mlp2"));
    assert.deepEqual(b?.compositions, [
      "--config-name=train experiment@_global_=b",
      "--config-name=tune experiment@_global_=b",
    ]);
    for (const p of problems) {
      for (const c of p.compositions ?? []) assert.match(c, /^--config-name=/);
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

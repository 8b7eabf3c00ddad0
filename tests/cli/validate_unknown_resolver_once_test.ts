/**
 * An undeclared resolver called at one place is counted and listed once, though one composition
 * fails at the call and another stops before it (safari's `${eval:${.image_size}**2 //
 * ${model.patch_size}**2}`, with and without a model: "also at dataset/imagenet.yaml:2:10" twice).
 */
import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

Deno.test("validate: an unknown resolver's place is one place, whichever composition reached it", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - model: a\n  - data: d\n  - _self_\n",
    "conf/model/a.yaml": "patch: 2\n",
    "conf/model/b.yaml": "other: 1\n",
    "conf/data/d.yaml": "n: ${eval:${model.patch}*2}\n",
    "conf/data/e.yaml": "m: ${eval:3}\n",
  });
  try {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 1);
    const head = r.lines.findIndex((l) => l.includes("Unsupported interpolation type eval"));
    assert.match(r.lines[head], /^conf\/data\/d\.yaml:1:4: error: .*eval \(called at 2 places\)/);
    assert.deepEqual(r.lines.filter((l) => l.startsWith("    also at")), [
      "    also at conf/data/e.yaml:1:4 [key: data.m]",
    ]);
    // model=b stops at model.patch first: that is its own problem
    assert.ok(r.lines.some((l) => l.includes("Interpolation key 'model.patch' not found")));
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate: an unknown resolver at 7 places lists all 6 others rather than 'and 1 more' (checker v28)", async () => {
  const keys = ["a", "b", "c", "d", "e", "f", "g"];
  const dir = writeTree({
    "conf/config.yaml": keys.map((k) => `${k}: \${env:K_${k}}\n`).join(""),
  });
  try {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /Unsupported interpolation type env \(called at 7 places\)/);
    assert.equal(r.lines.filter((l) => l.startsWith("    also at")).length, 6, r.stdout);
    assert.doesNotMatch(r.stdout, /and 1 more/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate: a resolver called at several places is annotated at each on GitHub, and over FILES at a place they hold (checker w29)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - hydra: o\n  - _self_\na: ${env:HOME}\nb: ${env:USER}\n",
    "conf/hydra/o.yaml": "run:\n  dir: ${env:X}\n",
  });
  try {
    const gh = await validateIn(dir, ["-d", "conf", "-f", "github"]);
    assert.equal(gh.code, 1);
    const places = gh.stdout.split("\n").filter((l) => l.startsWith("::error "))
      .map((l) => /file=([^,]+),line=(\d+),col=(\d+)/.exec(l)!.slice(1).join(":"));
    assert.deepEqual(places, [
      "conf/config.yaml:4:4",
      "conf/config.yaml:5:4",
      "conf/hydra/o.yaml:2:8",
    ]);
    const files = await validateIn(dir, ["-d", "conf", "conf/hydra/o.yaml"]);
    assert.equal(files.code, 1);
    assert.match(
      files.lines[0],
      /^conf\/hydra\/o\.yaml:2:8: error: Unsupported interpolation type env \(called at 3 places\)/,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

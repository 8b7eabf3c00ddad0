/**
 * `strata diff`: a key that is a list or dict on one side and a value on the
 * other (`a: [1, 2]` replaced by `a: ${b}`) is one change at that key, not
 * its items removed and a leaf added; keys below a container on both sides
 * are still compared leaf by leaf.
 *
 * @module
 */
import assert from "node:assert/strict";
import { confTree, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("diff: a container replaced by a value (and back) is one change at its key", async () => {
  const dir = writeTree({
    "a.yaml": "a: [1, 2]\nb: [1, 2]\nd:\n  x: 1\n  y: {z: 2}\n",
    "b.yaml": "a: ${b}\nb: [1, 3]\nd: 5\ne: 1\n",
  });
  try {
    const r = await strata(["diff", "a.yaml", "b.yaml"], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    const heads = r.stdout.split("\n").filter((l) => /^[~+-] /.test(l));
    assert.deepEqual(heads, [
      '~ a: [1, 2] -> "${b}"',
      "~ b[1]: 2 -> 3",
      '~ d: {"x": 1, "y": {"z": 2}} -> 5',
      "+ e: 1",
    ]);
    assert.match(r.stdout, /\n3 changed, 1 added, 0 removed\n$/);
    const back = await strata(["diff", "b.yaml", "a.yaml"], { cwd: dir });
    assert.ok(back.stdout.includes('~ a: "${b}" -> [1, 2]\n'), back.stdout);
    assert.match(back.stdout, /\n3 changed, 0 added, 1 removed\n$/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("diff: an int key against a str key written alike (0: against '0':) is a difference", async () => {
  const dir = writeTree({
    "a.yaml": "classes:\n  0: cat\n  1: dog\nn: 1\n",
    "b.yaml": "classes:\n  '0': cat\n  1: bird\nn: 1\n",
  });
  try {
    const r = await strata(["diff", "a.yaml", "b.yaml"], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    const heads = r.stdout.split("\n").filter((l) => /^[~+-] /.test(l));
    assert.deepEqual(heads, [
      '- classes.0 (int key): "cat"',
      '+ classes.0 (str key): "cat"',
      '~ classes.1: "dog" -> "bird"',
    ]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("diff: an empty dict filled on one side lists its keys added, with their origins, not one change at the {} (checker x24)", async () => {
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - _self_\nmodel:\n  pe: {}\n",
    "conf/pe/sg.yaml": "name: sg\ndim: 2\n",
  });
  try {
    const r = await strata(["diff", "-d", "conf", "--a", "", "--b", "+pe@model.pe.sg=sg"], {
      cwd: dir,
    });
    assert.equal(r.code, 1, r.stderr);
    // (credited with the override that appended the option, checker w33)
    const by = ", chosen by override #1 '\\+pe@model\\.pe\\.sg=sg'";
    assert.match(
      r.stdout,
      new RegExp(`^\\+ model\\.pe\\.sg\\.name: "sg"\n {4}b: conf\\/pe\\/sg\\.yaml:1:7${by}\n`, "m"),
    );
    assert.match(
      r.stdout,
      new RegExp(`^\\+ model\\.pe\\.sg\\.dim: 2\n {4}b: conf\\/pe\\/sg\\.yaml:2:6${by}\n`, "m"),
    );
    assert.doesNotMatch(r.stdout, /~ model\.pe:/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

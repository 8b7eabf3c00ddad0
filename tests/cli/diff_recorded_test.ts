import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

// Which recorded override (.hydra/overrides.yaml) set a key of a run dir: a
// list item is set by the override of its list, a group chosen at a package
// sets the keys under that package, and a value override wins over a group
// choice whatever their order (Hydra applies group choices first).
const RUNS = {
  "runs/a/.hydra/config.yaml": "db:\n  port: 3306\nnet:\n  layers: 2\nitems:\n- 1\n- 2\n",
  "runs/a/.hydra/overrides.yaml": "[]\n",
  "runs/b/.hydra/config.yaml": "db:\n  port: 1\nnet:\n  layers: 12\nitems:\n- 5\n- 6\n",
  "runs/b/.hydra/overrides.yaml": "- db.port=1\n- db=pg\n- model@net=big\n- items=[5,6]\n",
};

Deno.test("strata diff: each change of a run dir names the recorded override that set it", async () => {
  const dir = await writeTree(RUNS);
  const r = await strata(["diff", "runs/a", "runs/b"], { cwd: dir });
  assert.equal(r.code, 1, r.stderr);
  const by = (key: string) => {
    const at = r.stdout.indexOf(`~ ${key}:`);
    assert.notEqual(at, -1, r.stdout);
    return r.stdout.slice(at).split("\n")[2];
  };
  assert.match(by("db.port"), /, override db\.port=1 \(/);
  assert.match(by("net.layers"), /, override model@net=big \(/);
  assert.match(by("items[0]"), /, override items=\[5,6\] \(/);
  assert.match(by("items[1]"), /, override items=\[5,6\] \(/);
});

Deno.test("strata diff --b: an escaped space or quote (Hydra's backslash) stays inside its override", async () => {
  const dir = await writeTree({ "conf/config.yaml": "a: x\n" });
  const r = await strata(
    ["diff", "-d", "conf", "--a", "", "--b", String.raw`a=hello\ world +b='it\'s x'`],
    { cwd: dir },
  );
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /\n~ a: "x" -> "hello world"\n/);
  assert.match(r.stdout, /\n\+ b: "it's x"\n/);
});

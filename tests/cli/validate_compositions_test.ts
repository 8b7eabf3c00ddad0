import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

// diffusion_policy: one line fails with every lowdim task swapped into an image workspace. The
// report named the first composition only; a user fixed it and met the next.
const TREE = {
  "conf/config.yaml": "defaults:\n  - _self_\n  - task: image\nh: ${task.shape}\n",
  "conf/task/image.yaml": "shape: [3, 96, 96]\n",
  "conf/task/a_lowdim.yaml": "dim: 2\n",
  "conf/task/b_lowdim.yaml": "dim: 3\n",
  "conf/task/c_lowdim.yaml": "dim: 4\n",
};

Deno.test("validate: a location that fails in several compositions names the first and how many more", async () => {
  const dir = writeTree(TREE);
  const r = await validateIn(dir, ["-d", "conf"]);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "conf/config.yaml:4:4: error: Interpolation key 'task.shape' not found [key: h] (with task=a_lowdim and 2 more compositions)",
  ]);
  const gh = await validateIn(dir, ["-d", "conf", "-f", "github"]);
  assert.match(gh.lines[0], /\(with task=a_lowdim and 2 more compositions\)$/);
  const json = await validateIn(dir, ["-d", "conf", "-f", "json"]);
  const [p] = JSON.parse(json.stdout).problems;
  assert.equal(p.composition, "task=a_lowdim");
  assert.deepEqual(p.compositions, ["task=a_lowdim", "task=b_lowdim", "task=c_lowdim"]);
});

Deno.test("validate: a location that fails in one composition keeps its one label, no list", async () => {
  const dir = writeTree({
    ...TREE,
    "conf/task/b_lowdim.yaml": "shape: [1]\n",
    "conf/task/c_lowdim.yaml": "shape: [2]\n",
  });
  const r = await validateIn(dir, ["-d", "conf"]);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "conf/config.yaml:4:4: error: Interpolation key 'task.shape' not found [key: h] (with task=a_lowdim)",
  ]);
  const [p] = JSON.parse((await validateIn(dir, ["-d", "conf", "-f", "json"])).stdout).problems;
  assert.equal(p.composition, "task=a_lowdim");
  assert.equal(p.compositions, undefined);
});

/**
 * A value that reads two keys that are not there (a block scalar's launch template): both are
 * said in one run, each at its own `${...}` (checker w53: one per run before).
 *
 * @module
 */

import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

Deno.test("validate: every missing key of one value is said, each at its place", async () => {
  const dir = writeTree({
    "conf/config.yaml": "experiment:\n  num_node: 2\n" +
      "template: |\n  nodes=${experiment.num_nodes}\n  tasks=${ntasks_per_node}\n" +
      "line: ${a.x}_${a.y}\na:\n  x: 1\n",
  });
  try {
    const r = await validateIn(dir, []);
    assert.equal(r.code, 1);
    assert.deepEqual(r.lines, [
      "conf/config.yaml:4:9: error: Interpolation key 'experiment.num_nodes' not found [key: template] Did you mean 'experiment.num_node'?",
      "conf/config.yaml:5:9: error: Interpolation key 'ntasks_per_node' not found [key: template]",
      "conf/config.yaml:6:14: error: Interpolation key 'a.y' not found [key: line]",
    ]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

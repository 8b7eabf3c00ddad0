// Completion of keys holding a dot (lerobot's `input_shapes: {observation.state: [14]}`): no
// override names them (Hydra's key grammar has no brackets), so none is offered as a path.
import assert from "node:assert/strict";
import { completeBash } from "./_complete.ts";

const CONF = {
  "conf/config.yaml": "policy:\n  name: act\n  input_shapes:\n" +
    "    observation.images.top: [3, 480, 640]\n    observation.state: [14]\n" +
    "  modes:\n    observation.state: mean_std\n    action: min_max\n",
};

Deno.test("completion: a key holding a dot is not offered as a path; its parent is set whole", async () => {
  const [policy, shapes, modes, add, del, explain] = await completeBash(CONF, [
    "strata compose policy.",
    "strata compose policy.input_shapes.",
    "strata compose policy.modes.",
    "strata compose +policy.",
    "strata compose ~policy.",
    "strata explain policy.",
  ]);
  // every key of input_shapes holds a dot: no `policy.input_shapes.` leading nowhere
  assert.deepEqual(policy, ["policy.name=", "policy.input_shapes=", "policy.modes."]);
  assert.deepEqual(shapes, []);
  assert.deepEqual(modes, ["policy.modes.action="]);
  // a new key can still be added under it
  assert.deepEqual(add, ["+policy.input_shapes.", "+policy.modes."]);
  assert.deepEqual(del, ["~policy.name", "~policy.input_shapes", "~policy.modes."]);
  assert.deepEqual(explain, ["policy.name", "policy.input_shapes", "policy.modes."]);
});

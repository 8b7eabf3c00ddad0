/**
 * `explain` of a container wider than a line shows it by its keys on each of its lines, not as
 * kilobytes of one-line JSON (checkers v43, x34), and says how to see it whole; a short one stays
 * JSON.
 */
import assert from "node:assert/strict";
import { confTree, strata } from "./_cli.ts";

Deno.test("explain: a wide container is shown by its keys, a short one as JSON", async () => {
  const dir = await confTree({
    "conf/config.yaml": "optimizer:\n  lr: 0.1\n  momentum: 0.9\n  weight_decay: 0.0001\n" +
      "  betas: [0.9, 0.999]\n  eps: 1.0e-08\n  amsgrad: false\n  name: adamw\nsmall: {a: 1}\n",
  });
  try {
    const wide = await strata(["explain", "optimizer"], { cwd: dir });
    assert.equal(wide.code, 0, wide.stderr);
    assert.equal(
      wide.stdout,
      "optimizer\n" +
        "  1. config: {lr, momentum, weight_decay, betas, eps, amsgrad, … (7 keys)}  (conf/config.yaml:2:3)\n" +
        "  composed: {lr, momentum, weight_decay, betas, eps, amsgrad, … (7 keys)}  (conf/config.yaml:2:3)\n" +
        "  value: {lr, momentum, weight_decay, betas, eps, amsgrad, … (7 keys)}\n" +
        "  (a container too wide for a line is shown by its keys: strata compose -p optimizer prints it)\n",
    );
    const small = await strata(["explain", "small"], { cwd: dir });
    assert.match(small.stdout, /^ {2}value: \{"a": 1\}$/m);
    assert.doesNotMatch(small.stdout, /too wide/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

/**
 * A sweep given to a command that composes one config and has no --multirun (compose, hash,
 * explain, diff) says to use `strata sweep` or `strata run -m`, not Hydra's "add --multirun to
 * your command line", which those commands refuse; `strata run` keeps Hydra's words.
 */

import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("a sweep in compose, hash, explain or diff points at strata sweep and run -m", async () => {
  const dir = writeTree({ "conf/config.yaml": "lr: 0.1\n" });
  try {
    for (
      const args of [
        ["compose", "lr=1,2"],
        ["hash", "lr=1,2"],
        ["explain", "lr", "lr=1,2"],
        ["diff", "--a", "lr=1,2", "--b", "lr=3"],
      ]
    ) {
      const r = await strata(args, { cwd: dir });
      // (diff's sides that do not compose are bad usage, as README says)
      assert.equal(r.code, args[0] === "diff" ? 2 : 1, args.join(" "));
      assert.match(
        r.stderr,
        /\n3\. this command composes one config: to sweep over it, use `strata sweep` \(the jobs\) or `strata run -m` \(run them\)\n/,
        args.join(" "),
      );
      assert.doesNotMatch(r.stderr, /add --multirun/);
    }
    const range = await strata(["compose", "lr=range(2)"], { cwd: dir });
    assert.match(
      range.stderr,
      /Sweep parameters 'lr=range\(2\)': this command composes one config/,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

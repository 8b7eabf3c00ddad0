/**
 * `strata run -m ... | head -1`: a job strata stops because stdout's reader
 * went away is reported as such, not as a bare "interrupted (exit 0)" that
 * reads as if someone pressed Ctrl-C (the job here exits 0 on SIGTERM).
 *
 * @module
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { assertNoStackTrace, confTree, SHELL_COMMAND } from "./_cli.ts";

Deno.test("strata run -m ... | head -1: the stopped job's report says stdout was closed", async () => {
  const dir = await confTree({ "conf/config.yaml": "seed: 0\n" });
  try {
    const job = `-- sh -c 'trap "exit 0" TERM INT; while :; do echo tick; sleep 0.1; done'`;
    const line = `${SHELL_COMMAND} run -m hydra.sweep.dir=s seed=1,2 ${job} 2>err | head -1; ` +
      "echo ${PIPESTATUS[0]} > rc";
    await new Deno.Command("bash", { args: ["-c", line], cwd: dir, stdout: "null" }).output();
    const stderr = Deno.readTextFileSync(join(dir, "err"));
    assertNoStackTrace(stderr);
    assert.equal(Deno.readTextFileSync(join(dir, "rc")), "141\n", stderr);
    assert.match(
      stderr,
      /\[strata\] #0 interrupted: stdout was closed, strata stopped the job \(exit 0\)\n/,
    );
    assert.match(
      stderr,
      / {2}#0 interrupted: stdout was closed, strata stopped the job \(exit 0\): /,
    );
    assert.doesNotMatch(stderr, /interrupted \(exit 0\)/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

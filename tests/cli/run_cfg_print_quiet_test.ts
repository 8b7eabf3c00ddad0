/**
 * `strata run -c hydra|job` (and `--info`) prints and writes nothing: a value that does not resolve
 * is not kept in any config.yaml, so no warning says it is (diffusion_policy's `${eval:...}`).
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

const CONFIG = "batch: 32\nsteps: ${eval:'${batch} * 100'}\nname: x\n" +
  "hydra:\n  run:\n    dir: out/${name}\n";

Deno.test("run -c hydra / -c job / --info: no warning about what config.yaml keeps", async () => {
  const dir = writeTree({ "conf/config.yaml": CONFIG });
  for (const show of [["-c", "hydra"], ["-c", "job"], ["--info", "config"]]) {
    const r = await strata(["run", "-d", "conf", ...show, "--", "true"], { cwd: dir });
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /config\.yaml keeps it|does not resolve/, show.join(" "));
  }
  // nothing was written
  assert.throws(() => Deno.statSync(`${dir}/out`), Deno.errors.NotFound);
  // a run that writes config.yaml still says so
  const run = await strata(["run", "-d", "conf", "--", "true"], { cwd: dir });
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /steps does not resolve \(.*\); config\.yaml keeps it as written/);
});

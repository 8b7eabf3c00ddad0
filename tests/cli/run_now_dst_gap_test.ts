/**
 * `--now` is the wall clock where the manifest was written. A time that
 * exists there may be one the task's node skips (a daylight-saving gap in its
 * zone): every task of the array used to fail with a usage error; it now runs
 * with the stamp's fields, so `${now:...}` names the dir every other task
 * names.
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

Deno.test("run --now: a time the node's zone skips (DST gap) keeps the stamp's wall clock", async () => {
  const dir = await confTree({ "conf/config.yaml": "seed: 0\n" });
  try {
    const env = { TZ: "Europe/Berlin" }; // clocks jump from 02:00 to 03:00 on 2026-03-29
    const r = await strata([
      "run",
      "-q",
      "--job-index",
      "1",
      "seed=1,2",
      "--now",
      "2026-03-29T02:30:00.250",
      "hydra.sweep.dir=s/${now:%Y-%m-%d_%H-%M-%S_%f_%a_%j}",
      "--",
      "true",
    ], { cwd: dir, env });
    assert.equal(r.code, 0, r.stderr);
    assertNoStackTrace(r.stderr);
    const sweep = `${dir}/s/2026-03-29_02-30-00_250000_Sun_088`;
    assert.ok(Deno.statSync(`${sweep}/1/.strata/status.json`).isFile);
    // A stamp that names no calendar time is still bad usage.
    const bad = await strata(
      ["run", "-q", "seed=1", "--now", "2026-02-29T02:30:00", "--", "true"],
      { cwd: dir, env },
    );
    assert.equal(bad.code, 2, bad.stderr);
    assert.match(bad.stderr, /--now must be a local time/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

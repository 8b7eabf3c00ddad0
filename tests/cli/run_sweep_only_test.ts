/**
 * `-j`, `--fail-fast` and `--resume` only mean something to a sweep: a
 * single run given them says it ignores them (a warning; the run still runs).
 *
 * @module
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

const SWEEP_ONLY = /applies to a sweep only|apply to a sweep only/;

Deno.test("strata run: -j without a sweep warns that the single run ignores it", async () => {
  const dir = await confTree({ "conf/config.yaml": "a: 1\n" });
  try {
    const r = await strata(["run", "-d", "conf", "-j", "4", "--", "true"], { cwd: dir });
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /warning: -j\/--jobs applies to a sweep only \(-m/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("strata run: --fail-fast and --resume without a sweep warn in one line", async () => {
  const dir = await confTree({ "conf/config.yaml": "a: 1\n" });
  try {
    const r = await strata(["run", "-d", "conf", "--fail-fast", "--resume", "--", "true"], {
      cwd: dir,
    });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /warning: --fail-fast, --resume apply to a sweep only/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("strata run: no warning for a sweep, -j's default, or hydra.mode=MULTIRUN", async () => {
  const dir = await confTree({ "conf/config.yaml": "a: 1\n" });
  try {
    for (
      const args of [
        ["-m", "-j", "2", "--fail-fast", "a=1,2"],
        [],
        ["-j", "2", "hydra.mode=MULTIRUN", "a=1,2"],
      ]
    ) {
      const r = await strata(["run", "-d", "conf", ...args, "--", "true"], { cwd: dir });
      assert.equal(r.code, 0, r.stderr);
      assert.doesNotMatch(r.stderr, SWEEP_ONLY, args.join(" "));
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

/**
 * `STRATA_JOB_OVERRIDES` is read back exactly by any POSIX shell, dash
 * (Debian's /bin/sh) included, as the README says a job consumes it:
 * `eval "set -- $STRATA_JOB_OVERRIDES"`. A value with a newline or a tab
 * was quoted with bash's `$'...'`, which dash reads as `$` and a string.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { assertNoStackTrace, strata } from "./_cli.ts";

const JOB = 'eval "set -- $STRATA_JOB_OVERRIDES"; printf "%s\\0" "$@" > "$STRATA_RUN_DIR/env"';

Deno.test("strata run: STRATA_JOB_OVERRIDES with a newline, a tab and a quote reads back in /bin/sh", async () => {
  const dir = Deno.realPathSync(Deno.makeTempDirSync({ prefix: "strata-env-sh-" }));
  try {
    Deno.mkdirSync(join(dir, "conf"));
    Deno.writeTextFileSync(join(dir, "conf/config.yaml"), "lr: 1\n");
    const overrides = ["+msg='a\nb\tc\\'d'", "lr=2", "+e=''"];
    const shells = ["/bin/sh", "/bin/dash", "/bin/bash"].filter((sh) => {
      try {
        return Deno.statSync(sh).isFile;
      } catch {
        return false;
      }
    });
    for (const [i, sh] of shells.entries()) {
      const r = await strata(
        ["run", "-d", "conf", `hydra.run.dir=out${i}`, ...overrides, "--", sh, "-c", JOB],
        { cwd: dir },
      );
      assert.equal(r.code, 0, r.stderr);
      assertNoStackTrace(r.stderr);
      const got = Deno.readTextFileSync(join(dir, `out${i}/env`)).split("\0").slice(0, -1);
      assert.deepEqual(got, overrides, sh);
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

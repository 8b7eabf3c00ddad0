/**
 * `validate` reads `hydra.job.env_copy` as Hydra applies it when it composes: a name not set
 * where validate runs is a warning (an error with --strict), as an unset `${oc.env:...}` is
 * (checker v67: SynthIE's env_copy of an unset variable passed validate; `strata run` and Hydra
 * fail on it).
 *
 * @module
 */

import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

Deno.test("validate: an env_copy name that is not set is a warning at its item, an error with --strict", async () => {
  const dir = writeTree({
    "conf/config.yaml": "a: 1\nhydra:\n  job:\n    env_copy:\n      - HOME\n" +
      "      - STRATA_TEST_NOT_SET_ANYWHERE\n",
  });
  try {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(
      r.stdout,
      /^conf\/config\.yaml:6:9: warning: environment variable 'STRATA_TEST_NOT_SET_ANYWHERE' named in hydra\.job\.env_copy is not set: .* \[key: hydra\.job\.env_copy\[1\]\]$/m,
    );
    assert.doesNotMatch(r.stdout, /'HOME'/);
    const strict = await validateIn(dir, ["-d", "conf", "--strict"]);
    assert.equal(strict.code, 1, strict.stdout + strict.stderr);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

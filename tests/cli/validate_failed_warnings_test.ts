/**
 * Hydra warns before a composition fails (a primary defaults list without `_self_`), and compose
 * prints that warning before its error: validate keeps it too, not only the error (checker w37).
 */
import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

Deno.test("validate: the missing-_self_ warning of a composition that then fails is reported beside the error", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - db: a\n  - hydra/job_logging: disabled\nx: 1\n",
    "conf/db/a.yaml": "h: 1\n",
  });
  try {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(
      r.stdout,
      /^conf\/config\.yaml:2:9: warning: In 'config': Defaults list is missing `_self_`\./m,
    );
    assert.match(
      r.stdout,
      /^conf\/config\.yaml:3:24: error: Multiple values for hydra\/job_logging\./m,
    );
    assert.match(r.stderr + r.stdout, /1 error, 1 warning in 2 files, no composition built/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

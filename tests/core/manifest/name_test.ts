/**
 * `strata sweep --name`: each manifest format checks its own rule, and the
 * name a refusal suggests (`try --name X`) is one that format takes.
 */

import assert from "node:assert/strict";
import fc from "../../_fast_check.ts";
import { checkRequest } from "../../../core/manifest/build.ts";
import { StrataError } from "../../../core/errors.ts";

const FORMATS = ["k8s", "slurm", "github"] as const;

/** The name a refusal suggests, or null when `name` is taken. */
function suggested(format: typeof FORMATS[number], name: string): string | null {
  try {
    checkRequest({ format, name, image: "app:1" });
    return null;
  } catch (e) {
    assert.ok(e instanceof StrataError, String(e));
    const m = /: try --name (\S+)$/.exec(e.message);
    assert.ok(m, e.message);
    return m[1];
  }
}

Deno.test("--name: k8s refuses 'My Job' and 'my_job' alike, suggesting a DNS-1123 label", () => {
  assert.equal(suggested("k8s", "My Job"), "my-job");
  assert.equal(suggested("k8s", "my_job"), "my-job");
  assert.equal(suggested("k8s", "my-job"), null);
  assert.equal(suggested("slurm", "My Job"), "My-Job");
  assert.equal(suggested("github", "my_job"), null);
});

Deno.test("--name: whatever the name, every format takes the name it suggests", () => {
  for (const format of FORMATS) {
    fc.assert(fc.property(fc.string({ maxLength: 80 }), (name) => {
      const like = suggested(format, name);
      if (like !== null) assert.equal(suggested(format, like), null, `${format}: ${like}`);
    }));
  }
});

import assert from "node:assert/strict";
import { JobIds } from "../../../core/sweep/job_id.ts";

// Ids are what a manifest's jobs and run dirs are named by: the same sweep of the same tree must
// give the same ids from one strata version to the next. These were computed before short
// override strings stopped going through the cache (the ids did not change).
Deno.test("JobIds: ids are stable, for short strings, long (cached) ones and a cache overflow", () => {
  const long = "model.layers=[" + Array.from({ length: 20 }, (_, i) => i).join(",") + "]";
  const ids = new JobIds("0123456789abcdef");
  assert.equal(ids.of(["seed=999999", "optimizer=adamw"]), "8b19737c55c9a0a4");
  assert.equal(ids.of([long, "seed=1"]), "a36631e89eb9ccfe");
  assert.equal(ids.of([long, "seed=1"]), "a36631e89eb9ccfe");
  assert.equal(ids.of([]), "dcb601926113130d");
  // more distinct long strings than the cache holds: the ids stay the same
  const many = new JobIds("0123456789abcdef");
  for (let i = 0; i < (1 << 16) + 10; i++) many.of([`${long}#${i}`]);
  assert.equal(many.of([long, "seed=1"]), "a36631e89eb9ccfe");
  const buf = new Uint8Array(16);
  many.writeId(["seed=999999", "optimizer=adamw"], buf, 0);
  assert.equal(new TextDecoder().decode(buf), "8b19737c55c9a0a4");
});

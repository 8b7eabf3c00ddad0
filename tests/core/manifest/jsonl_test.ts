import assert from "node:assert/strict";
import { jsonlChunks, textLines } from "../../../core/manifest/jsonl.ts";
import { planSweep, SweepExpansion } from "../../../core/sweep/expand.ts";
import { JobIds } from "../../../core/sweep/job_id.ts";
import type { JobSource } from "../../../core/manifest/types.ts";

const ids = new JobIds("00112233445566778899aabbccddeeff");

/** What each line must be: JSON.stringify of the job's fields. */
function expected(source: JobSource): string {
  let out = "";
  for (const job of source.jobs()) {
    out += JSON.stringify({
      index: job.index,
      id: ids.of(job.overrides),
      overrides: job.overrides,
      override_dirname: job.overrideDirname,
    }) + "\n";
  }
  return out;
}

function written(source: JobSource, chunkBytes?: number): string {
  const dec = new TextDecoder();
  let out = "";
  for (const chunk of jsonlChunks(source, ids, chunkBytes)) out += dec.decode(chunk);
  return out;
}

// Quotes, backslashes, non-ASCII and a tab (escaped in JSON), kv_sep and
// item_sep settings, an excluded key.
const SWEEP = planSweep({
  overrides: [
    `+name="a b",'c\\\\d','é\u{1f600}'`,
    "seed=range(3)",
    `+long=${"x".repeat(300)},y`,
    "+tab='a\tb'",
  ],
  dirname: { kvSep: ":", itemSep: "__", excludeKeys: ["seed"] },
});

Deno.test("jsonl: the plan's fast path writes exactly JSON.stringify's lines", () => {
  const sweep = new SweepExpansion(SWEEP, null, null);
  assert.equal(sweep.validates, false);
  const want = expected(sweep);
  assert.match(want, /\\"a b\\"/);
  for (const size of [1 << 16, 64, 1]) {
    assert.equal(written(sweep, size), want, `chunks of ${size}`);
  }
});

Deno.test("jsonl: any other job source (validated sweeps) writes the same lines", () => {
  const sweep = new SweepExpansion(SWEEP, null, null);
  const other: JobSource = { count: sweep.count, jobs: (s, e) => sweep.jobs(s, e) };
  for (const size of [1 << 16, 64]) assert.equal(written(other, size), expected(sweep));
});

Deno.test("jsonl: without ids, no id field", () => {
  const sweep = new SweepExpansion(planSweep({ overrides: ["a=1,2"] }), null, null);
  let text = "";
  for (const c of jsonlChunks(sweep, null)) text += new TextDecoder().decode(c);
  assert.equal(
    text,
    '{"index":0,"overrides":["a=1"],"override_dirname":"a=1"}\n' +
      '{"index":1,"overrides":["a=2"],"override_dirname":"a=2"}\n',
  );
  assert.deepEqual([...textLines(sweep)], ["a=1", "a=2"]);
});

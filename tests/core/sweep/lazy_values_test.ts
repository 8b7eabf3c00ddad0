import assert from "node:assert/strict";
import fc from "fast-check";
import { parseOverride } from "../../../core/override/parse.ts";
import { sweepStrings, sweepValues } from "../../../core/override/format.ts";
import { planSweep, SweepExpansion } from "../../../core/sweep/expand.ts";
import { SweepPlan } from "../../../core/sweep/plan.ts";
import { JobIds } from "../../../core/sweep/job_id.ts";
import { jsonlChunks } from "../../../core/manifest/jsonl.ts";

const range = fc.tuple(
  fc.integer({ min: -50, max: 50 }),
  fc.integer({ min: -50, max: 50 }),
  fc.integer({ min: -7, max: 7 }).filter((s) => s !== 0),
);

Deno.test("sweepValues: an integer range read lazily equals its expansion", () => {
  fc.assert(
    fc.property(range, ([start, stop, step]) => {
      const o = parseOverride(`x=range(${start},${stop},${step})`);
      const lazy = sweepValues(o);
      assert.ok(!Array.isArray(lazy), "an int range is not expanded");
      const all = Array.from({ length: lazy.length }, (_, i) => lazy.at(i));
      assert.deepEqual(all, sweepStrings(o));
    }),
    { numRuns: 300, seed: 7 },
  );
  // Float ranges, shuffles and big ints keep the general path.
  assert.ok(Array.isArray(sweepValues(parseOverride("x=range(0,1,0.25)"))));
  assert.ok(Array.isArray(sweepValues(parseOverride("x=shuffle(range(3))"))));
  assert.ok(
    Array.isArray(sweepValues(parseOverride("x=range(0,18014398509481990,9007199254740993)"))),
  );
});

/** The plan of the same overrides with every entry's values expanded into an array. */
function eager(plan: SweepPlan): SweepPlan {
  const entries = plan.entries.map((e) => ({
    ...e,
    values: Array.from({ length: e.values.length }, (_, i) => e.values.at(i)!),
  }));
  return new SweepPlan(entries, undefined, plan.dirname);
}

function jsonl(plan: SweepPlan, ids: JobIds): string {
  let text = "";
  const decoder = new TextDecoder();
  for (const chunk of jsonlChunks(new SweepExpansion(plan, null, null), ids)) {
    text += decoder.decode(chunk);
  }
  return text;
}

Deno.test("sweep plans: lazy ranges give the jobs, dirnames and JSON lines of expanded ones", () => {
  const dirname = { kvSep: ":", itemSep: "/", excludeKeys: ["seed"] };
  fc.assert(
    fc.property(range, range, fc.boolean(), ([a, b, c], [d, e, f], custom) => {
      const overrides = [`x=range(${a},${b},${c})`, "db=m,p", `+seed=range(${d},${e},${f})`];
      const lazy = planSweep({ overrides, dirname: custom ? dirname : undefined });
      const full = eager(lazy);
      assert.equal(lazy.count, full.count);
      for (let i = 0; i < lazy.count; i++) {
        assert.deepEqual(lazy.overridesAt(i), full.overridesAt(i));
        assert.equal(lazy.dirnameOf(lazy.digitsAt(i)), full.dirnameOf(full.digitsAt(i)));
      }
      const ids = "0123456789abcdef";
      assert.equal(jsonl(lazy, new JobIds(ids)), jsonl(full, new JobIds(ids)));
    }),
    { numRuns: 100, seed: 11 },
  );
});

Deno.test("job ids: past the cache's size ids are hashed as before", () => {
  const ids = new JobIds("0123456789abcdef");
  const n = (1 << 16) + 10;
  const seen: string[] = [];
  for (let i = 0; i < n; i++) seen.push(ids.of([`seed=${i}`, "db=m"]));
  // A fresh JobIds (empty cache) gives each job the same id.
  for (const i of [0, 1, 65535, 65536, n - 1]) {
    assert.equal(seen[i], new JobIds("0123456789abcdef").of([`seed=${i}`, "db=m"]));
  }
  assert.equal(new Set(seen).size, n);
});

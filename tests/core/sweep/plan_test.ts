import assert from "node:assert/strict";
import fc from "../../_fast_check.ts";
import { compareCodePoints, type SweepEntry, SweepPlan } from "../../../core/sweep/plan.ts";
import { linkAxes } from "../../../core/sweep/link.ts";
import type { StrataError } from "../../../core/errors.ts";

function entry(
  keyElement: string,
  values: string[],
  keyOrGroup = keyElement.replace(/^[+~]+/, ""),
) {
  return { keyElement, keyOrGroup, values } satisfies SweepEntry;
}

/** itertools.product, the naive way. */
function product(lists: string[][]): string[][] {
  return lists.reduce<string[][]>(
    (acc, list) => acc.flatMap((prefix) => list.map((v) => [...prefix, v])),
    [[]],
  );
}

/** Python's sorted() + join + re.sub("=", kv_sep). */
function pyDirname(lines: string[], kvSep = "=", itemSep = ","): string {
  return [...lines].sort(compareCodePoints).join(itemSep).replaceAll("=", kvSep);
}

Deno.test("plan: jobs come in itertools.product order, last key fastest", () => {
  const plan = new SweepPlan([entry("db", ["mysql", "pg"]), entry("+x", ["1", "2", "3"])]);
  assert.equal(plan.count, 6);
  const jobs = Array.from(plan.digits(), (d) => plan.overridesOf(d));
  assert.deepEqual(jobs, [
    ["db=mysql", "+x=1"],
    ["db=mysql", "+x=2"],
    ["db=mysql", "+x=3"],
    ["db=pg", "+x=1"],
    ["db=pg", "+x=2"],
    ["db=pg", "+x=3"],
  ]);
});

Deno.test("plan: no entries is one empty job with an empty dirname", () => {
  const plan = new SweepPlan([]);
  assert.equal(plan.count, 1);
  assert.deepEqual(plan.overridesAt(0), []);
  assert.equal(plan.dirnameOf(plan.digitsAt(0)), "");
});

Deno.test("plan: an empty entry (a glob matching nothing) gives no jobs", () => {
  const plan = new SweepPlan([entry("db", []), entry("x", ["1"])]);
  assert.equal(plan.count, 0);
  assert.deepEqual([...plan.digits()], []);
});

Deno.test("plan: override_dirname sorts with the + prefix and applies kv_sep everywhere", () => {
  const plan = new SweepPlan(
    [entry("db", ["mysql"]), entry("+x", ["a=b"]), entry("seed", ["1"])],
    undefined,
    { kvSep: ":", itemSep: "__", excludeKeys: ["seed"] },
  );
  assert.equal(plan.dirnameOf(plan.digitsAt(0)), "+x:a:b__db:mysql");
});

Deno.test("plan: hydra keys from sweeper params never reach override_dirname", () => {
  const plan = new SweepPlan([entry("hydra.job.chdir", ["true"]), entry("a", ["1"])]);
  assert.equal(plan.dirnameOf(plan.digitsAt(0)), "a=1");
  assert.deepEqual(plan.overridesAt(0), ["hydra.job.chdir=true", "a=1"]);
});

Deno.test("plan: an out-of-range index is a sweep error", () => {
  const plan = new SweepPlan([entry("a", ["1", "2"])]);
  assert.throws(() => plan.digitsAt(2), (e: StrataError) => {
    assert.equal(e.code, "sweep");
    assert.match(e.message, /Job index 2 is out of range: the sweep has 2 jobs/);
    return true;
  });
});

Deno.test("plan: more than 10^6 jobs is a sweep error at the key that crosses the limit", () => {
  const big = Array.from({ length: 1000 }, (_, i) => String(i));
  const origin = { override: 2, text: "k3=..." };
  const entries = [1, 2, 3, 4].map((k) => ({ ...entry(`k${k}`, big), origin }));
  assert.throws(() => new SweepPlan(entries), (e: StrataError) => {
    assert.equal(e.code, "sweep");
    assert.equal(
      e.message,
      "The sweep has more than 1000000 jobs (from 'k3' on: 1000 x 1000 x 1000 = 1000000000), " +
        "the limit for counting and listing",
    );
    assert.deepEqual(e.origin, origin);
    return true;
  });
  assert.equal(new SweepPlan(entries.slice(0, 2)).count, 1_000_000);
});

const entriesArb = fc.uniqueArray(fc.stringMatching(/^[+]?[a-c](\.[a-c])?$/), {
  minLength: 0,
  maxLength: 4,
  selector: (k) => k.replace(/^\+/, ""),
}).chain((keys) =>
  fc.tuple(
    ...keys.map((k) =>
      fc.array(fc.stringMatching(/^[a-z0-9=,]{0,3}$/), { minLength: 1, maxLength: 3 }).map((vs) =>
        entry(k, vs)
      )
    ),
  )
);

Deno.test("plan (property): jobAt(i) and iteration agree with a naive product and Python's dirname", () => {
  fc.assert(
    fc.property(entriesArb, fc.constantFrom("=", ":"), (entries, kvSep) => {
      const plan = new SweepPlan(entries, undefined, { kvSep, itemSep: ",", excludeKeys: [] });
      const naive = product(entries.map((e) => e.values.map((v) => `${e.keyElement}=${v}`)));
      assert.equal(plan.count, naive.length);
      let i = 0;
      for (const digits of plan.digits()) {
        assert.deepEqual(plan.overridesOf(digits), naive[i]);
        assert.deepEqual(plan.overridesAt(i), naive[i]);
        assert.equal(plan.dirnameOf(digits), pyDirname(naive[i], kvSep));
        // The general path (a job whose config differs) agrees with Python too.
        const other = { kvSep: "=", itemSep: "__", excludeKeys: ["none"] };
        assert.equal(plan.dirnameOf(digits, other), pyDirname(naive[i], "=", "__"));
        i++;
      }
      assert.equal(i, naive.length);
    }),
  );
});

Deno.test("plan (property): a slice of the iteration equals jobAt over the slice", () => {
  fc.assert(
    fc.property(entriesArb, fc.nat(), fc.nat(), (entries, a, b) => {
      const plan = new SweepPlan(entries);
      const start = a % (plan.count + 1);
      const end = start + (b % (plan.count - start + 1));
      const got = Array.from(plan.digits(start, end), (d) => plan.overridesOf(d));
      const want = Array.from({ length: end - start }, (_, k) => plan.overridesAt(start + k));
      assert.deepEqual(got, want);
    }),
  );
});

Deno.test("compareCodePoints: Python order beyond the BMP", () => {
  // U+FF5E (fullwidth tilde) < U+1F600 (emoji) by code point, not by UTF-16 units.
  assert.ok(compareCodePoints("\uff5e", "\u{1f600}") < 0);
  assert.ok("\uff5e" > "\u{1f600}");
  assert.ok(compareCodePoints("a", "ab") < 0);
  assert.equal(compareCodePoints("x", "x"), 0);
});

Deno.test("plan with links: linked entries advance together, in the first member's place", () => {
  const entries = [
    entry("model", ["resnet", "vit"]),
    entry("seed", ["1", "2", "3"]),
    entry("optimizer", ["sgd", "adamw"]),
  ];
  const axes = linkAxes(entries, [["model", "optimizer"]]);
  assert.deepEqual(axes, [[0, 2], [1]]);
  const plan = new SweepPlan(entries, axes);
  assert.equal(plan.count, 6);
  assert.deepEqual(Array.from(plan.digits(), (d) => plan.overridesOf(d).join(" ")), [
    "model=resnet seed=1 optimizer=sgd",
    "model=resnet seed=2 optimizer=sgd",
    "model=resnet seed=3 optimizer=sgd",
    "model=vit seed=1 optimizer=adamw",
    "model=vit seed=2 optimizer=adamw",
    "model=vit seed=3 optimizer=adamw",
  ]);
  assert.deepEqual(plan.overridesAt(4), ["model=vit", "seed=2", "optimizer=adamw"]);
});

import assert from "node:assert/strict";
import { parseOverride } from "../../../core/override/parse.ts";
import {
  elementToString,
  expandRange,
  fnmatch,
  sweepStrings,
  withQuotes,
} from "../../../core/override/format.ts";
import type { ElementValue, RangeSweep } from "../../../core/override/types.ts";
import { float, int } from "../../../core/node.ts";

const str = (text: string, spaced = false) =>
  elementToString(parseOverride(text).value as ElementValue, spaced);

Deno.test("elementToString writes values back as Hydra does", () => {
  assert.equal(str("a=true"), "True");
  assert.equal(str("a=1e3"), "1000.0");
  assert.equal(str("a=1_0.5"), "10.5");
  assert.equal(str("a='a b'"), "'a b'");
  assert.equal(str("a=a\\ b"), "a\\ b");
  assert.equal(str("a=${x}"), "$\\{x\\}");
  assert.equal(str("a=[1,'x',null]"), "[1,'x',null]");
  assert.equal(str("a={a:1,b:[1,2]}", true), "{a: 1, b: [1, 2]}");
  // Python dict keys: True == 1, so the second entry replaces the first's value
  assert.equal(str("a={1:x,true:y}"), "{1:y}");
  assert.equal(str("a={null:x,fAlSe:y}"), "{null:x,False:y}");
  assert.equal(elementToString(undefined), "null");
});

Deno.test("withQuotes round-trips backslashes before quotes", () => {
  assert.equal(withQuotes("a\\", "'"), "'a\\\\'");
  assert.equal(withQuotes("it's", "'"), "'it\\'s'");
  assert.equal(withQuotes('a\\"b', '"'), '"a\\\\\\"b"');
  for (const s of ["a\\", "x\\'y", "\\\\", "'", "a\\b"]) {
    const o = parseOverride(`k=${withQuotes(s, "'")}`);
    assert.equal(((o.value as ElementValue).node as { value: unknown }).value, s, s);
  }
});

Deno.test("sweepStrings: choices keep quotes, ranges format floats, globs filter", () => {
  assert.deepEqual(sweepStrings(parseOverride("a='x,y',b")), ["'x,y'", "b"]);
  assert.deepEqual(sweepStrings(parseOverride("a=range(0,1,0.25)")), [
    "0.0",
    "0.25",
    "0.5",
    "0.75",
  ]);
  assert.deepEqual(
    sweepStrings(parseOverride("db=glob(*,exclude=p*)"), ["mysql", "postgres", "sqlite"]),
    [
      "mysql",
      "sqlite",
    ],
  );
  assert.deepEqual(sweepStrings(parseOverride("a=shuffle(1,2,3)")).sort(), ["1", "2", "3"]);
  assert.throws(() => sweepStrings(parseOverride("a=interval(0,1)")), /Can only enumerate/);
  assert.throws(
    () => sweepStrings(parseOverride("a=choice(1,2),3")),
    (e: Error) => e.name === "StrataError",
  );
});

Deno.test("expandRange: Python range for ints, Decimal steps for floats", () => {
  const r = (start: number, stop: number, step: number, floats = false): RangeSweep => ({
    kind: "range",
    start: floats ? float(start) : int(start),
    stop: floats ? float(stop) : int(stop),
    step: floats ? float(step) : int(step),
    tags: [],
    shuffle: false,
  });
  assert.deepEqual(expandRange(r(10, 0, -3)).map((n) => (n as { value: number }).value), [
    10,
    7,
    4,
    1,
  ]);
  const f = expandRange(r(1, 2, 0.1, true)).map((n) => (n as { value: number }).value);
  assert.equal(f[9], 1.9000000000000001);
  assert.throws(() => expandRange(r(1, 2, 0)), /range\(\) arg 3 must not be zero/);
});

Deno.test("fnmatch: * ? [seq] [!seq]", () => {
  assert.ok(fnmatch("abc", "a*"));
  assert.ok(fnmatch("abc", "a?c"));
  assert.ok(fnmatch("abc", "[a-c]bc"));
  assert.ok(!fnmatch("abc", "[!a]bc"));
  assert.ok(fnmatch("a.c", "a.c") && !fnmatch("abc", "a.c"));
});

Deno.test("fnmatch: many stars against a long name answer at once (the backtracking regex hung)", () => {
  // a config's hydra.sweeper.params or .strata.yaml's validate.options can hold such a glob:
  // `*a*a*...*b` against 200 a's took exponential time; Python's fnmatch answers in microseconds
  assert.equal(fnmatch("a".repeat(200), "*a".repeat(30) + "*b"), false);
  assert.equal(fnmatch("a".repeat(200) + "b", "*a".repeat(30) + "*b"), true);
  // Python's fnmatchcase on sets: a leading `]` is a member, `[!]a]` is neither `]` nor `a`
  for (
    const [name, pattern, want] of [
      ["]", "[]]", true],
      ["a", "[!]a]", false],
      ["b", "[!]a]", true],
      ["^", "[!^]", false],
      ["a[b", "a[b", true],
      ["ab", "a**b", true],
      ["abc", "a*b*d", false],
    ] as const
  ) assert.equal(fnmatch(name, pattern), want, `${name} ${pattern}`);
});

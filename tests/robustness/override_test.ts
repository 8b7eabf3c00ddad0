/**
 * parseOverride / parseOverrides on random and mutated overrides: a parsed
 * override or a StrataError naming the override, and the parser stays usable.
 */

import assert from "node:assert/strict";
import fc from "../_fast_check.ts";
import { parseOverride, parseOverrides } from "../../engine.ts";
import { runs, strataOnly, within } from "./_guard.ts";

const SEEDS = [
  "db=mysql",
  "+optimizer.lr=1e-3",
  "++a.b=[1,2,{c: d}]",
  "~seed",
  "~seed=1",
  "lr=1e-5,1e-4",
  "x=range(0,10,2)",
  "y=choice(a,b,'c d')",
  "z=shuffle(range(1,5))",
  "w=interval(0.1,1.0)",
  "v=tag(log,interval(1,10))",
  "u=sort(3,1,2,reverse=true)",
  "t=int(3.5)",
  "s=str(1),float(2)",
  "q=glob(*,exclude=[a*])",
  "p='quoted ${x} \\' esc'",
  'o="dq \\" x"',
  "n=${oc.env:HOME}",
  "group@pkg=opt",
  "group@pkg:new=opt",
  "hydra/launcher=basic",
  "k=",
  "k=null",
  "k=[]",
  "k={}",
  "k=a\\ b",
  "k=  spaced  ",
  "k=${a.b}_${c}",
  "k=json(x)",
  "k=true,false",
];

const PIECES = [
  "=",
  "+",
  "++",
  "~",
  "@",
  ":",
  "/",
  ".",
  ",",
  "(",
  ")",
  "[",
  "]",
  "{",
  "}",
  "${",
  "}",
  "'",
  '"',
  "\\",
  " ",
  "\t",
  "\n",
  "*",
  "?",
  "$",
  "#",
  "%",
  "é",
  "😀",
  "\uD800",
  "\u0000",
  "range(",
  "choice(",
  "interval(",
  "tag(",
  "sort(",
  "shuffle(",
  "glob(",
  "int(",
  "float(",
  "str(",
  "bool(",
  "json_str(",
  "reverse=",
  "1e400",
  "-inf",
  "nan",
  "0x10",
  "1_000",
  "-",
  "null",
  "true",
];

const edit = fc.oneof(
  fc.tuple(fc.constant(0), fc.nat(), fc.constantFrom(...PIECES)),
  fc.tuple(fc.constant(0), fc.nat(), fc.string({ maxLength: 3 })),
  fc.tuple(fc.constant(1), fc.nat(), fc.integer({ min: 1, max: 5 })),
);

const mutated = fc.tuple(fc.constantFrom(...SEEDS), fc.array(edit, { maxLength: 5 })).map(
  ([seed, edits]) =>
    edits.reduce((t, [op, at, arg]) => {
      const p = at % (t.length + 1);
      return op === 0
        ? t.slice(0, p) + arg + t.slice(p)
        : t.slice(0, p) + t.slice(p + (arg as number));
    }, seed),
);

const anyOverride = fc.oneof(
  mutated,
  fc.string({ maxLength: 30 }),
  fc.string({ maxLength: 20, unit: "binary" }),
);

function parseOne(text: string) {
  return within(1000, () => strataOnly(() => parseOverride(text, 3), { origin: true }, text), text);
}

Deno.test("parseOverride: random and mutated overrides parse or fail with an origin", () => {
  fc.assert(fc.property(anyOverride, (text) => void parseOne(text)), { numRuns: runs(1500) });
  // Whatever came before, the parser still answers.
  assert.equal(parseOverride("a=1").key, "a");
});

Deno.test("parseOverrides: a batch fails exactly when one of its overrides fails", () => {
  fc.assert(
    fc.property(fc.array(anyOverride, { maxLength: 6 }), (texts) => {
      const batch = strataOnly(() => parseOverrides(texts), { origin: true }, texts);
      const one = texts.map((t) => parseOne(t));
      assert.equal(
        batch instanceof Error,
        one.some((r) => r instanceof Error),
        JSON.stringify(texts),
      );
    }),
    { numRuns: runs(300) },
  );
});

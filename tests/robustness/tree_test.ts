/**
 * resolveTree, merge/mergeWith and the ops on random configs full of random
 * `${...}` strings: results or StrataErrors that name a key or an origin.
 */

import fc from "../_fast_check.ts";
import {
  bool,
  clone,
  deleteKey,
  dict,
  float,
  int,
  type Key,
  list,
  merge,
  mergeWith,
  missing,
  nil,
  type Node,
  resolveTree,
  select,
  setReadonly,
  setStruct,
  setValue,
  str,
  update,
} from "../../engine.ts";
import { runs, strataOnly, within } from "./_guard.ts";

const KEYS = ["a", "b", "c", "x", "0", "1", "a.b", "", "ä", "${a}"];
const REF = fc.constantFrom(
  "a",
  "b",
  "a.b",
  "a.c",
  "b[0]",
  "x",
  ".a",
  "..a",
  "...",
  ".",
  "a[1]",
  "b.0",
  "c.x.a",
  "",
  " a ",
  "a..b",
  "[0]",
  "b[-1]",
  "b[99]",
  "a.",
  "oc.env",
);
// `oc.select` and `oc.deprecated` are left out until selecting a node that contains
// the interpolation itself stops crashing
// (tests/robustness/known_crashes_test.ts).
const RESOLVER = fc.constantFrom(
  "oc.env",
  "oc.decode",
  "oc.create",
  "oc.dict.keys",
  "oc.dict.values",
  "unknown",
  "now",
  "hydra",
  "oc.env.x",
  "",
);
const ARG = fc.oneof(
  REF,
  fc.constantFrom(
    "1",
    "'x'",
    "[1, 2]",
    "{a: 1}",
    "null",
    "'${a}'",
    "\\,",
    "'{'",
    '"a: [1"',
    "a,b,c",
  ),
  fc.string({ maxLength: 4 }),
);

/** A random `${...}` string: key references, resolver calls, nesting, junk. */
const interp: fc.Arbitrary<string> = fc.letrec((tie) => ({
  s: fc.oneof(
    { depthSize: "small" },
    REF.map((r) => `\${${r}}`),
    fc.tuple(RESOLVER, fc.array(ARG, { maxLength: 3 })).map(([r, a]) => `\${${r}:${a.join(",")}}`),
    fc.tuple(fc.string({ maxLength: 3 }), tie("s"), fc.string({ maxLength: 3 })).map((p) =>
      p.join("")
    ),
    tie("s").map((s) => `\${${s}}`),
    fc.constantFrom("${", "}", "$}", "\\${a}", "${a", "${}", "${:}", "${a:}", "$${a}}", "???"),
  ),
})).s as fc.Arbitrary<string>;

const leaf: fc.Arbitrary<Node> = fc.oneof(
  fc.integer().map((n) => int(n)),
  fc.double().map((n) => float(n)),
  fc.boolean().map((b) => bool(b)),
  fc.constant(null).map(() => nil()),
  fc.constant(null).map(() => missing()),
  fc.string({ maxLength: 5 }).map((s) => str(s)),
  interp.map((s) => str(s)),
);

const tree: fc.Arbitrary<Node> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.array(fc.tuple(fc.constantFrom(...KEYS), tie("node")), { maxLength: 4 })
      .map((es) => dict(es as [Key, Node][])),
    fc.array(tie("node"), { maxLength: 3 }).map((items) => list(items as Node[])),
  ),
})).node as fc.Arbitrary<Node>;

const rootTree = fc.array(fc.tuple(fc.constantFrom(...KEYS), tree), { maxLength: 5 })
  .map((es) => dict(es as [Key, Node][]) as Node);

const PATH = fc.array(fc.oneof(fc.constantFrom(...KEYS), fc.integer({ min: -2, max: 3 })), {
  maxLength: 3,
});

const QUIET = { onWarning: () => {} };
// select/update resolve with the default warning sink (console.warn): keep the output clean.
console.warn = () => {};

Deno.test("resolveTree: random configs resolve or fail with a full key", () => {
  fc.assert(
    fc.property(rootTree, (cfg) => {
      within(2000, () => strataOnly(() => resolveTree(cfg, QUIET), { fullKey: true }, cfg), cfg);
    }),
    { numRuns: runs(400) },
  );
});

Deno.test("merge/mergeWith: random configs merge or fail with a key", () => {
  fc.assert(
    fc.property(rootTree, tree, fc.boolean(), fc.boolean(), (a, b, struct, ro) => {
      if (struct) strataOnly(() => setStruct(a, [], true), {}, a);
      if (ro) strataOnly(() => setReadonly(a, [], true), {}, a);
      strataOnly(() => merge(a, b), { originOrKey: true }, [a, b]);
      strataOnly(() => mergeWith([b, a, b], { method: "merge_with" }), { originOrKey: true }, [
        a,
        b,
      ]);
    }),
    { numRuns: runs(300) },
  );
});

Deno.test("select/update/setValue/deleteKey: random keys and paths", () => {
  fc.assert(
    fc.property(
      rootTree,
      fc.oneof(REF, fc.string({ maxLength: 6 })),
      PATH,
      fc.oneof(fc.constantFrom(...KEYS), fc.integer({ min: -2, max: 3 })),
      leaf,
      (cfg, key, path, k, value) => {
        const ctx = { cfg, key, path, k };
        strataOnly(() => select(clone(cfg), key), { originOrKey: true }, ctx);
        strataOnly(
          () => select(clone(cfg), key, { throwOnResolutionFailure: false, default: nil() }),
          { originOrKey: true },
          ctx,
        );
        strataOnly(() => update(clone(cfg), key, value), { originOrKey: true }, ctx);
        strataOnly(() => update(clone(cfg), key, value, { merge: false, forceAdd: true }), {
          originOrKey: true,
        }, ctx);
        strataOnly(() => setValue(clone(cfg), path, k, value), { originOrKey: true }, ctx);
        strataOnly(() => deleteKey(clone(cfg), path, k), { originOrKey: true }, ctx);
      },
    ),
    { numRuns: runs(400) },
  );
});

import assert from "node:assert/strict";
import { thrown as caught } from "../_errors.ts";
import fc from "../_fast_check.ts";
import { merge, mergeWith } from "../../core/merge.ts";
import { toContainer } from "../../core/container.ts";
import {
  clone,
  dict,
  type DictNode,
  int,
  list,
  missing,
  type Node,
  originOf,
  str,
} from "../../core/node.ts";
import { StrataError } from "../../core/errors.ts";
import { loadYaml } from "../../core/yaml/load.ts";

const y = (text: string, file = "<string>") => loadYaml(text, { file });
const plain = (n: Node) => toContainer(n);

Deno.test("merge: deep dict merge keeps order, appends new keys", () => {
  assert.deepEqual(plain(merge(y("a: 1\nb: {c: 2, d: 3}"), y("b: {d: 4, e: 5}\nz: 0"))), {
    a: 1,
    b: { c: 2, d: 4, e: 5 },
    z: 0,
  });
});

Deno.test("merge: lists are replaced, ??? never overwrites, scalar over dict replaces", () => {
  const out = merge(y("l: [1, 2]\nm: 5\nd: {x: 1}\nn: {x: 1}"), y("l: [3]\nm: ???\nd: 7\nn: ???"));
  assert.deepEqual(plain(out), { l: [3], m: 5, d: 7, n: { x: 1 } });
  assert.deepEqual(plain(merge(y("a: ???"), y("a: {x: 1}"))), { a: { x: 1 } });
});

Deno.test("merge: interpolations are carried unresolved", () => {
  assert.deepEqual(plain(merge(y("a: ${b}\nb: 1"), y("b: 2"))), { a: "${b}", b: 2 });
});

Deno.test("merge: a dict over ${b} merges into b's value (absolute, relative, chained)", () => {
  assert.deepEqual(plain(merge(y("b: {y: 2}\na: ${b}"), y("a: {x: 1}"))), {
    b: { y: 2 },
    a: { y: 2, x: 1 },
  });
  assert.deepEqual(plain(merge(y("m: {c: {z: 1}, a: '${.c}'}"), y("m: {a: {x: 1}}"))), {
    m: { c: { z: 1 }, a: { z: 1, x: 1 } },
  });
  assert.deepEqual(plain(merge(y("c: {z: 1}\nb: ${c}\na: ${b}"), y("a: {x: 1}"))), {
    c: { z: 1 },
    b: "${c}",
    a: { z: 1, x: 1 },
  });
  // the target as merged so far, and a target that is not a container
  assert.deepEqual(plain(merge(y("b: {y: 1}\na: ${b}"), y("b: {q: 2}\na: {x: 1}"))), {
    b: { y: 1, q: 2 },
    a: { y: 1, q: 2, x: 1 },
  });
  assert.deepEqual(plain(merge(y("b: 1\na: ${b}"), y("a: {x: 1}"))), { b: 1, a: { x: 1 } });
  assert.deepEqual(plain(merge(y("b: {y: 1}\na: ${b}"), y("a: ???"))), {
    b: { y: 1 },
    a: { y: 1 },
  });
});

// OmegaConf does not dereference an interpolation to one of its own ancestors ("Interpolation to
// parent node detected", swallowed by the merge): the source replaces the leaf. strata copied the
// ancestor, the interpolation inside it included.
Deno.test("merge: a dict over an interpolation to its own parent or ancestor replaces it", () => {
  assert.deepEqual(plain(merge(y("a:\n  b: ${a}"), y("a: {b: {c: 1}}"))), { a: { b: { c: 1 } } });
  assert.deepEqual(plain(merge(y("a:\n  x: 1\n  m:\n    b: ${a}"), y("a: {m: {b: [1]}}"))), {
    a: { x: 1, m: { b: [1] } },
  });
  // through a chain: c -> a, an ancestor of b
  assert.deepEqual(plain(merge(y("c: ${a}\na:\n  b: ${c}"), y("a: {b: {z: 1}}"))), {
    c: "${a}",
    a: { b: { z: 1 } },
  });
  // an interpolation to a container elsewhere is still merged into a copy of it
  assert.deepEqual(plain(merge(y("s: {q: 1}\na:\n  b: ${s}"), y("a: {b: {c: 1}}"))), {
    s: { q: 1 },
    a: { b: { q: 1, c: 1 } },
  });
});

Deno.test("merge: keys keep their first spelling (True vs 1)", () => {
  const out = merge(y("true: a"), y("yes: b\n1: c"));
  assert.equal(out.kind, "dict");
  assert.deepEqual([...(out as DictNode).entries.values()].map((e) => e.key), [true]);
});

Deno.test("merge: struct rejects a new key with full key, origin and did-you-mean", () => {
  const base = y("model:\n  layers: 2\n  heads: 4", "base.yaml");
  base.flags = { struct: true };
  const e = caught(() => merge(base, y("model:\n  layer: 3", "over.yaml")));
  assert.equal(e.code, "key");
  assert.equal(e.message, "Key 'layer' is not in struct");
  assert.equal(e.fullKey, "model.layer");
  assert.equal(e.origin?.file, "over.yaml");
  assert.equal(e.origin?.line, 2);
  assert.deepEqual(e.suggestions, ["model.layers"]);
});

Deno.test("merge: struct did-you-mean spells a key holding a dot as a key path reads it back", () => {
  const base = y("p:\n  q:\n    obs.state: 2", "base.yaml");
  base.flags = { struct: true };
  const e = caught(() => merge(base, y("p:\n  q:\n    obs.stat: 3", "over.yaml")));
  assert.equal(e.message, "Key 'obs.stat' is not in struct");
  assert.deepEqual(e.suggestions, ["p.q[obs.state]"]);
});

Deno.test("merge: struct rejects a one-character key without a did-you-mean of another one character", () => {
  const base = y("a: {b: 1}", "base.yaml");
  base.flags = { struct: true };
  const e = caught(() => merge(base, y("q: 2", "over.yaml")));
  assert.equal(e.message, "Key 'q' is not in struct");
  assert.deepEqual(e.suggestions, []);
});

Deno.test("merge: dict vs list is a type error reported at the root, as OmegaConf does", () => {
  const e = caught(() => merge(y("a: [1]"), y("a:\n  x: 1", "over.yaml")));
  assert.equal(e.code, "type");
  assert.equal(e.fullKey, "");
  assert.match(
    e.message,
    /^Cannot merge DictConfig with ListConfig at 'a' \(a mapping onto a list\)$/,
  );
  assert.equal(e.origin?.file, "over.yaml");
  assert.equal(caught(() => merge(y("[1]"), y("a: 1"))).code, "type");
});

Deno.test("merge: OmegaConf.merge ignores readonly on the first root, merge_with does not", () => {
  const ro = () => {
    const c = y("a: 1\nd: {x: 1}", "base.yaml");
    c.flags = { readonly: true };
    return c;
  };
  const out = merge(ro(), y("a: 2"));
  assert.deepEqual(plain(out), { a: 2, d: { x: 1 } });
  assert.equal(out.flags?.readonly, true, "the result keeps the readonly flag");
  const e = caught(() => mergeWith([ro(), y("d: {x: 2}", "over.yaml")], { method: "merge_with" }));
  assert.equal(e.code, "readonly");
  assert.equal(e.message, "Cannot change read-only config container");
  assert.equal(e.fullKey, "d.x");
  assert.equal(e.origin?.file, "over.yaml");
  // a nested readonly flag is honoured by merge too
  const nested = y("a: {b: 1}");
  (nested as DictNode).entries.get("a")!.node.flags = { readonly: true };
  assert.equal(caught(() => merge(nested, y("a: {b: 2}"))).fullKey, "a.b");
});

Deno.test("merge: readonly list fails at its first new item", () => {
  const c = y("l: [1]");
  c.flags = { readonly: true };
  const e = caught(() => mergeWith([c, y("l: [2]")], { method: "merge_with" }));
  assert.equal(e.code, "readonly");
  assert.equal(e.message, "ListConfig is read-only");
  assert.equal(e.fullKey, "l[0]");
});

Deno.test("merge: explicit flags of the source are carried onto the result", () => {
  const src = y("a: {y: 1}");
  src.flags = { struct: true };
  const out = merge(y("a: {x: 1}"), src);
  assert.equal(out.flags?.struct, true);
  const e = caught(() => merge(out, y("a: {z: 1}")));
  assert.equal(e.fullKey, "a.z");
});

// ---- properties -------------------------------------------------------------

// OmegaConf's merge is associative only where a key keeps its kind in every
// input (a scalar between two dicts replaces the first): keys a/b always hold
// dicts, c/d leaves, and interpolations point at leaves.
const leafArb = fc.oneof(
  fc.integer({ min: -5, max: 5 }).map((v) => int(v)),
  fc.constantFrom("x", "y", "${c}").map((s) => str(s)),
);
function dictOf(depth: number): fc.Arbitrary<DictNode> {
  const subs = depth === 0
    ? fc.constant([] as [string, Node][])
    : fc.array(fc.tuple(fc.constantFrom("a", "b"), dictOf(depth - 1) as fc.Arbitrary<Node>), {
      maxLength: 2,
    });
  return fc.tuple(subs, fc.array(fc.tuple(fc.constantFrom("c", "d"), leafArb), { maxLength: 2 }))
    .map(([ds, ls]) => dict([...ds, ...ls]));
}
const dictArb = dictOf(3);

Deno.test("property: merge is associative on configs without lists", () => {
  fc.assert(
    fc.property(dictArb, dictArb, dictArb, (a, b, c) => {
      assert.deepEqual(plain(merge(merge(a, b), c)), plain(merge(a, merge(b, c))));
    }),
    { numRuns: 300 },
  );
});

Deno.test("property: merging with an empty config is the identity", () => {
  fc.assert(
    fc.property(dictArb, (a) => {
      assert.deepEqual(plain(merge(a, dict())), plain(a));
      assert.deepEqual(plain(merge(dict(), a)), plain(a));
    }),
    { numRuns: 300 },
  );
});

Deno.test("mergeWith given: the result takes over the given tree's containers, same content", () => {
  const base = loadYaml("a: {x: 1}\nshared: {k: 1}\n");
  const big = () => loadYaml("b: {y: [1, {z: 2}]}\nshared: {j: 2}\n");
  const copied = big(), taken = big();
  const expected = toContainer(merge(base, copied));
  const out = mergeWith([base, taken], { given: [false, true] }) as DictNode;
  assert.deepEqual(toContainer(out), expected);
  const child = (n: Node, k: string) => (n as DictNode).entries.get(k)!.node;
  assert.equal(child(out, "b"), child(taken, "b"), "an unmerged subtree is taken, not copied");
  assert.notEqual(child(out, "shared"), child(taken, "shared"), "a merged one is new");
  assert.notEqual(child(out, "a"), child(base, "a"), "containers of a tree not given are copied");
  const plainOut = merge(base, copied) as DictNode;
  assert.notEqual(child(plainOut, "b"), child(copied, "b"));
});

/** A tree with its flags, kinds and origins, to compare two merges exactly. */
function dump(n: Node): unknown {
  const own = [n.kind, n.flags?.struct, n.flags?.readonly, originOf(n.origin)?.line];
  if (n.kind === "dict") return [own, [...n.entries].map(([k, e]) => [k, e.key, dump(e.node)])];
  if (n.kind === "list") return [own, n.items.map(dump)];
  return [own, n.type, String(n.value)];
}

const mergeLeaf = fc.oneof(
  fc.integer({ min: 0, max: 3 }).map((v) => int(v, { line: v })),
  fc.constantFrom("x", "${a}", "${b.a}", "${.c}", "???").map((s) =>
    s === "???" ? missing() : str(s)
  ),
);
const flagsArb = fc.option(
  fc.record({ struct: fc.boolean(), readonly: fc.boolean() }, { requiredKeys: [] }),
  { nil: undefined, freq: 3 },
);
const { mergeTree } = fc.letrec<{ mergeTree: Node }>((tie) => ({
  mergeTree: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    mergeLeaf,
    fc.tuple(
      fc.array(fc.tuple(fc.constantFrom("a", "b", "c"), tie("mergeTree")), { maxLength: 3 }),
      flagsArb,
    )
      .map(([es, flags]) => {
        const d = dict(es);
        if (flags && Object.keys(flags).length > 0) d.flags = flags;
        return d;
      }),
    fc.array(tie("mergeTree"), { maxLength: 2 }).map((items) => list(items)),
  ),
}));

Deno.test("property: giving inputs away changes neither the result nor the error", () => {
  const roots = fc.array(mergeTree.filter((t) => t.kind === "dict"), {
    minLength: 2,
    maxLength: 4,
  });
  fc.assert(
    fc.property(roots, fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }), (rs, given) => {
      const outcome = (f: () => Node) => {
        try {
          return dump(f());
        } catch (e) {
          return e instanceof StrataError ? [e.code, e.message, e.fullKey, e.origin] : String(e);
        }
      };
      const copied = outcome(() => merge(...rs.map((r) => clone(r))));
      const taken = outcome(() => mergeWith(rs.map((r) => clone(r)), { given }));
      assert.deepEqual(taken, copied);
    }),
    { numRuns: 2000 },
  );
});

Deno.test("mergeWith given: a dict merged onto ${a} copies a's content even from a given tree", () => {
  for (
    const [first, third] of [
      ["x: ${a}", "x: {k: 1}"],
      ["x: ${a}", "x: ???"],
      ["s:\n  x: ${..a}", "s:\n  x:\n    k: 1"],
      ["x: ${y}\ny: ${a}", "x: {k: 1}"],
    ]
  ) {
    const given = y("a: {big: {v: 2}}");
    const expected = plain(merge(y(first), y("a: {big: {v: 2}}"), y(third)));
    const out = mergeWith([y(first), given, y(third)], { given: [false, true, false] });
    assert.deepEqual(plain(out), expected, `${first} / ${third}`);
  }
});

Deno.test("property: one given dict merged into empty dicts is taken as is, as the engine merges it", () => {
  const empty = fc.constantFrom(dict(), dict([], { file: "e.yaml", line: 1, col: 1 }));
  const one = mergeTree.filter((t) => t.kind === "dict" && t.entries.size > 0 && !t.flags);
  fc.assert(
    fc.property(fc.array(empty, { maxLength: 2 }), one, fc.nat(2), (empties, t, at) => {
      const inputs = () => {
        const rs: Node[] = empties.map((e) => clone(e));
        rs.splice(Math.min(at, rs.length), 0, clone(t));
        return rs;
      };
      const engine = dump(merge(...inputs())); // not given: the engine merges
      const rs = inputs();
      const taken = mergeWith(rs, { given: rs.map(() => true) });
      assert.deepEqual(dump(taken), engine);
      assert.equal(taken.origin, rs[0].origin);
    }),
    { numRuns: 1000 },
  );
});

Deno.test("mergeWith given: the last input's new keys are appended, unless an interpolation is followed", () => {
  const inputs = () => [y("c: ${a}\nh: {k: 1}\n"), y("a: {y: 1}\nc: {x: 1}\nz: 2\nh: {j: 2}\n")];
  const copied = toContainer(merge(...inputs()));
  assert.deepEqual(copied, { c: { y: 1, x: 1 }, h: { k: 1, j: 2 }, a: { y: 1 }, z: 2 });
  assert.deepEqual(toContainer(mergeWith(inputs(), { given: [false, true] })), copied);
  const plainInputs = () => [y("h: {k: 1}\n"), y("a: 1\nh: {j: 2}\nz: 2\n")];
  const out = mergeWith(plainInputs(), { given: [false, true] }) as DictNode;
  assert.deepEqual([...out.entries.keys()], ["h", "a", "z"]);
  assert.deepEqual(toContainer(out), toContainer(merge(...plainInputs())));
  const struct = y("h: {k: 1}\n");
  struct.flags = { struct: true };
  assert.throws(() => mergeWith([struct, y("a: 1\n")], { given: [false, true] }), /not in struct/);
});

Deno.test("merge: a list and a mapping, either way, is OmegaConf's 'Cannot merge DictConfig with ListConfig'", () => {
  // OmegaConf 2.2 words both directions alike (ConfigTypeError at full key ''); strata adds where
  // and which way
  const listOntoMap = caught(() => merge(y("c: {a: 1}"), y("c: [1]")));
  assert.equal(
    listOntoMap.message,
    "Cannot merge DictConfig with ListConfig at 'c' (a list onto a mapping)",
  );
  const mapOntoList = caught(() => merge(y("c: [1]"), y("c: {a: 1}")));
  assert.equal(
    mapOntoList.message,
    "Cannot merge DictConfig with ListConfig at 'c' (a mapping onto a list)",
  );
  assert.equal(mapOntoList.fullKey, "");
});

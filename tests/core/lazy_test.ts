import assert from "node:assert/strict";
import fc from "../_fast_check.ts";
import { loadYaml } from "../../core/yaml/load.ts";
import { toYaml } from "../../core/yaml/emit.ts";
import { toJson } from "../../core/container.ts";
import { clone, dict, int, list, type Node, originOf, str } from "../../core/node.ts";
import { treeOf } from "./yaml/_util.ts";
import { isUnread, mayHoldInterpolation, peek } from "../../core/lazy.ts";
import { merge } from "../../core/merge.ts";
import { setValue } from "../../core/ops/write.ts";
import { validateInterpolations } from "../../core/resolve/validate.ts";
import { resolveEntries, resolveTree } from "../../core/resolve/resolve.ts";
import { StrataError } from "../../core/errors.ts";

/** The tree with every origin and key type, read through every lazy node. */
function withOrigins(n: Node): unknown {
  const o = originOf(n.origin);
  const at = o ? `${o.file}:${o.line}:${o.col}` : "-";
  if (n.kind === "dict") {
    return [
      at,
      [...n.entries].map(([c, e]) => [c, typeof e.key, String(e.key), withOrigins(e.node)]),
    ];
  }
  if (n.kind === "list") return [at, n.items.map(withOrigins)];
  return [at, n.type, String(n.value)];
}

/** Whether some container below `n` (n included) is an unread lazy node. */
function anyUnread(n: Node): boolean {
  if (n.kind === "value") return false;
  if (peek(n) !== n) return true;
  const kids = n.kind === "dict" ? [...n.entries.values()].map((e) => e.node) : n.items;
  return kids.some(anyUnread);
}

const tree = treeOf([
  "${a.b}",
  "x: y",
  "1e3",
  "yes",
  "",
  "it's",
  "~",
  "${oops",
  // long enough to be written over several lines, plain and quoted
  "a long plain string of many words that goes on past eighty columns and wraps around",
  "a long: quoted string of many words that goes on past eighty columns and wraps too",
  "it's a long quoted string\nwith a line break that goes on past eighty columns, ${a.b}",
]);
const containers = tree.filter((t) => t.kind !== "value");
/** Block YAML, JSON, and JSON as a block value: lazy nodes of both kinds of collection. */
const doc = fc.oneof(
  containers.map((t) => toYaml(t)),
  fc.tuple(containers, fc.constantFrom(undefined, 2)).map(([t, indent]) =>
    JSON.stringify(JSON.parse(toJson(t)), null, indent)
  ),
  containers.map((t) => "top:\n  json: " + toJson(t, 2).replaceAll("\n", "\n  ") + "\n"),
);

Deno.test("property: a lazy read writes the same YAML and JSON as an eager one, and keeps nothing", () => {
  fc.assert(
    fc.property(doc, fc.integer({ min: 1, max: 64 }), (text, min) => {
      const eager = loadYaml(text, { file: "c.yaml", lazy: false });
      const lazy = loadYaml(text, { file: "c.yaml", lazy: min });
      const lazyBefore = anyUnread(lazy);
      assert.equal(toYaml(lazy), toYaml(eager));
      assert.equal(toJson(lazy, 2), toJson(eager, 2));
      assert.equal(hasInterp(lazy), hasInterp(eager));
      // writing it read nothing for good
      assert.equal(anyUnread(lazy), lazyBefore);
      // the grammar check walks only what holds `${`, finds the same first error,
      // and reads for good only to locate one
      const grammar = grammarError(lazy);
      assert.deepEqual(grammar, grammarError(eager));
      if (grammar === "ok") assert.equal(anyUnread(lazy), lazyBefore);
      assert.deepEqual(withOrigins(lazy), withOrigins(eager));
      assert.equal(toYaml(lazy), toYaml(eager));
    }),
    { numRuns: 400 },
  );
});

/** The full key and line of the grammar error validation finds, or "ok". */
function grammarError(n: Node): unknown {
  try {
    validateInterpolations(n);
    return "ok";
  } catch (e) {
    if (!(e instanceof StrataError)) throw e;
    return [e.fullKey, e.origin?.line];
  }
}

function hasInterp(n: Node): boolean {
  if (n.kind === "value") return n.type === "str" && (n.value as string).includes("${");
  if (!mayHoldInterpolation(n)) return false;
  const p = peek(n);
  return p.kind === "dict"
    ? [...p.entries.values()].some((e) => hasInterp(e.node))
    : p.items.some(hasInterp);
}

const TEXT = "a:\n  x: 1\n  y:\n  - 2\n  - z: ${a.x}\nb:\n  c: [1, two]\n  d: '3'\n";

Deno.test("a lazy subtree is read on first use, then kept and changed like any other", () => {
  const cfg = loadYaml(TEXT, { lazy: 1 });
  assert.equal(cfg.kind, "dict");
  const a = cfg.kind === "dict" ? cfg.entries.get("a")!.node : undefined!;
  assert.notEqual(peek(a), a, "unread after loading");
  setValue(cfg, ["a"], "x", int(5));
  assert.equal(peek(a), a, "read for good once changed");
  assert.equal(
    toYaml(cfg),
    "a:\n  x: 5\n  'y':\n  - 2\n  - z: ${a.x}\nb:\n  c:\n  - 1\n  - two\n  d: '3'\n",
  );
});

Deno.test("a copy of an unread lazy subtree is lazy and independent", () => {
  const cfg = loadYaml(TEXT, { lazy: 1 });
  const copy = clone(cfg);
  const b = copy.kind === "dict" ? copy.entries.get("b")!.node : undefined!;
  assert.notEqual(peek(b), b, "the copy is still text");
  setValue(copy, ["b"], "d", str("changed"));
  assert.match(toYaml(copy), /d: changed/);
  assert.match(toYaml(cfg), /d: '3'/, "the original is untouched");
});

Deno.test("errors inside a lazy subtree name its full key and origin", () => {
  const cfg = loadYaml("a:\n  b:\n    c: 1\n    d: ${oops\n", { file: "big.yaml", lazy: 1 });
  assert.throws(() => validateInterpolations(cfg), (e: unknown) => {
    assert.ok(e instanceof StrataError);
    assert.equal(e.fullKey, "a.b.d");
    assert.deepEqual([e.origin?.file, e.origin?.line], ["big.yaml", 4]);
    return true;
  });
  const ok = loadYaml("a:\n  b:\n    c: 1\n    d: ${a.b.c}\n", { lazy: 1 });
  const out = resolveTree(ok);
  assert.equal(toYaml(out), "a:\n  b:\n    c: 1\n    d: 1\n");
});

Deno.test("a subtree with no `${` in its text is known to hold no interpolation", () => {
  const cfg = loadYaml("a:\n  x: 1\nb:\n  y: ${a.x}\n", { lazy: 1 });
  assert.equal(cfg.kind, "dict");
  if (cfg.kind !== "dict") return;
  assert.equal(mayHoldInterpolation(cfg.entries.get("a")!.node), false);
  assert.equal(mayHoldInterpolation(cfg.entries.get("b")!.node), true);
});

Deno.test("texts of 8 MiB or more are read lazily by default, smaller ones are not", () => {
  const body = Array.from({ length: 30 }, (_, k) => `  k${k}: a value long enough\n`).join("");
  const section = (i: number) => `s${i}:\n${body}`;
  const small = loadYaml(section(0) + section(1));
  assert.equal(anyUnread(small), false);
  const count = Math.ceil(8.5 * 1024 * 1024 / section(0).length);
  const big = loadYaml(Array.from({ length: count }, (_, i) => section(i)).join(""));
  assert.equal(anyUnread(big), true);
});

Deno.test("a lazy container of thousands of children is checked, written and read back like an eager one", () => {
  const items = Array.from({ length: 3000 }, (_, i) => `- ${i % 3 ? i : `k${i}: ${i}`}\n`).join("");
  const keys = Array.from({ length: 3000 }, (_, i) => `  k_${i}: ${i}.5\n`).join("");
  const text = `big:\n${items}m:\n${keys}tail: 1\n`;
  const eager = loadYaml(text, { lazy: false });
  const lazy = loadYaml(text, { lazy: 1 });
  assert.equal(toYaml(lazy), toYaml(eager));
  assert.equal(toJson(lazy), toJson(eager));
  assert.equal(anyUnread(lazy), true, "written a child at a time, nothing kept");
  assert.deepEqual(withOrigins(lazy), withOrigins(eager));
  // a repeated key past the first thousand children is still found when loading
  const repeated = text.replace("  k_2500: 2500.5\n", "  k_12: 2500.5\n");
  const error = (lz: boolean) => {
    try {
      loadYaml(repeated, { file: "c.yaml", lazy: lz ? 1 : false });
    } catch (e) {
      return e instanceof StrataError ? [e.code, e.message, e.origin] : e;
    }
    return "no error";
  };
  assert.equal((error(false) as unknown[])[0], "yaml-construct");
  assert.deepEqual(error(true), error(false));
});

const smallKeys = fc.letrec<{ t: Node }>((tie) => ({
  t: fc.oneof(
    { depthSize: "small" },
    fc.oneof(
      fc.integer({ min: 0, max: 9 }).map((i) => int(i)),
      fc.constantFrom("x", "???", "${a}").map((s) => str(s)),
    ),
    fc.array(fc.tuple(fc.constantFrom("a", "b", "c", "d"), tie("t")), { maxLength: 4 }).map((es) =>
      dict(es)
    ),
    fc.array(tie("t"), { maxLength: 3 }).map((items) => list(items)),
  ),
})).t.filter((t) => t.kind === "dict");

Deno.test("property: merging a lazy tree (not given) equals merging it read eagerly, and leaves it unread", () => {
  fc.assert(
    fc.property(smallKeys, smallKeys, fc.boolean(), (a, b, lazyFirst) => {
      const [ta, tb] = [toYaml(a), toYaml(b)];
      const outcome = (lazy: boolean) => {
        const la = loadYaml(ta, { lazy: lazy && lazyFirst ? 1 : false });
        const lb = loadYaml(tb, { lazy: lazy && !lazyFirst ? 1 : false });
        try {
          const out = merge(la, lb);
          return { text: toYaml(out), origins: withOrigins(out), inputs: [toYaml(la), toYaml(lb)] };
        } catch (e) {
          return e instanceof StrataError ? [e.code, e.message, e.fullKey] : String(e);
        }
      };
      assert.deepEqual(outcome(true), outcome(false));
    }),
    { numRuns: 600 },
  );
  const big = loadYaml("a:\n  x: 1\n  y: [1, 2]\nb:\n  z: 2\n", { lazy: 1 });
  const out = merge(big, loadYaml("b: {w: 3}\n"));
  assert.equal(out.kind === "dict" && isUnread(out.entries.get("a")!.node), true);
  setValue(out, ["a"], "x", int(9));
  assert.match(toYaml(big), /x: 1/, "the input is untouched");
  assert.match(toYaml(out), /x: 9/);
});

Deno.test("subtrees over 4 KiB inside a lazy one are skipped, then read, like eager ones", () => {
  const keys = (ind: string, n: number, tag: string) =>
    Array.from({ length: n }, (_, i) => `${ind}${tag}${i}: value ${i} of ${tag}\n`).join("");
  const text = "top:\n" + keys("  ", 200, "k") +
    "  deep:\n    list:\n" + // a sequence at its key's indent, of big in-seq maps and `-` blocks
    "    - first: 1\n" + keys("      ", 200, "m") +
    "    -\n" + keys("      ", 200, "n") +
    "    - [1, 2]\n" +
    "    after: 2\n" +
    "  last: 3\n" +
    "tail:\n" + keys("  ", 10, "t");
  const eager = loadYaml(text, { file: "c.yaml", lazy: false });
  const lazy = loadYaml(text, { file: "c.yaml", lazy: 64 });
  assert.equal(toYaml(lazy), toYaml(eager));
  assert.equal(toJson(lazy, 2), toJson(eager, 2));
  assert.equal(anyUnread(lazy), true);
  assert.deepEqual(withOrigins(lazy), withOrigins(eager));
});

/** What resolving the top-level entries gives: the YAML, or the error's code and key. */
function resolvedEntries(root: Node): unknown {
  try {
    if (root.kind !== "dict") return "not a dict";
    return toYaml(resolveEntries(root, [...root.entries.keys()]));
  } catch (e) {
    if (!(e instanceof StrataError)) throw e;
    return [e.code, e.fullKey];
  }
}

Deno.test("property: resolving a big file's entries reads only what holds interpolations, as an eager read resolves", () => {
  const leaf = fc.oneof(
    { weight: 60, arbitrary: fc.integer().map(String) },
    fc.nat({ max: 30 }).map((j) => `\${m.s${j}.x}`),
    fc.constantFrom("???", "${nope}", "${..x}", "'${m.s0}'", "text ${m.s1.x}"),
  );
  const section = fc.array(leaf, { minLength: 1, maxLength: 4 });
  fc.assert(
    fc.property(fc.array(section, { minLength: 1, maxLength: 30 }), fc.boolean(), (secs, top) => {
      const text = (top ? "top: ${m.s0.x}\n" : "") + "m:\n" + secs.map((leaves, i) =>
        `  s${i}:\n    x: ${i}\n` + leaves.map((v, j) =>
          `    k${j}: ${v}\n`
        ).join("")
      ).join("") + "other:\n  a: 1\n  b: [1, 2]\n";
      const eager = loadYaml(text, { lazy: false });
      const lazy = loadYaml(text, { lazy: 1 });
      assert.deepEqual(resolvedEntries(lazy), resolvedEntries(eager), text);
    }),
    { numRuns: 400 },
  );
});

Deno.test("resolving one interpolation deep in a big file leaves the other subtrees unread", () => {
  const text = "m:\n" + Array.from({ length: 40 }, (_, i) => `  s${i}:\n    x: ${i}\n    y: v\n`)
    .join("") +
    "  s40:\n    x: ${m.s3.x}\n";
  const root = loadYaml(text, { lazy: 1 });
  assert.ok(root.kind === "dict");
  const out = resolveEntries(root, ["m"]);
  const m = out.entries.get("m")!.node;
  assert.ok(m.kind === "dict");
  const unread = [...m.entries.values()].filter((e) => isUnread(e.node)).length;
  assert.ok(unread >= 38, `only ${unread} of 41 sections were left unread`);
  assert.match(toYaml(out), /\n {2}s40:\n {4}x: 3\n$/);
});

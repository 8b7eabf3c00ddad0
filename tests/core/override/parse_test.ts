import assert from "node:assert/strict";
import { parseOverride, parseOverrides } from "../../../core/override/parse.ts";
import { isStrataError, type StrataError } from "../../../core/errors.ts";
import type { ElementValue, Override } from "../../../core/override/types.ts";
import { canonicalKey } from "../../../core/node.ts";

const el = (o: Override) => (o.value as ElementValue).node;

Deno.test("key forms: change, add, force_add, delete, packages, groups", () => {
  const cases: [string, string, string, string | null][] = [
    ["a.b=1", "change", "a.b", null],
    ["+a=1", "add", "a", null],
    ["++a=1", "force_add", "a", null],
    ["~a", "delete", "a", null],
    ["~a=1", "delete", "a", null],
    ["db=mysql", "change", "db", null],
    ["db@src=mysql", "change", "db", "src"],
    ["server/db@a.b=x", "change", "server/db", "a.b"],
    ["db@=x", "change", "db", ""],
    ["$a-b=1", "change", "$a-b", null],
  ];
  for (const [text, type, key, pkg] of cases) {
    const o = parseOverride(text);
    assert.deepEqual([o.type, o.key, o.package], [type, key, pkg], text);
  }
  assert.equal(parseOverride("~a").valueType, null);
});

Deno.test("primitive values keep Hydra's types", () => {
  const v = (s: string) => el(parseOverride("k=" + s));
  assert.deepEqual(v("1_000"), { kind: "value", type: "int", value: 1000 });
  assert.deepEqual(v("1e-3"), { kind: "value", type: "float", value: 0.001 });
  assert.equal((v("-InF") as { value: number }).value, -Infinity);
  assert.ok(Number.isNaN((v("nAn") as { value: number }).value));
  assert.deepEqual(v("TrUe"), { kind: "value", type: "bool", value: true });
  assert.deepEqual(v("NULL"), { kind: "value", type: "null", value: null });
  assert.deepEqual(v("007"), { kind: "value", type: "str", value: "007" });
  assert.deepEqual(v(" a b \t"), { kind: "value", type: "str", value: "a b" });
  assert.deepEqual(v("a\\,b\\ c"), { kind: "value", type: "str", value: "a,b c" });
  assert.deepEqual(v("'it\\'s'"), { kind: "value", type: "str", value: "it's" });
  assert.deepEqual(v("${a.b}"), { kind: "value", type: "str", value: "${a.b}" });
  assert.deepEqual(v(""), { kind: "value", type: "str", value: "" });
  assert.equal(
    v("123456789012345678901").kind === "value" &&
      typeof (v("123456789012345678901") as { value: unknown }).value,
    "bigint",
  );
});

Deno.test("lists and dicts, with typed dict keys", () => {
  const l = el(parseOverride("k=[a,[1, 'b c'],{}]"));
  assert.equal(l.kind, "list");
  const d = el(parseOverride("k={1: a, null: b, true: c, x y: d}"));
  assert.ok(d.kind === "dict");
  // True == 1 in Python: one key, the last value
  assert.deepEqual([...d.entries.values()].map((e) => e.key), [1, null, "x y"]);
  assert.deepEqual(d.entries.get(canonicalKey(1))?.node, {
    kind: "value",
    type: "str",
    value: "c",
  });
});

Deno.test("sweeps: simple, choice, range, interval, glob, tag, sort, shuffle", () => {
  assert.equal(parseOverride("a=1,2").valueType, "SIMPLE_CHOICE_SWEEP");
  assert.equal(parseOverride("a=choice(1,2)").valueType, "CHOICE_SWEEP");
  const r = parseOverride("a=range(1,10,step=2)");
  assert.equal(r.valueType, "RANGE_SWEEP");
  const i = parseOverride("a=interval(0,1)");
  assert.deepEqual(i.value, { kind: "interval", start: 0, end: 1, ints: false, tags: [] });
  const g = parseOverride("db=glob(*,exclude=[a*])");
  assert.deepEqual(g.value, { kind: "glob", include: ["*"], exclude: ["a*"], tags: [] });
  const t = parseOverride("a=tag(y,x,choice(1,2))");
  assert.deepEqual(t.value?.kind === "choice" && t.value.tags, ["x", "y"]);
  const s = parseOverride("a=sort(3,1,2,reverse=true)");
  assert.deepEqual(
    s.value?.kind === "choice" && s.value.items.map((x) => (x.node as { value: unknown }).value),
    [3, 2, 1],
  );
  const sh = parseOverride("a=shuffle(1,2,3)");
  assert.ok(sh.value?.kind === "choice" && sh.value.shuffle);
});

Deno.test("casts follow Python", () => {
  const v = (s: string) => el(parseOverride("k=" + s));
  assert.deepEqual(v("int('1_0')"), { kind: "value", type: "int", value: 10 });
  assert.deepEqual(v("str(true)"), { kind: "value", type: "str", value: "true" });
  assert.deepEqual(v("float(1)"), { kind: "value", type: "float", value: 1 });
  assert.deepEqual(v("bool(null)"), { kind: "value", type: "bool", value: false });
  assert.equal(parseOverride("k=int(1,2)").valueType, "SIMPLE_CHOICE_SWEEP");
});

function parseError(text: string, index?: number): StrataError {
  try {
    parseOverride(text, index);
  } catch (e) {
    assert.ok(isStrataError(e));
    return e;
  }
  throw new Error(`no error for ${text}`);
}

Deno.test("syntax errors: message, caret, origin", () => {
  const e = parseError("a=)", 3);
  assert.equal(e.code, "override-parse");
  assert.match(e.message, /Error parsing override 'a=\)': expected a value at column 3, got '\)'/);
  assert.deepEqual(e.snippet, { text: "a=)", start: 2, end: 3 });
  assert.deepEqual(e.origin, { override: 3, text: "a=)" });
  assert.match(parseError("a").message, /expected '=' after the key/);
  assert.match(parseError("a=[1,2").message, /expected ',' or '\]'/);
  assert.match(parseError("a={a:1").message, /expected ',' or '}'/);
  assert.match(parseError("a=f(1").message, /expected ',' or '\)'/);
  assert.match(parseError("a=1=2").message, /expected the end of the override at column 4/);
  assert.match(parseError("a={'k':1}").message, /expected a dict key/);
});

Deno.test("lexer errors point at the bad character", () => {
  const e = parseError("a=x # c", 0);
  assert.match(e.message, /unexpected character '#' at column 5/);
  assert.equal(e.snippet?.start, 4);
  assert.equal(parseError("a b=1").snippet?.start, 1);
  assert.match(
    parseError("a='open").message,
    /unexpected character ''open' at column 3: the quote that starts it is not closed$/,
  );
  assert.match(parseError('a=[x, "y]').message, /'"y\]' at column 7: the quote that starts/);
  // a quote closed later is another mistake: not said to be open
  assert.doesNotMatch(parseError("a='x' 'y'").message, /not closed/);
  assert.match(parseError("a=日本").message, /'日'/);
  // a character beyond the BMP is shown whole (not half a surrogate pair, U+FFFD on a
  // terminal), at its column in characters, as Python counts them
  const emoji = parseError("a😀b=x😀").message;
  assert.match(emoji, /unexpected character '😀' at column 2$/);
  assert.doesNotMatch(emoji, /\uFFFD/);
});

Deno.test("evaluation errors name the Python exception and the call", () => {
  assert.match(
    parseError("k=sort(3,2,str(1))").message,
    /TypeError while evaluating 'sort\(3,2,str\(1\)\)': '<' not supported/,
  );
  assert.match(
    parseError("k=json_str(1)").message,
    /Unknown function 'json_str'\nAvailable: bool,choice,float,glob,int,interval,range,shuffle,sort,str,tag/,
  );
  assert.match(parseError("k=extend_list(1)").message, /Unknown function 'extend_list'/);
  assert.match(
    parseError("k=range(start=1,2)").message,
    /positional argument follows keyword argument/,
  );
  assert.match(parseError("k=int(inf)").message, /OverflowError/);
  assert.match(parseError("k=choice()").message, /empty choice is not legal/);
  const e = parseError("k=int(abc)", 1);
  assert.equal(e.snippet?.start, 2);
  assert.deepEqual(e.origin, { override: 1, text: "k=int(abc)" });
});

Deno.test("parseOverrides: one batch, indexes as origins", () => {
  const os = parseOverrides(["a=1", "b=2"]);
  assert.deepEqual(os.map((o) => o.index), [0, 1]);
  try {
    parseOverrides(["a=1", "b=("]);
    assert.fail("no error");
  } catch (e) {
    assert.deepEqual((e as StrataError).origin, { override: 1, text: "b=(" });
  }
});

Deno.test("parse: -0 is the int 0 (Python ints have no negative zero), -0.0 stays a float", () => {
  const v = parseOverride("a=[-0,int(-0.5),-0.0]").value;
  assert.ok(v?.kind === "element" && v.node.kind === "list");
  if (v?.kind !== "element" || v.node.kind !== "list") return;
  const [a, b, c] = v.node.items.map((n) => (n as { value: number }).value);
  assert.ok(Object.is(a, 0) && Object.is(b, 0), "int zero is +0");
  assert.ok(Object.is(c, -0), "float -0.0 is kept");
});

Deno.test("a sweep inside a list or dict is an element marked with where the sweep sits", () => {
  const cases: [string, string, string][] = [
    ["a=[choice(1,2)]", "[0]", "choice(1,2)"],
    ["a={x:[1,range(3)]}", ".x[1]", "range(3)"],
    ["a=[int(interval(0,1))]", "[0]", "int(interval(0,1))"],
  ];
  for (const [text, path, sweep] of cases) {
    const o = parseOverride(text);
    assert.equal(o.valueType, "ELEMENT", text);
    const n = (o.value as ElementValue).nested!;
    assert.equal(n.path, path, text);
    assert.equal(text.slice(n.start, n.end), sweep, text);
  }
  // a glob is the dict OmegaConf makes of Hydra's Glob dataclass, nothing to mark
  const g = parseOverride("a=[glob(*)]");
  assert.equal((g.value as ElementValue).nested, undefined);
  assert.deepEqual(
    el(g),
    el(parseOverride("a=[{include:['*'],exclude:[]}]")),
  );
});

Deno.test("parse: a cast of null is Hydra's bare AssertionError, with what the cast takes beside it (checker w51 #1)", () => {
  for (const [text, cast] of [["a=str(null)", "str"], ["a=int(null)", "int"]]) {
    assert.throws(() => parseOverride(text, 0), (e: unknown) => {
      assert.ok(isStrataError(e));
      // the message is Hydra's, word for word (the corpus holds it)
      assert.match(e.message, new RegExp(`AssertionError while evaluating '${cast}\\(null\\)': $`));
      assert.deepEqual(e.related.map((r) => r.message), [
        `${cast}() casts an int, float, bool or string, not NoneType`,
      ]);
      return true;
    });
  }
});

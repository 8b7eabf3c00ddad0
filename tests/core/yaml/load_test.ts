import assert from "node:assert/strict";
import { loadYaml } from "../../../core/yaml/load.ts";
import { toContainer } from "../../../core/container.ts";
import { create } from "../../../core/create.ts";
import { validateInterpolations } from "../../../core/resolve/validate.ts";
import { float, FloatKey, int, originOf } from "../../../core/node.ts";
import {
  decimalNumber,
  parseYamlFloat,
  parseYamlInt,
  plainType,
  resolvePlainScalar,
} from "../../../core/yaml/scalar.ts";
import fc from "../../_fast_check.ts";
import { ErrorCode, StrataError } from "../../../core/errors.ts";
import { plain, thrown } from "./_util.ts";

const both = (text: string) => {
  const fast = loadYaml(text, { file: "c.yaml" });
  const full = loadYaml(text, { file: "c.yaml", reader: "full" });
  assert.deepEqual(plain(fast), plain(full));
  return plain(fast) as Record<string, unknown>;
};

Deno.test("floats follow OmegaConf's rule: 5e-5 and 1e3 are floats, -.5 stays a string", () => {
  const v = both(
    "a: 5e-5\nb: 1e3\nc: -.5\nd: +.5\ne: .5\nf: 1.5e-10\ng: .inf\nh: -.Inf\ni: 3.10\n",
  );
  assert.deepEqual(v.a, ["float", 5e-5]);
  assert.deepEqual(v.b, ["float", 1000]);
  assert.deepEqual(v.c, ["str", "-.5"]);
  assert.deepEqual(v.d, ["str", "+.5"]);
  assert.deepEqual(v.e, ["float", 0.5]);
  assert.deepEqual(v.g, ["float", Infinity]);
  assert.deepEqual(v.h, ["float", -Infinity]);
  assert.deepEqual(v.i, ["float", 3.1]);
});

Deno.test("YAML 1.1 booleans in three case forms; y/n and mixed case stay strings", () => {
  const v = both("a: yes\nb: No\nc: ON\nd: off\ne: True\nf: y\ng: n\nh: yEs\ni: Y\n");
  assert.deepEqual([v.a, v.b, v.c, v.d, v.e], [
    ["bool", true],
    ["bool", false],
    ["bool", true],
    ["bool", false],
    ["bool", true],
  ]);
  assert.deepEqual([v.f, v.g, v.h, v.i], [["str", "y"], ["str", "n"], ["str", "yEs"], [
    "str",
    "Y",
  ]]);
});

Deno.test("YAML 1.1 ints: octal, binary, hex with underscores, sexagesimal; 0o10 is a string", () => {
  const v = both(
    "a: 010\nb: 0o10\nc: 0b101\nd: 0x_1F\ne: 1:30\nf: 190:20:30.15\ng: 08\nh: 1_000\n",
  );
  assert.deepEqual(v.a, ["int", 8]);
  assert.deepEqual(v.b, ["str", "0o10"]);
  assert.deepEqual(v.c, ["int", 5]);
  assert.deepEqual(v.d, ["int", 31]);
  assert.deepEqual(v.e, ["int", 90]);
  assert.deepEqual(v.f, ["float", 685230.15]);
  assert.deepEqual(v.g, ["str", "08"]);
  assert.deepEqual(v.h, ["int", 1000]);
  assert.deepEqual(both("a: 123456789012345678901234567890").a, [
    "int",
    "123456789012345678901234567890n",
  ]);
});

Deno.test("dates and timestamps stay strings; ??? is the missing value; ~ and empty are null", () => {
  const v = both("d: 2024-01-15\nt: 2024-01-15T10:30:00Z\nm: ???\nq: '???'\nn: ~\ne:\n");
  assert.deepEqual(v.d, ["str", "2024-01-15"]);
  assert.deepEqual(v.t, ["str", "2024-01-15T10:30:00Z"]);
  assert.deepEqual(v.m, ["missing", null]);
  assert.deepEqual(v.q, ["missing", null]);
  assert.deepEqual(v.n, ["null", null]);
  assert.deepEqual(v.e, ["null", null]);
});

Deno.test("non-string keys: int, float (FloatKey), bool; yes and on collapse; 1 and '1' differ", () => {
  const cfg = loadYaml("2: a\n1.5: b\ntrue: c\n'1': d\n");
  const keys = [...cfg.kind === "dict" ? cfg.entries.values() : []].map((e) => e.key);
  assert.deepEqual(keys.slice(0, 1), [2]);
  assert.ok(keys[1] instanceof FloatKey && keys[1].value === 1.5);
  assert.deepEqual(keys.slice(2), [true, "1"]);
  assert.deepEqual(both("yes: 1\non: 2\n"), { "<boolean:true>": ["int", 2] });
  assert.deepEqual(both("1: a\ntrue: b\n"), { "<number:1>": ["str", "b"] });
});

Deno.test("<< merge keys: explicit keys win in place, earlier sources win, order as PyYAML", () => {
  const v = both("a: &a {x: 1}\nb: &b {x: 2, y: 3}\nc:\n  <<: [*a, *b]\n  z: 0\n  x: 9\n");
  assert.deepEqual(v.c, { x: ["int", 9], y: ["int", 3], z: ["int", 0] });
  const w = both("base: &o {lr: 1, wd: 2}\nexp:\n  <<: *o\n  lr: 3\n");
  assert.deepEqual(Object.keys(w.exp as object), ["lr", "wd"]);
});

Deno.test("explicit tags: !!str, !!int, !!float, !!bool, !!null, !!binary", () => {
  const v = both(
    "a: !!str 1\nb: !!int '0x10'\nc: !!float 3\nd: !!bool 'yes'\ne: !!null x\nf: !!binary aGVsbG8=\n",
  );
  assert.deepEqual(v.a, ["str", "1"]);
  assert.deepEqual(v.b, ["int", 16]);
  assert.deepEqual(v.c, ["float", 3]);
  assert.deepEqual(v.d, ["bool", true]);
  assert.deepEqual(v.e, ["null", null]);
  assert.deepEqual(v.f, ["bytes", "b'hello'"]);
});

Deno.test("anchors and aliases copy the anchored node", () => {
  const cfg = loadYaml("a: &x {k: [1]}\nb: *x\n");
  assert.equal(cfg.kind, "dict");
  const [a, b] = [...(cfg.kind === "dict" ? cfg.entries.values() : [])].map((e) => e.node);
  assert.deepEqual(plain(a), plain(b));
  assert.notEqual(a, b);
});

Deno.test("top-level documents: a string becomes {s: None}, empty and null become {}", () => {
  assert.deepEqual(both("hello"), { hello: ["null", null] });
  assert.deepEqual(both("'5'"), { "5": ["null", null] });
  assert.deepEqual(both(""), {});
  assert.deepEqual(both("# only a comment\n"), {});
  assert.deepEqual(both("null"), {});
  assert.deepEqual(plain(loadYaml("- 1\n- a\n")), [["int", 1], ["str", "a"]]);
});

Deno.test("error: a top-level number is not a config (yaml-not-a-config)", () => {
  const e = thrown(() => loadYaml("5", { file: "c.yaml" }));
  assert.equal(e.code, "yaml-not-a-config");
  assert.equal(e.message, "a config must be a mapping or a list, not an int scalar");
  assert.deepEqual(e.origin, { file: "c.yaml", line: 1, col: 1 });
  assert.match(thrown(() => loadYaml("1.5", { file: "c.yaml" })).message, /, not a float scalar$/);
});

Deno.test("error: duplicate keys on the raw text (yaml-construct) at the second key", () => {
  for (const text of ["a: 1\nb: 2\na: 3\n", "a: 1\nb: 2\n'a': 3\n"]) {
    const e = thrown(() => loadYaml(text, { file: "c.yaml" }));
    assert.equal(e.code, "yaml-construct");
    assert.match(e.message, /found duplicate key a/);
    assert.deepEqual(e.origin, { file: "c.yaml", line: 3, col: 1 });
  }
});

Deno.test("error: of several duplicate keys, the one PyYAML's constructor checks first, mappings level by level (checker v73 #2; texts from python3-omegaconf 2.2)", () => {
  const cases: [string, string, number, number][] = [
    ["a:\n  x: 1\n  x: 2\na: 3\n", "a", 4, 1],
    ["a: {x: 1, x: 2}\nb: {y: 1, y: 2}\n", "x", 1, 11],
    ["a:\n  b:\n    x: 1\n    x: 2\nc:\n  y: 1\n  y: 2\n", "y", 7, 3],
    ["l:\n  - {p: 1, p: 2}\n  - q: 1\nm:\n  r: 1\n  r: 2\n", "r", 6, 3],
    ["a:\n  - x: 1\n    x: 2\nb:\n  c:\n    - y: 1\n      y: 2\n  c: 3\n", "c", 8, 3],
  ];
  for (const [text, key, line, col] of cases) {
    const e = thrown(() => loadYaml(text, { file: "c.yaml" }));
    assert.match(e.message, new RegExp(`found duplicate key ${key}$`), text);
    assert.deepEqual(e.origin, { file: "c.yaml", line, col }, text);
  }
});

Deno.test("duplicate detection stays linear on a huge map", () => {
  const lines = Array.from({ length: 50_000 }, (_, i) => `k${i}: ${i}`);
  const t0 = performance.now();
  const cfg = loadYaml(lines.join("\n"));
  assert.equal(cfg.kind === "dict" && cfg.entries.size, 50_000);
  assert.ok(performance.now() - t0 < 5000);
  const e = thrown(() => loadYaml(lines.join("\n") + "\nk7: 1", { file: "big.yaml" }));
  assert.deepEqual(e.origin, { file: "big.yaml", line: 50_001, col: 1 });
});

Deno.test("error: syntax errors carry file:line:col (yaml-syntax)", () => {
  const e = thrown(() => loadYaml("a: [1, 2\nb: 3\n", { file: "c.yaml" }));
  assert.equal(e.code, "yaml-syntax");
  assert.equal(e.origin?.file, "c.yaml");
  assert.equal(typeof e.origin?.line, "number");
  const u = thrown(() => loadYaml("a: *nope\n", { file: "c.yaml" }));
  assert.equal(u.code, "yaml-syntax");
  assert.match(u.message, /undefined alias 'nope'/);
  assert.deepEqual(u.origin, { file: "c.yaml", line: 1, col: 4 });
  const q = thrown(() => loadYaml("c: [???, 1]", { file: "c.yaml" }));
  assert.equal(q.code, "yaml-syntax");
});

Deno.test("error: an anchor name given twice is PyYAML's 'found duplicate anchor' (yaml-syntax)", () => {
  // PyYAML's composer refuses it (YAML 1.2 would let the second one win)
  const e = thrown(() => loadYaml("an: &an 7\na: {k: &an 1}\nb: *an\n", { file: "c.yaml" }));
  assert.equal(e.code, "yaml-syntax");
  assert.match(
    e.message,
    /^found duplicate anchor 'an'; first occurrence at 1:\d+, second occurrence here$/,
  );
  assert.equal(e.origin?.line, 2);
  // one anchor used by several aliases is fine
  assert.deepEqual(
    plain(loadYaml("x: &a 1\ny: *a\nz: &b [1, *a]\nw: *b\n")),
    plain(loadYaml("x: 1\ny: 1\nz: [1, 1]\nw: [1, 1]\n")),
  );
});

Deno.test("error: unknown tags and unhashable keys (yaml-construct)", () => {
  const e = thrown(() => loadYaml("a: !!python/tuple [1, 2]\n", { file: "c.yaml" }));
  assert.equal(e.code, "yaml-construct");
  assert.match(
    e.message,
    /could not determine a constructor for the tag 'tag:yaml.org,2002:python\/tuple'/,
  );
  // the origin is the tagged node's start, its tag, as PyYAML marks it
  assert.deepEqual(e.origin, { file: "c.yaml", line: 1, col: 4 });
  const k = thrown(() => loadYaml("? [a, b]\n: 1\n", { file: "c.yaml" }));
  assert.equal(k.code, "yaml-construct");
  assert.match(k.message, /unhashable key/);
  const m = thrown(() => loadYaml("a: <<\n"));
  assert.equal(m.code, "yaml-construct");
});

Deno.test("error: a null key (key-validation) names the parent's full key", () => {
  const e = thrown(() => loadYaml("a:\n  ~: 1\n", { file: "c.yaml" }));
  assert.equal(e.code, "key-validation");
  assert.equal(e.message, "Incompatible key type 'NoneType'");
  assert.equal(e.fullKey, "a");
  assert.deepEqual(e.origin, { file: "c.yaml", line: 2, col: 3 });
  assert.equal(thrown(() => loadYaml("~: 1")).fullKey, "");
});

Deno.test("error: !!set and !!timestamp values (unsupported-value) with the full key", () => {
  const e = thrown(() => loadYaml("x:\n  a: !!set {p, q}\n", { file: "c.yaml" }));
  assert.equal(e.code, "unsupported-value");
  assert.match(e.message, /Value 'set' is not a supported primitive type/);
  assert.equal(e.fullKey, "x.a");
  assert.deepEqual(e.origin, { file: "c.yaml", line: 2, col: 6 });
  assert.equal(thrown(() => loadYaml("l: [!!timestamp 2020-01-01]")).fullKey, "l[0]");
  // PyYAML makes a date of a date alone, a datetime otherwise: OmegaConf names the type
  // (checker v56 #3)
  assert.match(thrown(() => loadYaml("a: !!timestamp 2001-12-14")).message, /Value 'date' is/);
  assert.match(
    thrown(() => loadYaml("a: !!timestamp 2001-12-14 21:59:43")).message,
    /Value 'datetime' is/,
  );
});

Deno.test("loadYaml reads a malformed interpolation; create() rejects it, located", () => {
  assert.doesNotThrow(() => loadYaml("a: ${oops\n"));
  assert.throws(
    () => validateInterpolations(loadYaml("model:\n  dim: ${oops\n", { file: "conf/m.yaml" })),
    (e: unknown) => {
      assert.ok(e instanceof StrataError);
      assert.equal(e.code, ErrorCode.Grammar);
      assert.equal(e.fullKey, "model.dim");
      assert.deepEqual(e.origin, { file: "conf/m.yaml", line: 2, col: 8 });
      return true;
    },
  );
  assert.throws(() => create("a: ${oops\n"), (e: unknown) => {
    assert.ok(e instanceof StrataError);
    assert.equal(e.code, ErrorCode.Grammar);
    return true;
  });
});

Deno.test("block scalars end with a line break only where the input has one after them (PyYAML)", () => {
  const value = (text: string) => (both(text).a as [string, string])[1];
  // checked against PyYAML 6.0 / OmegaConf 2.2.2
  assert.equal(value("a: |\n  x\n\n  y"), "x\n\ny"); // clip at EOF, no final newline
  assert.equal(value("a: |\n  x\n\n  y\n"), "x\n\ny\n");
  assert.equal(value("a: |+\n  x\n  y"), "x\ny"); // keep keeps only the breaks that exist
  assert.equal(value("a: |+\n  x\n\n  "), "x\n\n");
  assert.equal(value("a: >\n  x\n  y"), "x y");
  assert.equal(value("a: |\n  x\n  # c"), "x\n# c"); // a more-indented comment is content
  assert.equal(value("a: |\n  x\n# c"), "x\n"); // a comment after the scalar: the break exists
  assert.equal(value("a: |\n  x\n  "), "x\n");
  assert.deepEqual(both("a: |2\n    deep\n  shallow\nb: 1").a, ["str", "  deep\nshallow\n"]);
  assert.equal(value("a: |1\n   two\n  one\n last"), "  two\n one\nlast");
});

Deno.test("property: plain decimal numbers read without regexes as the resolvers read them", () => {
  const numeric = fc.string({ unit: fc.constantFrom(..."0123456789._-+eE"), maxLength: 24 });
  fc.assert(
    fc.property(fc.oneof(numeric, fc.double().map(String), fc.nat().map(String)), (text) => {
      const type = plainType(text);
      const longWay = () =>
        type === "int"
          ? int(parseYamlInt(text))
          : type === "float"
          ? float(parseYamlFloat(text))
          : undefined;
      let long;
      try {
        long = longWay();
      } catch {
        // PyYAML fails on these too (`._`): the short way must not read them
        assert.equal(decimalNumber(text), undefined, text);
        return;
      }
      const short = decimalNumber(text);
      if (short !== undefined) assert.deepEqual(short, long, text);
      if (long !== undefined) assert.deepEqual(resolvePlainScalar(text), long, text);
    }),
    { numRuns: 3000 },
  );
});

Deno.test("a comment right after a flow indicator or a closing quote is a comment, as PyYAML reads it", () => {
  // PyYAML starts a comment at any '#' between tokens; npm:yaml wants white space before it
  assert.deepEqual(both("a: [a,#c\n  b]\n").a, [["str", "a"], ["str", "b"]]);
  assert.deepEqual(both("a: [1, # c\n 2]\n").a, [["int", 1], ["int", 2]]);
  assert.deepEqual(both("a: {x: 1,#c\n  y: 2}#d\nb: [#e\n  1]#f\n"), {
    a: { x: ["int", 1], y: ["int", 2] },
    b: [["int", 1]],
  });
  assert.deepEqual(both(`a: "x"#c\nb: 'y'#c\nc: {"k":#c\n  1}\n`), {
    a: ["str", "x"],
    b: ["str", "y"],
    c: { k: ["int", 1] },
  });
  // inside a plain scalar '#' is text, as in PyYAML
  assert.deepEqual(both("a: [a, b#c\n  , d]\n").a, [["str", "a"], ["str", "b#c"], ["str", "d"]]);
  // PyYAML refuses these: the comment eats the ']'; a block scalar's header takes no '#'
  assert.equal(thrown(() => loadYaml("a: [1,#c]\n")).code, ErrorCode.YamlSyntax);
  assert.equal(thrown(() => loadYaml("a: |#c\n  x\n")).code, ErrorCode.YamlSyntax);
});

Deno.test("full reader: origins on a 10^5-item flow line are code-point columns, found without a scan per node", () => {
  // each origin's column was counted from its line's start: quadratic, minutes for this line
  const items = Array(100_000).fill("1").join(",");
  for (const lead of ["", "😀"]) {
    // the anchor sends the file to the full reader; the emoji is one character, two UTF-16 units
    const text = `a: &a [${lead}x,${items}]\n`;
    const cfg = loadYaml(text, { file: "c.yaml" });
    const a = cfg.kind === "dict" ? cfg.entries.get("a")?.node : undefined;
    assert.ok(a?.kind === "list");
    const last = a.items[a.items.length - 1];
    // the last item: the third character from the end, in characters ("1]\n")
    const col = [...text].length - 2;
    assert.deepEqual(originOf(last.origin), { file: "c.yaml", line: 1, col });
  }
});

Deno.test("double quotes: the empty lines after an escaped line break are line breaks, as PyYAML reads them", () => {
  // each expected value is what PyYAML 6.0 gave for the same text
  assert.deepEqual(both('a: "x\\\n\ny"\n').a, ["str", "x\ny"]);
  assert.deepEqual(both('a: "q\\\n\n  \n  "\n').a, ["str", "q\n\n"]);
  assert.deepEqual(both('a: " x\\\n\n  x"\n').a, ["str", " x\nx"]);
  assert.deepEqual(both('a: "x\\\n  \n\n  y"\n').a, ["str", "x\n\ny"]);
  assert.deepEqual(both('a: "x\\\\\n\ny"\n').a, ["str", "x\\\ny"]);
  assert.deepEqual(both('a: "x\\\n  y"\n').a, ["str", "xy"]);
});

Deno.test("an unclosed quote opened after a closed one ends the stream where PyYAML says (checker y16)", () => {
  // `"x\nb: "` is one scalar; the quote after it never closes: PyYAML, line 2 col 5 ... line 5 col 1
  const e = thrown(() => loadYaml('a: "x\nb: ""\nc: 1\nd: 2\n', { file: "c.yaml" }));
  assert.equal(
    e.message,
    "while scanning a quoted scalar: found unexpected end of stream (at 5:1)",
  );
  assert.deepEqual(e.origin, { file: "c.yaml", line: 2, col: 5 });
});

Deno.test("PyYAML's readings: a scalar tagged `!` resolves as plain, %YAML 2.0 is refused (checker y16)", () => {
  const value = (text: string) => (plain(loadYaml(text)) as Record<string, unknown>).a;
  assert.deepEqual(value("a: !\n"), ["null", null]);
  assert.deepEqual(value('a: ! "1"\n'), ["int", 1]);
  assert.deepEqual(value("a: ! 1e-3\n"), ["float", 0.001]);
  assert.deepEqual(value("a: ! x\n"), ["str", "x"]);
  assert.deepEqual(value("a: !!str 1\n"), ["str", "1"]);
  const e = thrown(() => loadYaml("%YAML 2.0\n---\na: 1\n", { file: "c.yaml" }));
  assert.equal(e.message, "found incompatible YAML document (version 1.* is required)");
  assert.deepEqual(e.origin, { file: "c.yaml", line: 1, col: 1 });
  assert.deepEqual(value("%YAML 1.1\n---\na: 1\n"), ["int", 1]);
});

Deno.test("asFile: a document that is a string is read as YAML again, as OmegaConf.load creates it (checker v60 #2)", () => {
  // OmegaConf 2.2: OmegaConf.load of each text, to_container (OmegaConf.create of the text reads
  // it once: `{str: None}`, the corpus's top_level_quoted_str)
  const cases: [string, unknown][] = [
    ["|\n  a: 1\n  b: 2\n", { a: 1, b: 2 }],
    ['"x: 1"\n', { x: 1 }],
    ["|\n  - 1\n  - 2\n", [1, 2]],
    ["hello\n", { hello: null }],
    ['"null"\n', {}],
    ['"# c"\n', {}],
    ["'???'\n", { "???": null }],
  ];
  for (const [text, want] of cases) {
    const cfg = loadYaml(text, { file: "c.yaml", asFile: true });
    assert.deepEqual(toContainer(cfg), want, JSON.stringify(text));
  }
  // placed at the string: its own lines are not the file's
  const cfg = loadYaml("# head\n|\n  a: 1\n", { file: "c.yaml", asFile: true });
  assert.deepEqual(originOf(cfg.kind === "dict" ? cfg.entries.get("a")!.node.origin : undefined), {
    file: "c.yaml",
    line: 2,
    col: 1,
  });
  // one that reads as a number: OmegaConf fails (an AssertionError); strata says why
  assert.deepEqual(toContainer(loadYaml("'a: b'")), { "a: b": null });
  assert.throws(
    () => loadYaml('"1"\n', { file: "c.yaml", asFile: true }),
    /not an int scalar \(the document is a string, which OmegaConf reads as YAML again\)/,
  );
});

/**
 * Inputs shared by the robustness tests and `deno task fuzz`: mutated YAML
 * documents, mutated override strings and CLI words.
 *
 * @module
 */

import fc from "../_fast_check.ts";

/** Mutated configs: real-looking documents with pieces inserted, spans deleted, lines moved. */
const YAML_SEEDS = [
  "a: 1\nb:\n  c: [1, 2, 'x']\n  d: {e: f}\nl:\n  - x\n  - y: 2\n    z: null\n",
  "defaults:\n  - db: mysql\n  - _self_\nlr: 5e-5\nname: ${db.user}_run\n",
  "base: &b\n  x: 1\n  y: [a, b]\nderived:\n  <<: *b\n  y: 2\nref: *b\n",
  's: |\n  line one\n  line two\nf: >-\n  folded\n  text\nq: "esc \\u00e9 \\n"\n',
  "- 1\n- [2, 3]\n- {a: b}\n- ? complex\n  : key\n",
  "t: !!str 1\nb: !!binary aGVsbG8=\no: !!omap [a: 1, b: 2]\nn: !!null ''\n",
  "k: ${oc.env:HOME,/tmp}\nm: ???\nx: '${k}'\ny: \\${k}\n",
  "{a: [1, {b: [2, {c: 3}]}], 'd e': \"f\"}\n",
  '{\n  "a": {\n    "b": [\n      1.0,\n      "x\\u00e9"\n    ],\n    "c": null\n  },\n  "d": {}\n}\n',
  "m:\n  about: a long text that PyYAML wraps\n    onto the next line\n  q: 'quoted: and\n\n    wrapped'\n" +
  '  d: "escaped \\t and\\\n    joined"\n',
];

const YAML_PIECES = [
  "\t",
  "\r\n",
  "\r",
  "\n",
  " ",
  "  ",
  "\uFEFF",
  "&a ",
  "*a",
  "&a [*a]",
  "<<: *a\n",
  "!!str ",
  "!!map ",
  "!!seq ",
  "!!python/tuple ",
  "!foo ",
  "!!int ",
  "!!float ",
  "!!bool ",
  "!!set ",
  "!!timestamp ",
  "!!binary ",
  "? ",
  ": ",
  "- ",
  "[",
  "]",
  "{",
  "}",
  ",",
  "#",
  "'",
  '"',
  "|",
  ">",
  "%YAML 1.1\n",
  "---\n",
  "...\n",
  "${",
  "}",
  "${a}",
  "${oc.env:X}",
  "\\",
  "\u0000",
  "\uD800",
  "é",
  "日本",
  "😀",
  "\u2028",
  "???",
  "null",
  "~",
  "1e400",
  "0x",
  "1:2:3",
  "<<",
  "=",
  "@",
  "`",
];

/** One edit of the text: insert a piece, delete a span, duplicate or indent a line. */
const yamlEdit = fc.oneof(
  fc.tuple(fc.constant("ins"), fc.nat(), fc.constantFrom(...YAML_PIECES)),
  fc.tuple(fc.constant("ins"), fc.nat(), fc.string({ maxLength: 4, unit: "grapheme" })),
  fc.tuple(fc.constant("del"), fc.nat(), fc.integer({ min: 1, max: 6 })),
  fc.tuple(fc.constant("dup"), fc.nat(), fc.constant(0)),
  fc.tuple(fc.constant("indent"), fc.nat(), fc.integer({ min: -2, max: 3 })),
);

function apply(text: string, [op, at, arg]: [string, number, unknown]): string {
  const p = text.length === 0 ? 0 : at % (text.length + 1);
  switch (op) {
    case "ins":
      return text.slice(0, p) + String(arg) + text.slice(p);
    case "del":
      return text.slice(0, p) + text.slice(p + (arg as number));
    default: {
      const lines = text.split("\n");
      const i = at % lines.length;
      if (op === "dup") lines.splice(i, 0, lines[i]);
      else {
        const n = arg as number;
        lines[i] = n >= 0
          ? " ".repeat(n) + lines[i]
          : lines[i].replace(new RegExp(`^ {0,${-n}}`), "");
      }
      return lines.join("\n");
    }
  }
}

export const mutatedYaml: fc.Arbitrary<string> = fc.tuple(
  fc.constantFrom(...YAML_SEEDS),
  fc.array(yamlEdit, { maxLength: 6 }),
)
  .map(([seed, edits]) => edits.reduce(apply, seed));

/** Mutated and random override strings. */
const OVERRIDE_SEEDS = [
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

const OVERRIDE_PIECES = [
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

const overrideEdit = fc.oneof(
  fc.tuple(fc.constant(0), fc.nat(), fc.constantFrom(...OVERRIDE_PIECES)),
  fc.tuple(fc.constant(0), fc.nat(), fc.string({ maxLength: 3 })),
  fc.tuple(fc.constant(1), fc.nat(), fc.integer({ min: 1, max: 5 })),
);

const mutated = fc.tuple(
  fc.constantFrom(...OVERRIDE_SEEDS),
  fc.array(overrideEdit, { maxLength: 5 }),
).map(
  ([seed, edits]) =>
    edits.reduce((t, [op, at, arg]) => {
      const p = at % (t.length + 1);
      return op === 0
        ? t.slice(0, p) + arg + t.slice(p)
        : t.slice(0, p) + t.slice(p + (arg as number));
    }, seed),
);

export const anyOverride: fc.Arbitrary<string> = fc.oneof(
  mutated,
  fc.string({ maxLength: 30 }),
  fc.string({ maxLength: 20, unit: "binary" }),
);

/** Words of a strata command line, valid and not. */
export const ARGV_WORDS = [
  "compose",
  "sweep",
  "-d",
  "--config-dir",
  "-n",
  "--config-name",
  "-f",
  "yaml",
  "json",
  "jsonl",
  "text",
  "--cfg",
  "hydra",
  "all",
  "job",
  "-r",
  "--resolve",
  "--info",
  "defaults",
  "--link",
  "db,x",
  "a",
  "--count",
  "--no-validate",
  "--search-path",
  "--help",
  "--version",
  "-x",
  "--",
  "db=a",
  "db=a,b",
  "db=glob(*)",
  "+y=1,2",
  "x=${oops}",
  "~db",
  "x=",
  "=",
  "hydra.run.dir=o",
  "lr=range(0,1e9)",
  "z=[",
  "db=nope",
  "+x=interval(0,1)",
  "config",
  "nope",
];

/**
 * loadYaml on mutated configs: both readers throw only StrataErrors with an
 * origin, never hang, and agree with each other.
 */

import assert from "node:assert/strict";
import fc from "../_fast_check.ts";
import { type LoadOptions, loadYaml } from "../../engine.ts";
import { runs, strataOnly, within } from "./_guard.ts";

const SEEDS = [
  "a: 1\nb:\n  c: [1, 2, 'x']\n  d: {e: f}\nl:\n  - x\n  - y: 2\n    z: null\n",
  "defaults:\n  - db: mysql\n  - _self_\nlr: 5e-5\nname: ${db.user}_run\n",
  "base: &b\n  x: 1\n  y: [a, b]\nderived:\n  <<: *b\n  y: 2\nref: *b\n",
  's: |\n  line one\n  line two\nf: >-\n  folded\n  text\nq: "esc \\u00e9 \\n"\n',
  "- 1\n- [2, 3]\n- {a: b}\n- ? complex\n  : key\n",
  "t: !!str 1\nb: !!binary aGVsbG8=\no: !!omap [a: 1, b: 2]\nn: !!null ''\n",
  "k: ${oc.env:HOME,/tmp}\nm: ???\nx: '${k}'\ny: \\${k}\n",
  "{a: [1, {b: [2, {c: 3}]}], 'd e': \"f\"}\n",
];

const PIECES = [
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
const edit = fc.oneof(
  fc.tuple(fc.constant("ins"), fc.nat(), fc.constantFrom(...PIECES)),
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

const mutated = fc.tuple(fc.constantFrom(...SEEDS), fc.array(edit, { maxLength: 6 }))
  .map(([seed, edits]) => edits.reduce(apply, seed));

const READERS: LoadOptions[] = [{ file: "c.yaml" }, { file: "c.yaml", reader: "full" }];

function load(text: string, options: LoadOptions) {
  return within(
    2000,
    () => strataOnly(() => loadYaml(text, options), { origin: true }, text),
    text,
  );
}

Deno.test("loadYaml: mutated configs give a config or a StrataError with an origin (both readers)", () => {
  fc.assert(
    fc.property(mutated, (text) => {
      const [fast, full] = READERS.map((o) => load(text, o));
      // The fast reader only ever answers when it reads the same thing the full one does.
      assert.equal(
        fast instanceof Error,
        full instanceof Error,
        `readers disagree on ${JSON.stringify(text)}`,
      );
    }),
    { numRuns: runs(400) },
  );
});

Deno.test("loadYaml: random text and random unicode never crash", () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 60, unit: "binary" }), (text) => {
      for (const o of READERS) load(text, o);
    }),
    { numRuns: runs(300) },
  );
});

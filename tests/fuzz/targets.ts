/**
 * The fuzz targets of `deno task fuzz`: each turns a generated input into a
 * call whose only acceptable outcomes are a value or a located StrataError.
 *
 * @module
 */

import fc from "fast-check";
import { main } from "../../cli/main.ts";
import { captureOutput } from "../../cli/output.ts";
import { compose } from "../../core/compose/compose.ts";
import { resolveComposition } from "../../core/compose/resolvers.ts";
import { isStrataError, type StrataError } from "../../core/errors.ts";
import { parseOverride } from "../../core/override/parse.ts";
import { resolveTree } from "../../core/resolve/resolve.ts";
import { loadYaml } from "../../core/yaml/load.ts";
import { toYaml } from "../../core/yaml/emit.ts";
import { toJson } from "../../core/container.ts";

/** A fuzz target: inputs, and the call that must give a value or a StrataError. */
export interface Target<T> {
  name: string;
  input: fc.Arbitrary<T>;
  /** Runs one input; resolves to the StrataError it gave, or undefined. */
  run(input: T): Promise<StrataError | undefined> | StrataError | undefined;
  /** What a StrataError of this target must carry. */
  located(e: StrataError): boolean;
  /** More to report after the run (e.g. exit codes seen). */
  summary?(): string;
}

/** The StrataError `body` threw, or undefined; anything else propagates. */
function caught(body: () => unknown): StrataError | undefined {
  try {
    body();
    return undefined;
  } catch (e) {
    if (isStrataError(e)) return e;
    throw e;
  }
}

const hasOrigin = (e: StrataError) => e.origin !== undefined;
const hasOriginOrKey = (e: StrataError) => e.origin !== undefined || e.fullKey !== undefined;

/** Text made of YAML-significant pieces, real config lines and random characters. */
const YAML_PIECES = [
  "a: 1\n",
  "b:\n  c: [1, 'x']\n",
  "- x\n",
  "  - y: 2\n",
  "k: ${a}\n",
  "m: ???\n",
  "&a ",
  "*a",
  "<<: *a\n",
  "!!str ",
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
  "|\n  t\n",
  ">-\n  f\n",
  "---\n",
  "...\n",
  "\t",
  "\r\n",
  "\uFEFF",
  "\0",
  "\x1b",
  "\x85",
  "${",
  "${oc.env:HOME}",
  "${oc.select:a,1}",
  "1e5",
  ".nan",
  "-.inf",
  "0x1F",
  "yes",
  "~",
  "null",
  "  ",
  "\n",
  "é",
  "\u{1F600}",
  "\uD800",
];
const yamlText = fc.array(
  fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom(...YAML_PIECES) },
    { weight: 1, arbitrary: fc.string({ maxLength: 6, unit: "binary" }) },
  ),
  { maxLength: 24 },
).map((parts) => parts.join(""));

/** YAML documents: loaded by both readers, resolved, written back as YAML and JSON. */
export const yamlTarget: Target<string> = {
  name: "yaml",
  input: yamlText,
  run(text) {
    return caught(() => {
      const cfg = loadYaml(text, { file: "fuzz.yaml" });
      loadYaml(text, { file: "fuzz.yaml", reader: "full" });
      const out = resolveTree(cfg, { onWarning: () => {} });
      toYaml(out);
      JSON.parse(toJson(out));
    });
  },
  located: hasOriginOrKey,
};

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
  "'",
  '"',
  "\\",
  " ",
  "db",
  "lr",
  "a.b",
  "1e-3",
  "range(",
  "choice(",
  "glob(",
  "interval(",
  "sort(",
  "shuffle(",
  "tag(",
  "int(",
  "str(",
  "json(",
  "null",
  "true",
  "x=",
  "\0",
  "é",
];
const VALID_OVERRIDES = [
  "db=mysql",
  "+optimizer.lr=1e-3",
  "++a.b=[1,2,{c: d}]",
  "~seed",
  "lr=1e-5,1e-4",
  "x=range(0,10,2)",
  "y=choice(a,b,'c d')",
  "z=shuffle(range(1,5))",
  "w=interval(0.1,1.0)",
  "v=tag(log,interval(1,10))",
  "u=sort(3,1,2,reverse=true)",
  "t=int(3.5)",
  "q=glob(*,exclude=[a*])",
  "p='quoted ${x} \\' esc'",
  "n=${oc.env:HOME}",
  "group@pkg=opt",
  "k=",
  "k=a\\ b",
  "k=json(x)",
];
const randomOverride = fc.array(
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...OVERRIDE_PIECES) },
    { weight: 1, arbitrary: fc.string({ maxLength: 4 }) },
  ),
  { maxLength: 16 },
).map((parts) => parts.join(""));
/** A valid override with a random piece spliced in, or random pieces. */
const overrideText = fc.oneof(
  fc.constantFrom(...VALID_OVERRIDES),
  fc.tuple(fc.constantFrom(...VALID_OVERRIDES), fc.nat(40), randomOverride).map(([v, at, piece]) =>
    v.slice(0, at % (v.length + 1)) + piece + v.slice(at % (v.length + 1))
  ),
  randomOverride,
);

/** Command-line override strings. */
export const overrideTarget: Target<string> = {
  name: "override",
  input: overrideText,
  run: (text) => caught(() => parseOverride(text, 0)),
  located: hasOrigin,
};

const INTERP_PIECES = [
  "${",
  "}",
  "a",
  "b.c",
  "l[0]",
  "l.1",
  ".",
  "..",
  ":",
  ",",
  "oc.env:",
  "oc.select:",
  "oc.decode:",
  "oc.create:",
  "oc.dict.keys:",
  "oc.dict.values:",
  "oc.deprecated:",
  "nope:",
  "HOME",
  "'",
  '"',
  "\\",
  "\\${",
  "[",
  "]",
  "{",
  "}",
  "1",
  "-2.5",
  "null",
  " ",
  "${a}",
  "${b.c}",
  "${self}",
];
const interpText = fc.array(fc.constantFrom(...INTERP_PIECES), { maxLength: 14 })
  .map((parts) => parts.join(""));

/** Interpolation strings resolved in a small config (`self` is the string itself). */
export const interpolationTarget: Target<string> = {
  name: "interpolation",
  input: interpText,
  run(text) {
    const root = loadYaml("a: 1\nb: {c: x}\nl: [1, 2]\nd: {k: v}\n");
    if (root.kind !== "dict") throw new Error("fixture");
    root.entries.set("self", { key: "self", node: { kind: "value", type: "str", value: text } });
    return caught(() => resolveTree(root, { onWarning: () => {} }));
  },
  located: hasOriginOrKey,
};

/** A conf tree: the primary config's defaults list and a few group options. */
interface Tree {
  defaults: string[];
  options: Record<string, string>;
  overrides: string[];
}

const DEFAULT_ENTRIES = [
  "db: a",
  "db: b",
  "db: nope",
  "_self_",
  "optional db: c",
  "override db: b",
  "db@x: a",
  "/db: a",
  "db/a",
  "db: ${x}",
  "db: ???",
  "db: null",
  "db:\n      - a\n      - b",
  "config",
  "../outside",
  "db: ../../x",
  "sub: s",
  "experiment: e",
];
const OPTION_TEXT = [
  "x: 1\n",
  "defaults:\n  - _self_\n  - /db: a\n",
  "# @package _global_\ny: 2\n",
  "defaults:\n  - db: b\n",
  "p: ${x}\n",
  "q: ???\n",
  "[1, 2]\n",
  "x: [\n",
  "defaults:\n  - override /db: a\n",
  "# @package foo.bar\nz: 3\n",
  "defaults: 3\n",
];
const treeInput: fc.Arbitrary<Tree> = fc.record({
  defaults: fc.array(fc.constantFrom(...DEFAULT_ENTRIES), { maxLength: 5 }),
  options: fc.record({
    "db/a": fc.constantFrom(...OPTION_TEXT),
    "db/b": fc.constantFrom(...OPTION_TEXT),
    "sub/s": fc.constantFrom(...OPTION_TEXT),
    "experiment/e": fc.constantFrom(...OPTION_TEXT),
  }),
  overrides: fc.array(
    fc.constantFrom("db=a", "db=b", "+sub=s", "~db", "x=2", "+x=1", "db=../../x", "+experiment=e"),
    { maxLength: 3 },
  ),
});

/** Whole conf trees with random defaults lists, composed and resolved. */
export function treeTarget(dir: string): Target<Tree> {
  for (const g of ["db", "sub", "experiment"]) Deno.mkdirSync(`${dir}/${g}`, { recursive: true });
  const written = new Map<string, string>();
  const write = (path: string, text: string) => {
    if (written.get(path) === text) return;
    Deno.writeTextFileSync(path, text);
    written.set(path, text);
  };
  return {
    name: "tree",
    input: treeInput,
    run(t) {
      const primary = t.defaults.length === 0
        ? "x: 0\n"
        : "defaults:\n" + t.defaults.map((d) => `  - ${d}\n`).join("") + "x: 0\n";
      write(`${dir}/config.yaml`, primary);
      for (const [name, text] of Object.entries(t.options)) write(`${dir}/${name}.yaml`, text);
      return caught(() => {
        const c = compose({ configDir: dir, configName: "config", overrides: t.overrides });
        resolveComposition(c, { onWarning: () => {} });
      });
    },
    located: hasOriginOrKey,
  };
}

const ARGV_WORDS = [
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
  "--count",
  "--no-validate",
  "--search-path",
  "--help",
  "--version",
  "--no-env",
  "--env-allow",
  "X*",
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
  "lr=range(0,1e9)",
  "z=[",
  "db=nope",
  "+x=interval(0,1)",
  "config",
  "nope",
];

/** CLI argv, run in-process through main(): the exit code must not be 70. */
export function argvTarget(dir: string): Target<string[]> {
  Deno.mkdirSync(`${dir}/db`, { recursive: true });
  Deno.writeTextFileSync(`${dir}/config.yaml`, "defaults:\n  - db: a\n  - _self_\nx: 1\n");
  Deno.writeTextFileSync(`${dir}/db/a.yaml`, "port: 1\n");
  Deno.writeTextFileSync(`${dir}/db/b.yaml`, "port: ${x}\n");
  const exits = new Map<number, number>();
  return {
    name: "argv",
    input: fc.array(fc.oneof(fc.constantFrom(...ARGV_WORDS), fc.string({ maxLength: 5 })), {
      maxLength: 7,
    }).map((words) => {
      // half the runs point at the tree, half use the words as they are
      if (words.length % 2 === 1) return words;
      return [words[0] === "sweep" ? "sweep" : "compose", "-d", dir, ...words.slice(1)];
    }),
    async run(argv) {
      const { result: code, stderr } = await captureOutput(() => main(argv));
      exits.set(code, (exits.get(code) ?? 0) + 1);
      if (![0, 1, 2].includes(code) || stderr.includes("internal error")) {
        throw new Error(`exit ${code} for ${JSON.stringify(argv)}:\n${stderr}`);
      }
      return undefined;
    },
    located: () => true,
    summary: () => "exit codes " + [...exits].sort().map(([c, n]) => `${c}: ${n}`).join(", "),
  };
}

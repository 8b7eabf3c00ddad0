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
import { readFast } from "../../core/yaml/fast.ts";
import { readFull } from "../../core/yaml/full.ts";
import { type Node, originOf } from "../../core/node.ts";
import { toYaml } from "../../core/yaml/emit.ts";
import { toJson } from "../../core/container.ts";
import { anyOverride, ARGV_WORDS, mutatedYaml } from "../robustness/_inputs.ts";

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

/** The characters and constructs PyYAML refuses or that stress the readers. */
const HOSTILE_YAML = ["\0", "\x1b", "\x85", "\uD800", "\u{1F600}", "\uFFFE", "${oc.env:HOME}"];
const yamlText = fc.oneof(
  { weight: 4, arbitrary: mutatedYaml },
  {
    weight: 1,
    arbitrary: fc.tuple(mutatedYaml, fc.nat(), fc.constantFrom(...HOSTILE_YAML)).map(
      ([text, at, piece]) =>
        text.slice(0, at % (text.length + 1)) + piece + text.slice(at % (text.length + 1)),
    ),
  },
);

/** A tree with its types and every origin, to compare the two readers. */
function typedWithOrigins(n: Node): unknown {
  const o = originOf(n.origin);
  const at = o ? `${o.line}:${o.col}` : "-";
  if (n.kind === "dict") {
    return [at, [...n.entries.values()].map((e) => [String(e.key), typedWithOrigins(e.node)])];
  }
  if (n.kind === "list") return [at, n.items.map(typedWithOrigins)];
  return [at, n.type, String(n.value)];
}

/**
 * YAML documents: loaded by both readers (what the fast reader reads, the
 * full one must read the same, origins included), resolved, written back as
 * YAML and JSON.
 */
export const yamlTarget: Target<string> = {
  name: "yaml",
  input: yamlText,
  run(text) {
    return caught(() => {
      const cfg = loadYaml(text, { file: "fuzz.yaml" });
      loadYaml(text, { file: "fuzz.yaml", reader: "full" });
      const fast = readFast(text, "fuzz.yaml");
      if (fast !== undefined) {
        const full = readFull(text, "fuzz.yaml");
        const want = full.empty ? "empty" : JSON.stringify(typedWithOrigins(full.root));
        if (JSON.stringify(typedWithOrigins(fast)) !== want) {
          throw new Error(`the fast reader read ${JSON.stringify(text)} unlike the full one`);
        }
      }
      const out = resolveTree(cfg, { onWarning: () => {} });
      toYaml(out);
      JSON.parse(toJson(out));
    });
  },
  located: hasOriginOrKey,
};

/** Command-line override strings. */
export const overrideTarget: Target<string> = {
  name: "override",
  input: anyOverride,
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

const WORDS = [...ARGV_WORDS, "--no-env", "--env-allow", "X*", "db=../../x"];

/** CLI argv, run in-process through main(): the exit code must not be 70. */
export function argvTarget(dir: string): Target<string[]> {
  Deno.mkdirSync(`${dir}/db`, { recursive: true });
  Deno.writeTextFileSync(`${dir}/config.yaml`, "defaults:\n  - db: a\n  - _self_\nx: 1\n");
  Deno.writeTextFileSync(`${dir}/db/a.yaml`, "port: 1\n");
  Deno.writeTextFileSync(`${dir}/db/b.yaml`, "port: ${x}\n");
  const exits = new Map<number, number>();
  return {
    name: "argv",
    input: fc.array(fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 5 })), {
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

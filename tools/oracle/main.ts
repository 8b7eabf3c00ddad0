/**
 * `deno task oracle [--seed N] [--cases N] [--area NAME] [--show N]`: strata against the
 * real OmegaConf 2.2 and PyYAML (`/usr/bin/python3` with Debian's
 * python3-omegaconf) on seeded random inputs (tools/oracle/gen.ts), area by
 * area, printing how many agree and the first differences:
 *
 * - `yaml`: documents of YAML 1.1 scalars: same keys, types and values;
 * - `yaml-docs`: valid documents in every style people write (block and flow
 *   collections, indentation, quoted, block and multi-line scalars, comments,
 *   anchors and aliases): the same keys, types and values;
 * - `yaml-errors`: broken documents: both fail, at PyYAML's line and column,
 *   strata's message holding PyYAML's problem text;
 * - `grammar`: interpolation texts: both parsers (strata's TypeScript one and
 *   its WASM engine's check) accept what OmegaConf accepts; same message;
 * - `merge`: `OmegaConf.merge` then `to_yaml`: the same text, or the same
 *   error (strata's message starting with OmegaConf's);
 * - `struct-merge`: the same onto a config in struct mode (`OmegaConf.set_struct`): the
 *   same text, or an error of the same type whose message starts as OmegaConf's;
 * - `update`: `OmegaConf.update` (how Hydra applies `key=value`) of random keys and values,
 *   with `merge`, `force_add` and struct mode: the same `to_yaml`, or the same error;
 * - `object`: `OmegaConf.to_object` of configs full of interpolations: the
 *   same values, or an error of the same Python type;
 * - `select`: `OmegaConf.select` of keys of the config, near it and malformed, with and
 *   without a default, `throw_on_missing` and `throw_on_resolution_failure`: the same
 *   value (a container resolved), or an error of the same type;
 * - `getitem`: `cfg[k1][k2]...` (the library's `get`) along the same keys, a third of
 *   them in struct mode: the same value (a
 *   container through `to_object`), or an error of the same type;
 * - `shown`: string interpolations of floats, big ints, strings with quotes and
 *   escapes, lists and dicts (`x=${a}`: Python's str() and repr()): the same text;
 * - `env`: `oc.env` (and `oc.decode` of it) with set, empty and unset variables and every
 *   kind of default, both sides in the same environment: the same values or error types;
 * - `emit`: `OmegaConf.to_yaml` of configs made from JSON objects whose keys and
 *   strings are random (the scalar styles: plain, quoted, escapes): the same text;
 * - `resolved-yaml`: `OmegaConf.to_yaml(cfg, resolve=True)` of the same configs, what
 *   `--cfg job --resolve` prints, against `compose --resolve`'s path
 *   (`resolveComposition`, `???` kept): the same text, or an error of the same type.
 *
 * It measures, it does not judge: strata's messages may say more than
 * OmegaConf's (a cycle's path, where a merge failed), and the corpus
 * (tests/conformance) is the spec. Exits 2 without OmegaConf.
 *
 * @module
 */

import "../../core/yaml/full_install.ts"; // the full YAML reader, installed at once
import { toolArgs } from "../tool_args.ts";
import { loadYaml } from "../../core/yaml/load.ts";
import { merge } from "../../core/merge.ts";
import { toYaml } from "../../core/yaml/emit.ts";
import { parseConfigValue } from "../../core/resolve/grammar.ts";
import { engineValidate } from "../../core/resolve/engine.ts";
import { validateInterpolations } from "../../core/resolve/validate.ts";
import { isConfig, viewOf } from "../../core/config/view.ts";
import { resolveComposition } from "../../core/compose/resolvers.ts";
import { setStruct } from "../../core/ops/flags.ts";
import { select, update } from "../../core/ops/select.ts";
import { getItem } from "../../core/ops/read.ts";
import { pythonErrorClass, StrataError } from "../../core/errors.ts";
import {
  dict,
  type DictNode,
  FloatKey,
  int,
  type Key,
  type Node,
  originOf,
  str,
} from "../../core/node.ts";
import { type CreateInput, createValue, PyFloat } from "../../core/create.ts";
import { pyFloatRepr } from "../../core/pyformat.ts";
import * as gen from "./gen.ts";
import { yamlDocuments } from "./gen_docs.ts";

const PYTHON = "/usr/bin/python3";
// strata's warnings (as OmegaConf's, silenced on its side): the oracle compares values and errors
console.warn = () => {};
const { values } = toolArgs(
  "usage: deno task oracle [--seed N] [--cases N] [--area NAME] [--show N]",
  {
    seed: { type: "string", default: "1" },
    cases: { type: "string", default: "1000" },
    area: { type: "string" },
    show: { type: "string", default: "3" },
  },
);
const seed = Number(values.seed), cases = Number(values.cases);

type Result = {
  value?: unknown;
  error?: string;
  message?: string;
  problem?: string | null;
  line?: number;
  col?: number;
};

async function oracle(tasks: Record<string, unknown>[]): Promise<Result[]> {
  for (const [k, v] of Object.entries(gen.ORACLE_ENV)) Deno.env.set(k, v); // both sides
  const child = new Deno.Command(PYTHON, {
    args: [new URL("./run_omegaconf.py", import.meta.url).pathname],
    stdin: "piped",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(JSON.stringify(tasks)));
  await writer.close();
  const out = await child.output();
  if (!out.success) throw new Error("the OmegaConf side failed");
  return JSON.parse(new TextDecoder().decode(out.stdout));
}

/** A key as Python's `str()` writes it. */
function pyKey(k: Key): string {
  if (k === true) return "True";
  if (k === false) return "False";
  if (k === null) return "None";
  return String(k);
}

const pyFloat = (x: number) => Number.isNaN(x) ? "nan" : pyFloatRepr(x);

/** A node as run_omegaconf.py tags `to_container`'s result. */
function tagNode(n: Node): unknown {
  if (n.kind === "dict") return [...n.entries.values()].map((e) => [pyKey(e.key), tagNode(e.node)]);
  if (n.kind === "list") return n.items.map(tagNode);
  if (n.type === "float") return ["F", pyFloat(n.value as number)];
  if (n.type === "int") return ["I", String(n.value)];
  return n.type === "missing" ? "???" : n.value;
}

/** Plain data (toObject with exact floats) as run_omegaconf.py tags it. */
function tagPlain(x: unknown): unknown {
  if (x instanceof PyFloat) return ["F", pyFloat(x.value)];
  if (typeof x === "number") return Number.isInteger(x) ? ["I", String(x)] : ["F", pyFloat(x)];
  if (typeof x === "bigint") return ["I", String(x)];
  if (Array.isArray(x)) return x.map(tagPlain);
  if (x instanceof Map) {
    return [...x].map(([k, v]) => [k instanceof FloatKey ? String(k) : pyKey(k), tagPlain(v)]);
  }
  if (x !== null && typeof x === "object") {
    return Object.entries(x).map(([k, v]) => [k, tagPlain(v)]);
  }
  return x;
}

function strataError(e: unknown): Result {
  if (!(e instanceof StrataError)) {
    return { error: "crash", message: e instanceof Error ? e.message : String(e) };
  }
  const o = e.origin ? originOf(e.origin) : undefined;
  return {
    error: pythonErrorClass(e.code),
    message: e.message.split("\n")[0],
    line: o?.line,
    col: o?.col,
  };
}

function attempt(f: () => unknown): Result {
  try {
    return { value: f() };
  } catch (e) {
    return strataError(e);
  }
}

interface Area {
  tasks(): Record<string, unknown>[];
  strata(task: Record<string, unknown>): Result;
  agree(oc: Result, st: Result): boolean;
}

/** A file as OmegaConf.load reads it: the YAML, then its interpolations' grammar (as loadConfig). */
function load(text: string): Node {
  const tree = loadYaml(text, { file: "c.yaml" });
  validateInterpolations(tree);
  return tree;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

const AREAS: Record<string, Area> = {
  yaml: {
    tasks: () => gen.yamlValues(seed, cases).map((text) => ({ kind: "yaml", text })),
    strata: (t) => attempt(() => tagNode(load(t.text as string))),
    agree: (oc, st) => oc.error !== undefined ? st.error !== undefined : same(oc.value, st.value),
  },
  "yaml-docs": {
    tasks: () => yamlDocuments(seed, cases).map((text) => ({ kind: "yaml", text })),
    strata: (t) => attempt(() => tagNode(load(t.text as string))),
    agree: (oc, st) => oc.error !== undefined ? st.error !== undefined : same(oc.value, st.value),
  },
  "yaml-errors": {
    tasks: () => gen.yamlMutants(seed, cases).map((text) => ({ kind: "yaml", text })),
    strata: (t) => attempt(() => tagNode(load(t.text as string))),
    agree: (oc, st) => {
      if (oc.error === undefined) return st.error === undefined && same(oc.value, st.value);
      if (st.error === undefined) return false;
      if (oc.line === undefined || !oc.problem) return true;
      // strata places an unclosed bracket or quote at its opening and names PyYAML's place in the words
      const at = st.line === oc.line && st.col === oc.col ||
        (st.message ?? "").includes(`(at ${oc.line}:${oc.col})`);
      return at && (st.message ?? "").includes(oc.problem.replace(/^found /, "").slice(0, 24));
    },
  },
  grammar: {
    tasks: () => gen.grammarTexts(seed, cases).map((text) => ({ kind: "grammar", text })),
    strata: (t) => {
      const ts = attempt(() => (parseConfigValue(t.text as string), "OK"));
      const wasm = attempt(() => engineValidate(dict([["x", str(t.text as string)]])));
      // the engine and the TypeScript parser must agree on what they accept
      if ((wasm.error === undefined) !== (ts.error === undefined)) {
        return { error: "engine disagrees", message: `engine: ${wasm.message ?? "OK"}` };
      }
      return ts.error === undefined ? ts : { error: "GrammarParseError", message: ts.message };
    },
    agree: (oc, st) => oc.error === undefined ? st.value === "OK" : st.message === oc.message,
  },
  merge: {
    tasks: () => gen.mergePairs(seed, cases).map(({ a, b }) => ({ kind: "merge", a, b })),
    strata: (t) =>
      attempt(() =>
        toYaml(
          merge(
            loadYaml(t.a as string, { file: "a.yaml" }),
            loadYaml(t.b as string, { file: "b.yaml" }),
          ),
        )
      ),
    agree: (oc, st) =>
      oc.error === undefined
        ? st.value === oc.value
        : st.error !== undefined && (st.message ?? "").startsWith(oc.message ?? ""),
  },
  "struct-merge": {
    tasks: () =>
      gen.mergePairs(seed + 1, cases).map(({ a, b }) => ({ kind: "merge", a, b, struct: true })),
    strata: (t) =>
      attempt(() => {
        const a = loadYaml(t.a as string, { file: "a.yaml" });
        setStruct(a, [], true);
        return toYaml(merge(a, loadYaml(t.b as string, { file: "b.yaml" })));
      }),
    agree: (oc, st) =>
      oc.error === undefined
        ? st.value === oc.value
        : st.error === oc.error && (st.message ?? "").startsWith(oc.message ?? ""),
  },
  update: {
    tasks: () => gen.updates(seed, cases).map((u) => ({ kind: "update", ...u })),
    strata: (t) =>
      attempt(() => {
        const cfg = loadYaml(t.text as string, { file: "c.yaml" });
        if (t.struct) setStruct(cfg, [], true);
        const value = (loadYaml(`v: ${t.value}`, { file: "v.yaml" }) as DictNode).entries.get("v")!
          .node;
        update(cfg, t.key as string, value, {
          merge: t.merge as boolean,
          forceAdd: t.force as boolean,
        });
        return toYaml(cfg);
      }),
    // a key that is not an index into a list fails in OmegaConf with Python's own ValueError
    // or TypeError (which Hydra does not catch); strata's is a located ConfigTypeError
    agree: (oc, st) =>
      oc.error === undefined
        ? st.value === oc.value
        : /^(ValueError|TypeError)$/.test(oc.error)
        ? st.error === "ConfigTypeError"
        : st.error === oc.error && (st.message ?? "").startsWith(oc.message ?? ""),
  },
  object: {
    tasks: () => gen.interpolationConfigs(seed, cases).map((text) => ({ kind: "object", text })),
    strata: (t) =>
      attempt(() => {
        const tree = loadYaml(t.text as string, { file: "c.yaml" });
        validateInterpolations(tree);
        return tagPlain(viewOf(tree).toObject({ exactFloats: true }));
      }),
    agree: (oc, st) => oc.error === undefined ? same(oc.value, st.value) : st.error === oc.error,
  },
  select: {
    tasks: () => gen.selects(seed, cases).map((c) => ({ kind: "select", ...c })),
    strata: (t) =>
      attempt(() => {
        const tree = load(t.text as string);
        return tagNode(
          select(tree, t.key as string, {
            default: t.withDefault ? int(7) : undefined,
            throwOnMissing: t.throwOnMissing as boolean,
            throwOnResolutionFailure: t.throwOnResolutionFailure as boolean,
          }),
        );
      }),
    agree: (oc, st) => oc.error === undefined ? same(oc.value, st.value) : st.error === oc.error,
  },
  getitem: {
    tasks: () =>
      gen.selects(seed + 11, cases).map((c, i) => ({
        kind: "getitem",
        text: c.text,
        path: c.key.split(/[.[\]]+/).filter((k) => k !== ""),
        struct: i % 3 === 0,
      })),
    strata: (t) =>
      attempt(() => {
        const tree = load(t.text as string);
        if (t.struct) setStruct(tree, [], true);
        const v = viewOf(tree).get((t.path as string[]).join("."));
        // a leaf's node, for its type (the view gives 1.0 as the number 1)
        return isConfig(v) ? tagPlain(v.toObject({ exactFloats: true })) : tagNode(
          getItem(tree, t.path as string[]),
        );
      }),
    // indexing a plain value is Python's own TypeError in OmegaConf, strata's ConfigTypeError
    agree: (oc, st) =>
      oc.error === undefined
        ? same(oc.value, st.value)
        : oc.error === "TypeError"
        ? st.error === "ConfigTypeError"
        : st.error === oc.error,
  },
  shown: {
    tasks: () => gen.shownValues(seed, cases).map((text) => ({ kind: "object", text })),
    strata: (t) =>
      attempt(() => {
        const tree = load(t.text as string);
        return tagPlain(viewOf(tree).toObject({ exactFloats: true }));
      }),
    agree: (oc, st) => oc.error === undefined ? same(oc.value, st.value) : st.error === oc.error,
  },
  env: {
    tasks: () => gen.envConfigs(seed, cases).map((text) => ({ kind: "object", text })),
    strata: (t) =>
      attempt(() => tagPlain(viewOf(load(t.text as string)).toObject({ exactFloats: true }))),
    agree: (oc, st) => oc.error === undefined ? same(oc.value, st.value) : st.error === oc.error,
  },
  emit: {
    tasks: () => gen.emitObjects(seed, cases).map((json) => ({ kind: "emit", json })),
    strata: (t) =>
      attempt(() => toYaml(createValue(JSON.parse(t.json as string) as CreateInput, ""))),
    agree: (oc, st) => oc.error === undefined ? st.value === oc.value : st.error === oc.error,
  },
  "resolved-yaml": {
    tasks: () =>
      gen.interpolationConfigs(seed + 2, cases).map((text) => ({ kind: "resolved-yaml", text })),
    strata: (t) =>
      attempt(() => {
        const tree = loadYaml(t.text as string, { file: "c.yaml" }) as DictNode;
        validateInterpolations(tree);
        const resolved = resolveComposition({ config: tree, hydra: dict() }, {
          keepMissing: true,
        });
        return toYaml(resolved);
      }),
    agree: (oc, st) => oc.error === undefined ? st.value === oc.value : st.error === oc.error,
  },
};

if (!(await Deno.stat(PYTHON).then(() => true, () => false))) {
  console.error(`${PYTHON} not found: the oracle needs Python with python3-omegaconf`);
  Deno.exit(2);
}
const names = values.area ? [values.area] : Object.keys(AREAS);
for (const name of names) {
  const area = AREAS[name];
  if (!area) {
    console.error(`unknown area '${name}': ${Object.keys(AREAS).join(", ")}`);
    Deno.exit(2);
  }
  const tasks = area.tasks();
  const expected = await oracle(tasks);
  const differ: string[] = [];
  tasks.forEach((t, i) => {
    const st = area.strata(t);
    if (!area.agree(expected[i], st)) {
      differ.push(
        `  ${
          JSON.stringify(t).slice(0, Number(Deno.env.get("ORACLE_WIDTH") ?? 160))
        }\n    omegaconf: ${JSON.stringify(expected[i]).slice(0, 200)}\n    strata:    ${
          JSON.stringify(st).slice(0, 200)
        }`,
      );
    }
  });
  const failing = expected.filter((r) => r.error !== undefined).length;
  console.log(
    `${name}: ${tasks.length - differ.length} of ${tasks.length} agree (seed ${seed}; ` +
      `OmegaConf fails on ${failing})`,
  );
  for (const d of differ.slice(0, Number(values.show))) console.log(d);
}

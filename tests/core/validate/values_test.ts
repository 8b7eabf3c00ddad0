import assert from "node:assert/strict";
import { compose } from "../../../core/compose/compose.ts";
import { type Node, str } from "../../../core/node.ts";
import { interpStats } from "../../../core/resolve/engine.ts";
import { validate } from "../../../core/validate/validate.ts";
import {
  checkValues,
  ENGINE_MIN_INTERPOLATIONS,
  type ValueOptions,
} from "../../../core/validate/values.ts";
import type { Problem } from "../../../core/validate/problems.ts";
import { toYaml } from "../../../core/yaml/emit.ts";
import { writeTree } from "../../cli/_tree.ts";

/** Configs that resolve, with `???`, opaque and user resolvers, nested and container results. */
const GOOD = [
  "a: 1\nb: ${a}\nc: 'x-${b}'\nd: ???\nsub: {e: '${a}', f: [1, '${c}', '???']}\n",
  "m: {x: 1, y: [1, 2]}\nn: ${m}\nl: ${m.y}\nesc: '\\${a}'\nenv: ${oc.env:STRATA_NO_SUCH_VAR,dflt}\n",
  "o: ${vault:secret/x}\np: pre-${vault:y}\nq: ${shout:hi}\nname: ${hydra:job.name}\n",
];

/** Configs with broken interpolations: the engine fails, key by key reports each one. */
const BAD = [
  "a: ${nope}\nb: ${a}\nc: ${also.nope}\nd: ok\n",
  "x: ${y}\ny: ${x}\nz: ${unknown_resolver:1}\n",
  "a: ???\nb: ${a}\nc: ${oc.decode:'[1'}\n",
];

const OPTS: ValueOptions = {
  resolvers: { shout: (args) => str(String(args[0]).toUpperCase()) },
  opaque: ["vault"],
};

/** Every node's origin, by path: schema errors point at them. */
function origins(node: Node, path = ""): string[] {
  const here = `${path} ${JSON.stringify(node.origin ?? null)}`;
  if (node.kind === "value") return [here];
  if (node.kind === "list") {
    return [
      here,
      ...node.items.flatMap((n, i) => origins(n, `${path}[${i}]`)),
    ];
  }
  return [here, ...[...node.entries.values()].flatMap((e) => origins(e.node, `${path}.${e.key}`))];
}

function check(text: string, engines: ("wasm" | "ts" | "auto")[] = ["wasm"]) {
  const dir = writeTree({ "conf/config.yaml": text });
  try {
    const c = compose({ configDir: `${dir}/conf`, configName: "config" });
    return engines.map((engine) => {
      const out: Problem[] = [];
      const before = interpStats.resolveCalls;
      const { root, unknown } = checkValues(c, { ...OPTS, engine }, out);
      return {
        root: toYaml(root),
        origins: origins(root),
        unknown: [...unknown],
        problems: out,
        engineCalls: interpStats.resolveCalls - before,
      };
    });
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
}

Deno.test("checkValues: the engine's one call gives what the evaluator gives key by key", () => {
  for (const text of [...GOOD, ...BAD]) {
    const [engine, oracle] = check(text, ["wasm", "ts"]);
    assert.equal(engine.root, oracle.root, text);
    assert.deepEqual(engine.origins, oracle.origins, text);
    assert.deepEqual(engine.unknown, oracle.unknown, text);
    assert.deepEqual(engine.problems, oracle.problems, text);
    assert.equal(oracle.engineCalls, 0, "ts mode never calls the engine");
    assert.equal(engine.engineCalls, 1, "one engine call, whatever the outcome");
  }
});

Deno.test("checkValues: configs that resolve report only their `???` values", () => {
  const [r] = check(GOOD[0]);
  assert.deepEqual(r.problems.map((p) => [p.severity, p.fullKey]), [
    ["warning", "d"],
    ["warning", "sub.f[2]"],
  ]);
});

/** A config of `n` interpolations (each `${base}`-based), and a `???`. */
function many(n: number): string {
  const lines = ["base: 1", "todo: ???"];
  for (let i = 0; i < n; i++) lines.push(`k${i}: x-\${base}`);
  return lines.join("\n") + "\n";
}

Deno.test("checkValues: by default a config of many interpolations is resolved by the engine", () => {
  const [big, bigOracle] = check(many(ENGINE_MIN_INTERPOLATIONS), ["auto", "ts"]);
  assert.equal(big.engineCalls, 1);
  assert.equal(big.root, bigOracle.root);
  assert.deepEqual(big.problems, bigOracle.problems);
  const [small] = check(many(ENGINE_MIN_INTERPOLATIONS - 1), ["auto"]);
  assert.equal(small.engineCalls, 0, "few interpolations: key by key is faster");
});

Deno.test("validate: a tree of big configs is resolved by the engine, one call per composition", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - db: a\n  - _self_\n" + many(300),
    "conf/db/a.yaml": "port: 1\n",
    "conf/db/b.yaml": "port: 2\n",
  });
  try {
    const before = interpStats.resolveCalls;
    const r = await validate({ configDir: `${dir}/conf`, configName: "config" });
    assert.deepEqual(r.problems.map((p) => [p.severity, p.fullKey]), [["warning", "todo"]]);
    assert.equal(r.compositions, 2);
    assert.equal(interpStats.resolveCalls - before, 2);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

/**
 * `validate` in one process on two generated trees: a small one (what every
 * commit pays: 3 groups × 3 options, one schema) and a big one (50 groups ×
 * 20 options = 1,000 option files, a schema for every fifth group, so 951
 * compositions). Process wall times (startup included) are measured with
 * hyperfine on the trees `deno run bench/validate_bench.ts DIR` writes.
 */

import "../core/yaml/full_install.ts"; // the full YAML reader, installed at once
import { dirname } from "../core/path.ts";
import { validate } from "../core/validate/validate.ts";
import { toolArgs } from "../tools/tool_args.ts";

/** Writes a conf/ tree of `groups` × `options` under `dir`; returns the conf dir. */
export function generateTree(dir: string, groups: number, options: number): string {
  const conf = `${dir}/conf`;
  Deno.mkdirSync(`${conf}/_schema`, { recursive: true });
  const pad = (n: number) => String(n).padStart(2, "0");
  const defaults = [];
  for (let g = 0; g < groups; g++) {
    const group = `g${pad(g)}`;
    defaults.push(`  - ${group}: o00`);
    Deno.mkdirSync(`${conf}/${group}`);
    for (let o = 0; o < options; o++) {
      Deno.writeTextFileSync(
        `${conf}/${group}/o${pad(o)}.yaml`,
        `name: ${group}_o${pad(o)}\nlr: ${(o + 1) / 1000}\nlayers: ${o + 1}\n` +
          `batch_size: ${8 * (o + 1)}\nwarmup: \${seed}\ntags: [a, b, c]\n` +
          `nested:\n  dropout: 0.1\n  path: /data/\${.name_suffix}\n  name_suffix: ${o}\n`,
      );
    }
    if (g % 5 === 0) {
      Deno.writeTextFileSync(
        `${conf}/_schema/${group}.schema.yaml`,
        "type: object\nadditionalProperties: false\nproperties:\n" +
          "  name: {type: string}\n  lr: {type: number, exclusiveMinimum: 0}\n" +
          "  layers: {type: integer, minimum: 1}\n  batch_size: {type: integer}\n" +
          "  warmup: {type: integer}\n  tags: {type: array, items: {type: string}}\n" +
          "  nested: {type: object}\n" +
          "x-strata-rules:\n  - rule: self.batch_size % 8 == 0\n    message: batch must split over 8 GPUs\n",
      );
    }
  }
  Deno.writeTextFileSync(
    `${conf}/config.yaml`,
    `defaults:\n${defaults.join("\n")}\n  - _self_\n\nseed: 42\nrun: \${g00.name}-\${seed}\n`,
  );
  return conf;
}

if (import.meta.main && Deno.args.length > 0) {
  const usage =
    "usage: deno run --allow-write bench/validate_bench.ts DIR [GROUPS=50] [OPTIONS=20] " +
    "(writes a tree to validate), or deno bench bench/validate_bench.ts";
  const { positionals } = toolArgs(usage, {}, Deno.args, true);
  const [dir, groups = "50", options = "20"] = positionals;
  if (!dir || positionals.length > 3 || !(Number(groups) > 0) || !(Number(options) > 0)) {
    console.error(usage);
    Deno.exit(2);
  }
  generateTree(dir, Number(groups), Number(options));
  Deno.exit(0);
}

const small = generateTree(Deno.makeTempDirSync(), 3, 3);
const big = generateTree(Deno.makeTempDirSync(), 50, 20);
// the trees are this run's: none is left in the temp dir (the big one is 1,000 files)
globalThis.addEventListener("unload", () => {
  for (const conf of [small, big]) Deno.removeSync(dirname(conf), { recursive: true });
});

Deno.bench(
  "validate: small tree (3 groups × 3 options)",
  { group: "validate", baseline: true },
  async () => {
    const r = await validate({ configDir: small, configName: "config" });
    if (r.problems.length > 0) throw new Error(JSON.stringify(r.problems[0]));
  },
);

Deno.bench(
  "validate: big tree (50 groups × 20 options, 1,000 files)",
  { group: "validate", n: 3 },
  async () => {
    const r = await validate({ configDir: big, configName: "config" });
    if (r.compositions !== 951) throw new Error(`${r.compositions} compositions`);
  },
);

Deno.bench(
  "validate: big tree, one file as pre-commit passes it",
  { group: "validate", n: 3 },
  async () => {
    const r = await validate({
      configDir: big,
      configName: "config",
      files: [`${big}/g07/o13.yaml`],
    });
    if (r.compositions !== 1) throw new Error(`${r.compositions} compositions`);
  },
);

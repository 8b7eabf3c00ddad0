/**
 * The generator of issue 12's "50 MB YAML file": `section_{i}:` mappings of
 * 50 keys each, cycling over an int, a float, a plain string, a nested
 * mapping (`a: true`, `b: "quoted j"`) and a block list whose items sit at
 * the key's indent. Seeded, so every run writes the same bytes.
 *
 * Other shapes, to check that no shape of a big file is much slower than
 * this one: `small` (10^5s of ~100-byte sections, a few with
 * interpolations), `flat` (one `key_i: value` per line: 10^6 top-level
 * keys), `records` (one block list of small mappings), and one `model`
 * mapping of layers as generated files come: `pyyaml` (as `yaml.dump`
 * writes it, long strings wrapped at 80 columns) and `json` (as
 * `json.dump(..., indent=2)` writes it).
 *
 * @module
 */

import { prng } from "./compare/generate.ts";

/** The shapes of big file {@link bigYaml} writes. */
export type BigShape = "sections" | "small" | "flat" | "records" | "pyyaml" | "json";

const ABOUT = "a fairly long description of this layer that goes past eighty characters";

/** The big file's shapes: the piece of text for item i. */
const OTHER_SHAPES: Record<
  Exclude<BigShape, "sections">,
  (i: number, rand: () => number) => string
> = {
  small: (i, rand) =>
    `s${i}:\n  idx: ${i}\n  lr: ${rand()}\n  name: run ${i}\n  list:\n  - ${i}e-3\n  - x${i}\n` +
    `  deep:\n    a: null\n    b: "q ${i}"\n` +
    (i % 1000 === 7 ? `  ref: \${s${i - 1}.idx}\n` : ""),
  flat: (i, rand) => `key_${i}: value ${Math.floor(rand() * 1e6)}\n`,
  records: (i, rand) =>
    (i === 0 ? "records:\n" : "") +
    `- id: ${i}\n  name: rec ${i}\n  score: ${rand()}\n  tags: [a, b]\n`,
  pyyaml: (i, rand) =>
    (i === 0 ? "model:\n" : "") +
    `  layer_${i}:\n    name: layer_${i}\n    lr: ${rand() / 1000}\n    units: ${i % 4096}\n` +
    `    enabled: ${i % 2 === 0}\n    tags:\n    - t0\n    - t1\n    description: ${ABOUT}\n` +
    `      so it wraps around\n    note: 'quoted: ${ABOUT}\n      and wraps too'\n` +
    `    nested:\n      dropout: 0.1\n      ref: ${
      i % 10 === 0 ? "${model.layer_0.units}" : "null"
    }\n`,
  json: (i, rand) =>
    (i === 0 ? '{\n  "model": {\n' : ",\n") + "  " +
    JSON.stringify(
      {
        [`layer_${i}`]: {
          name: `layer_${i}`,
          lr: rand() / 1000,
          units: i % 4096,
          enabled: i % 2 === 0,
          tags: ["t0", "t1"],
          description: `${ABOUT} so it wraps around`,
          nested: { dropout: 0.1, ref: i % 10 === 0 ? "${model.layer_0.units}" : null },
        },
      },
      null,
      2,
    ).slice(2, -2).replaceAll("\n", "\n  "),
};

/**
 * The YAML text of about `bytes` bytes (whole sections; it stops at the
 * first section that reaches the size).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { bigYaml } from "./bigfile_gen.ts";
 * const text = bigYaml(2000);
 * assert.ok(text.startsWith("section_0:\n  key_0: "));
 * assert.equal(text, bigYaml(2000), "seeded");
 * assert.ok(bigYaml(2000, 12, "flat").startsWith("key_0: value "));
 * assert.ok(JSON.parse(bigYaml(2000, 12, "json")).model.layer_0);
 * ```
 */
export function bigYaml(bytes: number, seed = 12, shape: BigShape = "sections"): string {
  const rand = prng(seed);
  const parts: string[] = [];
  let size = 0;
  if (shape !== "sections") {
    const line = OTHER_SHAPES[shape];
    for (let i = 0; size < bytes; i++) {
      const s = line(i, rand);
      parts.push(s);
      size += s.length;
    }
    if (shape === "json") parts.push("\n  }\n}\n");
    return parts.join("");
  }
  for (let i = 0; size < bytes; i++) {
    let s = `section_${i}:\n`;
    for (let j = 0; j < 50; j++) {
      switch (j % 5) {
        case 0:
          s += `  key_${j}: ${Math.floor(rand() * 1_000_000)}\n`;
          break;
        case 1:
          s += `  lr_${j}: ${rand()}\n`;
          break;
        case 2:
          s += `  name_${j}: some_value_${Math.floor(rand() * 1000)}\n`;
          break;
        case 3:
          s += `  nested_${j}:\n    a: true\n    b: "quoted ${j}"\n`;
          break;
        default:
          s += `  list_${j}:\n  - 1\n  - two\n`;
      }
    }
    parts.push(s);
    size += s.length;
  }
  return parts.join("");
}

/**
 * Writes `<dir>/conf/config.yaml` of about `bytes` bytes; returns the conf dir.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { writeBigConf } from "./bigfile_gen.ts";
 * const dir = Deno.makeTempDirSync();
 * const conf = writeBigConf(dir, 1000);
 * assert.ok(Deno.statSync(`${conf}/config.yaml`).size >= 1000);
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function writeBigConf(dir: string, bytes: number, shape: BigShape = "sections"): string {
  const conf = `${dir}/conf`;
  Deno.mkdirSync(conf, { recursive: true });
  Deno.writeTextFileSync(`${conf}/config.yaml`, bigYaml(bytes, 12, shape));
  return conf;
}

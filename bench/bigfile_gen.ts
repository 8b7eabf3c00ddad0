/**
 * The generator of issue 12's "50 MB YAML file": `section_{i}:` mappings of
 * 50 keys each, cycling over an int, a float, a plain string, a nested
 * mapping (`a: true`, `b: "quoted j"`) and a block list whose items sit at
 * the key's indent. Seeded, so every run writes the same bytes.
 *
 * @module
 */

import { prng } from "./compare/generate.ts";

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
 * ```
 */
export function bigYaml(bytes: number, seed = 12): string {
  const rand = prng(seed);
  const parts: string[] = [];
  let size = 0;
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
export function writeBigConf(dir: string, bytes: number): string {
  const conf = `${dir}/conf`;
  Deno.mkdirSync(conf, { recursive: true });
  Deno.writeTextFileSync(`${conf}/config.yaml`, bigYaml(bytes));
  return conf;
}

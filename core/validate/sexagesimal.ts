/**
 * A number YAML 1.1 writes in base 60: PyYAML (so OmegaConf and Hydra) reads
 * `start_time: 12:30` as the int 750 and `1:20:30.5` as the float 4830.5,
 * which is almost never what its writer meant (a time, a ratio). strata reads
 * them as they do; validate says so, at the value (checker x36).
 *
 * @module
 */

import { joinFullKey, type Node } from "../node.ts";
import { pyFloatRepr } from "../pyformat.ts";
import { forEachLeaf, writtenPlain } from "./leaves.ts";
import type { Problem } from "./problems.ts";

// YAML 1.1's base-60 int and float, as PyYAML's resolver has them
const BASE_60 = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/**
 * A warning for each int or float of `config` written in base 60 (`12:30` is
 * 750); `text` is the file's text, in which the leaves' origins point, and
 * `pkg` the file's package (for the full keys).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml } from "../yaml/load.ts";
 * import { base60Numbers } from "./sexagesimal.ts";
 * const text = "start: 12:30\nratio: '16:9'\nport: 80\n";
 * const found = base60Numbers(loadYaml(text, { file: "c.yaml" }), text);
 * assert.deepEqual(found.map((p) => [p.origin?.line, p.fullKey]), [[1, "start"]]);
 * assert.match(found[0].message, /'12:30' is the int 750/);
 * ```
 */
export function base60Numbers(config: Node, text: string, pkg = ""): Problem[] {
  if (!/\d:[0-5]?\d/.test(text)) return [];
  const lines = text.split("\n");
  const out: Problem[] = [];
  forEachLeaf(config, (leaf, fullKey) => {
    if (leaf.type !== "int" && leaf.type !== "float") return;
    const at = writtenPlain(lines, leaf);
    if (at === undefined) return;
    const { written, origin } = at;
    if (!BASE_60.test(written)) return;
    out.push({
      severity: "warning",
      code: "base-60",
      message:
        `'${written}' is the ${leaf.type} ${
          leaf.type === "float" ? pyFloatRepr(leaf.value as number) : leaf.value
        }: YAML 1.1 (PyYAML, so OmegaConf and Hydra) reads numbers separated by ':' as one ` +
        `number in base 60; quote it for the text ('${written}')`,
      origin,
      fullKey: joinFullKey(pkg, fullKey),
    });
  });
  return out;
}

/**
 * A word YAML 1.1 reads as a bool: PyYAML (so OmegaConf and Hydra) reads
 * `country: NO` as False and `answer: yes` as True, which its writer may have
 * meant as text ("the Norway problem"). strata reads them as they do;
 * validate says so, at the value (checker x54), as it does for octal and
 * base-60 numbers. `true`/`false` are what they say: no warning.
 *
 * @module
 */

import { joinFullKey, type Node } from "../node.ts";
import { forEachLeaf, writtenPlain } from "./leaves.ts";
import type { Problem } from "./problems.ts";

// PyYAML's bool words other than true/false, in the three spellings its resolver takes
const WORD = /^(yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)$/;

/**
 * A warning for each bool of `config` written as yes/no/on/off; `text` is the
 * file's text, in which the leaves' origins point, and `pkg` the file's
 * package (for the full keys).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml } from "../yaml/load.ts";
 * import { yaml11Bools } from "./yaml11_bools.ts";
 * const text = "country: NO\nshuffle: true\nname: 'no'\n";
 * const found = yaml11Bools(loadYaml(text, { file: "c.yaml" }), text);
 * assert.deepEqual(found.map((p) => [p.origin?.line, p.fullKey]), [[1, "country"]]);
 * assert.match(found[0].message, /'NO' is the bool False/);
 * ```
 */
export function yaml11Bools(config: Node, text: string, pkg = ""): Problem[] {
  if (!/(^|[\s:,[\-])(yes|no|on|off)\b/im.test(text)) return [];
  const lines = text.split("\n");
  const out: Problem[] = [];
  forEachLeaf(config, (leaf, fullKey) => {
    if (leaf.type !== "bool") return;
    const at = writtenPlain(lines, leaf);
    if (at === undefined || !WORD.test(at.written)) return;
    const { written, origin } = at;
    out.push({
      severity: "warning",
      code: "yaml-1.1-bool",
      message: `'${written}' is the bool ${leaf.value ? "True" : "False"}: YAML 1.1 (PyYAML, so ` +
        `OmegaConf and Hydra) reads yes/no/on/off as bools; quote it for the text ` +
        `('${written}'), or write ${leaf.value ? "true" : "false"}`,
      origin,
      fullKey: joinFullKey(pkg, fullKey),
    });
  });
  return out;
}

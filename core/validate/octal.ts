/**
 * A leading-zero int that YAML 1.1 reads as octal: PyYAML (so OmegaConf and
 * Hydra) reads `model_lr: 00143` as 99, which is almost never what its
 * writer meant (mbrl-lib's overrides/pets_inv_pendulum.yaml). strata reads it
 * as they do; validate says so, at the value.
 *
 * @module
 */

import { joinFullKey, type Node } from "../node.ts";
import { forEachLeaf, writtenPlain } from "./leaves.ts";
import type { Problem } from "./problems.ts";

// a sign, a 0, then octal digits (and `_`): YAML 1.1's octal int, as PyYAML's resolver has it
const OCTAL = /^[-+]?0[0-7_]+$/;
const PERMISSION = /(mode|perm|permissions|umask|chmod)$/i;
// a leading 0 before digits with an 8 or 9: no octal int, so YAML 1.1 reads the text as a string
const NOT_OCTAL = /^[-+]?0[0-9_]*[89][0-9_]*$/;
// YAML 1.2's (and Python's) octal int, which YAML 1.1 reads as a string
const OCTAL_12 = /^[-+]?0o[0-7_]+$/;

/**
 * A warning for each int of `config` written with a leading zero that makes
 * it octal (`00143` is 99), where the decimal reading differs and the key is
 * no file mode; `text` is the file's text, in which the leaves' origins
 * point, and `pkg` the file's package (for the full keys).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml } from "../yaml/load.ts";
 * import { octalInts } from "./octal.ts";
 * const text = "lr: 00143\nport: 8080\nfile_mode: 0755\nzero: 00\n";
 * const found = octalInts(loadYaml(text, { file: "c.yaml" }), text);
 * assert.deepEqual(found.map((p) => [p.origin?.line, p.fullKey]), [[1, "lr"]]);
 * assert.match(found[0].message, /'00143' is the int 99/);
 * // `08` is no octal int: a string, as PyYAML reads it (checker w37)
 * const [s] = octalInts(loadYaml("step: 08\nq: '09'\n", { file: "c.yaml" }), "step: 08\nq: '09'\n");
 * assert.match(s.message, /'08' is the string '08'/);
 * const [o] = octalInts(loadYaml("mode_x: 0o17\n", { file: "c.yaml" }), "mode_x: 0o17\n");
 * assert.match(o.message, /'0o17' is the string '0o17'.*write 15 for the int/);
 * ```
 */
export function octalInts(config: Node, text: string, pkg = ""): Problem[] {
  if (!/(^|[\s:,[\-])[-+]?0[0-9_o]/m.test(text)) return [];
  const lines = text.split("\n");
  const out: Problem[] = [];
  forEachLeaf(config, (leaf, fullKey) => {
    if (leaf.type !== "int" && leaf.type !== "str") return;
    const at = writtenPlain(lines, leaf);
    if (at === undefined) return;
    const { written, origin } = at;
    if (leaf.type === "str") {
      // unquoted `0o17`, YAML 1.2's octal (and Python's), is text to YAML 1.1 (checker y8 #1)
      if (written === leaf.value && OCTAL_12.test(written)) {
        const value = parseInt(written.replace(/^([-+]?)0o/, "$1").replaceAll("_", ""), 8);
        out.push({
          severity: "warning",
          code: "octal",
          message: `'${written}' is the string '${written}': YAML 1.1 (PyYAML, so OmegaConf and ` +
            `Hydra) has no 0o prefix (YAML 1.2's and Python's octal); write ${value} for the ` +
            "int, or quote it for the text",
          origin,
          fullKey: joinFullKey(pkg, fullKey),
        });
        return;
      }
      // unquoted `08` (a quoted one is text on purpose): an int field gets a string
      if (written !== leaf.value || !NOT_OCTAL.test(written)) return;
      const int = Number(written.replaceAll("_", ""));
      out.push({
        severity: "warning",
        code: "octal",
        message: `'${written}' is the string '${written}': YAML 1.1 (PyYAML, so OmegaConf and ` +
          `Hydra) reads a leading 0 as octal, and 8 and 9 are no octal digits, so it is no int; ` +
          `write ${int} for the int, or quote it for the text`,
        origin,
        fullKey: joinFullKey(pkg, fullKey),
      });
      return;
    }
    if (!OCTAL.test(written)) return;
    const decimal = Number(written.replaceAll("_", ""));
    // file modes are written in octal on purpose (`mode: 0755`)
    if (decimal === Number(leaf.value) || PERMISSION.test(fullKey)) return;
    out.push({
      severity: "warning",
      code: "octal",
      message: `'${written}' is the int ${leaf.value}: YAML 1.1 (PyYAML, so OmegaConf and Hydra) ` +
        `reads a leading 0 as octal; write ${decimal} for the decimal, or quote it for the text`,
      origin,
      fullKey: joinFullKey(pkg, fullKey),
    });
  });
  return out;
}

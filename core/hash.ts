/**
 * A content hash of a config: the SHA-256 of its canonical JSON. The canonical
 * form is exactly what Python writes with
 * `json.dumps(OmegaConf.to_container(cfg, resolve=True), sort_keys=True,
 * separators=(",", ":"), ensure_ascii=False)`, encoded as UTF-8, so another
 * implementation can reproduce the hash: key order, file layout, comments and
 * YAML quoting do not change it; `1` and `1.0` do. The hash of a composed
 * config, as `strata run` gives its job, is ./run/config_hash.ts's (this module
 * is what the run plan hashes with, so it does not depend on it).
 *
 * @module
 */

import type * as NodeCrypto from "node:crypto";
import { jsonKey, jsonScalar } from "./container.ts";
import type { Node } from "./node.ts";
import { nodeBuiltin } from "./node_builtin.ts";

/** Python's `str` order: by code point (JS's `<` compares UTF-16 units). */
function byCodePoint(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0)! - y[i].codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/**
 * The canonical JSON text of a tree: keys sorted by code point, no spaces,
 * floats as Python's `repr` (`1.0`, `1e-05`; `NaN`, `Infinity`), ints as
 * digits, `???` as the string `"???"`, non-ASCII characters as themselves.
 * Non-string keys are written as JSON writes them (`1`, `true`, `null`) and
 * sorted with the string keys; where a str key writes the same text (`1` and
 * `"1"` in one dict, which Python's `sort_keys` refuses), the other key comes
 * first. Interpolations are hashed as written: resolve first.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { canonicalJson } from "./hash.ts";
 * import { loadYaml } from "./yaml/load.ts";
 * assert.equal(canonicalJson(loadYaml("b: 1.0\na: [1e-5, 1, 'é']")), '{"a":[1e-05,1,"é"],"b":1.0}');
 * assert.equal(canonicalJson(loadYaml("{'1': s, 1: i}")), '{"1":"i","1":"s"}');
 * ```
 */
export function canonicalJson(node: Node): string {
  if (node.kind === "list") return "[" + node.items.map(canonicalJson).join(",") + "]";
  if (node.kind === "dict") {
    const members = [...node.entries.values()].map((e) =>
      [jsonKey(e.key), e.node, typeof e.key === "string" ? 1 : 0] as const
    );
    // A str key and another key can write the same text (1 and "1", true and "true"): the
    // other goes first, so which value is whose does not depend on the order they were written.
    members.sort((a, b) => byCodePoint(a[0], b[0]) || a[2] - b[2]);
    return "{" + members.map(([k, v]) => JSON.stringify(k) + ":" + canonicalJson(v)).join(",") +
      "}";
  }
  return jsonScalar(node, "python");
}

/**
 * The SHA-256 (lowercase hex, 64 digits) of a config's canonical JSON
 * ({@link canonicalJson}), UTF-8 encoded. Pass a resolved config.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { configHash } from "./hash.ts";
 * import { loadYaml } from "./yaml/load.ts";
 * assert.equal(configHash(loadYaml("a: 1\nb: x")), configHash(loadYaml("b: 'x'\na: 1")));
 * assert.notEqual(configHash(loadYaml("a: 1")), configHash(loadYaml("a: 1.0")));
 * ```
 */
export function configHash(config: Node): string {
  // node:crypto fetched here, not imported: an import starts Deno's Node layer in
  // every process whose modules reach this one (sweep's, through the run plan)
  const { createHash } = nodeBuiltin<typeof NodeCrypto>("node:crypto");
  return createHash("sha256").update(canonicalJson(config), "utf8").digest("hex");
}

export { SHORT_HASH_LENGTH } from "./hash_length.ts";

/**
 * A config with the origin of every leaf: YAML with `# file:line:col`
 * comments, or JSON with a side-table of origins by full key.
 *
 * @module
 */

import { toJson } from "../container.ts";
import { formatOrigin } from "../errors.ts";
import { type Node, originOf } from "../node.ts";
import { toYaml } from "../yaml/emit.ts";
import { loadYaml } from "../yaml/load.ts";
import { leaves, pathText } from "./flat.ts";

const indentOf = (line: string) => /^ */.exec(line)![0].length;

/**
 * The config's YAML (as `compose` prints it) with each leaf's origin as a
 * comment: at the end of its line, or on a line of its own above a value
 * that spans several lines. The text reads back as the same config.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { yamlWithOrigins } from "./origins.ts";
 * import { loadYaml } from "../yaml/load.ts";
 * const c = loadYaml("a: 1\nb: [x]\n", { file: "c.yaml" });
 * assert.equal(yamlWithOrigins(c), "a: 1  # c.yaml:1:4\nb:\n- x  # c.yaml:2:5\n");
 * ```
 */
export function yamlWithOrigins(config: Node): string {
  const text = toYaml(config);
  const lines = text.split("\n");
  // Where each leaf landed: read the text back, leaves come in the same order.
  const written = leaves(loadYaml(text));
  const source = leaves(config);
  const above = new Map<number, string[]>();
  const lineOf = readerLines(text);
  written.forEach((w, i) => {
    const origin = originOf(source[i]?.node.origin);
    const at = originOf(w.node.origin)?.line;
    if (!origin || at === undefined) return;
    const l = lineOf[at - 1] ?? at - 1;
    const note = `# ${formatOrigin(origin)}`;
    const next = lines[l + 1];
    // a scalar folded over several lines goes on indented (or blank, inside quotes)
    const continues = l + 1 < lines.length - 1 &&
      (next === "" || indentOf(next) > indentOf(lines[l]));
    if (continues) above.set(l, [...(above.get(l) ?? []), " ".repeat(indentOf(lines[l])) + note]);
    else lines[l] += `  ${note}`;
  });
  return lines.flatMap((line, i) => [...(above.get(i) ?? []), line]).join("\n");
}

/**
 * For each line the reader counts (YAML 1.1's breaks: U+0085, U+2028 and U+2029 end a line too,
 * as PyYAML reads them, and the emitter writes them raw inside quotes), the `\n`-line of `text`
 * it is on: a value holding one does not shift the comments after it.
 */
function readerLines(text: string): number[] {
  const lineOf = [0];
  let at = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) lineOf.push(++at);
    else if (c === 0x85 || c === 0x2028 || c === 0x2029) lineOf.push(at);
  }
  return lineOf;
}

/**
 * The config as JSON (`config`) with the origin of each leaf by full key
 * (`origins`, `null` where none is known; a key holding a dot in brackets, `[a.b]`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { jsonWithOrigins } from "./origins.ts";
 * import { loadYaml } from "../yaml/load.ts";
 * const out = JSON.parse(jsonWithOrigins(loadYaml("a: {b: [1]}", { file: "c.yaml" })));
 * assert.deepEqual(out.origins, { "a.b[0]": "c.yaml:1:9" });
 * ```
 */
export function jsonWithOrigins(config: Node): string {
  const origins: Record<string, string | null> = {};
  for (const l of leaves(config)) {
    // `[a.b]` for a key holding a dot: the nested `a.b` has its own entry
    const o = originOf(l.node.origin);
    origins[pathText(l)] = o ? formatOrigin(o) : null;
  }
  const table = JSON.stringify(origins, null, 2).replaceAll("\n", "\n  ");
  return `{\n  "config": ${
    toJson(config, 2).replaceAll("\n", "\n  ")
  },\n  "origins": ${table}\n}\n`;
}

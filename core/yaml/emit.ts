/**
 * Writes a config tree as YAML the way OmegaConf.to_yaml does (PyYAML's
 * block style, keys in order, strings quoted when they would read back as
 * another type).
 *
 * @module
 */

import { type Key, keyText, type Node, type ValueNode } from "../node.ts";
import { pyFloatRepr } from "../pyformat.ts";
import { resolvePlainScalar } from "./scalar.ts";

/** PyYAML's float representer: `1.0e-05`, `.inf`, `.nan`. */
function yamlFloat(x: number): string {
  if (Number.isNaN(x)) return ".nan";
  if (x === Infinity) return ".inf";
  if (x === -Infinity) return "-.inf";
  const r = pyFloatRepr(x);
  if (r.includes("e") && !r.includes(".")) return r.replace("e", ".0e");
  return r;
}

const INDICATORS = /^[-?:,[\]{}#&*!|>'"%@`]|^$|^\s|\s$|: |\s#|[\n\r\t]/;

function quoteString(s: string): string {
  // deno-lint-ignore no-control-regex
  if (s.includes("\n") || /[\x00-\x08\x0b-\x1f\x7f]/.test(s)) {
    return JSON.stringify(s);
  }
  return `'${s.replaceAll("'", "''")}'`;
}

function scalarText(node: ValueNode): string {
  switch (node.type) {
    case "int":
      return String(node.value);
    case "float":
      return yamlFloat(node.value as number);
    case "bool":
      return node.value ? "true" : "false";
    case "null":
      return "null";
    case "missing":
      return "???";
    default: {
      const s = String(node.value);
      const readBack = resolvePlainScalar(s);
      const plainOk = readBack.type === "str" && !INDICATORS.test(s) && s !== "???";
      return plainOk || s === "???" ? s : quoteString(s);
    }
  }
}

function keyOut(key: Key): string {
  if (typeof key === "string") return scalarText({ kind: "value", type: "str", value: key });
  if (key === null) return "null";
  if (typeof key === "boolean") return key ? "true" : "false";
  return keyText(key);
}

function emit(node: Node, indent: string, out: string[]): void {
  if (node.kind === "dict") {
    for (const { key, node: child } of node.entries.values()) {
      const k = keyOut(key);
      if (child.kind === "dict" && child.entries.size > 0) {
        out.push(`${indent}${k}:`);
        emit(child, indent + "  ", out);
      } else if (child.kind === "list" && child.items.length > 0) {
        out.push(`${indent}${k}:`);
        emit(child, indent, out);
      } else out.push(`${indent}${k}: ${inline(child)}`);
    }
  } else if (node.kind === "list") {
    for (const item of node.items) {
      if (item.kind === "dict" && item.entries.size > 0) {
        const sub: string[] = [];
        emit(item, indent + "  ", sub);
        sub[0] = `${indent}- ${sub[0].slice(indent.length + 2)}`;
        out.push(...sub);
      } else if (item.kind === "list" && item.items.length > 0) {
        const sub: string[] = [];
        emit(item, indent + "  ", sub);
        sub[0] = `${indent}- ${sub[0].slice(indent.length + 2)}`;
        out.push(...sub);
      } else out.push(`${indent}- ${inline(item)}`);
    }
  } else out.push(indent + inline(node));
}

function inline(node: Node): string {
  if (node.kind === "dict") return "{}";
  if (node.kind === "list") return "[]";
  return scalarText(node);
}

/**
 * The YAML text of a config (unresolved: interpolations stay as written).
 *
 * @example
 * ```ts
 * import { toYaml } from "./emit.ts";
 * import { loadYaml } from "./load.ts";
 * toYaml(loadYaml("lr: 1e-5\nname: '1'\n")); // "lr: 1.0e-05\nname: '1'\n"
 * ```
 */
export function toYaml(node: Node): string {
  if (node.kind === "dict" && node.entries.size === 0) return "{}\n";
  if (node.kind === "list" && node.items.length === 0) return "[]\n";
  const out: string[] = [];
  emit(node, "", out);
  return out.join("\n") + "\n";
}

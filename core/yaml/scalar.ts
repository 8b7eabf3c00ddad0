/**
 * How a plain YAML scalar becomes a typed value in OmegaConf's dialect: the
 * PyYAML 1.1 SafeLoader resolvers, OmegaConf's float rule, no timestamps.
 *
 * @module
 */

import { bool, float, int, missing, nil, type Origin, str, type ValueNode } from "../node.ts";

const BOOL = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const TRUE = /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/;
const NULL = /^(?:~|null|Null|NULL|)$/;
const INT =
  /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const FLOAT = new RegExp(
  "^(?:[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+]?[0-9]+)?" +
    "|[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)" +
    "|\\.[0-9_]+(?:[eE][-+][0-9]+)?" +
    "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*" +
    "|[-+]?\\.(?:inf|Inf|INF)" +
    "|\\.(?:nan|NaN|NAN))$",
);

function sexagesimal(text: string): number {
  let value = 0;
  for (const part of text.split(":")) value = value * 60 + Number(part);
  return value;
}

/**
 * The int a PyYAML 1.1 int literal stands for (`0b101`, `010` octal, `0x1F`, `1:30`).
 *
 * @example
 * ```ts
 * import { parseYamlInt } from "./scalar.ts";
 * parseYamlInt("010"); // 8
 * parseYamlInt("1:30"); // 90
 * ```
 */
export function parseYamlInt(text: string): number | bigint {
  let t = text.replaceAll("_", "");
  let sign = 1n;
  if (t[0] === "-" || t[0] === "+") {
    if (t[0] === "-") sign = -1n;
    t = t.slice(1);
  }
  let big: bigint;
  if (t === "0") big = 0n;
  else if (t.startsWith("0b")) big = BigInt(t);
  else if (t.startsWith("0x")) big = BigInt(t);
  else if (t.includes(":")) big = BigInt(sexagesimal(t));
  else if (t.startsWith("0")) big = BigInt("0o" + t.slice(1));
  else big = BigInt(t);
  big *= sign;
  return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(big)
    : big;
}

/**
 * The float a PyYAML/OmegaConf float literal stands for.
 *
 * @example
 * ```ts
 * import { parseYamlFloat } from "./scalar.ts";
 * parseYamlFloat("5e-5"); // 0.00005
 * ```
 */
export function parseYamlFloat(text: string): number {
  const t = text.replaceAll("_", "").toLowerCase();
  if (t.endsWith(".inf")) return t.startsWith("-") ? -Infinity : Infinity;
  if (t.endsWith(".nan")) return NaN;
  if (t.includes(":")) {
    const neg = t.startsWith("-");
    const v = sexagesimal(t.replace(/^[-+]/, ""));
    return neg ? -v : v;
  }
  return Number(t);
}

/**
 * Resolves a plain (unquoted, untagged) scalar the way OmegaConf's loader does.
 *
 * @example
 * ```ts
 * import { resolvePlainScalar } from "./scalar.ts";
 * resolvePlainScalar("yes").value; // true
 * resolvePlainScalar("y").value; // "y"
 * resolvePlainScalar("1e3").type; // "float"
 * ```
 */
export function resolvePlainScalar(text: string, origin?: Origin): ValueNode {
  if (NULL.test(text)) return nil(origin);
  if (BOOL.test(text)) return bool(TRUE.test(text), origin);
  if (INT.test(text)) return int(parseYamlInt(text), origin);
  if (FLOAT.test(text)) return float(parseYamlFloat(text), origin);
  if (text === "???") return missing(origin);
  return str(text, origin);
}

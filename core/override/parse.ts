/**
 * Parses command-line overrides. This is the foundation's subset
 * (`key=value`, `+key=value`, `++key=value`, `~key`, `group=option`,
 * `group@pkg=option`, comma sweeps); the full Hydra grammar replaces it.
 *
 * @module
 */

import { ErrorCode, StrataError } from "../errors.ts";
import { resolvePlainScalar } from "../yaml/scalar.ts";
import { str } from "../node.ts";
import type { ElementValue, Override, OverrideType } from "./types.ts";
import { fromNode } from "./element.ts";

const KEY = /^[A-Za-z0-9_\-./\\$:{}]+$/;

function element(text: string): ElementValue {
  const quoted = /^(['"])(.*)\1$/s.exec(text);
  if (quoted) {
    const q = quoted[1] as "'" | '"';
    return {
      kind: "element",
      node: str(quoted[2]),
      parsed: { t: "quoted", v: quoted[2], quote: q },
    };
  }
  const plain = resolvePlainScalar(text);
  const node = plain.type === "missing" ? str("???") : plain;
  return { kind: "element", node, parsed: fromNode(node) };
}

/**
 * Parses one override.
 *
 * @throws {StrataError} `override-parse`, with the override and a caret at the position.
 * @example
 * ```ts
 * import { parseOverride } from "./parse.ts";
 * parseOverride("+optimizer.lr=1e-3").type; // "add"
 * ```
 */
export function parseOverride(text: string, index?: number): Override {
  let type: OverrideType = "change";
  let rest = text;
  let offset = 0;
  if (rest.startsWith("~")) [type, rest, offset] = ["delete", rest.slice(1), 1];
  else if (rest.startsWith("++")) [type, rest, offset] = ["force_add", rest.slice(2), 2];
  else if (rest.startsWith("+")) [type, rest, offset] = ["add", rest.slice(1), 1];
  const eq = rest.indexOf("=");
  const lhs = eq < 0 ? rest : rest.slice(0, eq);
  const fail = (message: string, at: number): never => {
    throw new StrataError(ErrorCode.OverrideParse, `Error parsing override '${text}': ${message}`, {
      snippet: { text, start: at },
      origin: index === undefined ? undefined : { override: index, text },
    });
  };
  if (eq < 0 && type !== "delete") fail("missing '=' after the key", text.length);
  const [key, pkg] = lhs.includes("@") ? lhs.split("@", 2) : [lhs, null];
  if (!KEY.test(key)) fail("expected a key", offset);
  const base = { type, key, package: pkg, text, index };
  if (eq < 0) return { ...base, valueType: null };
  const valueText = rest.slice(eq + 1);
  if (valueText.includes(",") && !/^[[{'"]/.test(valueText)) {
    const items = valueText.split(",").map(element);
    return {
      ...base,
      valueType: "SIMPLE_CHOICE_SWEEP",
      value: { kind: "choice", items, simple: true, tags: [], shuffle: false },
    };
  }
  return { ...base, valueType: "ELEMENT", value: element(valueText) };
}

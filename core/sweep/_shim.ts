/**
 * TEMPORARY stand-in for core/override/format.ts (being written by another
 * helper): `elementToString` (Override.get_value_element_as_str) and
 * `sweepStrings` (Override.sweep_string_iterator). Delete once format.ts lands.
 *
 * @module
 */

import { ErrorCode, StrataError } from "../errors.ts";
import type { Node } from "../node.ts";
import { pyFloatRepr } from "../pyformat.ts";
import type { ElementValue, Override, ParsedElement } from "../override/types.ts";

function parsedToString(p: ParsedElement, spaced: boolean): string {
  const comma = spaced ? ", " : ",";
  const colon = spaced ? ": " : ":";
  switch (p.t) {
    case "null":
      return "null";
    case "bool":
      return p.v ? "True" : "False";
    case "int":
      return String(p.v);
    case "float":
      return pyFloatRepr(p.v);
    case "str":
      return p.v.replace(SPECIAL, "\\$&");
    case "quoted":
      return p.quote + p.v.replaceAll(p.quote, "\\" + p.quote) + p.quote;
    case "list":
      return "[" + p.v.map((x) => parsedToString(x, spaced)).join(comma) + "]";
    case "dict":
      return "{" + p.v.map(([k, v]) => parsedToString(k, false) + colon + parsedToString(v, spaced))
        .join(comma) +
        "}";
  }
}

const SPECIAL = /[\\()[\]{}:=, \t]/g;

function nodeToString(node: Node, spaced: boolean): string {
  const comma = spaced ? ", " : ",";
  const colon = spaced ? ": " : ":";
  if (node.kind === "list") {
    return "[" + node.items.map((n) => nodeToString(n, spaced)).join(comma) + "]";
  }
  if (node.kind === "dict") {
    const items = [...node.entries.values()].map((e) =>
      `${typeof e.key === "string" ? e.key.replace(SPECIAL, "\\$&") : String(e.key)}${colon}${
        nodeToString(e.node, spaced)
      }`
    );
    return "{" + items.join(comma) + "}";
  }
  switch (node.type) {
    case "null":
      return "null";
    case "bool":
      return node.value ? "True" : "False";
    case "float":
      return pyFloatRepr(node.value as number);
    case "int":
      return String(node.value);
    case "missing":
      return "???";
    default:
      return String(node.value).replace(SPECIAL, "\\$&");
  }
}

/** get_value_element_as_str, approximately. @example `elementToString(v)` */
export function elementToString(value: ElementValue | undefined, spaced = false): string {
  if (!value) return "null";
  return value.parsed ? parsedToString(value.parsed, spaced) : nodeToString(value.node, spaced);
}

function fnmatch(name: string, pattern: string): boolean {
  const re = pattern.replace(/[.+^${}()|\\]/g, "\\$&").replaceAll("*", ".*").replaceAll("?", ".");
  return new RegExp(`^${re}$`, "s").test(name);
}

/** sweep_string_iterator, approximately. @example `sweepStrings(o, ["a"])` */
export function sweepStrings(override: Override, globOptions: string[] = []): string[] {
  const v = override.value;
  if (!v) return [];
  if (v.kind === "choice") return v.items.map((i) => elementToString(i));
  if (v.kind === "glob") {
    return globOptions.filter((n) =>
      v.include.some((g) => fnmatch(n, g)) && !v.exclude.some((g) => fnmatch(n, g))
    );
  }
  if (v.kind === "range") {
    const nums = [v.start, v.stop, v.step].map((n) => n as Node & { value: number; type: string });
    const isInt = nums.every((n) => n.type === "int");
    const [start, stop, step] = nums.map((n) => Number(n.value));
    if (step === 0) throw new StrataError(ErrorCode.Sweep, "Invalid range values");
    const out: string[] = [];
    for (let x = start; step > 0 ? x < stop : x > stop; x += step) {
      out.push(isInt ? String(x) : pyFloatRepr(x));
    }
    return out;
  }
  throw new StrataError(ErrorCode.Sweep, `Cannot enumerate ${override.valueType}`);
}

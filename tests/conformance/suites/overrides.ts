/** hydra/overrides.json: `OverridesParser.parse_override(s)` and the values Hydra writes back. */

import {
  elementToString,
  expandRange,
  float,
  int,
  type Node,
  type Override,
  parseOverrides,
  sweepStrings,
} from "../../../engine.ts";
import { matchError } from "../error_map.ts";
import type { Outcome } from "../suite.ts";
import { diff, fromExpected, fromNode, type TV } from "../typed.ts";

const sortTV = (tv: TV): TV =>
  tv.t === "list"
    ? { t: "list", v: [...tv.v].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)) }
    : tv;

function itemTV(item: { node: Node; sweep?: unknown }): TV {
  return item.sweep
    ? { t: "opaque", v: String((item.node as { value: unknown }).value) }
    : fromNode(item.node);
}

function checkValue(o: Override, want: Record<string, unknown>): Outcome {
  const v = o.value;
  const multiset = want.shuffle === true;
  if (o.valueType === null) return want.value === null ? undefined : "expected a value";
  if (!v) return "no value";
  if (v.kind === "element") {
    const got = fromNode(v.node), exp = fromExpected(want.value);
    return multiset ? diff(sortTV(got), sortTV(exp), "value") : diff(got, exp, "value");
  }
  if (v.kind === "choice") {
    return diff({ t: "list", v: v.items.map(itemTV) }, fromExpected(want.value), "value");
  }
  if (v.kind === "range") {
    const r = want.range as Record<string, unknown>;
    for (const k of ["start", "stop", "step"] as const) {
      const d = diff(fromNode(v[k]), fromExpected(r[k]), `range.${k}`);
      if (d) return d;
    }
    if (want.expand_error) {
      try {
        expandRange(v);
        return "expected an expansion error";
      } catch (e) {
        return matchError(e, { type: "HydraException" });
      }
    }
    return diff({ t: "list", v: expandRange(v).map(fromNode) }, fromExpected(want.value), "value");
  }
  if (v.kind === "interval") {
    const w = want.value as Record<string, unknown>;
    const num = (x: number) => fromNode(v.ints ? int(x) : float(x));
    return diff(num(v.start), fromExpected(w.start), "start") ??
      diff(num(v.end), fromExpected(w.end), "end");
  }
  const g = (want.value as { glob: { include: string[]; exclude: string[] } }).glob;
  return diff(fromExpected(v.include), fromExpected(g.include), "include") ??
    diff(fromExpected(v.exclude), fromExpected(g.exclude), "exclude");
}

function checkStrings(o: Override, want: Record<string, unknown>): Outcome {
  const v = o.value!;
  if (want.value_str_error) {
    try {
      sweepStrings(o);
      return "expected value_str to fail";
    } catch {
      return undefined;
    }
  }
  if (want.value_str === undefined) return undefined;
  if (v.kind === "element") {
    const s = elementToString(v);
    if (s !== want.value_str) {
      return `value_str: expected ${JSON.stringify(want.value_str)}, got ${JSON.stringify(s)}`;
    }
    if (want.value_str_spaced !== undefined) {
      const sp = elementToString(v, true);
      if (sp !== want.value_str_spaced) {
        return `value_str_spaced: expected ${JSON.stringify(want.value_str_spaced)}, got ${
          JSON.stringify(sp)
        }`;
      }
    }
    return undefined;
  }
  let got = sweepStrings(o);
  let exp = want.value_str as string[];
  if (want.shuffle) [got, exp] = [[...got].sort(), [...exp].sort()];
  return JSON.stringify(got) === JSON.stringify(exp)
    ? undefined
    : `value_str: expected ${JSON.stringify(exp)}, got ${JSON.stringify(got)}`;
}

/** Runs one case. */
// deno-lint-ignore no-explicit-any
export function runCase(c: any): Outcome {
  const want = c.expected;
  let o: Override;
  try {
    [o] = parseOverrides([c.override]);
  } catch (e) {
    return want.error ? matchError(e, want.error) : `unexpected error: ${(e as Error).message}`;
  }
  if (want.error) return `expected ${want.error.type}, got a value`;
  if (o.key !== want.key) return `key: expected '${want.key}', got '${o.key}'`;
  if (o.package !== want.package) return `package: expected ${want.package}, got ${o.package}`;
  if (o.type !== want.type) return `type: expected ${want.type}, got ${o.type}`;
  if (o.valueType !== want.value_type) {
    return `value_type: expected ${want.value_type}, got ${o.valueType}`;
  }
  const tags = o.value && "tags" in o.value ? o.value.tags : [];
  if (JSON.stringify(tags) !== JSON.stringify(want.tags ?? [])) {
    return `tags: expected ${JSON.stringify(want.tags ?? [])}, got ${JSON.stringify(tags)}`;
  }
  if (want.shuffle && o.value && "shuffle" in o.value && !o.value.shuffle) {
    return "expected a shuffled sweep";
  }
  return checkValue(o, want) ?? (o.value ? checkStrings(o, want) : undefined);
}

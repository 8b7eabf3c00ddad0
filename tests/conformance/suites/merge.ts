/** omegaconf/merge.json: OmegaConf.merge / merge_with / unsafe_merge, then to_container. */

import * as strata from "../../../engine.ts";
import { loadYaml, mergeWith, type Node } from "../../../engine.ts";
import { matchError } from "../error_map.ts";
import type { Outcome } from "../suite.ts";
import { diff, fromExpected, fromNode } from "../typed.ts";

// The resolver is another module's work: use it once mod.ts exports it.
const resolve = (strata as Record<string, unknown>).resolve as ((n: Node) => Node) | undefined;

/** Runs one case. */
// deno-lint-ignore no-explicit-any
export function runCase(c: any): Outcome {
  const want = c.expected;
  let got: Node;
  try {
    const cfgs: Node[] = (c.inputs as string[]).map((y) => loadYaml(y));
    if (c.struct) cfgs[0].flags = { ...cfgs[0].flags, struct: true };
    if (c.readonly) cfgs[0].flags = { ...cfgs[0].flags, readonly: true };
    got = mergeWith(cfgs, { method: c.method ?? "merge" });
    if (c.resolve) {
      if (typeof resolve !== "function") return "resolve not available";
      got = resolve(got);
    }
  } catch (e) {
    return want?.error ? matchError(e, want.error) : `unexpected error: ${(e as Error).message}`;
  }
  if (want?.error) return `expected ${want.error.type}, got a value`;
  return diff(fromNode(got), fromExpected(want));
}

/** omegaconf/yaml.json: OmegaConf.create(yaml) → to_container(resolve=False). */

import { loadYaml } from "../../../engine.ts";
import { matchError } from "../error_map.ts";
import type { Outcome } from "../suite.ts";
import { diff, fromExpected, fromNode } from "../typed.ts";

/** Runs one case. */
// deno-lint-ignore no-explicit-any
export function runCase(c: any): Outcome {
  const want = c.expected;
  let got;
  try {
    got = loadYaml(c.yaml);
  } catch (e) {
    return want?.error ? matchError(e, want.error) : `unexpected error: ${(e as Error).message}`;
  }
  if (want?.error) return `expected ${want.error.type}, got a value`;
  return diff(fromNode(got), fromExpected(want));
}

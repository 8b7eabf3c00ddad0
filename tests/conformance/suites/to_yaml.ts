/**
 * omegaconf/to_yaml.json: the exact text of OmegaConf.to_yaml(cfg) and of
 * to_yaml(cfg, resolve=True). A case passes when both parts pass; the
 * resolved part needs `resolve` from mod.ts.
 */

import * as strata from "../../../engine.ts";
import { matchError } from "../error_map.ts";
import { type Outcome, withEnv } from "../suite.ts";

type Want = string | { error: { type: string; message?: string; full_key?: string } };

function check(produce: () => string, want: Want, label: string): Outcome {
  let got: string;
  try {
    got = produce();
  } catch (e) {
    if (typeof want !== "string") return matchError(e, want.error);
    return `${label}: unexpected error: ${(e as Error).message}`;
  }
  if (typeof want !== "string") return `${label}: expected ${want.error.type}, got a value`;
  return got === want
    ? undefined
    : `${label}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`;
}

/** Runs one case. */
// deno-lint-ignore no-explicit-any
export function runCase(c: any): Promise<Outcome> {
  return withEnv(c.env, () => {
    const options = { sortKeys: !!c.sort_keys };
    const load = () => strata.loadYaml(c.yaml);
    const plain = check(() => strata.toYaml(load(), options), c.expected, "to_yaml");
    if (plain) return plain;
    // deno-lint-ignore no-explicit-any
    const resolve = (strata as any).resolve;
    if (typeof resolve !== "function") return "resolve not available";
    return check(() => strata.toYaml(resolve(load()), options), c.expected_resolved, "resolved");
  });
}

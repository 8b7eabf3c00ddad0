/**
 * hydra/compose.json and realworld/hydra/compose.json: Hydra's
 * `compose(config_name, overrides, return_hydra_config=True)`; the config
 * without `hydra`, the resolved config, `hydra.runtime.choices` (without
 * `hydra/*`), the `_self_` warnings, or the composition error.
 */

import { join, resolve as resolvePath } from "node:path";
import * as strata from "../../../engine.ts";
import { matchError } from "../error_map.ts";
import { type Outcome, type SuiteContext, withEnv } from "../suite.ts";
import { diff, fromExpected, fromNode } from "../typed.ts";

// deno-lint-ignore no-explicit-any
type Any = any;

/** Replaces the corpus placeholders in expected values. */
function fill(x: unknown, configs: string, cwd: string): unknown {
  if (typeof x === "string") return x.replaceAll("<CONFIGS>", configs).replaceAll("<CWD>", cwd);
  if (Array.isArray(x)) return x.map((v) => fill(v, configs, cwd));
  if (x && typeof x === "object") {
    return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, fill(v, configs, cwd)]));
  }
  return x;
}

function choicesDiff(got: Record<string, string | null>, want: Record<string, unknown>): Outcome {
  const g = JSON.stringify(Object.entries(got));
  const w = JSON.stringify(Object.entries(want));
  return g === w ? undefined : `choices: got ${g}, want ${w}`;
}

function selfWarnings(ws: string[]): string[] {
  return ws.filter((w) => w.includes("Defaults list is missing `_self_`"));
}

/**
 * Runs one case twice: as the library composes (files kept for later
 * compositions, the resolved config a copy), then as the CLI's `compose`
 * does, composing once (each file's tree given to the merge, resolved in place).
 */
export async function runCase(c: Any, ctx: SuiteContext): Promise<Outcome> {
  const library = await runOnce(c, ctx, false);
  if (library !== undefined) return library;
  const once = await runOnce(c, ctx, true);
  return once === undefined ? undefined : `composing once, as the CLI does: ${once}`;
}

function runOnce(c: Any, ctx: SuiteContext, once: boolean): Promise<Outcome> {
  const configs = resolvePath(join(ctx.dir, "configs"));
  const want = fill(c.expected, configs, Deno.cwd()) as Any;
  return withEnv(c.env, () => {
    let out: strata.Composition;
    try {
      out = strata.compose({
        configDir: join(configs, c.config_dir),
        configName: c.config_name,
        overrides: c.overrides,
        reuseFiles: !once,
      });
    } catch (e) {
      if (want.error) return matchError(e, want.error, false);
      return `unexpected error: ${e instanceof Error ? e.message : String(e)}`;
    }
    if (want.error) return `expected ${want.error.type}, got a config`;
    const configDiff = diff(fromNode(out.config), fromExpected(want.config));
    if (configDiff) return `config: ${configDiff}`;
    const choices = choicesDiff(out.choices, want.choices);
    if (choices) return choices;
    const ws = JSON.stringify(selfWarnings(out.warnings));
    const ww = JSON.stringify(selfWarnings(want.warnings ?? []));
    if (ws !== ww) return `warnings: got ${ws}, want ${ww}`;
    const resolveFn = (strata as Any).resolveComposition as
      | ((c: strata.Composition, opts?: { reuse?: boolean }) => strata.Node)
      | undefined;
    if (!resolveFn) return "resolve not available";
    let resolved: strata.Node;
    try {
      resolved = resolveFn(out, { reuse: once });
    } catch (e) {
      if (want.resolved?.error) return matchError(e, want.resolved.error, false);
      return `resolved: unexpected error: ${e instanceof Error ? e.message : String(e)}`;
    }
    if (want.resolved?.error) return `resolved: expected ${want.resolved.error.type}, got a value`;
    const rd = diff(fromNode(resolved), fromExpected(want.resolved));
    return rd ? `resolved: ${rd}` : undefined;
  });
}

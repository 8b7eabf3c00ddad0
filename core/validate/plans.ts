/**
 * Which compositions validation checks: the primary config, and every option
 * of every config group selected in place of its default (the rest at
 * defaults), so an option that broke is found even if nobody selects it
 * today. A group chosen only inside another option (`db/engine`, chosen by
 * `db/mysql.yaml`) is tried with that option selected; a group no defaults
 * list names (experiments) is added as `+group=option`.
 *
 * @module
 */

import { resolve } from "node:path";
import { defaultsTree } from "../compose/compose.ts";
import { isStrataError } from "../errors.ts";
import { fromError, type Problem } from "./problems.ts";

/** One composition to check. */
export interface Plan {
  /** Command-line overrides that select it (`[]` is the primary config). */
  overrides: string[];
  /** The config files it merges (absolute paths). */
  files: Set<string>;
  /** The groups its defaults list chose. */
  groups: Set<string>;
}

/** Input of {@link planCompositions}. */
export interface PlanOptions {
  configDir: string;
  configName: string;
  searchPath: string[];
  /** Overrides every composition starts with (the user's). */
  overrides?: string[];
  /** The groups of the tree (`db`, `server/site`) → options. */
  groups: Map<string, string[]>;
  /** Config paths (`db/huge`) not to select: files known not to load. */
  skip?: Set<string>;
}

function isHydraGroup(g: string): boolean {
  return g === "hydra" || g.startsWith("hydra/");
}

/**
 * The compositions to check; defaults lists that do not build are problems.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { planCompositions } from "./plans.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.mkdirSync(dir + "/db");
 * Deno.mkdirSync(dir + "/experiment");
 * Deno.writeTextFileSync(dir + "/config.yaml", "defaults:\n  - db: mysql\n");
 * for (const f of ["db/mysql", "db/pg", "experiment/fast"]) Deno.writeTextFileSync(`${dir}/${f}.yaml`, "a: 1\n");
 * const groups = new Map([["db", ["mysql", "pg"]], ["experiment", ["fast"]]]);
 * const { plans } = planCompositions({ configDir: dir, configName: "config", searchPath: [], groups });
 * assert.deepEqual(plans.map((p) => p.overrides.join(" ")), ["", "db=pg", "+experiment=fast"]);
 * ```
 */
export function planCompositions(opts: PlanOptions): { plans: Plan[]; problems: Problem[] } {
  const plans: Plan[] = [];
  const problems: Problem[] = [];
  const owners = new Map<string, { overrides: string[]; choice: unknown }>();
  const queue: string[] = [];

  const add = (overrides: string[]) => {
    const label = overrides.join(" ");
    try {
      const info = defaultsTree({
        configDir: opts.configDir,
        configName: opts.configName,
        overrides: [...(opts.overrides ?? []), ...overrides],
        searchPath: opts.searchPath,
      });
      const files = new Set<string>();
      const groups = new Set<string>();
      for (const d of info.defaults) {
        const loaded = info.repo.load(d.configPath);
        if (loaded && loaded.source.scheme === "file") files.add(resolve(loaded.file));
        const slash = d.configPath.lastIndexOf("/");
        if (slash !== -1) groups.add(d.configPath.slice(0, slash));
      }
      plans.push({ overrides, files, groups });
      for (const [g, choice] of info.choices) {
        if (owners.has(g) || isHydraGroup(g) || !opts.groups.has(g)) continue;
        owners.set(g, { overrides, choice });
        queue.push(g);
      }
    } catch (e) {
      if (!isStrataError(e)) throw e;
      problems.push(fromError(e, label || undefined));
    }
  };

  add([]);
  // Every composition includes the primary config: if it fails, the rest would only repeat that.
  if (plans.length === 0) return { plans, problems };
  const skip = opts.skip ?? new Set<string>();
  const drain = () => {
    while (queue.length > 0) {
      const g = queue.shift()!;
      const { overrides, choice } = owners.get(g)!;
      for (const o of opts.groups.get(g) ?? []) {
        if (o !== choice && !skip.has(`${g}/${o}`)) add([...overrides, `${g}=${o}`]);
      }
    }
  };
  drain();
  for (const [g, options] of opts.groups) {
    if (owners.has(g) || isHydraGroup(g)) continue;
    owners.set(g, { overrides: [], choice: undefined });
    for (const o of options) if (!skip.has(`${g}/${o}`)) add([`+${g}=${o}`]);
    drain();
  }
  return { plans, problems };
}

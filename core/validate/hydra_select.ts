/**
 * `${hydra:job.nme}`: Hydra's `hydra` resolver is `OmegaConf.select` on the
 * hydra node, so a key that is not there resolves to null, silently, in the
 * app as in `compose`. Validate warns of it, with did-you-mean, for the parts
 * of the hydra node whose keys Hydra's schema fixes (`job`, `runtime`, `run`,
 * `sweep`, ...); the launcher's, sweeper's and callbacks' keys depend on the
 * plugin a command line may choose, and are left alone.
 *
 * @module
 */

import { type DictNode, type Node, type NodeOrigin, originOf } from "../node.ts";
import { valuePosition } from "../resolve/value_position.ts";
import { nodeAt } from "../ops/walk.ts";
import { suggest } from "../suggest.ts";
import type { Problem } from "./problems.ts";

/** `${hydra:a.b}` with a plain dotted key (a nested interpolation is not looked into). */
const HYDRA_SELECT = /\$\{\s*hydra\s*:\s*([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*)\s*\}/g;

/** Parts of the hydra node whose keys depend on a plugin (a launcher, a sweeper, ...). */
const PLUGIN_PARTS = new Set(["launcher", "sweeper", "callbacks", "job_logging", "hydra_logging"]);

/**
 * A warning for each `${hydra:KEY}` in `text` whose KEY the composed `hydra`
 * node does not hold, at the value (`fullKey`, `origin`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { hydraSelectWarnings } from "./hydra_select.ts";
 * import { loadYaml } from "../yaml/load.ts";
 * const hydra = loadYaml("job:\n  name: app\n  num: 0\n") as never;
 * const [w] = hydraSelectWarnings("${hydra:job.nme}", hydra, "out");
 * assert.match(w.message, /^\$\{hydra:job\.nme\} resolves to null: the hydra node has no job\.nme.*Did you mean job\.name\?$/);
 * assert.deepEqual(hydraSelectWarnings("${hydra:job.name}-${hydra:launcher.x}", hydra, "out"), []);
 * ```
 */
export function hydraSelectWarnings(
  text: string,
  hydra: DictNode,
  fullKey: string,
  packed?: NodeOrigin,
): Problem[] {
  const out: Problem[] = [];
  for (const m of text.matchAll(HYDRA_SELECT)) {
    const path = m[1].split(".");
    if (PLUGIN_PARTS.has(path[0])) continue;
    let at: Node | undefined = hydra;
    let depth = 0;
    for (; depth < path.length; depth++) {
      const next = nodeAt(at, [path[depth]]);
      if (next === undefined) break;
      at = next;
    }
    // found, or stopped at a value (`job.name.x`: select fails on its own words) or under a
    // plugin's part a user's config adds to
    if (depth === path.length || at === undefined || at.kind !== "dict") continue;
    const missing = path.slice(0, depth + 1).join(".");
    const prefix = path.slice(0, depth).map((k) => `${k}.`).join("");
    const near = suggest(path[depth], [...at.entries.values()].map((e) => String(e.key)));
    // at its own `${hydra:...}` in the value (checker v48: at the value's start)
    const origin = valuePosition(packed, text, m.index!, m.index! + m[0].length)?.origin ??
      originOf(packed);
    out.push({
      severity: "warning",
      code: "hydra-select",
      message: `\${hydra:${m[1]}} resolves to null: the hydra node has no ${missing} ` +
        "(Hydra's hydra resolver is OmegaConf.select, which gives null for a missing key)" +
        (near.length > 0 ? `. Did you mean ${near.map((k) => prefix + k).join(", ")}?` : ""),
      fullKey,
      ...(origin ? { origin } : {}),
    });
  }
  return out;
}

/**
 * Hydra's printing flags as commander options, shared by `compose` and `run`
 * (what they print is ./show.ts, loaded only when a command runs).
 *
 * @module
 */

import { Option } from "npm:@commander-js/extra-typings@15.1.0";
import { INFO_CHOICES } from "./hydra_argv.ts";

/**
 * Hydra's printing options as fresh Options, to add to a command in this
 * order: `-c/--cfg`, `-r/--resolve`, `-p/--package`, `-i/--info`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Command } from "npm:@commander-js/extra-typings@15.1.0";
 * import { showOptions } from "./show_options.ts";
 * const [cfg, resolve, pkg, info] = showOptions();
 * const cmd = new Command().addOption(cfg).addOption(resolve).addOption(pkg).addOption(info);
 * cmd.parse(["-c", "hydra", "-p", "hydra.job"], { from: "user" });
 * assert.deepEqual(cmd.opts(), { cfg: "hydra", package: "hydra.job", resolve: false });
 * ```
 */
export function showOptions() {
  return [
    new Option("-c, --cfg <which>", "print the config instead: the job's, the hydra node, or both")
      .choices(["job", "hydra", "all"] as const),
    new Option("-r, --resolve", "resolve interpolations in what --cfg prints").default(false),
    new Option("-p, --package <key>", "with --cfg: print only this node (e.g. db, hydra.job)"),
    new Option("-i, --info [what]", "print Hydra's information instead (default: all)")
      .choices(INFO_CHOICES),
  ] as const;
}

/**
 * Hydra's printing flags as commander options, shared by `compose` and `run`
 * (what they print is ./show.ts, loaded only when a command runs).
 *
 * @module
 */

import { Option } from "npm:@commander-js/extra-typings@15.1.0";
import { ErrorCode, StrataError } from "../core/errors.ts";
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

/** The printing flags as parsed, and `-m` where the command has it. */
export interface ShowFlags {
  cfg?: string;
  info?: string | true;
  resolve?: boolean;
  package?: string;
  multirun?: boolean;
}

/**
 * Hydra's rules for its printing flags (`_run_hydra`), as usage errors (exit
 * 2), checked before anything is read: `--resolve` needs `--cfg`, and only
 * one of `--multirun`, `--cfg` and `--info` (Hydra's sentence, with the flags
 * strata has). `run` prints nothing else, so `--package` needs `--cfg` there
 * too (Hydra ignores it silently). `compose` prints the job config without
 * `--cfg`, which `--resolve` and `--package` then apply to: only `--info`,
 * which prints no config, refuses them.
 *
 * @throws {StrataError} `usage`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkShowFlags } from "./show_options.ts";
 * assert.throws(() => checkShowFlags("run", { cfg: "job", multirun: true }), /Only one of/);
 * checkShowFlags("compose", { resolve: true });
 * ```
 */
export function checkShowFlags(command: "compose" | "run", f: ShowFlags): void {
  const usage = (message: string) => new StrataError(ErrorCode.Usage, message);
  if (command === "run") {
    if (f.resolve && f.cfg === undefined) {
      // (-r is --resolve in strata, as in `compose -r`: Hydra's own -r is --run)
      throw usage(
        "The --resolve flag can only be used in conjunction with --cfg or --help (-r is " +
          "--resolve: Hydra's -r/--run, one job, is what strata run does without a flag)",
      );
    }
    if (f.package !== undefined && f.cfg === undefined) {
      throw usage("The --package flag can only be used in conjunction with --cfg");
    }
    if (Number(!!f.multirun) + Number(f.cfg !== undefined) + Number(f.info !== undefined) > 1) {
      throw usage("Only one of --multirun, --cfg and --info can be specified");
    }
    return;
  }
  if (f.cfg !== undefined && f.info !== undefined) {
    throw usage("Only one of --cfg and --info can be specified");
  }
  const topic = f.info === true ? "all" : f.info;
  for (const [flag, set] of [["--resolve", f.resolve], ["--package", f.package]] as const) {
    if (topic !== undefined && set) {
      throw usage(
        `${flag} does not apply to --info ${topic}, which prints Hydra's information, not the config`,
      );
    }
  }
}

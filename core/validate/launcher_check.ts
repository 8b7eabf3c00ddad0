/**
 * The SLURM launcher's settings as a multirun reads them: hydra-submitit-launcher's
 * `SlurmQueueConf` types its fields, so a value of another type (`tasks_per_node:
 * ${trainer.devices}` that resolves to `auto`) fails every multirun of the composition, and
 * `strata sweep -f slurm|k8s|github` refuses it. `validate` says so where the value is written
 * (checker w62 #3: CI went green on a config the sweep then refused).
 *
 * @module
 */

import { ErrorCode, isStrataError } from "../errors.ts";
import type { Composition } from "../compose/compose.ts";
import { launcherSettings } from "../manifest/launcher.ts";
import type { ResolverFn } from "../resolve/resolvers.ts";
import { fromError, type Problem } from "./problems.ts";
import { runsAsMultirun } from "./hydra_check.ts";

/**
 * Checks `hydra.launcher`'s typed fields when the launcher is submitit's SlurmLauncher: an error
 * where the composition runs as a multirun, else a warning (only a multirun launches through
 * it). A field that does not resolve is the hydra node's check's to report, not this one's.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkLauncher } from "./launcher_check.ts";
 * import { compose } from "../compose/compose.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.mkdirSync(dir + "/hydra/launcher", { recursive: true });
 * Deno.writeTextFileSync(dir + "/hydra/launcher/submitit_slurm.yaml",
 *   "_target_: hydra_plugins.hydra_submitit_launcher.submitit_launcher.SlurmLauncher\n" +
 *   "tasks_per_node: 1\n");
 * Deno.writeTextFileSync(dir + "/config.yaml", "defaults:\n  - override hydra/launcher: " +
 *   "submitit_slurm\n  - _self_\nn: auto\nhydra:\n  mode: MULTIRUN\n  launcher:\n" +
 *   "    tasks_per_node: ${n}\n");
 * const out: import("./problems.ts").Problem[] = [];
 * checkLauncher(compose({ configDir: dir, configName: "config" }), {}, out);
 * assert.deepEqual(out.map((p) => [p.severity, p.fullKey, p.origin?.line]), [
 *   ["error", "hydra.launcher.tasks_per_node", 8],
 * ]);
 * ```
 */
export function checkLauncher(
  c: Composition,
  resolvers: Record<string, ResolverFn>,
  out: Problem[],
): void {
  try {
    launcherSettings(c, "slurm", {}, resolvers);
  } catch (e) {
    if (!isStrataError(e) || e.code !== ErrorCode.Validation) return;
    const p = fromError(e);
    if (!runsAsMultirun(c.hydra)) {
      p.severity = "warning";
      p.message += ": a multirun of this composition fails on it (hydra.mode is not MULTIRUN " +
        "and no sweeper params are given: a single run does not launch through it)";
    }
    out.push(p);
  }
}

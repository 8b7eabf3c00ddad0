/**
 * `compose --format flat|mlflow|wandb`: the resolved config as tracker
 * params. What MLflow's limits cut is reported on stderr, never silently.
 *
 * @module
 */

import { formatWarning } from "../core/errors.ts";
import type { DictNode, Origin } from "../core/node.ts";
import { flatLines, mlflowParams, wandbConfigJson } from "../core/output/flat.ts";
import { writeErr } from "./output.ts";

/** The `--format` values that print tracker params. */
export const TRACKER_FORMATS = ["flat", "mlflow", "wandb"] as const;
/** The `--format` values that draw the defaults tree. */
export const GRAPH_FORMATS = ["mermaid", "dot"] as const;

/** Whether a `--format` value is a tracker format. */
export const isTrackerFormat = (f: string): f is typeof TRACKER_FORMATS[number] =>
  (TRACKER_FORMATS as readonly string[]).includes(f);

/**
 * The text to print for a tracker format; truncations go to stderr.
 *
 * @example
 * ```ts ignore
 * writeOut(trackerOutput("mlflow", resolveComposition(c)));
 * ```
 */
export function trackerOutput(format: typeof TRACKER_FORMATS[number], config: DictNode): string {
  if (format === "flat") return flatLines(config);
  if (format === "wandb") return wandbConfigJson(config) + "\n";
  const { batches, truncated, refused } = mlflowParams(config);
  for (const r of refused) {
    writeErr(formatWarning(
      `mlflow: MLflow's log_batch refuses the param name '${r.key}': ${r.reason}`,
      r.origin,
    ));
  }
  for (const t of truncated) {
    writeErr(formatWarning(
      `mlflow: the ${t.what} of '${t.key}' has ${t.length} characters, ` +
        `cut to MLflow's limit of ${t.limit}`,
      t.origin,
    ));
  }
  return "[\n" + batches.map((b) => "  " + JSON.stringify(b)).join(",\n") + "\n]\n";
}

/**
 * One warning for the params that read a value only a run has and are None here (all of them
 * named, the first's place given).
 *
 * @example
 * ```ts ignore
 * warnRunOnly(runOnlyParams(c.config, params));
 * ```
 */
export function warnRunOnly(params: readonly { key: string; origin?: Origin }[]): void {
  if (params.length === 0) return;
  const keys = params.length > 4
    ? `${params.slice(0, 4).map((p) => p.key).join(", ")} and ${params.length - 4} more`
    : params.map((p) => p.key).join(", ");
  const one = params.length === 1;
  writeErr(formatWarning(
    `${keys} read${one ? "s" : ""} the run's dir or job number (\${hydra:runtime.output_dir}, ` +
      `\${hydra:job.num}), which only a run has: outside one ${one ? "it is" : "they are"} None ` +
      "here, as in Hydra's --cfg job --resolve; the app logging its own params inside " +
      "`strata run` gets the run's values",
    params[0].origin,
  ));
}

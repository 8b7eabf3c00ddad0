/**
 * `compose --format flat|mlflow|wandb`: the resolved config as tracker
 * params. What MLflow's limits cut is reported on stderr, never silently.
 *
 * @module
 */

import { formatOrigin } from "../core/errors.ts";
import type { DictNode } from "../core/node.ts";
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
    const at = r.origin ? ` (${formatOrigin(r.origin)})` : "";
    writeErr(
      `warning: mlflow: MLflow's log_batch refuses the param name '${r.key}'${at}: ${r.reason}`,
    );
  }
  for (const t of truncated) {
    const at = t.origin ? ` (${formatOrigin(t.origin)})` : "";
    writeErr(
      `warning: mlflow: the ${t.what} of '${t.key}'${at} has ${t.length} characters, ` +
        `cut to MLflow's limit of ${t.limit}`,
    );
  }
  return "[\n" + batches.map((b) => "  " + JSON.stringify(b)).join(",\n") + "\n]\n";
}

/**
 * An option of Hydra's groups `hydra/output` and `hydra/env` written without
 * `# @package hydra`. Hydra's own options of these two groups carry that
 * header, as HydraConf has no `output` or `env` key: without it the option's
 * keys land at `hydra.output` (or `hydra.env`), which Hydra keeps and never
 * reads, so its `run.dir` and `sweep.dir` stay unset and a run fails later at
 * Hydra's schema ("Missing mandatory value: hydra.run.dir"), far from the
 * file. Hydra says nothing at the file; strata warns there.
 *
 * @module
 */

import type { LocatedWarning, ResultDefault } from "./defaults_tree_node.ts";

/** Hydra's groups whose options Hydra's own files put at `hydra` (no key of that name). */
const AT_HYDRA = ["output", "env"];

/**
 * A warning at each option of `hydra/output` or `hydra/env` merged at its
 * group's package (`hydra.output`) instead of `hydra`; `fileOf` gives the
 * option's file.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { headerlessHydraOptions } from "./hydra_headerless.ts";
 * const d = (configPath: string, pkg: string) =>
 *   ({ configPath, package: pkg, isSelf: false, primary: false });
 * const [w] = headerlessHydraOptions(
 *   [d("hydra/output/mine", "hydra.output"), d("hydra/output/default", "hydra")],
 *   (p) => `conf/${p}.yaml`,
 * );
 * assert.match(w.message, /lands at hydra\.output/);
 * assert.deepEqual(w.origin, { file: "conf/hydra/output/mine.yaml", line: 1, col: 1 });
 * ```
 */
export function headerlessHydraOptions(
  defaults: readonly ResultDefault[],
  fileOf: (configPath: string) => string | undefined,
): LocatedWarning[] {
  const out: LocatedWarning[] = [];
  for (const d of defaults) {
    const group = AT_HYDRA.find((g) => d.configPath.startsWith(`hydra/${g}/`));
    if (group === undefined || d.isSelf || d.package !== `hydra.${group}`) continue;
    const file = fileOf(d.configPath);
    // Hydra's own (pkg://) and ConfigStore's (structured://) are not the user's to fix
    if (file === undefined || /^[a-z]+:\/\//.test(file)) continue;
    out.push({
      message: `an option of hydra/${group} without '# @package hydra' lands at ` +
        `hydra.${group}, a key Hydra never reads (so its run and sweep dirs are not set): ` +
        `Hydra's own hydra/${group} options start with '# @package hydra'`,
      origin: { file, line: 1, col: 1 },
    });
  }
  return out;
}

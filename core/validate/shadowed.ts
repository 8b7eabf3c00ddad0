/**
 * A config of the user's at the path of one of Hydra's own options
 * (`conf/hydra/output/default.yaml`): Hydra searches `pkg://hydra.conf`
 * before the config directory, so its own option is the one found and the
 * user's file is never read (eai-vc's mujoco_vc and eaif_models set their
 * sweep dir there, and get Hydra's default). Hydra says nothing; validate
 * warns, at the file.
 *
 * @module
 */

import { HYDRA_PKG_CONFIGS } from "../hydra/conf.ts";
import type { Problem } from "./problems.ts";
import type { ConfFile } from "./tree.ts";

/**
 * A warning for each of `files` that has the config path of one of Hydra's
 * own options.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { shadowedByHydra } from "./shadowed.ts";
 * const found = shadowedByHydra([
 *   { file: "conf/hydra/output/default.yaml", configPath: "hydra/output/default" },
 *   { file: "conf/hydra/output/mine.yaml", configPath: "hydra/output/mine" },
 * ]);
 * assert.deepEqual(found.map((p) => p.origin?.file), ["conf/hydra/output/default.yaml"]);
 * ```
 */
export function shadowedByHydra(files: readonly ConfFile[]): Problem[] {
  return files.filter((f) => Object.hasOwn(HYDRA_PKG_CONFIGS, f.configPath)).map((f) => {
    const slash = f.configPath.lastIndexOf("/");
    const group = f.configPath.slice(0, slash);
    return {
      severity: "warning",
      code: "shadowed",
      message: `never read: Hydra's own option ${f.configPath} is found first (Hydra searches ` +
        `pkg://hydra.conf before the config directory), so ${group}=${
          f.configPath.slice(slash + 1)
        } chooses Hydra's; give this file another name and choose that ` +
        `(override ${group}: NAME)`,
      origin: { file: f.file },
    };
  });
}

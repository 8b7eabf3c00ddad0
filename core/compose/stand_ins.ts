/**
 * Composing a config whose defaults list leaves a group to the command line
 * (`model: ???`): Hydra stops at "You must specify 'model'"; a command that
 * describes the whole tree (completion, `strata schema`) lets the group's
 * first option stand in and goes on.
 *
 * @module
 */

import { isStrataError } from "../errors.ts";
import { compose, type ComposeOptions, type Composition, searchPathRepository } from "./compose.ts";
import type { Repository } from "./repository.ts";
import { parseOverride } from "../override/parse.ts";
import { choiceOverride } from "../override/format.ts";

/** A `???` group {@link composeStandingIn} filled: its override key and the option standing in. */
export interface StandIn {
  /** The override key (`task/model`, `db@backup`). */
  key: string;
  /** The group (`task/model`). */
  group: string;
  /** Its first option, which stands in (`mlp`). */
  option: string;
}

/** How many `???` groups {@link composeStandingIn} fills before it gives up. */
const MAX_FILLS = 16;

/**
 * Composes `opts`; each group left `???` that it meets gets its first option
 * (in Hydra's order of options), appended to the overrides. Throws what
 * compose throws when that is anything else, or the group has no option.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { composeStandingIn } from "./stand_ins.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.mkdirSync(`${dir}/model`);
 * Deno.writeTextFileSync(`${dir}/config.yaml`, "defaults:\n  - model: ???\n");
 * Deno.writeTextFileSync(`${dir}/model/mlp.yaml`, "w: 1\n");
 * Deno.writeTextFileSync(`${dir}/model/unet.yaml`, "w: 2\n");
 * const { composition, standIns, overrides } = composeStandingIn({ configDir: dir, configName: "config" });
 * assert.deepEqual(standIns, [{ key: "model", group: "model", option: "mlp" }]);
 * assert.deepEqual(overrides, ["model=mlp"]);
 * assert.equal(composition.choices?.model, "mlp");
 * ```
 */
export function composeStandingIn(opts: ComposeOptions): {
  composition: Composition;
  standIns: StandIn[];
  overrides: string[];
} {
  let overrides = opts.overrides ?? [];
  const standIns: StandIn[] = [];
  let repo: Repository | undefined;
  for (let filled = 0;; filled++) {
    try {
      return { composition: compose({ ...opts, overrides }), standIns, overrides };
    } catch (e) {
      const said = isStrataError(e) && filled < MAX_FILLS ? e.message : "";
      const key = /You must specify '([^']+)'/.exec(said)?.[1];
      if (key === undefined) throw e;
      const group = key.split("@")[0];
      // (every override parsed, as compose got this far: `hydra.searchpath=[...]` counts)
      repo ??= searchPathRepository(opts, overrides.map((t, i) => parseOverride(t, i)));
      const option = repo.groupOptions(group)[0];
      if (option === undefined) throw e;
      overrides = [...overrides, choiceOverride(key, option)];
      standIns.push({ key, group, option });
    }
  }
}

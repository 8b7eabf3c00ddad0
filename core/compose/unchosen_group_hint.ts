/**
 * `${action_optimizer}` where `action_optimizer` is a config group no defaults
 * list of the composition chose (mbrl-lib's planet, run without
 * `+action_optimizer=cem`): OmegaConf can only say the key is not there; the
 * composition knows the group, its options and how to add one.
 *
 * @module
 */

import type { RelatedInit } from "../errors.ts";
import type { AbsentKeyHint } from "../resolve/absent_key_hint.ts";
import type { Repository } from "./repository.ts";
import { canonicalKey, type DictNode } from "../node.ts";

/** How many options the note lists. */
const LISTED = 5;

/**
 * The note for an absent key whose first segment is a config group the
 * composition did not choose (none of `choices`' keys is that group, at any
 * package).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Repository } from "./repository.ts";
 * import { mainSources } from "./search_path.ts";
 * import { unchosenGroupHint } from "./unchosen_group_hint.ts";
 * const conf = Deno.makeTempDirSync();
 * Deno.mkdirSync(`${conf}/opt`);
 * Deno.writeTextFileSync(`${conf}/opt/cem.yaml`, "k: 1\n");
 * const hint = unchosenGroupHint(new Repository(mainSources(conf, [])), new Map());
 * assert.match(hint("opt.k")!.message, /add one with \+opt=cem/);
 * assert.equal(hint("nope"), undefined);
 * Deno.removeSync(conf, { recursive: true });
 * ```
 */
export function unchosenGroupHint(
  repo: Repository,
  choices: ReadonlyMap<string, string | null>,
  config?: DictNode,
): AbsentKeyHint {
  return (key: string): RelatedInit | undefined => {
    const group = key.split(".")[0];
    if (group === "" || group === "hydra" || !/^[\w-]+$/.test(group)) return undefined;
    // a key of the config already (written by another option, `combo` writing `env:`): adding
    // the group would change it, and the key read is a typo under it (checker v34)
    if (config?.entries.has(canonicalKey(group))) return undefined;
    if (!repo.groupExists(group)) return undefined;
    const chosen = [...choices.keys()].some((k) => k.split("@")[0] === group);
    if (chosen) return undefined;
    const options = repo.groupOptions(group);
    if (options.length === 0) return undefined;
    const more = options.length > LISTED ? `, and ${options.length - LISTED} more` : "";
    return {
      message: `'${group}' is a config group no defaults list of this composition chooses: ` +
        `add one with +${group}=${options[0]} (options: ${
          options.slice(0, LISTED).join(", ")
        }${more})`,
      origin: {},
    };
  };
}

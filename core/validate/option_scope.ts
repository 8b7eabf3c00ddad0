/**
 * `.strata.yaml`'s `validate.options`: which options of a group `strata validate` tries with a
 * primary config, for trees whose group options belong to particular primaries (image tasks for
 * the image workspaces, lowdim tasks for the lowdim ones):
 *
 * ```yaml
 * validate:
 *   options:                      # per primary: globs of a group's options to try with it
 *     train_image_workspace: {task: ["*_image*"]}
 * ```
 *
 * A group a primary does not name here keeps every option; an empty list (`contextual: []`) tries
 * none of its options (a directory of other primaries, or of bases other configs include); the
 * primary's own default is always composed.
 *
 * @module
 */

import { ErrorCode, StrataError } from "../errors.ts";
import { type Node, type Origin, originOf } from "../node.ts";
import { fnmatch } from "../override/format.ts";
import { suggest } from "../suggest.ts";
import { keyOrigin } from "../yaml/columns.ts";
import type { Problem } from "./problems.ts";

/** The options of one group tried with one primary config. */
export interface OptionScope {
  /** The primary config (`train_image_workspace`, as `-n` names it). */
  primary: string;
  /** Where the settings name the primary. */
  primaryAt?: Origin;
  /** The group (`task`, `server/site`); "" when the primary maps to no group (`train: {}`). */
  group: string;
  /** Where the settings name the group. */
  groupAt?: Origin;
  /** fnmatch patterns of the options to try (`*_image*`), as Hydra's `glob()` takes them. */
  globs: string[];
  /** Where each glob is written. */
  globsAt: (Origin | undefined)[];
}

/** The group of a scope that names a primary with an empty mapping: no group is scoped. */
const NO_GROUP = "";

function bad(message: string, at: Origin | undefined, file: string, key: string): StrataError {
  return new StrataError(ErrorCode.Value, message, {
    origin: at ?? { file, line: 1, col: 1 },
    fullKey: key,
  });
}

/** Where a mapping's key is written, from its value's place. */
function keyAt(text: string, value: Node, key: string): Origin | undefined {
  const at = originOf(value.origin);
  return (at && keyOrigin(text, at, key)) ?? at;
}

/**
 * Reads `validate.options` (its value node) of a settings file.
 *
 * @throws {StrataError} `value`, located, when it is not a mapping of primaries to mappings of
 * groups to a glob or a list of globs.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml } from "../yaml/load.ts";
 * import { readOptionScopes } from "./option_scope.ts";
 * const text = "train: {task: ['*_image*']}\n";
 * const [s] = readOptionScopes(loadYaml(text, { file: "s.yaml" }), "s.yaml", text);
 * assert.deepEqual([s.primary, s.group, s.globs], ["train", "task", ["*_image*"]]);
 * assert.deepEqual(s.groupAt, { file: "s.yaml", line: 1, col: 9 });
 * ```
 */
export function readOptionScopes(node: Node, file: string, text: string): OptionScope[] {
  const key = "validate.options";
  if (node.kind !== "dict") {
    throw bad(`${key} must be a mapping of primary configs`, originOf(node.origin), file, key);
  }
  const out: OptionScope[] = [];
  for (const p of node.entries.values()) {
    const primary = String(p.key);
    const primaryAt = keyAt(text, p.node, primary);
    const pKey = `${key}.${primary}`;
    if (p.node.kind !== "dict") {
      throw bad(`${pKey} must be a mapping of groups to option globs`, primaryAt, file, pKey);
    }
    // `trian: {}` scopes no group but still names a primary, which must be one (checker w37)
    if (p.node.entries.size === 0) {
      out.push({ primary, primaryAt, group: NO_GROUP, globs: [], globsAt: [] });
    }
    for (const g of p.node.entries.values()) {
      const group = String(g.key);
      const gKey = `${pKey}.${group}`;
      const items = g.node.kind === "list" ? g.node.items : [g.node];
      const globs: string[] = [];
      const globsAt: (Origin | undefined)[] = [];
      for (const item of items) {
        if (item.kind !== "value" || item.type !== "str") {
          throw bad(`${gKey} must be a glob or a list of globs`, originOf(item.origin), file, gKey);
        }
        globs.push(item.value as string);
        globsAt.push(originOf(item.origin));
      }
      out.push({ primary, primaryAt, group, groupAt: keyAt(text, g.node, group), globs, globsAt });
    }
  }
  return out;
}

/**
 * A group's options as validate tries them: its own, then those of its sub-directories
 * (`contextual/ant/config.yaml` is `contextual`'s `ant/config`, as `+contextual=ant/config`
 * names it), also for a group with no options of its own; undefined when there is no such
 * directory.
 */
function groupOptions(groups: Map<string, string[]>, group: string): string[] | undefined {
  const prefix = `${group}/`;
  const nested = [...groups].flatMap(([g, options]) =>
    g.startsWith(prefix) ? options.map((o) => `${g.slice(prefix.length)}/${o}`) : []
  );
  const own = groups.get(group);
  return own === undefined && nested.length === 0 ? undefined : [...(own ?? []), ...nested];
}

/**
 * The mistakes of `validate.options` against the tree: a primary that is no config of it, a
 * group it does not have, a glob that matches none of the group's options (it would try none).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkOptionScopes } from "./option_scope.ts";
 * const scope = { primary: "trian", group: "task", globs: ["*_image"], globsAt: [] };
 * const [p] = checkOptionScopes([scope], new Map([["task", ["a_image"]]]), ["train"]);
 * assert.match(p.message, /^no config 'trian'/);
 * assert.deepEqual(p.suggestions, ["train"]);
 * ```
 */
export function checkOptionScopes(
  scopes: OptionScope[],
  groups: Map<string, string[]>,
  configs: string[],
): Problem[] {
  const out: Problem[] = [];
  const problem = (message: string, fullKey: string, at?: Origin, suggestions: string[] = []) => {
    const p: Problem = { severity: "error", code: ErrorCode.Value, message, fullKey };
    if (at) p.origin = at;
    if (suggestions.length > 0) p.suggestions = suggestions;
    out.push(p);
  };
  const said = new Set<string>();
  for (const s of scopes) {
    const key = `validate.options.${s.primary}`;
    if (!configs.includes(s.primary)) {
      if (!said.has(s.primary)) {
        problem(
          `no config '${s.primary}' in the config directory to scope options for`,
          key,
          s.primaryAt,
          suggest(s.primary, configs),
        );
      }
      said.add(s.primary);
      continue;
    }
    if (s.group === NO_GROUP) continue;
    // `group@package` scopes the options tried at that package (one slot of the group)
    const options = groupOptions(groups, s.group.split("@")[0]);
    if (options === undefined) {
      const known = [...groups.keys()];
      problem(`no group '${s.group}' in the config directory`, `${key}.${s.group}`, s.groupAt, [
        ...suggest(s.group, known),
      ]);
      continue;
    }
    s.globs.forEach((g, i) => {
      if (options.some((o) => fnmatch(o, g))) return;
      problem(
        `'${g}' matches no option of group '${s.group}' (${options.join(", ")})`,
        `${key}.${s.group}`,
        s.globsAt[i] ?? s.groupAt,
      );
    });
  }
  return out;
}

/**
 * Whether validate tries `option` of `group` with `primary` (at the choice `key`, `group@pkg`
 * for one slot of the group): yes unless the scopes name that primary and the slot, else the
 * group, and no glob of theirs matches it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { allowedOption } from "./option_scope.ts";
 * const scopes = [{ primary: "train", group: "task", globs: ["*_image*"], globsAt: [] }];
 * assert.ok(allowedOption(scopes, "train", "task", "pusht_image"));
 * assert.ok(!allowedOption(scopes, "train", "task", "pusht_lowdim"));
 * assert.ok(allowedOption(scopes, "eval", "task", "pusht_lowdim"));
 * // an empty list: no option of the group
 * const none = [{ primary: "train", group: "contextual", globs: [], globsAt: [] }];
 * assert.ok(!allowedOption(none, "train", "contextual", "ant/config"));
 * // one slot of a group (`key`, its choice's key) scoped on its own
 * const slot = [{ primary: "config", group: "parts@agent.actor", globs: ["*_actor"], globsAt: [] }];
 * assert.ok(!allowedOption(slot, "config", "parts", "x_critic", "parts@agent.actor"));
 * assert.ok(allowedOption(slot, "config", "parts", "x_critic", "parts@agent.critic"));
 * ```
 */
export function allowedOption(
  scopes: OptionScope[],
  primary: string | null,
  group: string,
  option: string,
  key?: string,
): boolean {
  // a slot of the group (`agent/components@agent.actor`) scoped on its own; else the group's scope
  const slot = key !== undefined && key !== group
    ? scopes.filter((s) => s.primary === primary && s.group === key)
    : [];
  const mine = slot.length > 0
    ? slot
    : scopes.filter((s) => s.primary === primary && s.group === group);
  return mine.length === 0 || mine.some((s) => s.globs.some((g) => fnmatch(option, g)));
}

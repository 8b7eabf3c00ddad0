/**
 * The rules of one defaults list Hydra checks while expanding it: at most one
 * `_self_` (added when missing), and overrides only at the end.
 *
 * @module
 */

import { ErrorCode, StrataError } from "../errors.ts";
import { ConfigDefault, GroupDefault, type InputDefault } from "./element.ts";
import type { OverrideState } from "./overrides_state.ts";
import type { LocatedWarning } from "./defaults_tree_node.ts";

/**
 * Checks that a defaults list has at most one `_self_` and adds one at the end
 * when it has none (with Hydra's warning for a primary config with content);
 * returns whether it was added.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ConfigDefault, type InputDefault } from "./element.ts";
 * import { validateSelf } from "./defaults_list_rules.ts";
 * const list: InputDefault[] = [new ConfigDefault("db/mysql")];
 * assert.equal(validateSelf(new ConfigDefault("config"), list, false, []), true);
 * assert.equal(list.length, 2);
 * ```
 */
export function validateSelf(
  containing: InputDefault,
  defaults: InputDefault[],
  hasContent: boolean,
  warnings: LocatedWarning[],
): boolean {
  let hasSelf = false;
  let hasNonOverride = false;
  for (const d of defaults) {
    if (!(d instanceof GroupDefault && d.override)) hasNonOverride = true;
    if (d.isSelf()) {
      if (hasSelf) {
        throw new StrataError(
          ErrorCode.Composition,
          `Duplicate _self_ defined in ${containing.configPath()}`,
          { origin: d.origin },
        );
      }
      hasSelf = true;
    }
  }
  if ((!hasSelf && hasNonOverride) || defaults.length === 0) {
    if (containing.primary && hasContent && hasNonOverride) {
      warnings.push({
        message:
          `In '${containing.configPath()}': Defaults list is missing \`_self_\`. See https://hydra.cc/docs/1.2/upgrades/1.0_to_1.1/default_composition_order for more information`,
        // the list, at its first entry (the `defaults` key itself keeps no place)
        origin: defaults[0]?.origin ?? containing.origin,
        primarySelf: true,
      });
    }
    defaults.push(new ConfigDefault("_self_"));
  }
  return !hasSelf;
}

/**
 * Hydra 1.3's deprecation warning for a `hydra/x: y` entry without `override`
 * under version_base 1.1 (it is read as `override hydra/x: y`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { legacyHydraOverrideWarning } from "./defaults_list_rules.ts";
 * assert.equal(
 *   legacyHydraOverrideWarning("config", "hydra/job_logging"),
 *   "In config: Invalid overriding of hydra/job_logging:\n" +
 *     "Default list overrides requires 'override' keyword.\n" +
 *     "See https://hydra.cc/docs/1.2/upgrades/1.0_to_1.1/defaults_list_override for more information.",
 * );
 * ```
 */
export function legacyHydraOverrideWarning(parentPath: string, group: string): string {
  return `In ${parentPath}: Invalid overriding of ${group}:\n` +
    "Default list overrides requires 'override' keyword.\n" +
    "See https://hydra.cc/docs/1.2/upgrades/1.0_to_1.1/defaults_list_override for more information.";
}

/**
 * Records a defaults list's `override` entries in the override state, after
 * checking that they come last (and not under an interpolated choice). With
 * `legacyWarnings` (version_base 1.1), a `hydra/x: y` entry without `override`
 * is one, as Hydra 1.0 configs wrote it, warned of there; it may come before
 * other entries.
 *
 * @example
 * ```ts ignore
 * updateOverrides(defaults, state, parent, false);
 * ```
 */
export function updateOverrides(
  defaults: InputDefault[],
  state: OverrideState,
  parent: InputDefault,
  interpolated: boolean,
  legacyWarnings?: LocatedWarning[],
): void {
  let seenOverride = false;
  let last: GroupDefault | undefined;
  for (const d of defaults) {
    if (d.isSelf()) continue;
    d.updateParent(parent.groupPath(), parent.finalPackage());
    // version_base 1.2 and later have no legacy `hydra/x: y` overrides: they are plain choices
    const legacyHydra = legacyWarnings !== undefined && d instanceof GroupDefault && !d.override &&
      d.group.startsWith("hydra/");
    const isOverride = d instanceof GroupDefault && d.override;
    const isAppend = d instanceof GroupDefault && d.externalAppend;
    if (seenOverride && !(isOverride || isAppend || legacyHydra)) {
      throw new StrataError(
        ErrorCode.Composition,
        `In ${parent.configPath()}: Override '${last!.overrideKey()} : ${
          last!.name()
        }' is defined before '${d.overrideKey()}: ${d.name()}'.\nOverrides must be at the end of the defaults list`,
        {
          origin: d.origin,
          // `overide /logger: csv` (checker w35): the misspelt keyword is why the entry is no override
          related: d.ignoredWords?.map((w) => ({
            message:
              `'${w}' is no defaults keyword: Hydra drops the word and reads this entry as ` +
              `a plain choice of ${d.overrideKey()}, not an override. Did you mean 'override'?`,
            origin: d.keyOrigin ?? d.origin ?? {},
          })) ??
            // the override to move, where it is written (checker v47)
            // or, the entry replacing a choice made elsewhere, the entry's `override` forgotten
            // (moved first, it would be Hydra's "Multiple values": checker v48)
            // (an entry that is a config, not a group's choice, can be no override: moving
            // the override is the one fix, checker v55 #2)
            (last!.origin === undefined ? undefined : [{
              message: `the override of ${last!.overrideKey()}: move it below ` +
                `'${d.overrideKey()}: ${d.name()}'` + (d instanceof GroupDefault
                  ? `; or, if that entry replaces a choice of ${d.overrideKey()} made ` +
                    `elsewhere, make it an override too: 'override /${d.overrideKey()}: ${d.name()}'`
                  : ""),
              origin: last!.keyOrigin ?? last!.origin,
            }]),
        },
      );
    }
    if (d instanceof GroupDefault) {
      if (legacyHydra) {
        d.override = true;
        const message = legacyHydraOverrideWarning(parent.configPath(), d.group);
        const same = (w: LocatedWarning) =>
          w.message === message && w.origin?.file === d.origin?.file;
        if (!legacyWarnings!.some(same)) legacyWarnings!.push({ message, origin: d.origin });
      }
      if (d.override) {
        if (!legacyHydra) seenOverride = true;
        last = d;
        if (interpolated) {
          throw new StrataError(
            ErrorCode.Composition,
            `${parent.configPath()}: Default List Overrides are not allowed in the subtree\nof an in interpolated config group (override ${d.overrideKey()}=${d.name()}).\n`,
            { origin: d.origin },
          );
        }
        state.addOverride(parent.configPath(), d);
      }
    }
  }
}

/**
 * A `+key=value` override whose key is no config group but one near it is (`+experiment=x`
 * beside the group `experiments`): Hydra adds a key, and the run silently gets none of the
 * group's options, so strata warns.
 *
 * @module
 */

import { suggest } from "../suggest.ts";
import type { Override } from "../override/types.ts";
import type { LocatedWarning } from "./defaults_tree_node.ts";
import type { Repository } from "./repository.ts";

/**
 * `+experiment=x` where the tree has a group `experiments` and none named
 * `experiment`: Hydra adds the key `experiment: x` (a config override), so
 * the run silently gets none of the group's options. Said as a warning at
 * the override, with the group it likely meant.
 *
 * @example
 * ```ts ignore
 * const w = groupTypoWarning(parseOverride("+experiment=base", 0), repo);
 * // w?.message: "'experiment' is no config group: ... Did you mean the group 'experiments'?"
 * ```
 */
export function groupTypoWarning(o: Override, repo: Repository): LocatedWarning | undefined {
  // a string, as an option's name is (`+experiment=base`, not `+epochs=3`)
  const v = o.value?.kind === "element" ? o.value.node : undefined;
  if (o.type !== "add" || o.key.includes(".") || v?.kind !== "value" || v.type !== "str") {
    return undefined;
  }
  // `+grp@pkg=x`: Hydra adds no key but fails ("looks like a config group override"), and that
  // error names the groups meant (checker v42)
  if (o.package !== null) return undefined;
  const near = nearGroupPaths(o.key, repo);
  if (near.length === 0) return undefined;
  const groups = near.map((g) => `'${g}'`).join(", ");
  return {
    message: `'${o.key}' is no config group: ${o.text} adds the key ${o.key}, as Hydra does. ` +
      `Did you mean the group ${groups}?`,
    origin: { override: o.index ?? 0, text: o.text },
  };
}

/**
 * The groups a path that names none likely meant (`policy/position_encodin`); none if it is one.
 *
 * @example
 * ```ts ignore
 * nearGroupPaths("experiment/base", repo); // ["experiments/base"]
 * ```
 */
export function nearGroupPaths(key: string, repo: Repository): string[] {
  if (repo.groupExists(key)) return [];
  // the first directory of the path that is not there is the typo (`experiment/base` for
  // `experiments/base`): its near siblings, with the rest of the path, where that is a group
  const segs = key.split("/");
  let parent = "";
  let near: string[] = [];
  for (let i = 0; i < segs.length; i++) {
    const path = parent === "" ? segs[i] : `${parent}/${segs[i]}`;
    if (i < segs.length - 1 && repo.groupExists(path)) {
      parent = path;
      continue;
    }
    near = suggest(segs[i], repo.groupOptions(parent, "group"))
      .filter((g) => g !== "hydra")
      .map((g) => [...(parent === "" ? [] : [parent]), g, ...segs.slice(i + 1)].join("/"))
      .filter((g) => i === segs.length - 1 || repo.groupExists(g));
    break;
  }
  return near;
}

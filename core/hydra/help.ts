/**
 * The help pages a Hydra app prints for `--help` and `--hydra-help`: the
 * template the config holds (`hydra.help.template`,
 * `hydra.hydra_help.template`), resolved as a config value, then with its
 * `$NAME` placeholders filled as Python's `string.Template.substitute` fills
 * them: `$APP_CONFIG_GROUPS`, `$HYDRA_CONFIG_GROUPS`, `$CONFIG` and
 * `$FLAGS_HELP`.
 *
 * @module
 */

import { ErrorCode, StrataError } from "../errors.ts";
import type { NodeOrigin } from "../node.ts";

/** What a config group listing reads: a group's sub-groups and its options. */
export interface GroupLister {
  /** The options (`kind` "config") or the sub-groups (`kind` "group") of `group`; "" is the root. */
  groupOptions(group: string, kind?: "config" | "group"): string[];
}

/** strata's schema directory (core/validate/tree.ts): strata's own files, no config group. */
const SCHEMA_DIR = "_schema";

/** Every group under `parent` that holds configs, nested ones too (Hydra's list_all_config_groups). */
function allConfigGroups(repo: GroupLister, parent = "", out: string[] = []): string[] {
  for (const sub of repo.groupOptions(parent, "group")) {
    const group = parent === "" ? sub : `${parent}/${sub}`;
    if (group === SCHEMA_DIR) continue;
    if (repo.groupOptions(group, "config").length > 0) out.push(group);
    allConfigGroups(repo, group, out);
  }
  return out;
}

/** Whether `group` is one of Hydra's own (`hydra`, `hydra/launcher`, ...). */
const isHydraGroup = (group: string) => group === "hydra" || group.startsWith("hydra/");

/**
 * The config groups of the search path and their options, one `group: a, b`
 * line each, sorted, as Hydra's help lists them: the app's groups
 * (`$APP_CONFIG_GROUPS`), or with `hydra` Hydra's own (`$HYDRA_CONFIG_GROUPS`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { configGroupsText } from "./help.ts";
 * const tree: Record<string, { group: string[]; config: string[] }> = {
 *   "": { group: ["db", "hydra"], config: ["config"] },
 *   db: { group: [], config: ["mysql", "postgresql"] },
 *   hydra: { group: ["launcher"], config: [] },
 *   "hydra/launcher": { group: [], config: ["basic"] },
 * };
 * const repo = { groupOptions: (g: string, kind: "config" | "group" = "config") => tree[g][kind] };
 * assert.equal(configGroupsText(repo), "db: mysql, postgresql\n");
 * assert.equal(configGroupsText(repo, true), "hydra/launcher: basic\n");
 * ```
 */
export function configGroupsText(repo: GroupLister, hydra = false): string {
  const groups = allConfigGroups(repo).filter((g) => isHydraGroup(g) === hydra).sort();
  return groups.map((g) => `${g}: ${repo.groupOptions(g, "config").join(", ")}\n`).join("");
}

/** The placeholders a help template may hold, by name. */
export interface HelpValues {
  APP_CONFIG_GROUPS: string;
  HYDRA_CONFIG_GROUPS: string;
  CONFIG: string;
  FLAGS_HELP: string;
}

/** Python's `string.Template` pattern: `$$`, `$name`, `${name}`, or a `$` that starts none. */
const PLACEHOLDER = /\$(?:(\$)|([_a-z][_a-z0-9]*)|\{([_a-z][_a-z0-9]*)\}|())/gi;

/**
 * A resolved help template with its placeholders filled, as Hydra prints it
 * (`print` adds the last line end). `key` names the template's config key for
 * errors: a placeholder Hydra does not fill (Python's KeyError) or a `$` that
 * starts none (ValueError) is an error at the template's origin.
 *
 * @throws {StrataError} `value`: an unknown or malformed placeholder.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fillHelpTemplate } from "./help.ts";
 * const values = { APP_CONFIG_GROUPS: "db: mysql\n", HYDRA_CONFIG_GROUPS: "", CONFIG: "a: 1\n", FLAGS_HELP: "" };
 * assert.equal(fillHelpTemplate("$APP_CONFIG_GROUPS\n${CONFIG}costs $$5", values, "hydra.help.template"), "db: mysql\n\na: 1\ncosts $5\n");
 * assert.throws(() => fillHelpTemplate("$NAME", values, "hydra.help.template"), /unknown placeholder \$NAME/);
 * ```
 */
export function fillHelpTemplate(
  template: string,
  values: HelpValues,
  key: string,
  origin?: NodeOrigin,
): string {
  const filled = template.replace(
    PLACEHOLDER,
    (
      whole,
      dollar: string | undefined,
      named: string | undefined,
      braced: string | undefined,
      _bad,
      at: number,
    ) => {
      if (dollar !== undefined) return "$";
      const name = named ?? braced;
      if (name === undefined) {
        const before = template.slice(0, at);
        const line = before.split("\n").length;
        const col = at - before.lastIndexOf("\n");
        throw new StrataError(
          ErrorCode.Value,
          `Invalid placeholder in string: line ${line}, col ${col}: a '$' in ${key} starts no ` +
            "placeholder; write '$$' for a '$'",
          { fullKey: key, origin },
        );
      }
      if (!Object.hasOwn(values, name)) {
        throw new StrataError(
          ErrorCode.Value,
          `${key} has an unknown placeholder ${whole}: Hydra fills $APP_CONFIG_GROUPS, ` +
            "$HYDRA_CONFIG_GROUPS, $CONFIG and $FLAGS_HELP (and fails with KeyError: " +
            `'${name}'); write '$$' for a '$'`,
          { fullKey: key, origin },
        );
      }
      return values[name as keyof HelpValues];
    },
  );
  return filled + "\n";
}

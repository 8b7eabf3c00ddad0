/**
 * The config groups validation tries options of: which directories are groups (sub-directories
 * folded into the group that chose none of them, `hydra` left out), and the group of a choice key.
 *
 * @module
 */

import { parseOverride } from "../override/parse.ts";

/**
 * `hydra` itself holds Hydra's schema (`hydra/config`), not options to try. The user's options of
 * Hydra's groups (`conf/hydra/job_logging/custom.yaml`) are tried like any other: they are
 * composed into the `hydra` node, and a broken one fails the job's launch.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isHydraGroup } from "./plan_groups.ts";
 * assert.equal(isHydraGroup("hydra"), true);
 * assert.equal(isHydraGroup("hydra/job_logging"), false);
 * ```
 */
export function isHydraGroup(g: string): boolean {
  return g === "hydra";
}

/**
 * The groups with their options, a sub-directory that no composition chose as a group (not in
 * `chosen`) folded into its nearest ancestor group that one chose, else its top-most ancestor
 * directory, which is a group even with no options of its own: `experiment/sub` →
 * `experiment`'s option `sub/x` (`+experiment=sub/x`, as experiments are appended), also when
 * there is no `experiment/*.yaml`. Not into `hydra`, which holds Hydra's groups, nor through a
 * directory that holds chosen groups (habitat's `habitat/simulator`, with
 * `habitat/simulator/sim_sensors` chosen): a sub-directory beside those is a group too
 * (`habitat/simulator/agents`), not a folder of the ancestor's options
 * (`habitat=simulator/agents/x`, which Hydra would compose, but no user writes); nor a
 * sub-directory right under a chosen group beside others chosen as groups of their own, whose
 * configs `placedElsewhere` says put themselves outside the group's package
 * (`data/biomass_data/default.yaml`: `# @package biomass_data`, beside a chosen `data/augment`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { foldSubdirectories } from "./plan_groups.ts";
 * const groups = new Map([["experiment/sub", ["x"]], ["experiment", ["base"]], ["db/engine", ["a"]], ["db", ["m"]]]);
 * assert.deepEqual(
 *   [...foldSubdirectories(groups, new Set(["db", "db/engine"]))],
 *   [["experiment", ["base", "sub/x"]], ["db/engine", ["a"]], ["db", ["m"]]],
 * );
 * // a group whose options are all in sub-directories: `+exp=a/x`
 * assert.deepEqual([...foldSubdirectories(new Map([["exp/a", ["x"]]]), new Set())], [["exp", ["a/x"]]]);
 * // a sub-directory beside a chosen group under the chosen one's directory stays a group
 * const nested = new Map([["hab", ["base"]], ["hab/sim/sensors", ["rgb"]], ["hab/sim/agents", ["a"]]]);
 * assert.deepEqual(
 *   [...foldSubdirectories(nested, new Set(["hab", "hab/sim/sensors"]))],
 *   [["hab", ["base"]], ["hab/sim/sensors", ["rgb"]], ["hab/sim/agents", ["a"]]],
 * );
 * // beside a chosen sub-group, a sub-directory whose configs are placed elsewhere is a group
 * const data = new Map([["data", ["csiro"]], ["data/augment", ["d"]], ["data/extra", ["default"]]]);
 * assert.deepEqual(
 *   [...foldSubdirectories(data, new Set(["data", "data/augment"]), (d) => d === "data/extra")],
 *   [["data", ["csiro"]], ["data/augment", ["d"]], ["data/extra", ["default"]]],
 * );
 * assert.deepEqual(
 *   [...foldSubdirectories(data, new Set(["data", "data/augment"]))],
 *   [["data", ["csiro", "extra/default"]], ["data/augment", ["d"]]],
 * );
 * ```
 */
export function foldSubdirectories(
  groups: Map<string, string[]>,
  chosen: Set<string>,
  placedElsewhere: (dir: string) => boolean = () => false,
): Map<string, string[]> {
  // whether `g` is below `parent` through a directory that holds a chosen group
  const besideChosen = (parent: string, g: string) => {
    const branch = g.slice(0, g.indexOf("/", parent.length + 1) + 1);
    return branch !== "" && [...chosen].some((c) => c.startsWith(branch));
  };
  // whether a directory right under `parent` is a chosen group (`data/augment`)
  const holdsChosen = (parent: string) =>
    [...chosen].some((c) => c.startsWith(parent + "/") && !c.includes("/", parent.length + 1));
  const into = (g: string): string => {
    if (chosen.has(g)) return g;
    let top = g;
    for (let at = g.lastIndexOf("/"); at > 0; at = g.lastIndexOf("/", at - 1)) {
      const parent = g.slice(0, at);
      if (chosen.has(parent)) {
        // beside sub-directories chosen as groups of their own, a sub-directory whose configs
        // put themselves outside the group's package is one too (`+data/biomass_data=default`,
        // `# @package biomass_data`), not a folder of options (`data=biomass_data/default`,
        // which would leave `data` empty for the other sub-groups to read: checker w34)
        const beside = !g.includes("/", at + 1) && holdsChosen(parent) && placedElsewhere(g);
        return beside || besideChosen(parent, g) ? g : parent;
      }
      if (groups.has(parent) || (!parent.includes("/") && !isHydraGroup(parent))) top = parent;
    }
    return top;
  };
  const out = new Map<string, string[]>();
  for (const g of groups.keys()) {
    const to = into(g);
    if (!out.has(to)) out.set(to, [...(groups.get(to) ?? [])]);
  }
  for (const [g, options] of groups) {
    const to = into(g);
    if (to !== g) out.get(to)!.push(...options.map((o) => `${g.slice(to.length + 1)}/${o}`));
  }
  return out;
}

/**
 * The group of a choice key (`db@src` → `db`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { groupOf } from "./plan_groups.ts";
 * assert.equal(groupOf("db@src"), "db");
 * assert.equal(groupOf("server/site"), "server/site");
 * ```
 */
export function groupOf(key: string): string {
  const at = key.indexOf("@");
  return at === -1 ? key : key.slice(0, at);
}

/**
 * The key an override as written sets or chooses (`+db@src=pg` → `db@src`),
 * to tell whether an override list already holds one for a key.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { overrideKeyOf } from "./plan_groups.ts";
 * assert.equal(overrideKeyOf("+db@src=pg"), "db@src");
 * assert.equal(overrideKeyOf("~x"), "x");
 * ```
 */
export function overrideKeyOf(text: string): string {
  return text.replace(/^[~+]+/, "").split("=")[0];
}

/**
 * Whether a choice key can be written as an override: Hydra's grammar names a package with
 * dotted identifiers only, so an entry `spec@d/v` gives its nested `opt` the key `opt@d/v.opt`,
 * which no command line can choose (Hydra's parser refuses it). Validate does not try other
 * options there: the errors would be of its own overrides, not of the tree (checker v39).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { writableKey } from "./plan_groups.ts";
 * assert.equal(writableKey("db@src.x"), true);
 * assert.equal(writableKey("opt@d/v.opt"), false);
 * ```
 */
export function writableKey(key: string): boolean {
  let ok = writable.get(key);
  if (ok === undefined) {
    try {
      parseOverride(`${key}=x`);
      ok = true;
    } catch {
      ok = false;
    }
    writable.set(key, ok);
  }
  return ok;
}

const writable = new Map<string, boolean>();

/**
 * The option validate chooses for a group default that is `???` (Hydra composes none until the
 * user chooses, `task=vmas/balance` or `--override task=vmas/balance`): the first of `options`
 * (the group's own, then those of its sub-directories) that `allowed` takes (`validate.options`),
 * preferring one no other config includes: a stand-in for a ConfigStore schema
 * (`task/vmas_balance_config.yaml`, included by `task/vmas/balance.yaml`) is a part of the real
 * options, not a choice a user makes; and one that `loads` (a broken file is read as empty, and
 * the primary's own values would go unchecked with it). Undefined when the group has no option.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mandatoryOption } from "./plan_groups.ts";
 * const included = new Set(["balance_config"]);
 * const pick = (allowed: (o: string) => boolean) =>
 *   mandatoryOption(["balance_config", "vmas/balance", "vmas/nav"], allowed, (o) => included.has(o));
 * assert.equal(pick(() => true), "vmas/balance");
 * assert.equal(pick((o) => o.startsWith("vmas/n")), "vmas/nav");
 * assert.equal(pick((o) => o.endsWith("_config")), "balance_config");
 * assert.equal(pick(() => false), "balance_config");
 * assert.equal(mandatoryOption(["a", "b"], () => true, () => false, (o) => o !== "a"), "b");
 * ```
 */
export function mandatoryOption(
  options: string[],
  allowed: (option: string) => boolean,
  included: (option: string) => boolean,
  loads: (option: string) => boolean = () => true,
): string | undefined {
  const takes = options.filter(allowed);
  const reads = takes.filter(loads);
  return reads.find((o) => !included(o)) ?? reads[0] ?? takes.find((o) => !included(o)) ??
    takes[0] ?? options[0];
}

/**
 * The configs two or more directories down (`configs/sam2.1/x`, an option of a
 * group with a `/`), but the options of Hydra's groups (`hydra/launcher/x`):
 * in a tree with no primary config, the primaries its users name by path.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { deepConfigs } from "./plan_groups.ts";
 * const groups = new Map([["db", ["a"]], ["configs/v1", ["small"]], ["hydra/launcher", ["x"]]]);
 * assert.deepEqual(deepConfigs(groups), ["configs/v1/small"]);
 * ```
 */
export function deepConfigs(groups: Map<string, string[]>): string[] {
  return [...groups].flatMap(([g, options]) =>
    g.includes("/") && !g.startsWith("hydra/") ? options.map((o) => `${g}/${o}`) : []
  );
}

/**
 * Whether a top-level config is a link to a config two or more directories down (sam2 links
 * `sam2_hiera_l.yaml` to `configs/sam2.1/sam2.1_hiera_l.yaml`): a tree that names its primaries
 * by path.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { linksToDeep } from "./plan_groups.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.mkdirSync(`${dir}/configs/v1`, { recursive: true });
 * Deno.writeTextFileSync(`${dir}/configs/v1/m.yaml`, "a: 1\n");
 * Deno.symlinkSync("configs/v1/m.yaml", `${dir}/m.yaml`);
 * const files = [{ file: `${dir}/m.yaml`, configPath: "m" },
 *   { file: `${dir}/configs/v1/m.yaml`, configPath: "configs/v1/m" }];
 * assert.equal(linksToDeep(files), true);
 * assert.equal(linksToDeep(files.slice(1)), false);
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function linksToDeep(files: readonly { file: string; configPath: string }[]): boolean {
  const real = (f: string) => {
    try {
      return Deno.realPathSync(f);
    } catch {
      return f; // a broken link is reported as such elsewhere
    }
  };
  const deep = new Set(
    files.filter((f) => f.configPath.split("/").length > 2).map((f) => real(f.file)),
  );
  return deep.size > 0 &&
    files.some((f) => !f.configPath.includes("/") && deep.has(real(f.file)));
}

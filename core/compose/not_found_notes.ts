/**
 * What an error for a config that is not found says beside Hydra's message: the primary configs
 * there (did-you-mean, or the list), search path entries strata cannot read, and what a commit
 * `validate --staged` checks did to the file.
 *
 * @module
 */

import type { Origin } from "../node.ts";
import { suggest } from "../suggest.ts";
import type { Related } from "../errors.ts";
import type { Repository } from "./repository.ts";
import { absentReason, DirSource } from "./source.ts";
import { isAbsolute, relative } from "../path.ts";
import { packageHint, unreadPackages } from "./package_hint.ts";
import { configsBelow } from "./defaults_near.ts";

/**
 * A search path `pkg://` entry strata cannot read may be where the missing config is (BenchMARL's
 * fine_tuned primaries take every group from `pkg://benchmarl/conf`): said with the error, which
 * comes before the composition's warnings are shown. Nowhere, so validate's one line keeps it.
 *
 * @example
 * ```ts ignore
 * const related = [...chain, ...packageNotes(repo)];
 * ```
 */
export function packageNotes(repo: Repository): Related[] {
  const packages = unreadPackages(repo.sources).map((s) => ({
    message: `provider=${s.provider}, path=pkg://${s.path} is not available: ${
      packageHint(s.path)
    }`,
    origin: {},
  }));
  // a `file://` entry that is not there may be too: relative, it is read from where the app
  // runs, not from the config (checker w28: `file://../plugins` from the config dir)
  const dirs = repo.sources.filter((s) =>
    s.scheme === "file" && s.provider !== "main" && !s.available()
  ).map((s) => ({
    message: `provider=${s.provider}, path=${s.path} is not available` +
      (isAbsolute(s.path)
        ? ""
        : ` (a relative path is read from where strata runs: ${Deno.cwd()})`),
    origin: {},
  }));
  return [...dirs, ...packages];
}

/**
 * What a config path's file is to the commit `validate --staged` checks, when it misses it.
 *
 * @example
 * ```ts ignore
 * commitMisses(repo, "db/mysql"); // "conf/db/mysql.yaml is deleted (or renamed) by this commit"
 * ```
 */
export function commitMisses(repo: Repository, configPath: string): string | undefined {
  for (const source of repo.sources) {
    if (!(source instanceof DirSource)) continue;
    const file = source.pathOf(configPath);
    const why = absentReason(file);
    if (why !== undefined) return `${relative(Deno.cwd(), file)} ${why}`;
  }
  return undefined;
}

/**
 * Did-you-mean for a primary config that is not there (`-n trian`), else the
 * configs beside where it was looked for (a tree of `train.yaml` and
 * `eval.yaml`, no `config.yaml`), in place of a chain that only repeats it.
 *
 * @example
 * ```ts ignore
 * primaryHints(repo, "trian").suggestions; // ["train"]
 * ```
 */
export function primaryHints(
  repo: Repository,
  path: string,
): { suggestions: string[]; related: { message: string; origin: Origin }[] } {
  const cut = path.lastIndexOf("/");
  const dir = cut < 0 ? "" : path.slice(0, cut);
  let options: string[] = [];
  try {
    // Hydra's stand-in for "no primary config" is no one's choice, nor strata's own
    // settings file (.strata.yaml) in the config dir
    options = repo.groupOptions(dir).filter((o) =>
      o !== "_dummy_empty_config_" && !(dir === "" && o === ".strata")
    );
  } catch { /* a path outside the tree has no neighbours to offer */ }
  const full = (o: string) => (dir === "" ? o : `${dir}/${o}`);
  let suggestions = suggest(path.slice(cut + 1), options).map(full);
  let below: string[] | undefined;
  if (suggestions.length === 0) {
    // a path missing its first directories (`-n sam2.1/x` for configs/sam2.1/x)
    const tail = "/" + path.replace(/\.yaml$/, "");
    below = configsBelow(repo, "");
    suggestions = below.filter((p) => p.endsWith(tail)).slice(0, 3);
  }
  // configs two or more directories down are primaries named by their path (sam2's
  // `compose(config_name="configs/sam2.1/sam2.1_hiera_l.yaml")`), not options of a group
  const deeper = options.length === 0 && dir === ""
    ? (below ?? configsBelow(repo, "")).filter((p) => p.split("/").length > 2)
    : [];
  if (deeper.length > 0) {
    const listed = deeper.slice(0, 5).join(", ") + (deeper.length > 5 ? ", ..." : "");
    return {
      suggestions,
      related: [{
        message: `no primary config there; configs in sub-directories: ${listed} ` +
          `(choose one with --config-name/-n: -n ${deeper[0]})`,
        origin: {},
      }],
    };
  }
  if (options.length === 0 && dir === "") {
    // a tree of groups only, as Hydra's tutorial app whose @hydra.main names no config_name
    return {
      suggestions,
      related: [{
        message: "no primary config there: for an app with none (@hydra.main without " +
          "config_name), compose from overrides alone with --no-config-name (or config_name: " +
          "null in .strata.yaml)",
        origin: {},
      }],
    };
  }
  if (suggestions.length > 0 || options.length === 0) return { suggestions, related: [] };
  const listed = options.slice(0, 10).map(full).join(", ") + (options.length > 10 ? ", ..." : "");
  return {
    suggestions,
    related: [{
      message: `primary configs there: ${listed} (choose one with --config-name/-n)`,
      origin: {},
    }],
  };
}

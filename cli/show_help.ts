/**
 * `compose --app-help` and `compose --hydra-help`: the pages a Hydra app
 * prints for `--help` and `--hydra-help`, from the config's own templates
 * (core/hydra/help.ts fills them).
 *
 * @module
 */

import type { Composition } from "../core/compose/compose.ts";
import type { Repository } from "../core/compose/repository.ts";
import { configGroupsText, fillHelpTemplate } from "../core/hydra/help.ts";
import { nodeAt } from "../core/ops/walk.ts";
import type { ResolverFn } from "../core/resolve/mod.ts";
import { pyStrOfLeaf } from "../core/pyformat.ts";
import { renderCfg, selectCfg } from "./show.ts";

/** What commander knows of a command's flags and arguments, for `$FLAGS_HELP`. */
export interface FlagsSource {
  readonly options: readonly { long?: string; short?: string; description: string }[];
  readonly registeredArguments: readonly { description: string }[];
}

/**
 * `$FLAGS_HELP`: the command's flags as Hydra lists its own (`--flag,-f : what
 * it does`, one a line, then `Overrides : ...`): strata compose's flags, the
 * command line the page is printed for.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { flagsHelp } from "./show_help.ts";
 * const cmd = {
 *   options: [{ long: "--config-dir", short: "-d", description: "the primary config directory" }],
 *   registeredArguments: [{ description: "Hydra overrides" }],
 * };
 * assert.equal(flagsHelp(cmd), "--config-dir,-d : the primary config directory\nOverrides : Hydra overrides");
 * ```
 */
export function flagsHelp(cmd: FlagsSource): string {
  const lines = cmd.options.map((o) =>
    `${[o.long, o.short].filter((f) => f !== undefined).join(",")} : ${o.description}`
  );
  const args = cmd.registeredArguments.map((a) => `Overrides : ${a.description}`);
  return [...lines, ...args].join("\n");
}

/** What a help page needs besides the composition. */
export interface HelpOptions {
  /** The search path's groups (the defaults tree's repository). */
  repo: Repository;
  /** `--resolve`: the app page's `$CONFIG` resolved, as Hydra's `--help --resolve` prints it. */
  resolve: boolean;
  resolvers?: Record<string, ResolverFn>;
  flagsHelp: string;
}

/**
 * The page Hydra prints for `--help` (`which` "app": `hydra.help.template`,
 * `$CONFIG` the job's config) or `--hydra-help` (`hydra.hydra_help.template`,
 * `$CONFIG` the hydra node without its help pages, as Hydra composes it for
 * that page: from no primary config). The template is resolved as a config
 * value first, as OmegaConf hands it to Hydra.
 *
 * @throws {StrataError} a template that does not resolve, or an unknown placeholder.
 * @example
 * ```ts ignore
 * import { compose, defaultsTree } from "../core/compose/compose.ts";
 * import { helpPage } from "./show_help.ts";
 * const options = { configDir: "conf", configName: "config" };
 * helpPage("app", compose(options), { repo: defaultsTree(options).repo, resolve: false, flagsHelp: "" });
 * ```
 */
export function helpPage(which: "app" | "hydra", c: Composition, opts: HelpOptions): string {
  const section = which === "app" ? "help" : "hydra_help";
  const key = `hydra.${section}.template`;
  const template = selectCfg(c, {
    cfg: "all",
    resolve: true,
    package: key,
    resolvers: opts.resolvers,
  }).node;
  const config = which === "app"
    ? renderCfg(
      selectCfg(c, { cfg: "job", resolve: opts.resolve, resolvers: opts.resolvers }),
      "yaml",
    )
    : renderCfg(selectCfg(c, { cfg: "hydra", resolve: false }), "yaml");
  // HelpConf types the template as a str: a container cannot get there
  return fillHelpTemplate(
    pyStrOfLeaf(template),
    {
      APP_CONFIG_GROUPS: configGroupsText(opts.repo),
      HYDRA_CONFIG_GROUPS: configGroupsText(opts.repo, true),
      CONFIG: config,
      FLAGS_HELP: opts.flagsHelp,
    },
    key,
    nodeAt(c.hydra, [section, "template"])?.origin,
  );
}

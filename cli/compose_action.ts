/**
 * What `strata compose` does once its arguments are parsed. Loaded by the
 * command's action (./compose.ts), so other commands never load it.
 *
 * @module
 */

import { ONE_CONFIG_SWEEP_HINT } from "../core/compose/sweep_error.ts";
import { compose, defaultsTree } from "../core/compose/compose.ts";
import { defaultsGraph, toDot, toMermaid } from "../core/compose/defaults_graph.ts";
import { ErrorCode, StrataError } from "../core/errors.ts";
import { warningLines } from "../core/compose/legacy_header.ts";
import { configJobName } from "../core/run/config_job_name.ts";
import { jsonWithOrigins, yamlWithOrigins } from "../core/output/origins.ts";
import type { ComposeOpts } from "./compose.ts";
import { writeErr, writeOut } from "./output.ts";
import { projectSettings } from "./settings.ts";
import { opaqueOnce, warnUnresolvedOnce } from "./unresolved.ts";
import { resolveLenient } from "../core/run/lenient.ts";
import { checkShowFlags } from "./show_options.ts";
import { renderCfg, renderCfgBytes, selectCfg } from "./show.ts";
import { infoTopic, showInfo, showPlugins } from "./show_info.ts";
import { readingDone } from "./deferred_yaml.ts";
import { withJsonHint } from "./show_hints.ts";
import type { FlagsSource } from "./show_help.ts";
import { GRAPH_FORMATS, isTrackerFormat, trackerOutput, warnRunOnly } from "./trackers.ts";

/**
 * Composes and prints what `opts` ask for.
 *
 * @example
 * ```ts ignore
 * import { buildProgram } from "./main.ts";
 * await buildProgram().parseAsync(["compose", "-d", "conf", "db=mysql"], { from: "user" });
 * ```
 */
export async function composeAction(
  overrides: string[],
  opts: ComposeOpts,
  cmd: { getOptionValueSource(key: string): string | undefined } & FlagsSource,
): Promise<void> {
  checkShowFlags("compose", opts);
  const help = checkHelpFlags(opts);
  const { configDir, configName, configNameAt, searchPath, versionBase, resolvers, settings } =
    await projectSettings(
      cmd,
      opts,
      opts.resolvers ?? [],
    );
  // hydra.job.name: --job-name, else the name strata run gives a command that runs no script
  // (hash, explain too)
  const jobName = opts.jobName ?? configJobName(configName);
  const options = {
    configDir,
    configName,
    configNameAt,
    versionBase,
    overrides,
    searchPath,
    jobName,
    // `~key` reads the value first, with the app's resolvers
    resolvers,
    opaqueResolvers: settings.opaqueResolvers,
    sweepHint: ONE_CONFIG_SWEEP_HINT,
    fromShell: true,
  };
  const topic = opts.info ? infoTopic(opts.info) : undefined;
  const graph = (GRAPH_FORMATS as readonly string[]).includes(opts.format);
  if (graph && topic !== "defaults-tree") {
    throw new StrataError(
      ErrorCode.Usage,
      `--format ${opts.format} draws the defaults tree: add --info defaults-tree`,
    );
  }
  if (isTrackerFormat(opts.format) && !topic) {
    // the params are the whole job config: a narrower or other selection would be dropped silently
    const other = opts.package !== undefined
      ? "--package"
      : opts.cfg !== undefined && opts.cfg !== "job"
      ? `--cfg ${opts.cfg}`
      : opts.origins
      ? "--origins"
      : undefined;
    if (other) {
      throw new StrataError(
        ErrorCode.Usage,
        `--format ${opts.format} writes the whole job config as tracker params: ${other} does not apply to it`,
      );
    }
  }
  // --info prints Hydra's text tables; only the defaults tree is also drawn (mermaid, dot, json)
  const drawn = topic === "defaults-tree" && ["mermaid", "dot", "json"].includes(opts.format);
  if (topic && opts.format !== "yaml" && !drawn) {
    throw new StrataError(
      ErrorCode.Usage,
      `--format ${opts.format} does not apply to --info ${topic}, which prints Hydra's text` +
        (topic === "defaults-tree" ? " (or draws the tree: --format mermaid, dot or json)" : ""),
    );
  }
  if (topic === "defaults-tree" && opts.format !== "yaml") {
    const g = defaultsGraph(defaultsTree(options).tree);
    const drawn = opts.format === "mermaid"
      ? toMermaid(g)
      : opts.format === "dot"
      ? toDot(g)
      : JSON.stringify(g, null, 2) + "\n";
    writeOut(drawn);
    return;
  }
  if (topic === "plugins") return writeOut(showPlugins());
  if (help) {
    // Hydra composes its own page from no primary config (Hydra.hydra_help)
    const helpOptions = help === "hydra" ? { ...options, configName: null } : options;
    const c = compose({ ...helpOptions, reuseFiles: false });
    for (const line of warningLines(c.warningsAt)) writeErr(line);
    // the help pages' code is loaded only when one is asked for (a compose's start-up)
    const { flagsHelp, helpPage } = await import("./show_help.ts");
    return writeOut(helpPage(help, c, {
      repo: defaultsTree(helpOptions).repo,
      resolve: opts.resolve,
      resolvers,
      flagsHelp: flagsHelp(cmd),
    }));
  }
  const c = compose({ ...options, reuseFiles: false }); // this process composes once
  for (const line of warningLines(c.warningsAt)) writeErr(line);
  if (topic) writeOut(showInfo(topic, defaultsTree(options), c));
  else if (isTrackerFormat(opts.format)) {
    // `???` is the string "???" at the top as below it, as in to_container(resolve=True); a value
    // that does not resolve is kept as written, with a warning, as `run` and `hash` keep it
    const params = resolveLenient(c, {
      resolvers,
      onUnresolved: warnUnresolvedOnce(settings.opaqueResolvers, "params"),
    });
    // (loaded for the tracker formats alone: a compose's start-up)
    const { runOnlyParams } = await import("../core/output/run_only_params.ts");
    warnRunOnly(runOnlyParams(c.config, params));
    writeOut(trackerOutput(opts.format, params));
  } else {
    const shown = withJsonHint(
      opts.cfg ?? "job",
      () =>
        selectCfg(c, {
          ...opts,
          // JSON keeps a resolver's plain list or dict (to_container), YAML refuses it (OmegaConf.resolve)
          format: opts.format === "json" ? "json" : undefined,
          cfg: opts.cfg ?? "job",
          resolvers,
          opaque: settings.opaqueResolvers,
          onOpaque: opaqueOnce(),
        }),
      opts.resolve ? c.config : undefined,
      c.warningsAt,
      { json: opts.format === "json", pkg: opts.package },
    );
    // written as it is made: a big config's output is never held whole (peak memory). (Not
    // --origins: its YAML is read back, which may want the full reader.)
    if (!opts.origins) {
      readingDone();
      renderCfgBytes(shown, opts.format === "json" ? "json" : "yaml", writeOut);
    } else if (shown.node.kind === "value") writeOut(renderCfg(shown, "yaml"));
    else {
      writeOut(
        opts.format === "json"
          ? jsonWithOrigins(shown.node)
          : shown.header + yamlWithOrigins(shown.node),
      );
    }
  }
}

/**
 * Which help page `--app-help`/`--hydra-help` ask for, if any; either prints
 * a page instead of the config, so the flags that choose or shape the
 * config's print do not go with it (Hydra: `--resolve` only with `--help`).
 */
function checkHelpFlags(opts: ComposeOpts): "app" | "hydra" | undefined {
  if (opts.appHelp && opts.hydraHelp) {
    throw new StrataError(
      ErrorCode.Usage,
      "Only one of --app-help and --hydra-help can be specified",
    );
  }
  const help = opts.appHelp ? "app" : opts.hydraHelp ? "hydra" : undefined;
  if (help === undefined) return undefined;
  const flag = `--${help}-help`;
  const other = opts.cfg !== undefined
    ? "--cfg"
    : opts.info !== undefined
    ? "--info"
    : opts.package !== undefined
    ? "--package"
    : opts.origins
    ? "--origins"
    : opts.format !== "yaml"
    ? `--format ${opts.format}`
    : help === "hydra" && opts.resolve
    ? "--resolve"
    : undefined;
  if (other) {
    throw new StrataError(
      ErrorCode.Usage,
      `${other} does not apply to ${flag}, which prints ${
        help === "app" ? "the app's" : "Hydra's"
      } help page` +
        (help === "hydra" && other === "--resolve" ? " (--resolve goes with --app-help)" : ""),
    );
  }
  return help;
}

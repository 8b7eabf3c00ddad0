/**
 * What `strata explain` does once its arguments are parsed (./explain.ts
 * defines the command).
 *
 * @module
 */

import { ONE_CONFIG_SWEEP_HINT } from "../core/compose/sweep_error.ts";
import { inlineValue, toJsonData } from "../core/container.ts";
import { ErrorCode, formatOrigin, StrataError } from "../core/errors.ts";
import { type Node, originOf } from "../core/node.ts";
import { explain, type Explanation, type Layer } from "../core/provenance/explain.ts";
import { envReads } from "../core/provenance/env_reads.ts";
import { configJobName } from "../core/run/config_job_name.ts";
import { writeErr, writeOut } from "./output.ts";
import type { ExplainOpts } from "./explain.ts";
import { projectSettings } from "./settings.ts";
import { opaqueWhy } from "./unresolved.ts";
import { warningLines } from "../core/compose/legacy_header.ts";

/** How wide a container's one-line JSON may be before it is shown by its keys. */
const WIDE = 100;
/** Whether {@link show} shortened a container (a line then says how to see it whole). */
let elided = false;

/**
 * A value on one line: JSON keeps 1 vs 1.0 and quotes strings; `???` bare, as compose shows it;
 * a container wider than a line by its keys (`{lr, momentum, … (12 keys)}`), not kilobytes of
 * JSON on each of its lines (checkers v43, x34).
 */
const show = (n: Node) => {
  const text = inlineValue(n);
  if (n.kind === "value" || text.length <= WIDE) return text;
  elided = true;
  if (n.kind === "list") return `[… ${n.items.length} items]`;
  const keys = [...n.entries.values()].map((e) => String(e.key));
  const more = keys.length > 6 ? `, … (${keys.length} keys)` : "";
  return `{${keys.slice(0, 6).join(", ")}${more}}`;
};
const at = (n: Node) => {
  const o = originOf(n.origin);
  return o ? `  (${formatOrigin(o)})` : "";
};

/** The numbered layers of `key`, in merge order. */
function layerLines(key: string, layers: Layer[]): string[] {
  const lines: string[] = [];
  layers.forEach((l, i) => {
    const n = `  ${i + 1}. `;
    if (l.kind === "override") {
      const verb = l.type === "delete" ? "deleted by" : "set by";
      // an override of a key below KEY changed that key, not KEY itself
      const below = l.key.length > key.length ? `${l.key} ` : "";
      lines.push(`${n}${below}${verb} ${formatOrigin(l.origin)}`);
      return;
    }
    // an option at the root was written `_global_` (the primary config and _self_ are there
    // by themselves): said as the other layers' packages are (checker v71 #3)
    const option = l.chosenBy !== undefined || l.entry?.line !== undefined;
    const pkg = l.package !== "" ? ` @ ${l.package}` : option ? " @ _global_" : "";
    lines.push(`${n}${l.configPath}${pkg}: ${show(l.value)}${at(l.value)}`);
    if (l.value.kind === "value" && l.value.type === "missing" && i > 0) {
      lines.push("     ??? does not replace a value merged before it");
    }
    if (l.chosenBy) lines.push(`     chosen by ${formatOrigin(l.chosenBy)}`);
    else if (l.entry?.line !== undefined) {
      lines.push(`     defaults entry ${formatOrigin(l.entry)}`);
    }
  });
  return lines;
}

function explanationText(e: Explanation): string {
  elided = false;
  const lines = [e.key, ...layerLines(e.key, e.layers)];
  if (e.setByHydra) lines.push(`  then set by Hydra as it composes: ${e.setByHydra}`);
  if (e.swept) {
    // BasicSweeper applies them to each job: compose (Hydra's --cfg job) shows the config without
    const when = e.swept.multirun
      ? "in every run of this config (its hydra.mode is MULTIRUN: strata run sweeps it)"
      : "in every job of a sweep (strata run -m, strata sweep)";
    lines.push(`  then hydra.sweeper.params, ${when}:`);
    // as the override each job gets (the sweeper's params are strings of Hydra's grammar)
    for (const p of e.swept.params) {
      const v = p.value.kind === "value" && p.value.type === "str" ? p.value.value : show(p.value);
      lines.push(`     ${p.param}=${v}${at(p.value)}`);
      if (p.overriddenBy) {
        lines.push(`     before the command line: ${p.overriddenBy} sets it after, in every job`);
      }
    }
  }
  // a node interpolation on the way: the key it leads to, with its own layers
  for (const s of e.through ?? []) {
    lines.push(`  through ${s.key} = ${show(s.value)}${at(s.value)}`);
    if (s.target !== undefined) lines.push(s.target, ...layerLines(s.target, s.layers));
  }
  lines.push(`  composed: ${show(e.composed)}${at(e.composed)}`);
  for (const s of e.chain) {
    lines.push(`    ${s.key} = ${show(s.value)}${at(s.value)}`);
    for (const p of s.swept?.params ?? []) {
      const v = p.value.kind === "value" && p.value.type === "str" ? p.value.value : show(p.value);
      lines.push(`      swept by hydra.sweeper.params: ${p.param}=${v}${at(p.value)}`);
    }
  }
  const sweptRead = e.chain.find((s) => s.swept !== undefined);
  const kept = e.opaque
    ? ` (not resolved: '${e.opaque}' is ${opaqueWhy(e.opaque)}, the app resolves it)`
    : e.perJob
    ? ` (not resolved outside a sweep: ${e.perJob} is ??? in a single run; each job of ` +
      `a sweep (strata sweep, strata run -m) sets it)`
    : e.sweptInto
    ? ` (without the swept params: each job of the sweep adds its own to ${e.sweptInto})`
    : sweptRead
    ? ` (as composed: ${
      sweptRead.swept!.multirun
        ? "every run of this config sweeps"
        : "each job of a sweep (strata run -m, strata sweep) gets its own"
    } ${sweptRead.key}, which it reads)`
    : "";
  // a value read from the environment came from there, not from a file (checker x34)
  for (const env of envReads([e.composed, ...e.chain.map((s) => s.value)])) {
    lines.push(
      env.value !== undefined
        ? `    env ${env.name} = ${JSON.stringify(env.value)}`
        : env.denied !== undefined
        ? `    env ${env.name} not read: ${env.denied}`
        : `    env ${env.name} is unset (the default given, if any, is used)`,
    );
  }
  // the error itself follows on stderr, in the one form errors take
  if (e.error) lines.push("  value: does not resolve (the error below)");
  else {
    // None for what only a run has, as Hydra's --cfg job --resolve gives it (checker w58)
    const runOnly = kept === "" && readsRunOnly(e)
      ? " (None outside a run: it reads ${hydra:runtime.output_dir} or ${hydra:job.num}, which " +
        "only a run has, as in Hydra's --cfg job --resolve; `strata run` gives the app the run's)"
      : "";
    lines.push(`  value: ${show(e.resolved)}${kept}${runOnly}`);
  }
  if (elided) {
    lines.push(
      `  (a container too wide for a line is shown by its keys: strata compose -p ${e.key} prints it)`,
    );
  }
  return lines.join("\n") + "\n";
}

/** What only a run has: None outside one (Hydra's `--cfg job --resolve`). */
const RUN_ONLY = /\$\{\s*hydra\s*:\s*(runtime\.output_dir|job\.(num|id))\s*\}/;

/** Whether a value resolved to None (or text holding it) by reading what only a run has. */
function readsRunOnly(e: Explanation): boolean {
  const r = e.resolved;
  const none = r?.kind === "value" &&
    (r.type === "null" || (typeof r.value === "string" && /\bNone\b/.test(r.value)));
  const text = (n: Node | undefined) =>
    n?.kind === "value" && typeof n.value === "string" ? n.value : "";
  return none && [e.composed, ...e.chain.map((s) => s.value)].some((n) => RUN_ONLY.test(text(n)));
}

const origin = (n: Node) => {
  const o = originOf(n.origin);
  return o ? formatOrigin(o) : null;
};
const value = (n: Node) => toJsonData(n);

const layerJson = (l: Layer) =>
  l.kind === "override"
    ? {
      kind: l.kind,
      type: l.type,
      key: l.key,
      override: l.text,
      origin: formatOrigin(l.origin),
    }
    : {
      kind: l.kind,
      config: l.configPath,
      package: l.package,
      value: value(l.value),
      origin: origin(l.value),
      entry: l.entry ? formatOrigin(l.entry) : null,
      chosen_by: l.chosenBy ? formatOrigin(l.chosenBy) : null,
    };

function explanationJson(e: Explanation): string {
  return JSON.stringify(
    {
      key: e.key,
      layers: e.layers.map(layerJson),
      set_by_hydra: e.setByHydra ?? null,
      swept_by: e.swept
        ? {
          multirun: e.swept.multirun,
          params: e.swept.params.map((p) => ({
            param: p.param,
            value: value(p.value),
            origin: origin(p.value),
            overridden_by: p.overriddenBy ?? null,
          })),
        }
        : null,
      ...(e.through
        ? {
          through: e.through.map((s) => ({
            key: s.key,
            value: value(s.value),
            origin: origin(s.value),
            target: s.target ?? null,
            layers: s.layers.map(layerJson),
          })),
        }
        : {}),
      composed: { value: value(e.composed), origin: origin(e.composed) },
      chain: e.chain.map((s) => ({
        key: s.key,
        value: value(s.value),
        origin: origin(s.value),
        ...(s.swept
          ? {
            swept_by: s.swept.params.map((p) => ({
              param: p.param,
              value: value(p.value),
              origin: origin(p.value),
            })),
          }
          : {}),
      })),
      env: envReads([e.composed, ...e.chain.map((s) => s.value)]).map((r) => ({
        name: r.name,
        value: r.value ?? null,
        ...(r.denied !== undefined ? { denied: r.denied } : {}),
      })),
      ...(e.error
        ? {
          error: {
            code: e.error.code,
            message: e.error.message,
            key: e.error.fullKey ?? null,
            origin: e.error.origin ? formatOrigin(e.error.origin) : null,
          },
        }
        : { value: value(e.resolved) }),
      ...(e.opaque ? { opaque: e.opaque } : {}),
      ...(e.perJob ? { per_job: e.perJob } : {}),
    },
    null,
    2,
  ) + "\n";
}

/**
 * Prints every layer that set `key` and how its value resolves.
 *
 * @example
 * ```ts ignore
 * import { buildProgram } from "./main.ts";
 * await buildProgram().parseAsync(["explain", "--help"], { from: "user" });
 * ```
 */
export async function explainAction(
  key: string,
  overrides: string[],
  opts: ExplainOpts,
  cmd: { getOptionValueSource(key: string): string | undefined },
): Promise<void> {
  checkKeyFirst(key, overrides);
  const { configDir, configName, configNameAt, searchPath, versionBase, resolvers, settings } =
    await projectSettings(
      cmd,
      opts,
      opts.resolvers ?? [],
    );
  const e = explain(
    {
      configDir,
      configName,
      configNameAt,
      versionBase,
      overrides,
      searchPath,
      // the job name `strata run` gives a command that runs no script (and `strata hash` too)
      jobName: opts.jobName ?? configJobName(configName),
      sweepHint: ONE_CONFIG_SWEEP_HINT,
      fromShell: true,
    },
    key,
    resolvers,
    settings.opaqueResolvers,
  );
  for (const line of warningLines(e.warnings ?? [])) writeErr(line);
  writeOut(opts.format === "json" ? explanationJson(e) : explanationText(e));
  // KEY does not resolve: reported after its layers, as a config error (exit 1)
  if (e.error) throw e.error;
}

/**
 * KEY comes first: an override in its place (`explain db=a db.x`) would make the key an override
 * that does not parse ("expected '=' after the key"); say which word goes where.
 */
function checkKeyFirst(key: string, overrides: string[]): void {
  if (!/^[~+]*[^=\s'"]+=/.test(key)) return;
  const keyLike = overrides.find((o) => !o.includes("=") && !o.startsWith("~"));
  const rest = [key, ...overrides.filter((o) => o !== keyLike)].join(" ");
  throw new StrataError(
    ErrorCode.Usage,
    `'${key}' is an override, not the KEY to explain: KEY comes first ` +
      `(strata explain KEY [overrides...])` +
      (keyLike ? `: strata explain ${keyLike} ${rest}` : ""),
  );
}

/**
 * The `hydra` node values `strata run` (and Hydra) resolve before a job
 * starts: `hydra.run.dir`, `hydra.sweep.dir`, `hydra.sweep.subdir`,
 * `hydra.job.name` and `hydra.job.env_set.*`, and every interpolation the
 * user wrote into the node (their `hydra/job_logging`, `hydra/launcher`, ...
 * options and the primary's `hydra:` section: Hydra resolves the logging
 * configs when it configures logging and instantiates the launcher, sweeper
 * and callbacks). One that does not resolve fails the launch, not the
 * composition, so validation resolves them too.
 *
 * @module
 */

import { ErrorCode, isStrataError } from "../errors.ts";
import { dict, int, type Key, type Node, originOf, str, type ValueNode } from "../node.ts";
import type { Composition } from "../compose/compose.ts";
import { hydraResolvers } from "../compose/resolvers.ts";
import { child, withEntry } from "./launched_hydra.ts";
import { resolveAt } from "../resolve/mod.ts";
import { type ResolverFn, resolverTable } from "../resolve/resolvers.ts";
import { resolverCallOffset, unreachedUnknownCalls } from "./resolver_calls.ts";
import { fromError, type Problem } from "./problems.ts";
import { unsetEnvWarning } from "./values.ts";
import { checkEnvCopy, jobEnv, withEnvSetScope } from "../run/hydra_values.ts";
import { clockNow } from "../strftime.ts";
import { jobsMayAddKeys } from "./sweeper_params.ts";
import { hydraSelectWarnings } from "./hydra_select.ts";
import { failPosition, valuePosition } from "../resolve/value_position.ts";
import { unsupportedResolverName } from "../resolve/fail.ts";

function isMissing(node: Node | undefined): boolean {
  return node === undefined || (node.kind === "value" && node.type === "missing");
}

function isInterpolation(node: Node | undefined): node is ValueNode {
  return node?.kind === "value" && node.type === "str" && String(node.value).includes("${");
}

/** Whether a node was written by the user (a file of theirs or an override), not by Hydra's own configs. */
function userWritten(node: Node): boolean {
  const o = originOf(node.origin);
  return o !== undefined && (o.override !== undefined || (!!o.file && !o.file.includes("://")));
}

/** Every interpolation under `node` the user wrote, by its path below `hydra` (one walk, no copies). */
function userInterpolations(node: Node, path: Key[], out: [Key[], ValueNode][]): void {
  if (node.kind === "value") {
    if (isInterpolation(node) && userWritten(node)) out.push([[...path], node]);
    return;
  }
  if (node.kind === "list") {
    node.items.forEach((x, i) => {
      path.push(i);
      userInterpolations(x, path, out);
      path.pop();
    });
    return;
  }
  for (const e of node.entries.values()) {
    path.push(e.key);
    userInterpolations(e.node, path, out);
    path.pop();
  }
}

/**
 * Whether a composition's runs are multiruns: `hydra.mode: MULTIRUN`, or sweeper params given (a
 * config that gives them is run as a multirun, whatever its mode says).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml } from "../yaml/load.ts";
 * import { runsAsMultirun } from "./hydra_check.ts";
 * assert.equal(runsAsMultirun(loadYaml("mode: MULTIRUN\n")), true);
 * assert.equal(runsAsMultirun(loadYaml("sweeper: {params: {}}\n")), false);
 * ```
 */
export function runsAsMultirun(hydra: Node): boolean {
  const mode = child(hydra, "mode");
  const params = child(child(hydra, "sweeper"), "params");
  return (mode?.kind === "value" && /MULTIRUN$/.test(String(mode.value))) ||
    (params?.kind === "dict" && params.entries.size > 0);
}

/**
 * Resolves the launch-time `hydra` values of a composition; each that fails
 * is a problem at its own file:line:col (or the override that set it).
 * `hydra.job.num` and `hydra.job.id`, set per job by the launcher, stand in
 * as 0 when unset.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkHydraNode } from "./hydra_check.ts";
 * import { compose } from "../compose/compose.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(dir + "/config.yaml", "x: 1\nhydra:\n  run:\n    dir: out/${nopex}\n");
 * const out: import("./problems.ts").Problem[] = [];
 * checkHydraNode(compose({ configDir: dir, configName: "config" }), {}, out);
 * assert.deepEqual(out.map((p) => [p.fullKey, p.origin?.line, p.message]), [
 *   ["hydra.run.dir", 4, "Interpolation key 'nopex' not found"],
 * ]);
 * ```
 */
export function checkHydraNode(
  c: Pick<Composition, "config" | "hydra"> & { choices?: Record<string, string | null> },
  resolvers: Record<string, ResolverFn>,
  out: Problem[],
): void {
  // env_copy as Hydra applies it when it composes: a name not set here is a warning, as an
  // unset `${oc.env:...}` is (CI is not the job's environment); Hydra fails on it (checker v67)
  try {
    checkEnvCopy(c);
  } catch (e) {
    if (!isStrataError(e)) throw e;
    const p = fromError(e);
    if (e.code === ErrorCode.Key) p.severity = "warning";
    out.push(p);
  }
  // each job of a multirun resolves hydra.sweep.subdir in its own config, composed with the
  // sweeper's params: one choosing a group option or adding a key may give it what this lacks
  const jobsAdd = jobsMayAddKeys(c.hydra, c.choices ?? {});
  const paths: Key[][] = [["run", "dir"], ["sweep", "dir"], ["sweep", "subdir"], ["job", "name"]];
  const envSet = child(child(c.hydra, "job"), "env_set");
  if (envSet?.kind === "dict") {
    for (const e of envSet.entries.values()) paths.push(["job", "env_set", e.key]);
  }
  const checks = new Map<string, [Key[], ValueNode]>();
  for (const p of paths) {
    let node: Node | undefined = c.hydra;
    for (const k of p) node = child(node, String(k));
    if (isInterpolation(node)) checks.set(p.join("."), [p, node]);
    // a dir left `???` by the user's config (habitat2's hydra/output/path.yaml: "specify your
    // output folder"): strata run asks for one, Hydra runs a single job in ./None
    if (p[0] !== "job" && node?.kind === "value" && node.type === "missing" && userWritten(node)) {
      const key = ["hydra", ...p].join(".");
      out.push({
        severity: "warning",
        code: ErrorCode.MissingValue,
        message: `Missing mandatory value: ${key}: ` +
          (p[0] === "run"
            ? `strata run and hash stop on it until it is given (${key}=DIR); Hydra runs the job ` +
              "in ./None"
            : `strata run -m and sweep stop on it until it is given (${key}=...); Hydra's ` +
              "multirun fails on it"),
        fullKey: key,
        origin: originOf(node.origin),
      });
    }
  }
  const written: [Key[], ValueNode][] = [];
  userInterpolations(c.hydra, [], written);
  for (const [p, node] of written) if (!checks.has(p.join("."))) checks.set(p.join("."), [p, node]);
  if (checks.size === 0) return;
  let hydra = c.hydra;
  const job = child(hydra, "job");
  if (job?.kind === "dict") {
    let j = job;
    for (const k of ["num", "id"]) if (isMissing(child(j, k))) j = withEntry(j, k, int(0));
    hydra = withEntry(hydra, "job", j);
  }
  // The launcher sets the job's output dir (`${hydra.runtime.output_dir}/x.log` in a job_logging).
  const runtime = child(hydra, "runtime");
  if (runtime?.kind === "dict" && isMissing(child(runtime, "output_dir"))) {
    hydra = withEntry(hydra, "runtime", withEntry(runtime, "output_dir", str("outputs")));
  }
  const multirun = runsAsMultirun(c.hydra);
  const entries: [Key, Node][] = [["hydra", hydra]];
  for (const e of c.config.entries.values()) {
    if (e.key !== "hydra") entries.push([e.key, e.node]);
  }
  const root = dict(entries);
  // env_set is resolved in the hydra node alone, as Hydra resolves it (HydraConfig's copy)
  const alone = dict([["hydra", hydra]]);
  const all = hydraResolvers(hydra, undefined, c.config, false, resolvers);
  const table = resolverTable(all);
  const known = (name: string) => table(name) !== undefined;
  for (const [path, node] of checks.values()) {
    const envSetValue = path[0] === "job" && path[1] === "env_set";
    // `${hydra:job.nme}` in the run dir or env_set is null, silently (`outputs/None`), as
    // in the job's config (checker v29)
    const text = String(node.value);
    if (text.includes("hydra") && c.hydra.kind === "dict") {
      const fullKey = ["hydra", ...path].join(".");
      out.push(...hydraSelectWarnings(text, c.hydra, fullKey, node.origin));
    }
    try {
      resolveAt(envSetValue ? alone : root, ["hydra", ...path], { resolvers: all });
    } catch (caught) {
      if (!isStrataError(caught)) throw caught;
      const e = envSetValue ? withEnvSetScope(caught, c.config) as typeof caught : caught;
      const fullKey = ["hydra", ...path].join(".");
      out.push(...unreachedUnknownCalls(String(node.value), known, e, fullKey, node.origin));
      const p = fromError(e);
      // A key it reaches that is broken itself is reported where it is written; but a job key
      // env_set reaches through a hydra value (`${hydra.run.dir}` reading `${out}`) is broken
      // only for env_set, which sees the hydra node alone: said here
      const missing = /^Interpolation key '(.+)' not found/.exec(p.message)?.[1];
      const readsJobKey = e !== caught;
      if (missing !== undefined && jobsAdd && path.join(".") === "sweep.subdir") continue;
      if (missing !== undefined && !readsJobKey && !String(node.value).includes(missing)) continue;
      // so is an unset variable: where its `${oc.env:...}` is written (the job's config)
      if (/Environment variable '.+' not found/.test(p.message)) {
        if (!String(node.value).includes("oc.env")) continue;
      }
      // and an unknown resolver called by a key it reads (`${paths.log_dir}` reading
      // `${oc.evn:HOME}`) is reported at that call, not here (checker w60 #1)
      const name = unsupportedResolverName(e);
      const call = name === undefined ? -1 : resolverCallOffset(text, name);
      if (name !== undefined && call < 0) continue;
      if (p.code === ErrorCode.InterpolationToMissing) p.severity = "warning";
      // only a multirun resolves the sweep dir: where every run is a single one (no MULTIRUN
      // mode, no sweeper params), it fails none (a single run of Hydra writes it to hydra.yaml
      // unresolved; checker w45 #2)
      if (path[0] === "sweep" && path.length === 2 && !multirun) {
        p.severity = "warning";
        p.message += ": a multirun of this composition fails on it (hydra.mode is not MULTIRUN " +
          "and no sweeper params are given: a single run does not read it)";
      }
      // at the `${...}` failing in the value, as compose places it (checker v48)
      const placed = call >= 0
        ? valuePosition(node.origin, text, call, call + 2)
        : failPosition(e as Parameters<typeof failPosition>[0]);
      out.push(
        unsetEnvWarning({
          ...p,
          fullKey: ["hydra", ...path].join("."),
          origin: placed?.origin ?? originOf(node.origin) ?? p.origin,
        }),
      );
    }
  }
  // `env_set: ${envs}`: what `strata run` (Hydra's os.environ.update) needs of the target,
  // a mapping of strings (a failure to resolve is reported above; a mapping
  // written in place is typed by the composition)
  if (!isInterpolation(envSet)) return;
  try {
    jobEnv({ config: c.config, hydra }, clockNow(), resolvers);
  } catch (e) {
    if (!isStrataError(e)) throw e;
    if (e.code === ErrorCode.Validation) out.push(fromError(e));
  }
}

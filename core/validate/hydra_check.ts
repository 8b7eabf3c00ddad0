/**
 * The `hydra` node values `strata run` (and Hydra) resolve before a job
 * starts: `hydra.run.dir`, `hydra.sweep.dir`, `hydra.sweep.subdir`,
 * `hydra.job.name` and `hydra.job.env_set.*`. One that does not resolve fails
 * the launch, not the composition, so validation resolves them too.
 *
 * @module
 */

import { ErrorCode, isStrataError } from "../errors.ts";
import { canonicalKey, dict, type DictNode, int, type Key, type Node } from "../node.ts";
import type { Composition } from "../compose/compose.ts";
import { hydraResolvers } from "../compose/resolvers.ts";
import { resolveAt } from "../resolve/mod.ts";
import type { ResolverFn } from "../resolve/resolvers.ts";
import { fromError, type Problem } from "./problems.ts";

function child(node: Node | undefined, key: string): Node | undefined {
  return node?.kind === "dict" ? node.entries.get(canonicalKey(key))?.node : undefined;
}

/** `node` with `key` set (a shallow copy). */
function withEntry(node: DictNode, key: string, value: Node): DictNode {
  const entries = new Map(node.entries);
  entries.set(canonicalKey(key), {
    key: node.entries.get(canonicalKey(key))?.key ?? key,
    node: value,
  });
  return { ...node, entries };
}

function isMissing(node: Node | undefined): boolean {
  return node === undefined || (node.kind === "value" && node.type === "missing");
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
  c: Pick<Composition, "config" | "hydra">,
  resolvers: Record<string, ResolverFn>,
  out: Problem[],
): void {
  const paths = ["run.dir", "sweep.dir", "sweep.subdir", "job.name"];
  const envSet = child(child(c.hydra, "job"), "env_set");
  if (envSet?.kind === "dict") {
    for (const e of envSet.entries.values()) paths.push(`job.env_set.${String(e.key)}`);
  }
  const texts = paths.map((p) => {
    let node: Node | undefined = c.hydra;
    for (const k of p.split(".")) node = child(node, k);
    return node?.kind === "value" && node.type === "str" && String(node.value).includes("${")
      ? node
      : undefined;
  });
  if (texts.every((t) => t === undefined)) return;
  let hydra = c.hydra;
  const job = child(hydra, "job");
  if (job?.kind === "dict") {
    let j = job;
    for (const k of ["num", "id"]) if (isMissing(child(j, k))) j = withEntry(j, k, int(0));
    hydra = withEntry(hydra, "job", j);
  }
  const entries: [Key, Node][] = [["hydra", hydra]];
  for (const e of c.config.entries.values()) {
    if (e.key !== "hydra") entries.push([e.key, e.node]);
  }
  const root = dict(entries);
  const all = { ...hydraResolvers(hydra, undefined, c.config), ...resolvers };
  paths.forEach((path, i) => {
    const node = texts[i];
    if (!node) return;
    try {
      resolveAt(root, ["hydra", ...path.split(".")], { resolvers: all });
    } catch (e) {
      if (!isStrataError(e)) throw e;
      const p = fromError(e);
      // A key it reaches that is broken itself is reported where it is written.
      const missing = /^Interpolation key '(.+)' not found/.exec(p.message)?.[1];
      if (missing !== undefined && !String(node.value).includes(missing)) return;
      if (p.code === ErrorCode.InterpolationToMissing) p.severity = "warning";
      out.push({ ...p, fullKey: `hydra.${path}`, origin: node.origin ?? p.origin });
    }
  });
}

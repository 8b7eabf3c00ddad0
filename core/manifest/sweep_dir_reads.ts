/**
 * Whether `hydra.sweep.dir` can differ between a sweep's jobs: it does when
 * it reads, directly or through other values, a key a swept override sets
 * (rl4co's `${logger.wandb.group}`, which reads `${env.generator_params.num_loc}`),
 * or when a group is swept (an option may set anything). Checking each job's
 * dir composes every job again; a sweep of `lr` under lightning-hydra-template's
 * `${paths.log_dir}/${task_name}/multiruns/...` needs none of that.
 *
 * @module
 */

import type { Composition } from "../compose/compose.ts";
import { type Node, originOf } from "../node.ts";
import { nodeAt } from "../ops/walk.ts";
import { parseOverride } from "../override/parse.ts";
import { interpolatedKeys } from "../resolve/grammar_walk.ts";

/**
 * The keys `text` reads, followed through the values they hold (in `root`, the master config
 * with `hydra`); undefined when one cannot be known (`${.x}`, a key built by an interpolation).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml } from "../../engine.ts";
 * import { keysRead } from "./sweep_dir_reads.ts";
 * const root = loadYaml("a: x_${b.c}\nb: {c: '${d}'}\nd: 1\n");
 * assert.deepEqual([...keysRead("out/${a}/${now:%H}", root)!].sort(), ["a", "b.c", "d"]);
 * assert.equal(keysRead("${.a}", root), undefined);
 * ```
 */
export function keysRead(text: string, root: Node): Set<string> | undefined {
  const seen = new Set<string>();
  const todo = [text];
  while (todo.length > 0) {
    // a relative key, or one an interpolation builds (`${a.${b}}`), which only resolving tells
    const { keys, computed } = interpolatedKeys(todo.pop()!);
    if (computed || keys.some((k) => k.startsWith("."))) return undefined;
    // `l[0]` is read as `l.0`, the way overrides spell it
    for (const key of keys.map((k) => k.replace(/\[(\w+)\]/g, ".$1"))) {
      if (seen.has(key)) continue;
      seen.add(key);
      const node = nodeAt(root, key.split("."));
      if (node === undefined) continue;
      for (const s of strings(node)) todo.push(s);
    }
  }
  return seen;
}

/** Every interpolation text in a node (a container's leaves). */
function strings(node: Node): string[] {
  if (node.kind === "value") {
    return typeof node.value === "string" && node.value.includes("${") ? [node.value] : [];
  }
  const children = node.kind === "dict"
    ? [...node.entries.values()].map((e) => e.node)
    : node.items;
  return children.flatMap(strings);
}

/**
 * Whether the sweep's jobs may resolve `hydra.sweep.dir` differently from one another.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compose } from "../compose/compose.ts";
 * import { sweepDirVaries } from "./sweep_dir_reads.ts";
 * const conf = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(`${conf}/config.yaml`, "name: a\nlr: 1\n");
 * const master = compose({ configDir: conf, configName: "config",
 *   overrides: ["hydra.sweep.dir=out/${name}"] });
 * assert.equal(sweepDirVaries(master, ["lr=1,2"]), false);
 * assert.equal(sweepDirVaries(master, ["name=a,b"]), true);
 * Deno.removeSync(conf, { recursive: true });
 * ```
 */
export function sweepDirVaries(master: Composition, overrides: readonly string[]): boolean {
  const dir = nodeAt(master.hydra, ["sweep", "dir"]);
  const text = dir?.kind === "value" && typeof dir.value === "string" ? dir.value : "";
  if (!text.includes("${")) return false;
  const root = { kind: "dict" as const, entries: new Map(master.config.entries) };
  root.entries.set("hydra", { key: "hydra", node: master.hydra });
  const read = keysRead(text, root);
  const swept = overrides.flatMap((t, i) => {
    const o = parseOverride(t, i);
    return o.value && o.value.kind !== "element" ? [o.key] : [];
  });
  if (swept.length === 0) return false;
  if (read === undefined) return true;
  return swept.some((k) =>
    // a group (an option may set any key), or a key read or holding one
    k in master.choices || /[/@]/.test(k) ||
    [...read].some((r) => r === k || r.startsWith(k + ".") || k.startsWith(r + "."))
  );
}

/**
 * Whether `hydra.sweep.subdir` may resolve to an absolute path, which Hydra's `os.path.join`
 * takes as the job's dir, outside `hydra.sweep.dir`: written absolute, or starting with
 * `${hydra.job.override_dirname}` (empty when every override is excluded: L2M's
 * `${hydra.job.override_dirname}/seed=${seed}` gives `/seed=1`, checker x29).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { subdirMayBeAbsolute } from "./sweep_dir_reads.ts";
 * assert.ok(subdirMayBeAbsolute("${hydra.job.override_dirname}/seed=${seed}"));
 * assert.ok(subdirMayBeAbsolute("/scratch/${hydra.job.num}"));
 * assert.ok(!subdirMayBeAbsolute("${hydra.job.num}"));
 * ```
 */
export function subdirMayBeAbsolute(text: string): boolean {
  return text.startsWith("/") || /^\$\{\s*hydra[.:]job\.override_dirname\s*\}/.test(text);
}

/** Where `hydra.sweep.dir` was set, for messages. @ignore */
export function sweepDirOrigin(master: Composition) {
  const dir = nodeAt(master.hydra, ["sweep", "dir"]);
  return dir?.origin === undefined ? undefined : originOf(dir.origin);
}

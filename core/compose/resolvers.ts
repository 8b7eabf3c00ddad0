/**
 * Resolution of a composed config as Hydra does it after composition: the
 * `hydra:` resolver reads the `hydra` node (`???` reads as None) and `now:`
 * formats the current time with strftime patterns.
 *
 * @module
 */

import { ErrorCode, StrataError } from "../errors.ts";
import { canonicalKey, dict, type DictNode, type Key, type Node } from "../node.ts";
import { resolveAt, resolveEntries, type ResolveOptions, type ResolverFn } from "../resolve/mod.ts";
import type { Composition } from "./compose.ts";

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/**
 * Python's `time.strftime` for the common directives (local time).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { strftime } from "../../engine.ts";
 * assert.equal(strftime("%Y-%m-%d", new Date(2024, 0, 5)), "2024-01-05");
 * ```
 */
export function strftime(pattern: string, d: Date = new Date()): string {
  const p2 = (n: number) => String(n).padStart(2, "0");
  const start = new Date(d.getFullYear(), 0, 1);
  const yday = Math.floor((d.getTime() - start.getTime()) / 86400000) + 1;
  const h12 = d.getHours() % 12 === 0 ? 12 : d.getHours() % 12;
  const map: Record<string, string> = {
    Y: String(d.getFullYear()),
    y: p2(d.getFullYear() % 100),
    m: p2(d.getMonth() + 1),
    d: p2(d.getDate()),
    H: p2(d.getHours()),
    I: p2(h12),
    M: p2(d.getMinutes()),
    S: p2(d.getSeconds()),
    f: String(d.getMilliseconds() * 1000).padStart(6, "0"),
    p: d.getHours() < 12 ? "AM" : "PM",
    a: DAYS[d.getDay()].slice(0, 3),
    A: DAYS[d.getDay()],
    b: MONTHS[d.getMonth()].slice(0, 3),
    B: MONTHS[d.getMonth()],
    j: String(yday).padStart(3, "0"),
    w: String(d.getDay()),
    "%": "%",
  };
  return pattern.replace(/%([A-Za-z%])/g, (whole, c: string) => map[c] ?? whole);
}

function splitPath(key: string): Key[] {
  return key.replace(/\[(\d+)\]/g, ".$1").split(".").filter((s) => s !== "");
}

/**
 * The `hydra:` and `now:` resolvers for one composition.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compose, create, hydraResolvers, resolveTree, toContainer } from "../../engine.ts";
 * const c = compose({ configDir: "examples/llm-finetune/conf", configName: "config", jobName: "train" });
 * const cfg = create({ job: "${hydra:job.name}", year: "${now:%Y}" });
 * const out = toContainer(resolveTree(cfg, { resolvers: hydraResolvers(c.hydra) }));
 * assert.deepEqual(out, { job: "train", year: String(new Date().getFullYear()) });
 * ```
 */
export function hydraResolvers(
  hydra: DictNode,
  now: Date = new Date(),
): Record<string, ResolverFn> {
  const root = dict([["hydra", hydra]]);
  return {
    hydra: (args) => {
      const path = ["hydra", ...splitPath(String(args[0] ?? ""))];
      try {
        const got = resolveAt(root, path, {
          resolvers: { now: (a) => strftime(String(a[0]), now) },
        });
        return got.kind === "value" && got.type === "missing" ? null : got;
      } catch (e) {
        // OmegaConf.select: a missing key or a `???` value reads as None.
        if (
          e instanceof StrataError &&
          [ErrorCode.MissingValue, ErrorCode.Key, ErrorCode.Attribute].includes(e.code as never)
        ) return null;
        throw e;
      }
    },
    now: (args) => strftime(String(args[0] ?? ""), now),
  };
}

/**
 * The composed config with its interpolations resolved, as Hydra's app sees it
 * (`hydra` excluded; each other top-level key resolved against the whole config),
 * in one engine call; `opts.engine: "ts"` runs the TypeScript evaluator instead.
 * A top-level `???` fails, as reading it does. With `keepMissing` it stays
 * `???`, as `--cfg job --resolve` (OmegaConf.to_yaml(resolve=True)) prints it.
 *
 * @throws {StrataError} the resolution errors of {@link resolveAt}.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compose, resolveComposition, viewOf } from "../../engine.ts";
 * const resolved = resolveComposition(compose({ configDir: "examples/llm-finetune/conf", configName: "config" }));
 * assert.equal(viewOf(resolved).get("output_dir"), "outputs/llama3-8b-alpaca");
 * ```
 */
export function resolveComposition(
  c: Pick<Composition, "config" | "hydra">,
  opts: ResolveOptions & { keepMissing?: boolean } = {},
): DictNode {
  const root = dict();
  for (const [k, e] of c.config.entries) root.entries.set(k, e);
  root.entries.set(canonicalKey("hydra"), { key: "hydra", node: c.hydra });
  const resolvers = { ...hydraResolvers(c.hydra), ...opts.resolvers };
  const keys = [...c.config.entries.keys()];
  const missing = (k: string) => {
    const n = c.config.entries.get(k)!.node;
    return n.kind === "value" && n.type === "missing";
  };
  // keepMissing: `???` stays `???` at the top as below it, as
  // OmegaConf.to_yaml(resolve=True) prints it (the app reading it fails).
  const kept = opts.keepMissing ? new Set(keys.filter(missing)) : new Set<string>();
  const resolved = resolveEntries(root, keys.filter((k) => !kept.has(k)), {
    ...opts,
    resolvers,
  });
  if (kept.size === 0) return resolved;
  const out = dict();
  for (const k of keys) {
    out.entries.set(k, kept.has(k) ? c.config.entries.get(k)! : resolved.entries.get(k)!);
  }
  return out;
}

/**
 * The node at `path` (a `--package`) of a composition with its interpolations
 * resolved, as Hydra's `show_cfg` does it (`OmegaConf.select(cfg, package)`,
 * then `OmegaConf.resolve` of that node only): interpolations inside it may
 * point anywhere (`hydra` included, and `${hydra:...}`), but an error in
 * another part of the config does not fail it. `withHydra: "first"` is
 * `--cfg all`'s root (`hydra` before the job's keys), `"only"` `--cfg hydra`'s.
 *
 * @throws {StrataError} the resolution errors of {@link resolveAt} inside the node.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compose, toContainer } from "../../engine.ts";
 * import { resolvePackage } from "./resolvers.ts";
 * const conf = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(`${conf}/config.yaml`, "a: ${oc.env:NOPE_X1}\nm:\n  n: x\n  k: ${.n}\n");
 * const c = compose({ configDir: conf, configName: "config" });
 * assert.deepEqual(toContainer(resolvePackage(c, ["m"])), { n: "x", k: "x" });
 * Deno.removeSync(conf, { recursive: true });
 * ```
 */
export function resolvePackage(
  c: Pick<Composition, "config" | "hydra">,
  path: readonly Key[],
  opts: ResolveOptions & { withHydra?: "last" | "first" | "only" } = {},
): Node {
  const root = dict();
  const hydra = () => root.entries.set(canonicalKey("hydra"), { key: "hydra", node: c.hydra });
  if (opts.withHydra === "first" || opts.withHydra === "only") hydra();
  if (opts.withHydra !== "only") {
    for (const [k, e] of c.config.entries) root.entries.set(k, e);
  }
  if (opts.withHydra === undefined || opts.withHydra === "last") hydra();
  const resolvers = { ...hydraResolvers(c.hydra), ...opts.resolvers };
  return resolveAt(root, path, { ...opts, resolvers });
}

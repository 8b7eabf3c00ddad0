/**
 * Resolution of a composed config as Hydra does it after composition: the
 * `hydra:` resolver reads the `hydra` node (`???` reads as None) and `now:`
 * formats the current time with strftime patterns.
 *
 * @module
 */

import { ErrorCode, StrataError } from "../errors.ts";
import { canonicalKey, dict, type DictNode, type Key, type Node } from "../node.ts";
import { resolveAt, type ResolveOptions, type ResolverFn } from "../resolve/mod.ts";
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
 * import { strftime } from "./resolvers.ts";
 * strftime("%Y-%m-%d", new Date(2024, 0, 5)); // "2024-01-05"
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
 * ```ts ignore
 * resolveTree(cfg, { resolvers: hydraResolvers(composition.hydra) });
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
 * (`hydra` excluded; each other top-level key resolved against the whole config):
 * a top-level `???` fails, as reading it does. With `keepMissing` it stays
 * `???`, as `--cfg job --resolve` (OmegaConf.to_yaml(resolve=True)) prints it.
 *
 * @throws {StrataError} the resolution errors of {@link resolveAt}.
 * @example
 * ```ts ignore
 * import { compose, resolveComposition } from "../../mod.ts";
 * resolveComposition(compose({ configDir: "conf", configName: "config" }));
 * ```
 */
export function resolveComposition(
  c: Composition,
  opts: ResolveOptions & { keepMissing?: boolean } = {},
): DictNode {
  const root = dict();
  for (const [k, e] of c.config.entries) root.entries.set(k, e);
  root.entries.set(canonicalKey("hydra"), { key: "hydra", node: c.hydra });
  const resolvers = { ...hydraResolvers(c.hydra), ...opts.resolvers };
  const out = dict();
  for (const [k, e] of c.config.entries) {
    // keepMissing: `???` stays `???` at the top as below it, as
    // OmegaConf.to_yaml(resolve=True) prints it (the app reading it fails).
    if (opts.keepMissing && e.node.kind === "value" && e.node.type === "missing") {
      out.entries.set(k, e);
      continue;
    }
    const node: Node = resolveAt(root, [e.key], { ...opts, resolvers });
    out.entries.set(k, { key: e.key, node });
  }
  return out;
}

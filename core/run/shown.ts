/**
 * The hydra node and `--package` nodes as Hydra's `show_cfg` prints them with
 * `--resolve`: it composes in RUN mode, then runs `OmegaConf.resolve` on what
 * it prints. In RUN mode `hydra.job.num`, `hydra.job.id` and
 * `hydra.runtime.output_dir` are still `???` (the launcher and `run_job` set
 * them), so `hydra.sweep.subdir: ${hydra.job.num}` and the log file's
 * `${hydra.runtime.output_dir}/...` print `???`, as OmegaConf.resolve sets a
 * value that reaches a `???`.
 *
 * @module
 */

import { parseCached } from "../resolve/caches.ts";
import { hydraResolvers, packageRoot, resolvePackage } from "../compose/resolvers.ts";
import type { Composition } from "../compose/compose.ts";
import { ErrorCode, isStrataError, StrataError } from "../errors.ts";
import { type DictNode, fullKey, isInterpolation, type Key, missing, type Node } from "../node.ts";
import { opaqueResolverOf, reachesMissing, resolveLenient, type Unresolved } from "./lenient.ts";
import { asIndex, childOf, nodeAt } from "../ops/walk.ts";
import { InOrder } from "../resolve/in_order.ts";
import { type HydraPlugin, typeHydraNode } from "../hydra/typed.ts";
import { holdsInterpolationText } from "../resolve/validate.ts";
import type { ResolverFn } from "../resolve/mod.ts";
import { dereferenceAt } from "../resolve/resolve.ts";

/**
 * The `hydra` node of `root` resolved as `OmegaConf.resolve(cfg)` leaves it
 * (`node`), and the node as that pass left it for the keys after it to read
 * (`hydra`: its values that reached a `???` set to `???`). `root` is what
 * Hydra resolves: `--cfg hydra`'s `{hydra: ...}` without `help` and
 * `hydra_help` (get_sanitized_hydra_cfg deleted the job's keys: the hydra
 * node cannot read them), or `--cfg all`'s whole config, `hydra` first.
 * `resolvers` are the composition's (`hydraResolvers`: `${hydra:...}` reads
 * the node as composed, as Hydra's HydraConfig copy holds it). With
 * `refusePlainResults` a resolver's plain list or dict in it is
 * OmegaConf.resolve's UnsupportedValueType, as in the job's keys.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { hydraAsShown } from "./shown.ts";
 * import { loadYaml } from "../yaml/load.ts";
 * import { toYaml } from "../yaml/emit.ts";
 * import type { DictNode } from "../node.ts";
 * const root = loadYaml("hydra:\n  job:\n    num: ???\n  sweep:\n    dir: m\n    subdir: ${hydra.job.num}\n");
 * const { node } = hydraAsShown(root as DictNode);
 * assert.equal(toYaml(node), "job:\n  num: ???\nsweep:\n  dir: m\n  subdir: ???\n");
 * // typed fields converted, as OmegaConf sets a resolved value into HydraConf
 * const typed = loadYaml("seed: 3\nhydra:\n  job:\n    env_set:\n      B: ${seed}\n");
 * assert.equal(toYaml(hydraAsShown(typed as DictNode, {}, false, new Set()).node), "job:\n  env_set:\n    B: '3'\n");
 * ```
 */
export function hydraAsShown(
  root: DictNode,
  resolvers?: Record<string, ResolverFn>,
  refusePlainResults = false,
  plugins?: ReadonlySet<HydraPlugin>,
): { node: Node; hydra: DictNode } {
  const run = new InOrder(root, { resolvers, refusePlainResults });
  const node = run.resolve(["hydra"]);
  const hydra = nodeAt(run.root, ["hydra"]) as DictNode;
  if (plugins === undefined) return { node, hydra };
  // a value resolved into a typed field is converted as OmegaConf sets it (env_set's
  // `${seed}` is the str '100': Dict[str, str]; checker v72 #1)
  return {
    node: node.kind === "dict" ? typeHydraNode(node, plugins) : node,
    hydra: typeHydraNode(hydra, plugins),
  };
}

/**
 * The node at `path` (a `--package`) resolved as Hydra's `show_cfg` prints
 * it: `OmegaConf.select`, then `OmegaConf.resolve` of that node alone (see
 * `resolvePackage`), where a value that reaches a `???` is `???`
 * (`-p hydra.sweep`'s `subdir: ${hydra.job.num}`). A leaf that reaches one is
 * an error, as `OmegaConf.select` raises it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compose } from "../compose/compose.ts";
 * import { packageAsShown } from "./shown.ts";
 * import { toYaml } from "../yaml/emit.ts";
 * const conf = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(`${conf}/config.yaml`, "m: ???\nd:\n  x: 1\n  y: ${m}\n");
 * const c = compose({ configDir: conf, configName: "config" });
 * assert.equal(toYaml(packageAsShown(c, ["d"])), "x: 1\n'y': ???\n");
 * assert.throws(() => packageAsShown(c, ["d", "y"]), /Missing mandatory value: m/);
 * Deno.removeSync(conf, { recursive: true });
 * ```
 */
export function packageAsShown(
  c: Pick<Composition, "config" | "hydra">,
  path: readonly Key[],
  opts: {
    resolvers?: Record<string, ResolverFn>;
    withHydra?: "first" | "only";
    reuse?: boolean;
    /** `OmegaConf.resolve`'s refusal of a resolver's plain list or dict inside the node. */
    refusePlainResults?: boolean;
    /**
     * Resolved as `OmegaConf.to_container(node, resolve=True)` (`-f json`): a value reaching a
     * `???` fails, where `OmegaConf.resolve` of a container leaves `???` (checker v35).
     */
    toContainer?: boolean;
  } = {},
): Node {
  let failed: unknown;
  try {
    const out = resolvePackage(c, path, opts);
    // `${` text left (an escaped `\${x}`, `x_${d}` printing d's interpolations) may read
    // otherwise in OmegaConf.resolve's walk in key order: a container is walked
    if (out.kind === "value" || !holdsInterpolationText(out)) return out;
  } catch (e) {
    if (!isStrataError(e) || e.code !== ErrorCode.InterpolationToMissing) throw e;
    if (opts.toContainer) throw e;
    failed = e;
  }
  const root = packageRoot(c, opts.withHydra);
  if (nodeAt(root, path) === undefined) throw failed; // a path through an interpolation
  const resolvers = hydraResolvers(c.hydra, undefined, c.config, false, opts.resolvers);
  const got = new InOrder(root, { resolvers, refusePlainResults: opts.refusePlainResults })
    .resolve(path);
  // OmegaConf.select raises for a leaf that reaches a `???`; a container it gives is resolved
  if (got.kind === "value" && failed !== undefined) throw failed;
  return got;
}

/**
 * What `OmegaConf.select(cfg, package)` gives for a package that is a value
 * (or lies inside a resolver's result), read once: a leaf resolved, and a
 * resolver's new container as the resolver made it, not resolved (`show_cfg`
 * runs `OmegaConf.resolve` on it only with `--resolve`): `${oc.dict.values:d}`
 * is the list `[${d.a}, ${d.b}]`, which `to_yaml` prints as written.
 * `undefined` for a value that fails to resolve ({@link packageAsShown} fails
 * with the error select raises).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compose } from "../compose/compose.ts";
 * import { selectedValueAt } from "./shown.ts";
 * import { toYaml } from "../yaml/emit.ts";
 * const conf = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(`${conf}/config.yaml`, "x: 1\nv: ${oc.dict.values:d}\nd:\n  a: ${x}\n");
 * const c = compose({ configDir: conf, configName: "config" });
 * assert.equal(toYaml(selectedValueAt(c, ["v"])!), "- ${d.a}\n");
 * assert.equal(selectedValueAt(c, ["x"])?.kind, "value");
 * Deno.removeSync(conf, { recursive: true });
 * ```
 */
export function selectedValueAt(
  c: Pick<Composition, "config" | "hydra">,
  path: readonly Key[],
  opts: { resolvers?: Record<string, ResolverFn>; withHydra?: "first" | "only" } = {},
): Node | undefined {
  const resolvers = hydraResolvers(c.hydra, undefined, c.config, false, opts.resolvers);
  try {
    return dereferenceAt(packageRoot(c, opts.withHydra), path, { resolvers, shallow: true }).node;
  } catch (e) {
    if (isStrataError(e)) return undefined;
    throw e;
  }
}

/**
 * Where `OmegaConf.select(cfg, package)` lands in `root` (the config
 * `--cfg` shows), as Hydra's `show_cfg` selects a `--package`: select goes
 * through a node interpolation on the way or at the end, so with `v: ${w}`
 * `v.0` is `w.0` and `d: ${e}` is the node `e` (printed as it is, or
 * resolved in place with `--resolve`). `undefined` is select's None (a
 * missing key, an index past the end, a key in a scalar); `"through"` a
 * resolver's new container on the way (`${oc.dict.values:e}`), which only
 * resolving along `segs` reaches. A leaf interpolation or a resolver's result
 * at the end keeps its own path: resolving there reads it.
 *
 * @throws {StrataError} `type` for a list read by a key that is not an int
 *   (ConfigTypeError), and the resolution errors of an interpolation on the way.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compose } from "../compose/compose.ts";
 * import { selectedPath } from "./shown.ts";
 * const conf = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(`${conf}/config.yaml`, "v: ${w}\nw: [a, b]\n");
 * const c = compose({ configDir: conf, configName: "config" });
 * assert.deepEqual(selectedPath(c, c.config, ["v", "1"]), ["w", 1]);
 * assert.equal(selectedPath(c, c.config, ["v", "2"]), undefined);
 * Deno.removeSync(conf, { recursive: true });
 * ```
 */
export function selectedPath(
  c: Pick<Composition, "config" | "hydra">,
  root: DictNode,
  segs: readonly string[],
  resolvers?: Record<string, ResolverFn>,
): Key[] | "through" | undefined {
  const all = hydraResolvers(c.hydra, undefined, c.config, false, resolvers);
  let path: Key[] = [];
  let node: Node = root;
  for (const [i, seg] of segs.entries()) {
    if (node.kind === "value") return undefined;
    if (node.kind === "list" && asIndex(seg) === undefined) {
      throw new StrataError(ErrorCode.Type, `Index '${seg}' (str) is not an int`, {
        fullKey: segs.join("."),
        origin: node.origin,
      });
    }
    // select reads no negative index
    const child: { key: Key; node: Node } | undefined = node.kind === "list" && asIndex(seg)! < 0
      ? undefined
      : childOf(node, seg);
    if (!child) return undefined;
    path = [...path, child.key];
    node = child.node;
    if (node.kind !== "value" || !isInterpolation(node)) continue;
    // the selected value itself: only a node interpolation (`${b}`) can name another place,
    // and a resolver's value is read once, where it is printed (Hydra's select calls it once)
    if (i === segs.length - 1 && !mayNamePlace(node.value as string)) continue;
    const got = dereferenceAt(root, path, { resolvers: all, shallow: true });
    if (got.treePath) {
      path = got.treePath;
      node = got.node;
    } else if (i < segs.length - 1) {
      return got.node.kind === "value" ? undefined : "through";
    }
  }
  return path;
}

/** Whether an interpolation may be a reference to another node (one `${...}` that calls no resolver). */
function mayNamePlace(text: string): boolean {
  try {
    const { parts } = parseCached(text);
    return parts.length === 1 && typeof parts[0] !== "string" && parts[0].t === "node";
  } catch {
    return true; // does not parse: dereferenced, which reports it as before
  }
}

/**
 * The package at `path` of the job config resolved with the values that call an `opaque`
 * resolver kept as written (as `resolveKeepingOpaque` keeps them), each one under the
 * package passed to `onKept`: `--package` with `.strata.yaml`'s opaque resolvers, which
 * the whole config's `--resolve` keeps alike. A failure outside the package is not
 * select's (it resolves the package alone); any other failure under it is thrown.
 * `undefined` when the path names no value of the job config (a hydra key, a path through
 * an interpolation, a null or `???`, which select gives as None).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compose } from "../compose/compose.ts";
 * import { packageKeepingOpaque } from "./shown.ts";
 * import { toYaml } from "../yaml/emit.ts";
 * const conf = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(`${conf}/config.yaml`, "d:\n  r: 2\n  m: ${eval:${.r}}\n  k: ${.r}\nx: ${nope:1}\n");
 * const c = compose({ configDir: conf, configName: "config" });
 * const kept: string[] = [];
 * const d = packageKeepingOpaque(c, ["d"], { opaque: ["eval"], onKept: (u, name) => kept.push(`${u.key}:${name}`) });
 * assert.equal(toYaml(d!), "r: 2\nm: ${eval:${.r}}\nk: 2\n");
 * assert.deepEqual(kept, ["d.m:eval"]);
 * Deno.removeSync(conf, { recursive: true });
 * ```
 */
export function packageKeepingOpaque(
  c: Pick<Composition, "config" | "hydra">,
  path: readonly string[],
  opts: {
    resolvers?: Record<string, ResolverFn>;
    opaque: readonly string[];
    onKept?: (u: Unresolved, name: string) => void;
    /** `--cfg all`: the job's keys read `hydra` as a key. */
    hydraKey?: boolean;
  },
): Node | undefined {
  if (opts.hydraKey && path[0] === "hydra") return undefined;
  const failed: Unresolved[] = [];
  const job = resolveLenient(c, {
    resolvers: hydraResolvers(c.hydra, undefined, c.config, false, opts.resolvers),
    hydraKey: opts.hydraKey,
    onUnresolved: (u) => failed.push(u),
    // a value that reaches a `???` shows `???`, as OmegaConf.resolve leaves it
    instead: (u) => reachesMissing(u) ? missing(u.node.origin) : undefined,
  });
  // the package's full key as the kept values spell theirs (`a.b[1]`)
  const keys: Key[] = [];
  const inList: boolean[] = [];
  let node: Node | undefined = job;
  for (const seg of path) {
    if (node === undefined || node.kind === "value") return undefined;
    const child = childOf(node, seg);
    inList.push(node.kind === "list");
    keys.push(child?.key ?? seg);
    node = child?.node;
  }
  if (node === undefined) return undefined;
  if (node.kind === "value" && (node.type === "missing" || node.type === "null")) return undefined;
  const prefix = fullKey(keys, inList);
  const kept = failed.filter((u) =>
    !reachesMissing(u) &&
    (u.key === prefix || u.key.startsWith(prefix + ".") || u.key.startsWith(prefix + "["))
  );
  const names = kept.map((u) => {
    const name = opaqueResolverOf(u, opts.opaque);
    if (name === undefined) throw u.error;
    return name;
  });
  kept.forEach((u, i) => opts.onKept?.(u, names[i]));
  return node;
}

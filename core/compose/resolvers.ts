/**
 * Resolution of a composed config as Hydra does it after composition: the
 * `hydra:` resolver reads the `hydra` node (`???` reads as None) and `now:`
 * formats the current time with strftime patterns.
 *
 * @module
 */

import { shareAbsentKeyHint } from "../resolve/absent_key_hint.ts";
import { ErrorCode, StrataError } from "../errors.ts";
import { canonicalKey, dict, type DictNode, type Entry, type Key, type Node } from "../node.ts";
import { resolveAt, resolveEntries, type ResolveOptions, type ResolverFn } from "../resolve/mod.ts";
import { dereferenceAt, type EntriesOptions, selectAt } from "../resolve/resolve.ts";
import { shareResolverCache } from "../resolve/caches.ts";
import type { Composition } from "./compose.ts";

// `${now:...}`: Python's datetime.strftime, every directive (core/strftime.ts)
export { strftime } from "../strftime.ts";
import { clockNow, strftime } from "../strftime.ts";
import { pyType } from "../resolve/pystr.ts";
import { enumMember } from "../pyformat.ts";

function splitPath(key: string): Key[] {
  return key.replace(/\[(\d+)\]/g, ".$1").split(".").filter((s) => s !== "");
}

/**
 * The config around a composition's hydra node, as Hydra holds it: `hydra`
 * first, then the job's top-level keys (Hydra's HydraConfig node keeps the
 * whole config as its parent), so `hydra.run.dir: outputs/${run_name}` reads
 * the job's `run_name`. The keys are read live: a key the job sets later is
 * seen. The job's own tree stays without `hydra`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { create, resolveAt, toContainer } from "../../engine.ts";
 * import { hydraScope } from "./resolvers.ts";
 * const job = create({ run_name: "exp1" });
 * const hydra = create({ run: { dir: "outputs/${run_name}" } });
 * if (job.kind !== "dict" || hydra.kind !== "dict") throw new Error();
 * const root = hydraScope(hydra, job);
 * assert.equal(toContainer(resolveAt(root, ["hydra", "run", "dir"])), "outputs/exp1");
 * assert.deepEqual([...root.entries.keys()], ["hydra", "run_name"]);
 * assert.equal(job.entries.size, 1);
 * ```
 */
export function hydraScope(hydra: DictNode, job?: DictNode): DictNode {
  const own: Entry = { key: "hydra", node: hydra };
  if (job === undefined) return dict([["hydra", hydra]]);
  const HYDRA = canonicalKey("hydra");
  const root = { kind: "dict", origin: job.origin } as DictNode;
  Object.defineProperty(root, "entries", {
    get: () => {
      const entries = new Map<string, Entry>([[HYDRA, own]]);
      for (const [k, e] of job.entries) if (k !== HYDRA) entries.set(k, e);
      return entries;
    },
    enumerable: true,
  });
  return root;
}

/**
 * The `hydra:` and `now:` resolvers for one composition. `${hydra:run.dir}`
 * reads the hydra node with the job's keys around it (`job`, the composed
 * config without `hydra`), as Hydra's HydraConfig node sees them. With
 * `detached`, the node's parent is `job` alone, as in Hydra's `--cfg job`
 * print: `show_cfg` deletes `cfg.hydra` before it resolves, so a hydra value
 * that reads `${hydra.job.num}` (`sweep.subdir`, `help.app_name`) raises
 * InterpolationKeyError there. `others` (the app's resolvers) come with them,
 * over them, and resolve the hydra values read too.
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
  now: Date = clockNow(),
  job?: DictNode,
  detached = false,
  others: Record<string, ResolverFn> = {},
): Record<string, ResolverFn> {
  const all: Record<string, ResolverFn> = {
    hydra: (args, ctx) => {
      // Hydra's resolver is `lambda path: OmegaConf.select(HydraConfig.get(), path)` (checker x36)
      oneArgument(args, "path");
      const path = splitPath(String(args[0] ?? ""));
      // the value read resolves with every resolver, as under Hydra's global registry: a
      // `${hydra:...}` in it too (override_dirname holding `+tag=${hydra:runtime.choices.x}`)
      const opts = { resolvers: all };
      try {
        // OmegaConf.select: a missing key, a `???`, an index out of range or a value that is
        // no container on the way (`sweeper.params.x` with `params: null`) read as None
        const got = detached
          ? selectAt(job ?? dict(), path, opts, { key: "hydra", node: hydra })
          : selectAt(hydraScope(hydra, job), ["hydra", ...path], opts);
        if (got === null || (got.kind === "value" && got.type === "missing")) return null;
        // HydraConf's `mode` is a RunMode: str() of it, in a string, is `RunMode.MULTIRUN`
        if (
          path.length === 1 && path[0] === "mode" && got.kind === "value" &&
          (got.value === "RUN" || got.value === "MULTIRUN")
        ) return enumMember("RunMode", got.value, got.origin);
        return got;
      } catch (e) {
        if (
          e instanceof StrataError &&
          [ErrorCode.MissingValue, ErrorCode.Key, ErrorCode.Attribute].includes(e.code as never)
        ) return null;
        if (detached && e instanceof StrataError && e.code === ErrorCode.InterpolationKey) {
          throw withReader(e, ctx.fullKey, ctx.argTexts[0] ?? "");
        }
        throw e;
      }
    },
    now: (args, ctx) => strftime(nowPattern(args, ctx.nodes, ctx.argTexts), now),
    ...others,
  };
  return all;
}

/**
 * The one pattern of `${now:...}`: Hydra's resolver is `lambda pattern:
 * datetime.now().strftime(pattern)`, so no argument, two (`${now:%Y,%m}`, a
 * comma meant as text) or one that is not a string fail with Python's
 * TypeError, as OmegaConf raises it (checker x27).
 */
function nowPattern(args: unknown[], nodes: Node[], texts: string[]): string {
  oneArgument(args, "pattern");
  const n = nodes[0];
  if (n.kind === "value" && n.type === "str") return n.value as string;
  const type = n.kind === "value"
    ? (n.type === "null" ? "None" : pyType(n))
    : /^\s*[[{]/.test(texts[0] ?? "")
    ? (n.kind === "list" ? "list" : "dict")
    : pyType(n);
  throw new TypeError(`strftime() argument 1 must be str, not ${type}`);
}

/** Python's TypeError for a one-argument `lambda NAME:` given none or more than one. */
function oneArgument(args: unknown[], name: string): void {
  if (args.length === 1) return;
  throw new TypeError(
    args.length === 0
      ? `<lambda>() missing 1 required positional argument: '${name}'`
      : `<lambda>() takes 1 positional argument but ${args.length} were given`,
  );
}

/**
 * `e` with a line saying which value read the hydra node, and why a hydra key
 * is not found there (the message and full key stay Hydra's: the hydra node's).
 */
function withReader(e: StrataError, reader: string, arg: string): StrataError {
  return new StrataError(e.code, e.message, {
    fullKey: e.fullKey,
    origin: e.origin,
    suggestions: e.suggestions,
    related: [...e.related, {
      message: `read by ${reader}: \${hydra:${arg}} (--cfg job resolves without the hydra ` +
        "node, which Hydra's show_cfg deletes first)",
      origin: {},
    }],
  });
}

/**
 * The composed config with its interpolations resolved, as Hydra's app sees it
 * (without the `hydra` key, which only `${hydra:...}` reads),
 * in one engine call; `opts.engine: "ts"` runs the TypeScript evaluator instead.
 * A top-level `???` fails, as reading it does. With `keepMissing` it stays
 * `???`, as `--cfg job --resolve` (OmegaConf.to_yaml(resolve=True)) prints it.
 * `keepFailed` keeps a value that cannot resolve (see {@link EntriesOptions}).
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
  opts: EntriesOptions & { keepMissing?: boolean; hydraKey?: boolean } = {},
): DictNode {
  // the app's config has no `hydra` key (Hydra's run_job and `--cfg job` delete it
  // first): `${hydra.job.name}` fails there, `${hydra:job.name}` reads the node;
  // `hydraKey` is `--cfg all`'s config, which keeps it
  const root = dict();
  for (const [k, e] of c.config.entries) root.entries.set(k, e);
  if (opts.hydraKey) root.entries.set(canonicalKey("hydra"), { key: "hydra", node: c.hydra });
  shareResolverCache(c.config, root); // the app's config is one: use_cache results too
  shareAbsentKeyHint(c.config, root);
  const resolvers = hydraResolvers(c.hydra, undefined, c.config, false, opts.resolvers);
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
 * point anywhere (`hydra` too with `withHydra`; `${hydra:...}` always), but an error in
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
  opts: ResolveOptions & { withHydra?: "first" | "only" } = {},
): Node {
  const root = packageRoot(c, opts.withHydra);
  const resolvers = hydraResolvers(c.hydra, undefined, c.config, false, opts.resolvers);
  return resolveAt(root, path, { ...opts, resolvers });
}

/**
 * {@link resolvePackage}'s walk to `path`, stopping at what it reaches
 * (OmegaConf's `_dereference_node`): a container that is a node of the tree
 * comes with its path there (`server.replica: ${db}` gives `["db"]`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compose } from "./compose.ts";
 * import { dereferencePackage } from "./resolvers.ts";
 * const conf = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(`${conf}/config.yaml`, "db: {host: h}\nr: ${db}\n");
 * const c = compose({ configDir: conf, configName: "config" });
 * assert.deepEqual(dereferencePackage(c, ["r"]).treePath, ["db"]);
 * Deno.removeSync(conf, { recursive: true });
 * ```
 */
export function dereferencePackage(
  c: Pick<Composition, "config" | "hydra">,
  path: readonly Key[],
  opts: ResolveOptions & { withHydra?: "first" | "only" } = {},
): { node: Node; treePath?: Key[] } {
  const root = packageRoot(c, opts.withHydra);
  const resolvers = hydraResolvers(c.hydra, undefined, c.config, false, opts.resolvers);
  return dereferenceAt(root, path, { ...opts, resolvers });
}

/**
 * The config `--package` selects from, as Hydra's `show_cfg` holds it:
 * `--cfg job` (no `withHydra`) has no `hydra` key (Hydra deletes it first),
 * `--cfg hydra` (`"only"`) nothing else, `--cfg all` (`"first"`) both.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compose } from "./compose.ts";
 * import { packageRoot } from "./resolvers.ts";
 * const conf = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(`${conf}/config.yaml`, "a: 1\n");
 * const c = compose({ configDir: conf, configName: "config" });
 * assert.deepEqual([...packageRoot(c, "first").entries.values()].map((e) => e.key), ["hydra", "a"]);
 * assert.deepEqual([...packageRoot(c).entries.values()].map((e) => e.key), ["a"]);
 * Deno.removeSync(conf, { recursive: true });
 * ```
 */
export function packageRoot(
  c: Pick<Composition, "config" | "hydra">,
  withHydra?: "first" | "only",
): DictNode {
  const root = dict();
  if (withHydra) root.entries.set(canonicalKey("hydra"), { key: "hydra", node: c.hydra });
  if (withHydra !== "only") {
    for (const [k, e] of c.config.entries) root.entries.set(k, e);
  }
  shareAbsentKeyHint(c.config, root);
  return root;
}

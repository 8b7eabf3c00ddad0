/**
 * The value checks of one composition: a config with many interpolations is
 * resolved in one engine call; a config with few, or one the engine cannot
 * resolve, has every interpolation resolved on its own (so every broken one
 * is reported, not the first). `???` left unset
 * is reported, and the result becomes the plain data the schema checks read,
 * each position mapped back to its origin.
 *
 * @module
 */

import { ErrorCode, isStrataError } from "../errors.ts";
import { canonicalKey, dict, type Key, type Node, originOf, str } from "../node.ts";
import type { Composition } from "../compose/compose.ts";
import { hydraResolvers, resolveComposition } from "../compose/resolvers.ts";
import { Evaluator } from "../resolve/evaluate.ts";
import { childLoc, type Loc, locFullKey } from "../resolve/loc.ts";
import { Fail } from "../resolve/fail.ts";
import { failPosition } from "../resolve/value_position.ts";
import { materialize, noStackOverflow } from "../resolve/materialize.ts";
import { type ResolverFn, resolverTable } from "../resolve/resolvers.ts";
import { fromError, type Problem } from "./problems.ts";
import { hydraSelectWarnings } from "./hydra_select.ts";
import { asLaunched } from "./launched_hydra.ts";
import { unsupportedResolverName } from "../resolve/fail.ts";
import { calledResolvers, declareHint, unreachedUnknownCalls } from "./resolver_calls.ts";
import { unreachedMissingKeys } from "./unreached_keys.ts";

/** What an opaque resolver returns: a value no check looks into. */
const OPAQUE = "\u0000strata-opaque\u0000";

/**
 * The composed config with its interpolations resolved (a subtree without
 * any is the composed one, shared), and the positions whose value is unknown.
 */
export interface CheckedValues {
  /** The resolved config; resolved leaves keep the origin of their interpolation. */
  root: Node;
  /** JSON pointers whose value is unknown (opaque resolvers, `???`, broken interpolations). */
  unknown: Set<string>;
  /** The config as composed (interpolations as written): where a value read elsewhere is set. */
  source?: Node;
}

/** Resolver options of a validation. */
export interface ValueOptions {
  /** Resolvers written in TypeScript (settings' module or `--resolvers`). */
  resolvers: Record<string, ResolverFn>;
  /** Resolvers declared opaque: called with checked arguments, result unchecked. */
  opaque: string[];
  /**
   * `wasm`: the engine first; `ts`: key by key with the TypeScript evaluator
   * only (the oracle the engine's answers are tested against); `auto`
   * (default): the engine for a config of {@link ENGINE_MIN_INTERPOLATIONS}
   * interpolations or more.
   */
  engine?: "wasm" | "ts" | "auto";
}

/**
 * From how many interpolations a composition is resolved by the engine. The
 * engine encodes the whole config (the hydra node included) and builds the
 * result back; key by key, the evaluator touches only the interpolations and
 * what they reach. On configs of a few dozen interpolations that makes the
 * evaluator faster (a 50 × 20 tree validates in 0.45 s against 0.7 s).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ENGINE_MIN_INTERPOLATIONS } from "./values.ts";
 * assert.equal(ENGINE_MIN_INTERPOLATIONS, 256);
 * ```
 */
export const ENGINE_MIN_INTERPOLATIONS = 256;

/** Whether `node` holds at least `n` strings with `${`. */
function holdsInterpolations(node: Node, n: number): boolean {
  let left = n;
  const visit = (x: Node): boolean => {
    if (x.kind === "value") {
      return x.type === "str" && (x.value as string).includes("${") && --left === 0;
    }
    if (x.kind === "list") return x.items.some(visit);
    for (const e of x.entries.values()) if (visit(e.node)) return true;
    return false;
  };
  return visit(node);
}

/**
 * The JSON pointer segment of a key.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { pointerSegment } from "./values.ts";
 * assert.equal(pointerSegment("a/b~c"), "a~1b~0c");
 * ```
 */
export function pointerSegment(key: unknown): string {
  return String(key).replaceAll("~", "~0").replaceAll("/", "~1");
}

/**
 * The keys a JSON pointer names, in order: {@link pointerSegment} undone.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { pointerSegments } from "./values.ts";
 * assert.deepEqual(pointerSegments("/a~1b~0c/0"), ["a/b~c", "0"]);
 * assert.deepEqual(pointerSegments(""), []);
 * ```
 */
export function pointerSegments(pointer: string): string[] {
  return pointer.split("/").slice(1).map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"));
}

function undeclared(p: Problem, name: string): Problem {
  return { ...p, message: `${p.message}: ${declareHint(name)}` };
}

/**
 * Resolves every interpolation of a composition's config on its own (each
 * broken one is a problem) and reports `???` values.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkValues } from "./values.ts";
 * import { dict } from "../node.ts";
 * import { loadYaml } from "../yaml/load.ts";
 * const config = loadYaml("a: 1\nb: ${a}\nc: ${nope}\nd: ???\n") as never;
 * const out: import("./problems.ts").Problem[] = [];
 * const values = checkValues({ config, hydra: dict() }, { resolvers: {}, opaque: [] }, out);
 * assert.deepEqual(out.map((p) => [p.severity, p.fullKey]), [["error", "c"], ["warning", "d"]]);
 * assert.deepEqual([...values.unknown], ["/c", "/d"]);
 * ```
 */
export function checkValues(
  c: Pick<Composition, "config" | "hydra">,
  opts: ValueOptions,
  out: Problem[],
): CheckedValues {
  // (the run dir a launched job has, not the null of a composition)
  const hydra = asLaunched(c.hydra);
  const root = dict();
  for (const [k, e] of c.config.entries) root.entries.set(k, e);
  root.entries.set(canonicalKey("hydra"), { key: "hydra", node: hydra });
  const perCall: Record<string, ResolverFn> = hydraResolvers(
    hydra,
    undefined,
    c.config,
    false,
    opts.resolvers,
  );
  for (const name of opts.opaque) perCall[name] = () => str(OPAQUE);
  // A big config that resolves takes one engine call; one with a broken
  // interpolation is resolved key by key (to report each broken one).
  const engine = opts.engine ?? "auto";
  const useEngine = engine === "wasm" ||
    (engine === "auto" && holdsInterpolations(c.config, ENGINE_MIN_INTERPOLATIONS));
  const twin = useEngine ? resolvedByEngine(c, perCall) : undefined;
  const table = resolverTable(perCall);
  const ev = new Evaluator(root, table);
  const unknown = new Set<string>();
  let interpolations: string[] | undefined;
  // The path from the root, as [key, inList, node]: a Loc is built only for an interpolation.
  const path: [Key, boolean, Node][] = [];
  const locOf = (): Loc => {
    let loc = ev.root;
    for (const [k, inList, n] of path) loc = childLoc(loc, k, n, inList);
    return loc;
  };
  const pointer = () => path.map(([k]) => "/" + pointerSegment(k)).join("");

  const report = (e: unknown, loc: Loc) => {
    let p: Problem;
    if (e instanceof Fail) {
      p = {
        severity: "error",
        code: e.code,
        message: e.message,
        fullKey: e.fullKey ?? locFullKey(loc),
      };
      // (a block scalar's: at the line of the interpolation failing)
      const placed = e.origin === undefined && e.at?.id === loc.id ? failPosition(e) : undefined;
      const origin = placed?.origin ?? originOf(e.origin ?? loc.node.origin);
      if (origin) p.origin = origin;
      if (e.suggestions?.length) p.suggestions = e.suggestions;
    } else if (isStrataError(e)) {
      p = { ...fromError(e), origin: e.origin ?? originOf(loc.node.origin) };
      // an error of no key of its own (the evaluator's RecursionError) is the value's
      if (!p.fullKey) p.fullKey = locFullKey(loc);
    } else throw e;
    // `${db.host}` fails because db.host points nowhere: report only db.host itself. A key no
    // interpolation spells (`${a.${w}}` built `a.zz`) is this interpolation's own failure.
    const missingKey = /^Interpolation key '(.+)' not found/.exec(p.message)?.[1];
    const text = loc.node.kind === "value" ? String(loc.node.value) : "";
    if (
      missingKey !== undefined && !text.includes(missingKey) &&
      (interpolations ??= interpolationTexts(root)).some((t) => t.includes(missingKey))
    ) return;
    // Likewise an unset variable: reported where its `${oc.env:...}` is written, not at every
    // value that reaches it.
    if (
      (ENV_UNSET.test(p.message) || ENV_DENIED.test(p.message)) && !text.includes("oc.env") &&
      (interpolations ??= interpolationTexts(root)).some((t) => t.includes("oc.env"))
    ) return;
    // And a resolver strata does not know: reported where it is called, not at every value that
    // reads one that calls it (`${oc.select:d.n,null}` with `n: ${eval:...}` holds no call)
    const resolver = unsupportedResolverName(p);
    if (resolver !== undefined && !callsResolver(text, resolver)) {
      interpolations ??= interpolationTexts(root);
      if (interpolations.some((t) => callsResolver(t, resolver))) return;
    }
    if (p.code === ErrorCode.InterpolationToMissing) p.severity = "warning";
    p = unsetEnvWarning(p);
    if (p.code === ErrorCode.UnsupportedInterpolation) {
      p = undeclared(p, unsupportedResolverName(p) ?? "NAME");
    }
    out.push(p);
  };

  // The resolved node (the same node when nothing under it changed); `twin`
  // is the node at the same place in the engine's resolved config.
  const walk = (node: Node, twin: Node | undefined): Node => {
    if (node.kind === "value") {
      if (node.type === "missing") {
        unknown.add(pointer());
        const loc = locOf();
        out.push({
          severity: "warning",
          code: ErrorCode.MissingValue,
          message: "Missing mandatory value (???)",
          fullKey: locFullKey(loc),
          ...(node.origin ? { origin: originOf(node.origin) } : {}),
        });
        return node;
      }
      if (node.type !== "str" || !(node.value as string).includes("${")) return node;
      const loc = locOf();
      if (HYDRA_KEY.test(node.value as string)) hydraKeyWarning(locFullKey(loc), node, out);
      if ((node.value as string).includes("hydra")) {
        out.push(
          ...hydraSelectWarnings(node.value as string, c.hydra, locFullKey(loc), node.origin),
        );
      }
      let resolved: Node;
      try {
        if (twin !== undefined) resolved = twin;
        else {
          // a `${${...}}` 2000 deep overflows the evaluator: Python's RecursionError, located
          resolved = noStackOverflow(() => {
            const r = ev.resolve(loc);
            return r.node.kind === "value" ? r.node : materialize(ev, r);
          });
        }
      } catch (e) {
        report(e, loc);
        // a call resolution did not reach (`${p}/${env:HOME}` with `p: ???`) fails once it does
        const at = node.origin ? originOf(node.origin) : undefined;
        const text = node.value as string;
        const known = (name: string) => table(name) !== undefined;
        out.push(...unreachedUnknownCalls(text, known, e, locFullKey(loc), node.origin));
        // and a key it reads that is not there (`${host.data}/${task}` stopped at an unset
        // variable under host.data): found whether or not the variable is set here
        out.push(...unreachedMissingKeys(text, root, e, locFullKey(loc), at, node.origin));
        unknown.add(pointer());
        return node;
      }
      if (resolved.kind === "value" && String(resolved.value).includes(OPAQUE)) {
        unknown.add(pointer());
        return node;
      }
      return node.origin ? { ...resolved, origin: node.origin } : resolved;
    }
    if (node.kind === "list") {
      let items: Node[] | undefined;
      node.items.forEach((item, i) => {
        path.push([i, true, item]);
        const r = walk(item, twin?.kind === "list" ? twin.items[i] : undefined);
        path.pop();
        if (r !== item) (items ??= [...node.items])[i] = r;
      });
      return items ? { ...node, items } : node;
    }
    let entries: Map<string, { key: Key; node: Node }> | undefined;
    for (const [ck, e] of node.entries) {
      path.push([e.key, false, e.node]);
      const r = walk(e.node, twin?.kind === "dict" ? twin.entries.get(ck)?.node : undefined);
      path.pop();
      if (r !== e.node) (entries ??= new Map(node.entries)).set(ck, { key: e.key, node: r });
    }
    return entries ? { ...node, entries } : node;
  };
  return { root: walk(c.config, twin), unknown, source: c.config };
}

/** `${oc.env:NAME}` with NAME denied (`--no-env`, `--env-allow`): said where it is written, too. */
const ENV_DENIED = /Access to environment variable '(.+)' denied/;

/** OmegaConf's message for `${oc.env:NAME}` without a default when NAME is not set. */
const ENV_UNSET = /Environment variable '(.+)' not found/;

/**
 * An unset `${oc.env:NAME}` (no default) as a warning: the job's environment is not the one
 * validate runs in (pre-commit, CI), so the value is not known here, as `strata run` keeps it for
 * the app (an error with --strict). Other problems are returned as they are.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { unsetEnvWarning } from "./values.ts";
 * const p = unsetEnvWarning({ severity: "error", code: "interpolation-resolution",
 *   message: `KeyError raised while resolving interpolation: "Environment variable 'X' not found"` });
 * assert.equal(p.severity, "warning");
 * assert.match(p.message, /give a default: \$\{oc\.env:X,DEFAULT\}/);
 * ```
 */
export function unsetEnvWarning(p: Problem): Problem {
  const env = ENV_UNSET.exec(p.message)?.[1];
  if (env === undefined) return p;
  return {
    ...p,
    severity: "warning",
    message: `${p.message}: not set where strata runs (set it, or give a default: ` +
      `\${oc.env:${env},DEFAULT})`,
  };
}

/** `${hydra.job.name}`: a key under `hydra` (not the `${hydra:...}` resolver). */
const HYDRA_KEY = /\$\{\s*hydra\.([^}$]*)\}/;

/**
 * Hydra deletes the `hydra` node from the config it gives the job (run_job),
 * so `${hydra.job.name}` resolves in `compose` but fails in a Hydra app:
 * a warning pointing at the resolver that works in both.
 */
function hydraKeyWarning(fullKey: string, node: Node, out: Problem[]): void {
  const key = HYDRA_KEY.exec(String(node.kind === "value" ? node.value : ""))?.[1]?.trim() ??
    "job.name";
  out.push({
    severity: "warning",
    code: "hydra-key",
    message: "the job's config has no hydra node in a Hydra app (Hydra removes it): " +
      `use the resolver, \${hydra:${key}}, not \${hydra.${key}}`,
    fullKey,
    ...(node.origin ? { origin: originOf(node.origin) } : {}),
  });
}

/** Whether the interpolation text `text` calls the resolver `name` itself (`${name:...}`). */
function callsResolver(text: string, name: string): boolean {
  return calledResolvers(text).includes(name);
}

/** Every string of the tree that holds `${`. */
function interpolationTexts(node: Node, out: string[] = []): string[] {
  if (node.kind === "value") {
    if (node.type === "str" && (node.value as string).includes("${")) {
      out.push(node.value as string);
    }
  } else if (node.kind === "list") { for (const x of node.items) interpolationTexts(x, out); }
  else for (const e of node.entries.values()) interpolationTexts(e.node, out);
  return out;
}

/** The config resolved in one engine call, or undefined when any interpolation fails. */
function resolvedByEngine(
  c: Pick<Composition, "config" | "hydra">,
  resolvers: Record<string, ResolverFn>,
): Node | undefined {
  try {
    return resolveComposition(c, { resolvers, keepMissing: true, reuse: true });
  } catch {
    return undefined;
  }
}

/**
 * `strata explain KEY`: every layer that set a key, in merge order. The
 * composition is not traced: the defaults list is computed as compose does
 * it, then each config of the list is read again (from the repository's
 * cache) and looked up at its package, then the command-line overrides that
 * touch the key are listed. The final value and the chain of interpolations
 * behind it come from the real composition.
 *
 * @module
 */

import {
  compose,
  type ComposeOptions,
  type DefaultsInfo,
  defaultsTree,
  placeAt,
} from "../compose/compose.ts";
import { GroupDefault } from "../compose/element.ts";
import { isTree, type TreeNode } from "../compose/defaults_tree_node.ts";
import { resolvePackage } from "../compose/resolvers.ts";
import type { ResolverFn } from "../resolve/mod.ts";
import { ErrorCode, formatOrigin, type RelatedInit, StrataError } from "../errors.ts";
import {
  canonicalKey,
  dict,
  fullKey,
  isInterpolation,
  type Key,
  type Node,
  type Origin,
} from "../node.ts";
import { readKeyPath, splitKey } from "../ops/select.ts";
import { asIndex, childOf, nodeAt } from "../ops/walk.ts";
import type { Override } from "../override/types.ts";
import { parseConfigValue, type Part } from "../resolve/grammar.ts";
import { suggest } from "../suggest.ts";

/** One config of the defaults list that set the key. */
export interface ConfigLayer {
  /** Tells the layer kinds apart. */
  kind: "config";
  /** The config path (`optimizer/adamw`). */
  configPath: string;
  /** The package the config was placed at. */
  package: string;
  /** Where the defaults entry was written. */
  entry?: Origin;
  /** The override that chose this option of its group, when one did. */
  chosenBy?: Origin;
  /** The value as that config wrote it (file:line:col in its origin). */
  value: Node;
}

/** A command-line override that set, added or deleted the key (or a parent of it). */
export interface OverrideLayer {
  /** Tells the layer kinds apart. */
  kind: "override";
  /** The override as typed. */
  text: string;
  /** Its position on the command line. */
  origin: Origin;
  /** Change, add, force-add or delete. */
  type: Override["type"];
  /** The key it sets: KEY, a parent of it, or a key below it (`~db.user` for `db`). */
  key: string;
}

/** A step of an interpolation chain: a key and what it holds as composed. */
export interface ChainStep {
  /** The full key referred to. */
  key: string;
  /** What it holds, as composed. */
  value: Node;
}

/** What `strata explain` reports. */
export interface Explanation {
  /** The key explained, as asked. */
  key: string;
  /** Every layer that set the key, in merge order. */
  layers: (ConfigLayer | OverrideLayer)[];
  /** The composed value (interpolations as written). */
  composed: Node;
  /** The keys the interpolation refers to, transitively, in the order met. */
  chain: ChainStep[];
  /** The value with interpolations resolved. */
  resolved: Node;
  /**
   * The resolver declared opaque (`.strata.yaml`) that the value calls, when that kept it from
   * resolving: `resolved` is then the composed value.
   */
  opaque?: string;
  /**
   * The key Hydra sets for each job of a sweep (`hydra.job.num`,
   * `hydra.job.id`), `???` outside one, that kept KEY from resolving
   * (`hydra.sweep.subdir` is `${hydra.job.num}`): `resolved` is then the
   * composed value, and KEY is no error (a sweep's jobs resolve it).
   */
  perJob?: string;
  /**
   * Why KEY's value does not resolve (a cycle, a key not found): `resolved`
   * is then the composed value. The layers are what a user needs most then,
   * so the error is returned with them rather than thrown.
   */
  error?: StrataError;
}

/** The keys Hydra's sweeps set for each job, `???` in a single run (Hydra's JobConf). */
const PER_JOB = ["hydra.job.num", "hydra.job.id"];

/** Every full key of a tree (containers too), for did-you-mean. */
function allKeys(root: Node): string[] {
  const out: string[] = [];
  const walk = (n: Node, path: (string | number)[], idx: boolean[]) => {
    if (path.length > 0) out.push(fullKey(path, idx));
    if (n.kind === "dict") {
      for (const e of n.entries.values()) walk(e.node, [...path, String(e.key)], [...idx, false]);
    } else if (n.kind === "list") n.items.forEach((c, i) => walk(c, [...path, i], [...idx, true]));
  };
  walk(root, [], []);
  return out;
}

/** Whether an override of `target` touches `key`: the key itself, a parent or a child. */
function touches(target: string, key: string): boolean {
  // a parent of a list item is `db.hosts` for `db.hosts[0]`
  const below = (inner: string, outer: string) =>
    inner.startsWith(outer + ".") || inner.startsWith(outer + "[");
  return target === key || below(key, target) || below(target, key);
}

/** Whether the path steps into a list with a negative index (`items[-1]`). */
function negativeIndex(root: Node, segs: readonly string[]): boolean {
  let node: Node | undefined = root;
  for (const seg of segs) {
    if (node === undefined || node.kind === "value") return false;
    if (node.kind === "list" && (asIndex(seg) ?? 0) < 0) return true;
    node = childOf(node, seg)?.node;
  }
  return false;
}

/** The group entries of the defaults tree that a `~group` override deleted. */
function deletedEntries(tree: TreeNode, out: GroupDefault[] = []): GroupDefault[] {
  for (const c of tree.children ?? []) {
    const d = isTree(c) ? c.node : c;
    if (d instanceof GroupDefault && d.deleted) out.push(d);
    if (isTree(c)) deletedEntries(c, out);
  }
  return out;
}

/**
 * The `~group` override that took KEY out: it deleted a defaults entry whose
 * config, at its package, holds KEY. Not a `~key` (a config override).
 */
function groupDeleter(
  info: DefaultsInfo,
  segs: readonly string[],
): { override: Override; entry: GroupDefault } | undefined {
  for (const entry of deletedEntries(info.tree)) {
    if (entry.name() === null) continue;
    const loaded = info.repo.load(entry.configPath());
    if (!loaded || nodeAt(placeAt(entry.finalPackage(), loaded.config), segs) === undefined) {
      continue;
    }
    const key = entry.overrideKey();
    const override = info.overrides.findLast((o) =>
      o.type === "delete" && (o.package === null ? o.key : `${o.key}@${o.package}`) === key
    );
    if (override) return { override, entry };
  }
  return undefined;
}

/** Why KEY is not in the composed config: the `~key` or `~group` override that deleted it. */
function deletedWhy(
  info: DefaultsInfo,
  key: string,
  segs: readonly string[],
): { why: string; related: RelatedInit[] } | undefined {
  const deleter = info.configOverrides.findLast((o) =>
    o.type === "delete" && touches(o.key, key) && !key.startsWith(o.key + "@")
  );
  if (deleter) {
    const at = formatOrigin({ override: deleter.index ?? 0, text: deleter.text });
    return { why: `${at} deleted it`, related: [] };
  }
  const group = groupDeleter(info, segs);
  if (!group) return undefined;
  const { override, entry } = group;
  const at = formatOrigin({ override: override.index ?? 0, text: override.text });
  return {
    why: `${at} deleted ${entry.configPath()}, which sets it, from the defaults list`,
    related: entry.origin?.file === undefined
      ? []
      : [{ message: "the defaults entry it deleted", origin: entry.origin }],
  };
}

/** The resolvers whose first argument is a key they read (`${oc.select:a.b,default}`). */
const SELECTING = new Set(["oc.select", "oc.dict.keys", "oc.dict.values"]);

/** The absolute keys an interpolation string refers to (`${a.b}`, `${..x}` from `key`). */
function references(text: string, key: string): string[] {
  let parts: Part[];
  try {
    parts = parseConfigValue(text).parts;
  } catch {
    return [];
  }
  const out: string[] = [];
  const push = (ref: string) => {
    const dots = /^\.*/.exec(ref)![0].length;
    if (dots === 0) out.push(ref);
    else {
      const base = splitKey(key).slice(0, -dots);
      out.push([...base, ref.slice(dots)].filter((s) => s !== "").join("."));
    }
  };
  const visit = (ps: Part[]) => {
    for (const p of ps) {
      if (typeof p === "string") continue;
      if (p.t === "res") {
        // oc.select and oc.dict.* read the node their first argument names
        const name = p.name.every((n) => typeof n === "string") ? p.name.join("") : "";
        const first = p.args[0];
        if (
          SELECTING.has(name) && first?.el?.t === "prim" && first.el.toks.every((t) => !("t" in t))
        ) push(first.text.trim());
        for (const a of p.args) {
          if (a.el?.t === "prim") visit(a.el.toks.filter((t) => "t" in t) as Part[]);
          else if (a.el?.t === "quoted") visit(a.el.parts);
        }
        continue;
      }
      if (!p.key.every((k) => typeof k === "string")) continue;
      push((p.key as string[]).join(""));
    }
  };
  visit(parts);
  return out;
}

/**
 * Explains where the value at `key` came from.
 *
 * @throws {StrataError} `usage` (with did-you-mean) when the composed config
 *   has no such key; composition errors. A resolution error of KEY itself is
 *   {@link Explanation.error}, with the layers.
 * @example
 * ```ts ignore
 * import { explain } from "./explain.ts";
 * const e = explain({ configDir: "conf", configName: "config", overrides: ["optimizer.lr=1e-3"] }, "optimizer.lr");
 * e.layers.map((l) => l.kind); // ["config", "override"]
 * ```
 */
export function explain(
  options: ComposeOptions,
  key: string,
  resolvers: Record<string, ResolverFn> = {},
  opaque: string[] = [],
): Explanation {
  const c = compose(options);
  const root = c.config;
  const full = dict([...root.entries.values()].map((e): [Key, Node] => [e.key, e.node]));
  full.entries.set(canonicalKey("hydra"), { key: "hydra", node: c.hydra });
  const segs = readKeyPath(key);
  // a negative list index is no key of the config (OmegaConf.select finds nothing there)
  const composed = negativeIndex(full, segs) ? undefined : nodeAt(full, segs);
  const info = defaultsTree(options);
  if (composed === undefined) {
    // `~key`, `~parent` or `~group` on the command line: say so rather than "did you mean"
    const deleted = deletedWhy(info, key, segs);
    const why = deleted ? `: ${deleted.why}` : "";
    throw new StrataError(ErrorCode.Usage, `Key '${key}' is not in the composed config${why}`, {
      fullKey: key,
      suggestions: deleted ? [] : suggest(key, allKeys(root)),
      related: deleted?.related,
    });
  }
  const layers: (ConfigLayer | OverrideLayer)[] = [];
  for (const d of info.defaults) {
    const loaded = info.repo.load(d.configPath);
    if (!loaded) continue;
    const value = nodeAt(placeAt(d.package, loaded.config), segs);
    if (value === undefined) continue;
    const layer: ConfigLayer = {
      kind: "config",
      configPath: d.configPath,
      package: d.package,
      value,
    };
    if (d.origin) layer.entry = d.origin;
    // a `_self_` of an option with its own defaults list: what chose the option
    const chosenAs = d.isSelf ? d.ownerKey : d.overrideKey;
    const chooser = info.overrides.find((o) =>
      // the whole key: `+db@db2=pg` chose the entry at db2, not the `db` one
      chosenAs !== undefined &&
      (o.package === null ? o.key : `${o.key}@${o.package}`) === chosenAs &&
      !info.configOverrides.includes(o)
    );
    if (chooser) layer.chosenBy = { override: chooser.index ?? 0, text: chooser.text };
    // an experiment's `override /db: pg` chose it: the file and line that did
    else if (d.overriddenBy?.file !== undefined) layer.chosenBy = d.overriddenBy;
    layers.push(layer);
  }
  for (const o of info.configOverrides) {
    if (!touches(o.key, key)) continue;
    layers.push({
      kind: "override",
      text: o.text,
      origin: { override: o.index ?? 0, text: o.text },
      type: o.type,
      key: o.key,
    });
  }
  const chain: ChainStep[] = [];
  const seen = new Set<string>([key]);
  const follow = (k: string, n: Node) => {
    if (n.kind !== "value" || !isInterpolation(n)) return;
    for (const ref of references(n.value as string, k)) {
      if (seen.has(ref)) continue;
      seen.add(ref);
      // a job key reads the job's config alone (no `hydra` key), a hydra key the whole
      const target = nodeAt(segs[0] === "hydra" ? full : root, splitKey(ref));
      if (!target) continue;
      chain.push({ key: ref, value: target });
      follow(ref, target);
    }
  };
  follow(key, composed);
  // Only KEY is resolved: a `???` or a failing interpolation elsewhere is no
  // concern of it (a `???` KEY shows as `???`).
  let resolved: Node;
  try {
    resolved = composed.kind === "value" && composed.type === "missing"
      ? composed
      : segs[0] === "hydra"
      // as `compose --cfg all --resolve -p hydra...` (and the run) resolve it:
      // `${now:...}` formatted, the job's keys around the hydra node
      ? resolvePackage(c, segs, { resolvers, withHydra: "first" })
      // the job's config has no `hydra` key (Hydra deletes it before the app
      // reads it): `${hydra.job.name}` fails there, as in compose --resolve
      : resolvePackage(c, segs, { resolvers });
  } catch (e) {
    // A resolver only the Python app registers, declared opaque: its value cannot be known here.
    const name = e instanceof StrataError && e.code === ErrorCode.UnsupportedInterpolation
      ? /type (\S+)/.exec(e.message)?.[1]
      : undefined;
    if (name !== undefined && opaque.includes(name)) {
      return { key, layers, composed, chain, resolved: composed, opaque: name };
    }
    if (!(e instanceof StrataError)) throw e;
    const missing = e.code === ErrorCode.InterpolationToMissing
      ? /Missing mandatory value: (\S+)$/.exec(e.message)?.[1]
      : undefined;
    if (missing !== undefined && PER_JOB.includes(missing)) {
      return { key, layers, composed, chain, resolved: composed, perJob: missing };
    }
    return { key, layers, composed, chain, resolved: composed, error: e };
  }
  return { key, layers, composed, chain, resolved };
}

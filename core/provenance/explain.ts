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
import { overrideTargetKey } from "../override/format.ts";
import { GroupDefault } from "../compose/element.ts";
import { isTree, type LocatedWarning, type TreeNode } from "../compose/defaults_tree_node.ts";
import { packageAsShown } from "../run/shown.ts";
import { withLegacyPackageNote } from "../compose/legacy_header.ts";
import type { ResolverFn } from "../resolve/mod.ts";
import { ErrorCode, formatOrigin, type RelatedInit, StrataError } from "../errors.ts";
import { canonicalKey, dict, fullKey, isInterpolation, type Key, type Node } from "../node.ts";
import { readKeyPath, splitKey } from "../ops/select.ts";
import { asIndex, childOf, keyPaths, nodeAt } from "../ops/walk.ts";
import type { Override } from "../override/types.ts";
import { suggest } from "../suggest.ts";
import { missingKeySuggestions } from "../compose/value_overrides.ts";
import { type Layer, layersOf, touches } from "./layers.ts";
import { type Swept, sweptBy } from "./swept.ts";
import { references, throughInterpolations, type ThroughStep } from "./through.ts";
import { unsupportedResolverName } from "../resolve/fail.ts";
import { sweeperSettings } from "../sweep/master.ts";

export type { ConfigLayer, Layer, OverrideLayer } from "./layers.ts";
export type { ThroughStep } from "./through.ts";
export type { Swept, SweptParam } from "./swept.ts";

/** A step of an interpolation chain: a key and what it holds as composed. */
export interface ChainStep {
  /** The full key referred to. */
  key: string;
  /** What it holds, as composed. */
  value: Node;
  /** The `hydra.sweeper.params` entries that set it in every job (KEY then reads their value). */
  swept?: Swept;
}

/** What `strata explain` reports. */
export interface Explanation {
  /** The key explained, as asked. */
  key: string;
  /** Every layer that set the key, in merge order. */
  layers: Layer[];
  /**
   * The node interpolations KEY is reached through (`server.replica: ${db}`
   * for `server.replica.host`), each with the key it leads to and that key's
   * layers; `composed` and `chain` are then those of the last key reached.
   */
  through?: ThroughStep[];
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
   * `hydra.job.override_dirname` when KEY reads it (`hydra.sweep.subdir`) and the config's
   * sweeper sweeps params: each job adds its swept params there, so the value shown, the
   * config's own, is no job's.
   */
  sweptInto?: string;
  /**
   * Why KEY's value does not resolve (a cycle, a key not found): `resolved`
   * is then the composed value. The layers are what a user needs most then,
   * so the error is returned with them rather than thrown.
   */
  error?: StrataError;
  /** What composing the config warned of (a header word, `_self_` missing), to print as compose does. */
  warnings?: LocatedWarning[];
  /**
   * How Hydra itself sets KEY as it composes, after the layers
   * (`hydra.job.override_dirname`: from the task overrides, whatever a config
   * wrote there), when it does.
   */
  setByHydra?: string;
  /**
   * The `hydra.sweeper.params` entries that set KEY (or a node above or
   * below it) in every job of a sweep: the composed value is what `--cfg job`
   * shows, not what those jobs get.
   */
  swept?: Swept;
}

/**
 * How Hydra sets a key of its node as it composes (config_loader_impl,
 * strata's core/compose/hydra_node.ts), or undefined for a key it leaves to
 * the configs. `layers`: the key's layers (`hydra.job.name` is Hydra's only
 * when no config sets it).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { hydraSetting } from "./explain.ts";
 * assert.match(hydraSetting("hydra.job.override_dirname", 1) ?? "", /task overrides/);
 * assert.equal(hydraSetting("hydra.job.name", 2), undefined);
 * assert.equal(hydraSetting("hydra.run.dir", 1), undefined);
 * assert.match(hydraSetting("hydra.runtime.choices.db", 1) ?? "", /the choice made for each group/);
 * ```
 */
export function hydraSetting(key: string, configLayers: number): string | undefined {
  const replaced = configLayers > 1 ? ", replacing what a config wrote there" : "";
  if (key === "hydra.job.override_dirname") {
    return `from the task overrides, sorted and joined (hydra.job.config.override_dirname's ` +
      `kv_sep, item_sep, exclude_keys)${replaced}`;
  }
  if (key === "hydra.job.config_name") return `the primary config's name${replaced}`;
  if (key === "hydra.job.name" && configLayers <= 1) {
    return "the job's name, as no config sets it: --job-name, else the config name (Hydra's " +
      "is the script's name)";
  }
  if (key === "hydra.overrides" || key.startsWith("hydra.overrides.")) {
    return "the command line's overrides, appended";
  }
  const runtime = /^hydra\.runtime\.(version|version_base|cwd|config_sources|choices)(\.|$)/
    .exec(key)?.[1];
  // (filled as Hydra composes, not when the job runs: checker v71 #3)
  if (runtime !== undefined) return `${RUNTIME[runtime]}${replaced}`;
  return undefined;
}

/** What Hydra fills `hydra.runtime.*` with as it composes. */
const RUNTIME: Record<string, string> = {
  version: "Hydra's version",
  version_base: "the version_base the app passes",
  cwd: "the directory it runs in",
  config_sources: "the search path's sources",
  choices: "the choice made for each group of the defaults list",
};

/** A value node's text as written (the interpolation of a through step). */
const nodeText = (n: Node) => n.kind === "value" ? String(n.value) : "";

/** The keys Hydra's sweeps set for each job, `???` in a single run (Hydra's JobConf). */
const PER_JOB = ["hydra.job.num", "hydra.job.id"];

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
      o.type === "delete" && overrideTargetKey(o) === key
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
  const c = compose({ ...options, resolvers, opaqueResolvers: opaque });
  const root = c.config;
  const full = dict([...root.entries.values()].map((e): [Key, Node] => [e.key, e.node]));
  full.entries.set(canonicalKey("hydra"), { key: "hydra", node: c.hydra });
  const segs = readKeyPath(key);
  // a negative list index is no key of the config (OmegaConf.select finds nothing there)
  const negative = negativeIndex(full, segs);
  let composed = negative ? undefined : nodeAt(full, segs);
  const info = defaultsTree(options);
  const withHydra = segs[0] === "hydra" ? "first" as const : undefined;
  // `server.replica: ${db}`: `server.replica.host` is read in db, as compose -p reads it
  const via = composed === undefined && !negative
    ? throughInterpolations(c, full, segs, info, { resolvers, withHydra })
    : undefined;
  const last = via?.steps.at(-1);
  if (composed === undefined) {
    if (via?.notFound === undefined && last !== undefined) {
      // the last step's node: a key of the config (its own chain), a resolver's, or none
      composed = via?.path ? nodeAt(full, via.path) : last.value;
    } else {
      // `~key`, `~parent` or `~group` on the command line: say so rather than "did you mean"
      const deleted = via ? undefined : deletedWhy(info, key, segs);
      // an index past a list's end: its length says more than other indexes would
      const list = via || deleted || negative ? undefined : shortList(full, segs);
      // `trainer.precision` where an option set `trainer: null`: that says why, not did-you-mean
      const leaf = via || deleted || negative || list !== undefined
        ? undefined
        : leafOnPath(full, segs);
      const why = deleted
        ? `: ${deleted.why}`
        : leaf
        ? ` (${leaf.key} is ${leaf.text}, not a mapping or a list)`
        : last
        ? ` (it would be ${via?.notFound}, through ${last.key} = '${nodeText(last.value)}')`
        : list !== undefined
        ? ` (the list has ${list} item${list === 1 ? "" : "s"})`
        : "";
      const message = `Key '${key}' is not in the composed config${why}`;
      const leafNote: RelatedInit[] = leaf?.node.origin
        ? [{ message: `${leaf.key} set to ${leaf.text} here`, origin: leaf.node.origin }]
        : [];
      throw new StrataError(ErrorCode.Usage, message, {
        fullKey: key,
        suggestions: deleted || leaf || list !== undefined
          ? []
          : via
          ? (via.notFound === undefined ? [] : throughSuggestions(root, via.notFound, segs))
          // (a `hydra.*` key among the hydra node's, as compose -p suggests them: v71 #1)
          : suggestionsFor(withHydra ? full : root, key, segs),
        // a group's option a `# @package _group_` header put elsewhere: said at the header
        related: withLegacyPackageNote(message, deleted?.related ?? leafNote, c.warningsAt),
      });
    }
  }
  const found: Node = composed!;
  const layers = layersOf(info, key, segs);
  const setByHydra = hydraSetting(key, layers.filter((l) => l.kind === "config").length);
  const keyElements = (options.overrides ?? []).map((o) => o.split("=")[0].trim());
  // the key read at the end of node interpolations (`engine.model.hidden_size` through
  // `engine.model: ${model}` is `model.hidden_size`): a param sweeping that one sweeps this (w32)
  const read = via?.path ? fullKey(via.path) : key;
  const swept = segs[0] === "hydra" ? undefined : sweptBy(
    c.hydra,
    read,
    keyElements,
    options.overrides ?? [],
    (k) => k in c.choices,
  );
  const base = {
    key,
    layers,
    ...(setByHydra ? { setByHydra } : {}),
    ...(swept ? { swept } : {}),
    ...(via ? { through: via.steps } : {}),
    ...(c.warningsAt.length > 0 ? { warnings: c.warningsAt } : {}),
  };
  // an error naming a key under a group a `# @package _group_` header put elsewhere: said at it
  const noted = (e: StrataError) =>
    new StrataError(e.code, e.message, {
      ...e,
      related: withLegacyPackageNote(e.message, e.related, c.warningsAt),
    });
  if (via?.error) {
    return { ...base, composed: found, chain: [], resolved: found, error: noted(via.error) };
  }
  // the chain starts from the key read at the end of the steps
  const chainKey = via?.path ? last!.target! : last?.key ?? key;
  const chain: ChainStep[] = [];
  const seen = new Set<string>([chainKey]);
  // a job key reads the job's config alone (no `hydra` key), a hydra key the whole
  const nodeOf = (ref: string) => nodeAt(segs[0] === "hydra" ? full : root, splitKey(ref));
  // `${t.${which}}` reads `t.a` when `which: a` (a str as written: OmegaConf refuses any other type)
  // (and `${d.${k}.bs}` with `k: ${ks[0]}`: the str `k` resolves to, checker v39)
  const plainValue = (ref: string): string | undefined => {
    const n = nodeOf(ref);
    if (n?.kind !== "value") return undefined;
    if (n.type === "str" && !isInterpolation(n)) return n.value as string;
    if (!isInterpolation(n) || segs[0] === "hydra") return undefined;
    try {
      const got = packageAsShown(c, splitKey(ref), { resolvers });
      return got.kind === "value" && got.type === "str" ? got.value as string : undefined;
    } catch {
      return undefined; // what does not resolve names no key: the chain stops there
    }
  };
  const follow = (k: string, n: Node) => {
    if (n.kind !== "value" || !isInterpolation(n)) return;
    for (const ref of references(n.value as string, k, plainValue)) {
      if (seen.has(ref)) continue;
      seen.add(ref);
      const target = nodeOf(ref);
      if (!target) {
        throughNode(ref);
        continue;
      }
      chain.push({ key: ref, value: target });
      follow(ref, target);
    }
  };
  // `${n.x}` with `n: ${a}`: no key `n.x`, read through `n` as `a.x` (checker v35): n's step and
  // its chain, then the key reached, as KEY itself is reached through node interpolations
  const throughNode = (ref: string) => {
    const t = throughInterpolations(c, segs[0] === "hydra" ? full : root, splitKey(ref), info, {
      resolvers,
      withHydra,
    });
    for (const step of t?.steps ?? []) {
      if (seen.has(step.key)) continue;
      seen.add(step.key);
      chain.push({ key: step.key, value: step.value });
      follow(step.key, step.value);
    }
    const reached = t?.path && t.steps.at(-1)?.target;
    if (reached === undefined || seen.has(reached)) return;
    seen.add(reached);
    const target = nodeOf(reached);
    if (target === undefined) return;
    chain.push({ key: reached, value: target });
    follow(reached, target);
  };
  follow(chainKey, found);
  // a key read that a param sweeps: each job reads its swept value, not the composed one (x32)
  if (segs[0] !== "hydra") {
    for (const step of chain) {
      const by = step.key.startsWith("hydra.") ? undefined : sweptBy(
        c.hydra,
        step.key,
        keyElements,
        options.overrides ?? [],
        (k) => k in c.choices,
      );
      if (by) step.swept = by;
    }
  }
  // Only KEY is resolved: a `???` or a failing interpolation elsewhere is no
  // concern of it (a `???` KEY shows as `???`).
  let resolved: Node;
  try {
    resolved = found.kind === "value" && found.type === "missing" ? found : segs[0] === "hydra"
      // as `compose --cfg all --resolve -p hydra...` (and the run) resolve it:
      // `${now:...}` formatted, the job's keys around the hydra node
      ? packageAsShown(c, segs, { resolvers, withHydra: "first" })
      // the job's config has no `hydra` key (Hydra deletes it before the app
      // reads it): `${hydra.job.name}` fails there, as in compose --resolve;
      // a container whose value reaches a `???` shows it `???`, as there (a leaf that
      // reaches one is OmegaConf.select's error)
      : packageAsShown(c, segs, { resolvers });
  } catch (e) {
    // A resolver only the Python app registers, declared opaque: its value cannot be known here.
    const name = unsupportedResolverName(e);
    if (name !== undefined && opaque.includes(name)) {
      return { ...base, composed: found, chain, resolved: found, opaque: name };
    }
    if (!(e instanceof StrataError)) throw e;
    const missing = e.code === ErrorCode.InterpolationToMissing
      ? /Missing mandatory value: (\S+)$/.exec(e.message)?.[1]
      : undefined;
    if (missing !== undefined && PER_JOB.includes(missing)) {
      return { ...base, composed: found, chain, resolved: found, perJob: missing };
    }
    return { ...base, composed: found, chain, resolved: found, error: noted(e) };
  }
  // each job of the sweep adds its swept params to the override_dirname KEY reads (checker v33)
  const dirname = "hydra.job.override_dirname";
  const sweptInto = (chainKey === dirname || chain.some((s) => s.key === dirname)) &&
      sweepsParams(c.hydra)
    ? dirname
    : undefined;
  return { ...base, composed: found, chain, resolved, ...(sweptInto ? { sweptInto } : {}) };
}

/** Whether the config's sweeper sweeps params (`hydra.sweeper.params` not empty). */
function sweepsParams(hydra: Node): boolean {
  try {
    return sweeperSettings(hydra).params.length > 0;
  } catch {
    return false; // a sweeper a multirun cannot read says so there
  }
}

/**
 * Did-you-mean for a key the composed config does not hold: the nearest full key paths (a typo
 * anywhere in the path), else what compose tells an override of it (the same key one level
 * deeper: `encoder.encoder.sequence_length`).
 */
/**
 * Did-you-mean for a key read through an interpolation (`agent.optim.alhpa` with `optim:
 * ${optimizer}`): the keys near the one it would be (`optimizer.alpha`), said the way the user
 * reached it (`agent.optim.alpha`) when they sit beside it.
 */
function throughSuggestions(root: Node, notFound: string, segs: string[]): string[] {
  const target = readKeyPath(notFound);
  return suggestionsFor(root, notFound, target).map((s) => {
    const near = readKeyPath(s);
    const beside = near.length === target.length &&
      near.slice(0, -1).every((seg, i) => seg === target[i]);
    return beside ? [...segs.slice(0, -1), near.at(-1)!].join(".") : s;
  });
}

function suggestionsFor(root: Node, key: string, segs: string[]): string[] {
  const near = suggest(key, keyPaths(root));
  return near.length > 0 || root.kind !== "dict" ? near : missingKeySuggestions(root, segs, key);
}

/**
 * The first key above `segs` that holds a leaf (`trainer: null`, `???`, a
 * number): nothing can be under it. Interpolations are read by the caller.
 */
function leafOnPath(
  root: Node,
  segs: string[],
): { key: string; node: Node; text: string } | undefined {
  let node = root;
  for (let i = 0; i < segs.length - 1; i++) {
    if (node.kind === "value") return undefined;
    const next = childOf(node, segs[i]);
    if (next === undefined) return undefined;
    node = next.node;
    if (node.kind === "value" && !isInterpolation(node)) {
      const text = node.type === "missing"
        ? "??? (missing)"
        : node.type === "null"
        ? "null"
        : node.type === "str"
        ? `'${node.value}'`
        : String(node.value);
      return { key: segs.slice(0, i + 1).join("."), node, text };
    }
  }
  return undefined;
}

/** The length of the list `segs` indexes past its end (`model.n.9` of a 6-item list), if so. */
function shortList(root: Node, segs: string[]): number | undefined {
  if (segs.length < 2) return undefined;
  const parent = nodeAt(root, segs.slice(0, -1));
  const index = asIndex(segs.at(-1)!);
  return parent?.kind === "list" && index !== undefined && index >= parent.items.length
    ? parent.items.length
    : undefined;
}

/**
 * Command-line overrides of config values (`key=v`, `+key=v`, `++key=v`,
 * `~key`, `~key=v`), applied to the composed config in struct mode the way
 * Hydra does it (`OmegaConf.update(cfg, key, value, merge=True)`).
 *
 * @module
 */

import { ErrorCode, StrataError } from "../errors.ts";
import { mergeWith } from "../merge.ts";
import {
  canonicalKey,
  type ContainerNode,
  dict,
  type DictNode,
  isInterpolation,
  joinFullKey,
  type Key,
  keyText,
  type Node,
  type Origin,
} from "../node.ts";
import type { Override } from "../override/types.ts";
import { nestedSweepError } from "../override/nested.ts";
import { isOverrideKeySegment } from "../override/format.ts";
import { pyStr } from "../resolve/pystr.ts";
import { pyStrRepr } from "../pyformat.ts";
import { suggest } from "../suggest.ts";
import { validateInterpolations } from "../resolve/validate.ts";
import {
  type AppResolvers,
  childOf,
  nodeThrough,
  readAsSelect,
  readForCompare,
} from "./override_reads.ts";
import { deleteValueMatches } from "./delete_match.ts";
import {
  type HydraPlugin,
  overrideMisfit,
  structNameAt,
  throughLeafMisfit,
} from "../hydra/misfit.ts";

type Seg = string | number;

function splitKey(key: string): string[] {
  // `a.b[0].c` and `a.b.0.c` both address list items.
  return key.replace(/\[(\d+)\]/g, ".$1").split(".").filter((s, i) => s !== "" || i === 0);
}

function setChild(node: ContainerNode, seg: Seg, value: Node): void {
  if (node.kind === "dict") {
    const k = canonicalKey(String(seg));
    const prev = node.entries.get(k);
    node.entries.set(k, { key: prev ? prev.key : String(seg), node: value });
  } else node.items[seg as number] = value;
}

function withOrigin(node: Node, origin: Origin): Node {
  // OmegaConf reads an assigned "???" as the missing value.
  if (node.kind === "value" && node.type === "str" && node.value === "???") {
    return { kind: "value", type: "missing", value: null, origin };
  }
  if (node.kind === "value") return { ...node, origin };
  if (node.kind === "list") {
    return {
      ...node,
      items: node.items.map((n) => withOrigin(n, origin)),
      origin,
    };
  }
  const out = dict([], origin);
  for (const [k, e] of node.entries) {
    out.entries.set(k, { key: e.key, node: withOrigin(e.node, origin) });
  }
  return out;
}

class KeyMissing extends Error {
  /**
   * `candidates`: the keys beside it (for a did-you-mean of a typo);
   * `deeper`: the override's key with one more level where that level holds
   * the missing key (`dset.dset.train` for `dset.train`: an option written
   * for Hydra 1.0, whose header-less options were global, lands at its group).
   */
  constructor(
    readonly fullKey: string,
    readonly candidates: string[],
    readonly deeper: string[] = [],
    /** The key with the missing level named otherwise where the rest is there (`data.batch_size`). */
    readonly renamed: string[] = [],
  ) {
    super("missing");
  }
}

/** A list index OmegaConf.update cannot use, with its full key and OmegaConf's cause. */
class BadIndex extends Error {
  constructor(readonly fullKey: string, index: string) {
    // Python's own messages: int() of a key that is no number, list.__setitem__ past the end
    super(
      /^-?\d+$/.test(index)
        ? "list index out of range"
        : `invalid literal for int() with base 10: ${pyStrRepr(index)}`,
    );
  }
}

/**
 * The {@link KeyMissing} of `path`'s level after `done`, absent from `node`:
 * for did-you-mean, only the keys an override can name (not
 * `observation.state`) beside it, and the children of `node` that hold it
 * (the whole key again with that level added).
 */
function keyMissing(
  node: Node,
  done: readonly string[],
  path: readonly string[],
  shown?: string,
): KeyMissing {
  const seg = path[done.length];
  const entries = node.kind === "dict" ? [...node.entries.values()] : [];
  // (an int key, YAML's `{0: [...]}`, is no key an override's path reaches: it names a str key)
  const named = entries.filter((e) =>
    typeof e.key === "string" && isOverrideKeySegment(keyText(e.key))
  );
  const rest = path.slice(done.length + 1);
  return new KeyMissing(
    // as OmegaConf's full_key says it, a list's index in brackets (`eval[0].num_env`, checker
    // v48); the suggestions stay override keys, to be written back (`eval.0.num_envs`)
    shown ?? [...done, seg].join("."),
    named.map((e) => [...done, keyText(e.key)].join(".")),
    named.filter((e) => holdsPath(e.node, path.slice(done.length)))
      .map((e) => [...done, keyText(e.key), ...path.slice(done.length)].join(".")),
    rest.length === 0 ? [] : named.filter((e) => holdsPath(e.node, rest))
      .map((e) => [...done, keyText(e.key), ...rest].join(".")),
  );
}

/**
 * Whether `path` is a key path in `node`, every level of it, as an override sets it: a key one
 * level deeper is suggested only where it can be set (mtrl's `setup.seed` is not
 * `_group_.setup.seed` when `_group_.setup` is a string). With `interpolated`, a `${...}` on the
 * way counts as there (its target is a job's to resolve).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { holdsPath } from "./value_overrides.ts";
 * import { loadYaml } from "../yaml/load.ts";
 * const cfg = loadYaml("a: {b: 1}\ns: x\ni: ${a}\n");
 * assert.equal(holdsPath(cfg, ["a", "b"]), true);
 * assert.equal(holdsPath(cfg, ["s", "b"]), false);
 * assert.equal(holdsPath(cfg, ["i", "b"], true), true);
 * ```
 */
export function holdsPath(node: Node, path: readonly string[], interpolated = false): boolean {
  let at: Node | undefined = node;
  for (const seg of path) {
    if (at === undefined) return false;
    if (at.kind === "value") return interpolated && isInterpolation(at);
    at = childOf(at, seg);
  }
  return at !== undefined;
}

/**
 * The key at the first level of `path` that `root` does not hold, as
 * {@link keyMissing} gives it (for `~key`); undefined when every level is there.
 */
function missingKey(root: DictNode, path: readonly string[]): KeyMissing | undefined {
  let node: Node = root;
  for (let i = 0; i < path.length; i++) {
    const next: Node | undefined = node.kind === "value" ? undefined : childOf(node, path[i]);
    if (next === undefined) return keyMissing(node, path.slice(0, i), path);
    node = next;
  }
  return undefined;
}

/**
 * Did-you-mean of a {@link KeyMissing}: a typo's neighbours, else the same key
 * one level deeper; not in Hydra's own node for a job key (`mode=sync` is no
 * `hydra.mode`, Hydra's RUN or MULTIRUN).
 */
function missingSuggestions(e: KeyMissing, key: string): string[] {
  const word = e.fullKey.split(".").at(-1)!;
  const near = suggest(word, e.candidates.map((c) => c.split(".").at(-1)!));
  // nearest first, as suggest ranks them (`max_epoch`: `max_epochs` before `min_epochs`)
  const ranked = near.flatMap((n) => e.candidates.filter((c) => c.split(".").at(-1) === n));
  // else the same key one level deeper, else the rest of it under another name at that level
  // (lightning-hydra-template's `datamodule.batch_size` where the key is `data.batch_size`)
  return (near.length ? ranked : e.deeper.length ? e.deeper : e.renamed.slice(0, 3))
    .filter((c) => !c.startsWith("hydra.") || key.startsWith("hydra"));
}

/**
 * What to suggest for `key` (split into `path`) that `root` does not hold, as a
 * failed override is told: a typo's neighbours at the first level missing, else
 * the same key one level deeper (`encoder.encoder.sequence_length` for
 * `encoder.sequence_length`, an option written for Hydra 1.0 placed at its
 * group); none when every level is there.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { missingKeySuggestions } from "./value_overrides.ts";
 * import { dict, int } from "../node.ts";
 * const root = dict([["encoder", dict([["encoder", dict([["sequence_length", int(256)]])]])]]);
 * assert.deepEqual(
 *   missingKeySuggestions(root, ["encoder", "sequence_length"], "encoder.sequence_length"),
 *   ["encoder.encoder.sequence_length"],
 * );
 * ```
 */
export function missingKeySuggestions(
  root: DictNode,
  path: readonly string[],
  key: string,
): string[] {
  const missing = missingKey(root, path);
  return missing ? missingSuggestions(missing, key) : [];
}

/** `OmegaConf.update(root, key, value, merge=True, force_add)`. */
function update(root: DictNode, path: string[], value: Node, forceAdd: boolean): void {
  let node: ContainerNode = root;
  const done: string[] = [];
  // the full key as OmegaConf's full_key says it: a list's index in brackets (`m.steps[9]`)
  let fullKey = "";
  const below = (seg: string, list: boolean) =>
    list && /^-?\d+$/.test(seg) ? `${fullKey}[${seg}]` : fullKey ? `${fullKey}.${seg}` : seg;
  for (const seg of path.slice(0, -1)) {
    let next = childOf(node, seg);
    if (!next || next.kind === "value") {
      if (node.kind === "list" && next === undefined) throw new BadIndex(below(seg, true), seg);
      if (!next && !forceAdd) {
        throw keyMissing(node, done, path, below(seg, false));
      }
      next = dict();
      setChild(node, node.kind === "list" ? Number(seg) : seg, next);
    }
    done.push(seg);
    fullKey = below(seg, node.kind === "list");
    node = next as ContainerNode;
  }
  const last = path.at(-1)!;
  const existing = childOf(node, last);
  if (value.kind !== "value" && existing && existing.kind !== "value") {
    const dest = { ...existing, flags: { ...existing.flags, struct: !forceAdd } } as ContainerNode;
    let merged: Node;
    try {
      merged = mergeWith([dest, value], {});
    } catch (e) {
      if (e instanceof StrataError && e.code === ErrorCode.Key) {
        const prefix = [...done, last].join(".");
        throw new KeyMissing(
          e.fullKey ? `${prefix}.${e.fullKey}` : prefix,
          // the merge spells them as key paths (`l[0].b`, `p[obs.state]`): as an override `l.0.b`, or none
          e.suggestions.map((s) => s.replace(/\[(\d+)\]/g, ".$1"))
            .filter((s) => s.split(".").every(isOverrideKeySegment)).map((s) => `${prefix}.${s}`),
        );
      }
      throw e;
    }
    delete merged.flags;
    setChild(node, node.kind === "list" ? Number(last) : last, merged);
    return;
  }
  if (node.kind === "list") {
    const i = Number(last);
    if (!Number.isInteger(i) || i < 0 || i >= node.items.length) {
      throw new BadIndex(below(last, true), last);
    }
    node.items[i] = value;
    return;
  }
  if (!existing && !forceAdd) {
    throw keyMissing(node, done, path, below(last, false));
  }
  setChild(node, last, value);
}

function remove(root: DictNode, path: string[]): void {
  // Hydra's `del OmegaConf.select(cfg, parent)[last]`: through an interpolation on the way
  const node = nodeThrough(root, path.slice(0, -1), true);
  const last = path.at(-1)!;
  if (node?.kind === "dict") node.entries.delete(canonicalKey(last));
}

/**
 * Nodes of the `hydra` config that Hydra types with dataclasses (HydraConf,
 * JobConf, RuntimeConf, the basic sweeper and launcher, ...): their fields
 * cannot be deleted (OmegaConf refuses deletion from a structured config).
 * Free-form nodes such as `hydra.job_logging` or `hydra.sweeper.params` are not here.
 */
const STRUCTURED_HYDRA_NODES = new Set([
  "hydra",
  "hydra.run",
  "hydra.sweep",
  "hydra.help",
  "hydra.hydra_help",
  "hydra.overrides",
  "hydra.job",
  "hydra.job.config",
  "hydra.job.config.override_dirname",
  "hydra.runtime",
  "hydra.sweeper",
  "hydra.launcher",
]);

/** Hydra's error for an override value whose interpolation does not parse. */
function checkGrammar(
  value: Node,
  o: Override,
  err: (msg: string, extra?: object) => StrataError,
): void {
  try {
    validateInterpolations(value);
  } catch (e) {
    if (!(e instanceof StrataError) || e.code !== ErrorCode.Grammar) throw e;
    throw err(`Error merging override ${o.text}`, {
      fullKey: joinFullKey(o.key, e.fullKey ?? ""),
      related: [{ message: e.message, origin: {} }, ...e.related],
    });
  }
}

/**
 * Hydra's error for an override value holding a `null` dict key (`+extra={null:w}`): its
 * parser reads the key as None, which OmegaConf.update refuses (KeyValidationError).
 */
function checkKeys(
  value: Node,
  o: Override,
  err: (msg: string, extra?: object) => StrataError,
): void {
  const walk = (n: Node, at: string): void => {
    if (n.kind === "list") n.items.forEach((c, i) => walk(c, `${at}[${i}]`));
    if (n.kind !== "dict") return;
    for (const e of n.entries.values()) {
      if (e.key === null) {
        throw err(`Error merging override ${o.text}`, {
          fullKey: at,
          related: [{ message: "Incompatible key type 'NoneType'", origin: {} }],
        });
      }
      walk(e.node, joinFullKey(at, String(e.key)));
    }
  };
  walk(value, o.key);
}

/**
 * Applies one value override to the composed config, in place. `plugins`:
 * the plugin nodes of `hydra` typed by Hydra's `basic` options (typedPlugins).
 *
 * @throws {StrataError} `composition`: a key that is not in the config (with
 *   did-you-mean), `+` on an existing key, `~` of a missing key or a wrong value.
 * @example
 * ```ts
 * import { loadYaml, parseOverride } from "../../engine.ts";
 * import { applyValueOverride } from "./value_overrides.ts";
 * const cfg = loadYaml("db: {user: a}");
 * applyValueOverride(cfg as never, parseOverride("db.user=b", 0));
 * ```
 */
export function applyValueOverride(
  root: DictNode,
  o: Override,
  plugins: ReadonlySet<HydraPlugin> = new Set(),
  app: AppResolvers = {},
): void {
  const origin: Origin = { override: o.index ?? 0, text: o.text };
  const err = (msg: string, extra = {}) =>
    new StrataError(ErrorCode.Composition, msg, { origin, ...extra });
  if (o.package !== null) {
    throw err(
      `Override ${o.text} looks like a config group override, but config group '${o.key}' does not exist.`,
    );
  }
  // Hydra's OmegaConf.update fails on the sweep object such a value holds
  if (o.value?.kind === "element" && o.value.nested) {
    throw nestedSweepError(o, o.value.nested, false);
  }
  const path = splitKey(o.key);
  const value = o.value?.kind === "element" ? withOrigin(o.value.node, origin) : undefined;
  // OmegaConf.update parses a `${...}` it sets (GrammarParseError): `a='${foo'` fails here,
  // as in Hydra, not only once something resolves it
  if (value !== undefined && o.type !== "delete") {
    checkGrammar(value, o, err);
    checkKeys(value, o, err);
    // `+hydra.sweeper.params.local.alpha=...`: OmegaConf.update puts `{}` in the str entry
    // `local` on its way (a key that is not there is a struct error first, without `+`)
    const through = path[0] === "hydra"
      ? throughLeafMisfit(path.slice(1).map(String), plugins, (depth) => {
        const n = nodeThrough(root, path.slice(0, depth + 2).map(String), true, app);
        return n?.kind === "dict" || (n === undefined && o.type === "change");
      })
      : undefined;
    if (through) {
      throw err(`Error merging override ${o.text}`, {
        fullKey: through.fullKey,
        related: [{ message: through.message, origin }],
      });
    }
  }
  try {
    if (o.type === "delete") {
      const current = readAsSelect(root, path, o, err, app);
      if (current === undefined) {
        const near = missingKeySuggestions(root, path, o.key);
        // the key is there, null or `???` (or `${...}` to one): Hydra's check reads that as no key
        const there = nodeThrough(root, path, false, app);
        const shown = there?.kind !== "value"
          ? ""
          : there.type === "missing"
          ? "the value ???"
          : there.type === "null"
          ? "the value null"
          : "a value that resolves to null or ???";
        throw err(`Could not delete from config. '${o.key}' does not exist.`, {
          fullKey: o.key,
          ...(near.length > 0 ? { suggestions: near } : {}),
          ...(there?.origin
            ? {
              related: [{
                message: `'${o.key}' is there, with ${shown}, which Hydra's check ` +
                  `(OmegaConf.select) reads as no key: ~ cannot delete it`,
                origin: there.origin,
              }],
            }
            : {}),
        });
      }
      // Hydra checks `value is not None and value != config_val`: `~key=null`
      // (what its BasicSweeper makes of `~key`) deletes whatever the value.
      const isNull = value?.kind === "value" && value.type === "null";
      const read = (at: Key[]) => readForCompare(root, at, app);
      if (value !== undefined && !isNull && !deleteValueMatches(current, path, value, read)) {
        const shown = pyStr(current);
        const want = pyStr(value);
        throw err(
          `Could not delete from config. The value of '${o.key}' is ${shown} and not ${want}.`,
          {
            fullKey: o.key,
          },
        );
      }
      // hydra.sweeper and hydra.launcher are typed by Hydra's `basic` options only: another
      // option's YAML is a plain DictConfig there, whose keys Hydra deletes (checker x40)
      const holder = path.slice(0, -1).join(".");
      const plugin = holder === "hydra.sweeper" || holder === "hydra.launcher"
        ? holder.slice(6) as HydraPlugin
        : undefined;
      if (STRUCTURED_HYDRA_NODES.has(holder) && (plugin === undefined || plugins.has(plugin))) {
        throw err(`Error merging override ${o.text}`, {
          fullKey: o.key,
          related: [{
            message:
              `'${o.key}' is a field of Hydra's own (structured) config and cannot be deleted`,
            origin,
          }],
        });
      }
      // Hydra deletes with `del node[last_key]`, its key a str: on a ListConfig
      // that is Python's TypeError, which Hydra reports as it is
      if (path.length > 1 && nodeThrough(root, path.slice(0, -1), true, app)?.kind === "list") {
        throw err(
          `Could not delete from config. '${o.key}' is an item of the list '${
            path.slice(0, -1).join(".")
          }': Hydra deletes dict keys only (list indices must be integers or slices, not str)`,
          { fullKey: o.key },
        );
      }
      remove(root, path);
    } else if (o.type === "add") {
      // Hydra's check is OmegaConf.select's, which resolves: a `${...}` to null is no item
      if (readAsSelect(root, path, o, err, app) === undefined || value!.kind !== "value") {
        update(root, path, value!, true);
      } else {
        throw err(
          `Could not append to config. An item is already at '${o.key}'.\nEither remove + prefix: '${
            o.text.slice(1)
          }'\nOr add a second + to add or override '${o.key}': '+${o.text}'\n`,
          { fullKey: o.key },
        );
      }
    } else update(root, path, value!, o.type === "force_add");
    // HydraConf's typed fields refuse what OmegaConf cannot convert (`hydra.job.chdir=maybe`,
    // `hydra.output_subdir=[1]`)
    const typed = path[0] === "hydra" && value
      ? overrideMisfit(path.slice(1), value, plugins)
      : undefined;
    if (typed) {
      throw err(`Error merging override ${o.text}`, {
        fullKey: typed.fullKey,
        related: [{ message: typed.message, origin }],
      });
    }
  } catch (e) {
    if (e instanceof KeyMissing) {
      const where = e.fullKey.split(".");
      const word = where.at(-1)!;
      // the `hydra` node's dataclasses name themselves (OmegaConf: "Key 'nme' not in 'JobConf'")
      const struct = where[0] === "hydra" ? structNameAt(where.slice(1, -1), plugins) : undefined;
      throw err(
        `Could not override '${o.key}'.\nTo append to your config use +${o.text}\n` +
          (struct ? `Key '${word}' not in '${struct}'` : `Key '${word}' is not in struct`),
        { fullKey: e.fullKey, suggestions: missingSuggestions(e, o.key) },
      );
    }
    if (e instanceof StrataError && e.code === ErrorCode.Composition) throw e;
    // OmegaConf's cause under Hydra's message, at the index it names (`l[2]`: l.2)
    if (e instanceof BadIndex) {
      // Python's words (OmegaConf's bare ValueError), then what they mean here (checker x24)
      const list = e.fullKey.replace(/(\.[^.[]*|\[[^\]]*\])$/, "");
      const why = /^list index/.test(e.message)
        ? `the list ${list || "at the root"} has no such index`
        : `a key of the list ${list || "at the root"} is an index (0, 1, ...)`;
      throw err(`Error merging override ${o.text}\n${e.message}`, {
        fullKey: e.fullKey,
        related: [{ message: why, origin: {} }],
      });
    }
    // a list merged onto a mapping (or back): OmegaConf's cause, which Hydra prints under its
    // message, at the key the override merges into (as OmegaConf's full_key names it)
    if (e instanceof StrataError && e.code === ErrorCode.Type && /^Cannot merge /.test(e.message)) {
      const inner = e.fullKey ? ` at '${joinFullKey(o.key, e.fullKey)}'` : "";
      const which = /\((a [^)]*)\)$/.exec(e.message)?.[1];
      throw err(
        `Error merging override ${o.text}\nCannot merge DictConfig with ListConfig${inner}` +
          (which ? ` (${which})` : ""),
        { fullKey: o.key },
      );
    }
    throw err(`Error merging override ${o.text}`, { fullKey: o.key });
  }
}

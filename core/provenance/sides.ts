/**
 * The two sides of `strata diff`: an override set composed from the conf
 * tree, a run directory (Hydra's `.hydra/config.yaml` and `overrides.yaml`,
 * as `strata run` and Hydra write them) or a config file.
 *
 * @module
 */

import { compose, type ComposeOptions } from "../compose/compose.ts";
import { overrideTargetKey } from "../override/format.ts";
import type { LocatedWarning, ResultDefault } from "../compose/defaults_tree_node.ts";
import { clip, formatOrigin, StrataError } from "../errors.ts";
import { type DictNode, type ListNode, type Node, type Origin, originOf } from "../node.ts";
import { splitKey } from "../ops/select.ts";
import { nodeAt } from "../ops/walk.ts";
import { parseOverride } from "../override/parse.ts";
import type { Override } from "../override/types.ts";
import { loadYaml } from "../yaml/load.ts";
import { readConfigPath } from "../yaml/text.ts";
import { isDir, nearPaths, unreadable, usage } from "./_paths.ts";
import { hydraFilesDir } from "./run_dir_files.ts";
import { sweptParams } from "./swept.ts";
import { type GroupWriters, groupWriters, readRunHydra } from "./group_writers.ts";

/** One side of a diff: its config and what explains its values. */
export interface Side {
  /** How the user named it: the override text or the path. */
  label: string;
  config: DictNode | ListNode;
  /** The overrides a run directory records (its `.hydra/overrides.yaml`). */
  recorded: Override[];
  /** The file `recorded` came from. */
  recordedFile?: string;
  /** The options an override set's group overrides chose, and the override of each. */
  chosen?: { configPath: string; by: Origin }[];
  /** An override set's `~key` overrides, and the option that gave them (`--b`). */
  deletions?: { overrides: Override[]; from: string };
  /**
   * What was wrong with a run directory's `.hydra/overrides.yaml` (not a list,
   * a directory, an item that is not a string): each names the file, and
   * what it kept from being read is left out of the explanations.
   */
  warnings?: LocatedWarning[];
  /**
   * A run directory's `hydra.yaml` (its root), or why there is none: what
   * {@link groupWriters} composes the run's group choices from again.
   */
  hydra?: Node | string;
  /** The run's group choices composed again, once a key asks for them. */
  groups?: GroupWriters;
  /**
   * An override set whose config sweeps itself (`hydra.mode: MULTIRUN`):
   * the `hydra.sweeper.params` each job of its run gets, which this side,
   * composed as compose composes (Hydra's `--cfg job`), does not have.
   */
  swept?: string[];
}

/**
 * Splits an override set typed as one string into overrides, like a shell
 * would: spaces separate, except inside quotes and brackets. Quotes in an
 * override stay (Hydra's `msg='hi there'`); quotes around a whole one
 * (`'loss=[a,b]'`, as typed in a shell) are dropped, as a shell drops them.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { splitOverrideSet } from "./sides.ts";
 * assert.deepEqual(splitOverrideSet(`lr=1e-3  model=gpt2 tags=[a, b] msg='hi there'`),
 *   ["lr=1e-3", "model=gpt2", "tags=[a, b]", "msg='hi there'"]);
 * assert.deepEqual(splitOverrideSet(String.raw`a=hello\ world b='it\'s x'`),
 *   [String.raw`a=hello\ world`, String.raw`b='it\'s x'`]);
 * assert.deepEqual(splitOverrideSet(`'loss=[mse,l1]' "m=a b"`), ["loss=[mse,l1]", "m=a b"]);
 * ```
 */
export function splitOverrideSet(text: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quote = "";
  let depth = 0;
  let escaped = false;
  for (const ch of text) {
    // Hydra's grammar escapes with a backslash, in quotes (`'it\'s'`) and out
    // of them (`msg=hello\ world` is one override)
    if (escaped || ch === "\\") {
      escaped = !escaped;
      cur += ch;
      continue;
    }
    if (quote) {
      if (ch === quote) quote = "";
    } else if (ch === "'" || ch === '"') quote = ch;
    else if ("[{(".includes(ch)) depth++;
    else if ("]})".includes(ch)) depth = Math.max(0, depth - 1);
    else if (/\s/.test(ch) && depth === 0) {
      if (cur) out.push(cur);
      cur = "";
      continue;
    }
    cur += ch;
  }
  if (cur) out.push(cur);
  // `'loss=[mse,l1]'` pasted from a shell: no override starts with a quote (a key cannot be
  // quoted), so quotes around a whole one are the shell's, which it drops (checker w27)
  return out.map((o) => {
    const q = o[0];
    const whole = (q === "'" || q === '"') && o.length >= 2 && o.at(-1) === q &&
      !o.slice(1, -1).includes(q);
    return whole ? o.slice(1, -1) : o;
  });
}

/** {@link readConfigPath}, with a file strata may not read a located input error. */
function readSidePath(path: string): string {
  try {
    return readConfigPath(path);
  } catch (e) {
    return unreadable(path, e);
  }
}

/** An override of a run's overrides.yaml; one that does not parse is an error at its line there. */
function recordedOverride(text: string, index: number, at: Node): Override {
  try {
    return parseOverride(text, index);
  } catch (e) {
    if (!(e instanceof StrataError)) throw e;
    const why = e.message.split("\n")[0];
    throw new StrataError(e.code, `a recorded override does not parse: ${why}`, {
      origin: at.origin,
    });
  }
}

/** What a YAML node that is not an override string is, in a warning. */
const KIND_NAMES: Record<string, string> = {
  dict: "a mapping",
  list: "a list",
  int: "an int",
  float: "a float",
  bool: "a bool",
  null: "null",
  missing: "???",
  bytes: "bytes",
};

function loadRunDir(dir: string): Side {
  const hydraDir = hydraFilesDir(dir);
  const file = `${hydraDir}/config.yaml`;
  let text: string;
  try {
    text = readConfigPath(file);
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound || e instanceof Deno.errors.IsADirectory)) {
      unreadable(file, e);
    }
    usage(
      `run directory '${dir}' has no ${hydraDir.endsWith("/.hydra") ? ".hydra/" : ""}config.yaml`,
    );
  }
  const side: Side = { label: dir, config: loadYaml(text, { file }), recorded: [] };
  const overridesFile = `${hydraDir}/overrides.yaml`;
  const warnings: LocatedWarning[] = [];
  // Hydra writes a list of override strings there: anything else is said, so
  // that a diff without "override ..." notes is not taken for a run without
  // overrides
  const unused = "the overrides that set this run's keys are not shown";
  const kind = isDir(overridesFile);
  if (kind === true) {
    warnings.push({
      message: `is a directory, not a list of overrides: ${unused}`,
      origin: { file: overridesFile },
    });
  } else if (kind === false) {
    const text = readSidePath(overridesFile);
    const list = loadYaml(text, { file: overridesFile });
    if (list.kind === "list") {
      side.recorded = list.items.flatMap((n, i) => {
        if (n.kind === "value" && n.type === "str") {
          return [recordedOverride(n.value as string, i, n)];
        }
        const what = KIND_NAMES[n.kind === "value" ? n.type : n.kind] ?? n.kind;
        warnings.push({
          message: `item ${i} is ${what}, not an override string: skipped`,
          origin: originOf(n.origin) ?? { file: overridesFile },
        });
        return [];
      });
      side.recordedFile = overridesFile;
    } else if (text.trim() !== "") {
      warnings.push({
        message: `not a list of overrides: ${unused}`,
        origin: originOf(list.origin) ?? { file: overridesFile },
      });
    }
  }
  if (warnings.length > 0) side.warnings = warnings;
  side.hydra = readRunHydra(`${hydraDir}/hydra.yaml`);
  return side;
}

/**
 * One side as the user gave it: an override set (`option`: the command-line
 * option that gave it, `--a`, which its errors name), a path, or config text
 * read elsewhere (stdin).
 */
export type SideSpec =
  | { overrides: string; option?: string }
  | { path: string }
  | { text: string; label: string; file: string };

/**
 * An error composing an override set, its overrides numbered in the option
 * that gave them (`override #1 of --b 'lr=['`): each side's set starts at
 * #1, so `override #1 'lr=['` alone does not say which side failed. An error
 * that names no override (in a file only this side's choices load) says the
 * side on a line of its own.
 */
function inOption(e: unknown, spec: { overrides: string; option?: string }): unknown {
  const option = spec.option;
  if (!(e instanceof StrataError) || option === undefined) return e;
  const mark = <T extends Origin | undefined>(o: T): T =>
    o?.override !== undefined && o.list === undefined ? { ...o, list: option } : o;
  const named = [e.origin, ...e.related.map((r) => r.origin)].some((o) =>
    o?.override !== undefined
  );
  const message = named
    ? e.message
    : `${e.message}\n(composing ${option} '${clip(spec.overrides)}')`;
  return new StrataError(e.code, message, {
    ...e,
    origin: mark(e.origin),
    related: e.related.map((r) => ({ ...r, origin: mark(r.origin) })),
  });
}

/**
 * Loads one side: `overrides` composes the conf tree with them; `path` reads
 * a run directory or a config file; `text` is a config file's text already
 * read (stdin), its origins at `file`.
 *
 * @throws {StrataError} `usage` for a path that does not exist or a directory
 *   without `.hydra/`; YAML and composition errors.
 * @example
 * ```ts ignore
 * import { loadSide } from "./sides.ts";
 * loadSide({ path: "outputs/2026-12-01/12-00-00" }, { configDir: "conf", configName: "config" });
 * ```
 */
export function loadSide(spec: SideSpec, base: ComposeOptions): Side {
  if ("text" in spec) {
    return { label: spec.label, config: loadYaml(spec.text, { file: spec.file }), recorded: [] };
  }
  if ("overrides" in spec) {
    try {
      const texts = splitOverrideSet(spec.overrides);
      const c = compose({ ...base, overrides: texts });
      const swept = sweptParams(c.hydra);
      // what deleted a key on this side (it composed: each parses)
      const deletes = texts.flatMap((t, i) => t.startsWith("~") ? [parseOverride(t, i)] : []);
      // the options the set's group overrides chose (`dataset@data.b=spring`), credited with
      // the values their files wrote, as a run directory's recorded overrides are (checker w27)
      const chosen = chosenByOverrides(c.defaults);
      return {
        label: spec.overrides || "(no overrides)",
        config: c.config,
        recorded: [],
        ...(chosen.length > 0 ? { chosen } : {}),
        ...(deletes.length > 0
          ? { deletions: { overrides: deletes, from: spec.option ?? "the override set" } }
          : {}),
        ...(swept ? { swept } : {}),
      };
    } catch (e) {
      throw inOption(e, spec);
    }
  }
  const dir = isDir(spec.path);
  if (dir === undefined) {
    // `strata diff a=1 a=2` reads as two override sets; say where they go.
    const hint = spec.path.includes("=")
      ? `; to compare override sets: strata diff --a "${spec.path}" --b "..."`
      : "";
    // a run dir's time or name mistyped: the one beside it spelt nearest (checker v71 #2)
    usage(`'${spec.path}': no such file or directory${hint}`, hint ? [] : nearPaths(spec.path));
  }
  if (dir) return loadRunDir(spec.path);
  const config = loadYaml(readSidePath(spec.path), { file: spec.path });
  const warnings = asWrittenWarning(spec.path, config);
  return { label: spec.path, config, recorded: [], ...(warnings ? { warnings } : {}) };
}

/**
 * A config file compared as data that has a defaults list (the tree's `train.yaml`): its
 * `defaults` entries are keys of the diff, the configs they choose are not there. What the user
 * most likely meant, its composition, is an override set (checker v66).
 */
function asWrittenWarning(path: string, config: Node): LocatedWarning[] | undefined {
  const defaults = config.kind === "dict" ? config.entries.get("defaults") : undefined;
  if (defaults === undefined || defaults.node.kind !== "list") return undefined;
  const slash = path.lastIndexOf("/");
  const dir = slash < 0 ? "." : path.slice(0, slash) || "/";
  const name = path.slice(slash + 1).replace(/\.ya?ml$/, "");
  return [{
    message: `${path} is compared as written: its defaults list is data here, not composed; ` +
      `its composition is an override set: -d ${dir} -n ${name} --b "" (no overrides)`,
    origin: originOf(defaults.node.origin),
  }];
}

/**
 * The configs a composition's command-line overrides chose, each with the override: one an
 * override chose over an entry (`proxy=uniform`) or appended (`+experiments=ccube/corners`), and
 * what those bring in or choose in turn (`proxy/base` in uniform's defaults list, the `env: ccube`
 * of the experiment's `override /env: ccube`), as a run directory's recorded overrides credit
 * them (checker w33).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { chosenByOverrides } from "./sides.ts";
 * const by = { override: 0, text: "+exp=a" };
 * const got = chosenByOverrides([
 *   { configPath: "exp/a", parent: "config", package: "", isSelf: false, primary: false, origin: by },
 *   { configPath: "env/x", parent: "config", package: "env", isSelf: false, primary: false,
 *     overriddenBy: { file: "conf/exp/a.yaml", line: 3, col: 18 } },
 *   { configPath: "db/m", parent: "config", package: "db", isSelf: false, primary: false },
 * ]);
 * assert.deepEqual(got.map((c) => c.configPath), ["exp/a", "env/x"]);
 * ```
 */
export function chosenByOverrides(
  defaults: readonly ResultDefault[],
): { configPath: string; by: Origin }[] {
  const byConfig = new Map<string, Origin>();
  const fromCli = (o: Origin | undefined) =>
    o?.override !== undefined && o.text !== undefined ? o : undefined;
  const inChosen = (o: Origin | undefined): Origin | undefined => {
    const file = o?.file;
    if (file === undefined) return undefined;
    for (const [path, by] of byConfig) if (isConfigFile(file, path)) return by;
    return undefined;
  };
  // a config's choosers may come after it in the list (an experiment's `override` entries
  // change the primary's, listed first): until nothing more is credited
  for (let changed = true; changed;) {
    changed = false;
    for (const d of defaults) {
      if (byConfig.has(d.configPath)) continue;
      const by = fromCli(d.overriddenBy ?? d.chosenThrough) ??
        (d.overriddenBy === undefined ? fromCli(d.origin) : undefined) ??
        inChosen(d.overriddenBy) ??
        (d.overriddenBy === undefined && d.parent !== undefined
          ? byConfig.get(d.parent)
          : undefined);
      if (by !== undefined) {
        byConfig.set(d.configPath, by);
        changed = true;
      }
    }
  }
  return [...byConfig].map(([configPath, by]) => ({ configPath, by }));
}

/**
 * Whether `file` is the config at `configPath`, written with its extension or without
 * (`override /datamodule: mnist.yaml`, as Hydra 1.1 trees write it: checker v46).
 */
function isConfigFile(file: string, configPath: string): boolean {
  const path = configPath.endsWith(".yaml") ? configPath : `${configPath}.yaml`;
  return file === path || file.endsWith(`/${path}`);
}

/**
 * Where a side's value at `key` came from: the node's origin and, for a run
 * directory, the recorded override that set the key (or a parent of it).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { originOn } from "./sides.ts";
 * import { parseOverride } from "../override/parse.ts";
 * import { int } from "../node.ts";
 * const side = { label: "run", config: { kind: "dict" as const, entries: new Map() },
 *   recorded: [parseOverride("db.port=1", 0)], recordedFile: "run/.hydra/overrides.yaml" };
 * assert.equal(originOn(side, "db.port", int(1, { file: "run/.hydra/config.yaml", line: 2, col: 9 })),
 *   "run/.hydra/config.yaml:2:9, override db.port=1 (run/.hydra/overrides.yaml)");
 * ```
 */
export function originOn(side: Side, key: string, node: Node): string {
  const o = originOf(node.origin);
  const parts = o ? [formatOrigin(o)] : [];
  const file = o?.file;
  const chooser = file === undefined
    ? undefined
    : side.chosen?.find((c) => isConfigFile(file, c.configPath));
  if (chooser) parts.push(`chosen by override #${chooser.by.override! + 1} '${chooser.by.text}'`);
  const by = setBy(side, key, node);
  if (by) {
    const guess = by.guess === undefined ? "" : `, a guess from the key's prefix (${by.guess})`;
    parts.push(`override ${by.override.text} (${side.recordedFile})${guess}`);
  }
  return parts.join(", ") || "unknown";
}

/**
 * The config path an override writes at, as segments: a group override's
 * package (`server@srv.a=web` writes at `srv.a`), else its key (`db`,
 * `items.0`); none for `_global_`, which would claim every key.
 */
function target(o: Override): string[] {
  const at = o.package ?? o.key.replaceAll("/", ".");
  const path = at === "_global_" ? "" : at.replace(/^_global_\./, "");
  return path === "" ? [] : path.split(".");
}

/** Whether the override writes at `key` or a parent of it (`items` holds `items[0]`). */
function touches(o: Override, key: string): boolean {
  const at = target(o);
  const segs = splitKey(key);
  return at.length > 0 && at.length <= segs.length && at.every((s, i) => s === segs[i]);
}

/**
 * Whether a recorded override chose a config group option rather than set a
 * value: it names a package or a nested group, or it gives a name (or a list
 * of names) where the run's config holds a dict.
 */
function choosesOption(side: Side, o: Override): boolean {
  if (o.package !== null || o.key.includes("/")) return true;
  // a group whose option is not at the group's package (`# @package _global_`)
  if (recordedChoices(side).includes(overrideTargetKey(o))) return true;
  const v = o.value?.kind === "element" ? o.value.node : undefined;
  const names = v?.kind === "list" || (v?.kind === "value" && v.type === "str");
  return names && nodeAt(side.config, target(o))?.kind === "dict";
}

/** The group override keys a run's `hydra.yaml` records choices of (`hydra.runtime.choices`). */
function recordedChoices(side: Side): string[] {
  const choices = typeof side.hydra === "object"
    ? nodeAt(side.hydra, ["hydra", "runtime", "choices"])
    : undefined;
  return choices?.kind === "dict" ? [...choices.entries.values()].map((e) => String(e.key)) : [];
}

/**
 * The recorded override that set `key`: Hydra applies the group choices while
 * it builds the defaults list and the value overrides after, so a value
 * override wins over a group choice whatever their order, and the last of
 * each kind wins. A group choice is credited with the keys its option wrote
 * in the run, found by composing the run's choices again
 * ({@link groupWriters}); when they cannot be, with the keys under the
 * group's name, said to be a guess (`guess` is why).
 */
function setBy(
  side: Side,
  key: string,
  node: Node,
): { override: Override; guess?: string } | undefined {
  const live = side.recorded.filter((o) => o.type !== "delete");
  const value = live.findLast((o) => !choosesOption(side, o) && touches(o, key));
  if (value) return { override: value };
  const groups = live.filter((o) => choosesOption(side, o));
  if (groups.length === 0) return undefined;
  side.groups ??= typeof side.hydra === "object"
    ? groupWriters(side.hydra, side.recorded)
    : { unknown: side.hydra ?? "it has no hydra.yaml" };
  const writers = side.groups;
  if ("unknown" in writers) {
    const hit = groups.findLast((o) => touches(o, key));
    return hit && { override: hit, guess: writers.unknown };
  }
  for (const k of writers.choosers(key, node)) {
    const hit = groups.findLast((o) => overrideTargetKey(o) === k);
    if (hit) return { override: hit };
  }
  return undefined;
}

/**
 * The override of a side that deleted `key` (or a parent of it), and the file or option it was
 * given in, when one did: a run directory's recorded `~key`, or one of an override set.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { deletedOn } from "./sides.ts";
 * import { parseOverride } from "../override/parse.ts";
 * const side = { label: "run", config: { kind: "dict" as const, entries: new Map() },
 *   recorded: [parseOverride("~db.user", 0)], recordedFile: "run/.hydra/overrides.yaml" };
 * assert.deepEqual(deletedOn(side, "db.user"), { override: "~db.user", from: "run/.hydra/overrides.yaml" });
 * ```
 */
export function deletedOn(side: Side, key: string): { override: string; from: string } | undefined {
  const by = side.recorded.findLast((o) => o.type === "delete" && touches(o, key));
  if (by) return { override: by.text, from: side.recordedFile ?? side.label };
  const given = side.deletions?.overrides.findLast((o) => touches(o, key));
  return given && { override: given.text, from: side.deletions!.from };
}

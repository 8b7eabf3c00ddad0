/**
 * The group overrides of one composition: command-line `group=option`,
 * `+group=option`, `~group`, and `override group: option` entries found in
 * defaults lists; plus the choices made so far (`hydra.runtime.choices`).
 *
 * @module
 */

import { suggest } from "../suggest.ts";
import { overrideTargetKey } from "../override/format.ts";
import { clip, ErrorCode, type Related, StrataError } from "../errors.ts";
import type { ListNode, Node, Origin } from "../node.ts";
import { nestedSweepError } from "../override/nested.ts";
import type { Override } from "../override/types.ts";
import { pyStrOfLeaf } from "../pyformat.ts";
import { pyTypeName } from "./defaults_parse.ts";
import { GroupDefault, type InputDefault } from "./element.ts";
import { isEmbeddedFile } from "./source.ts";

/** Where an override of a group choice came from and whether it was used. */
interface OverrideMeta {
  external: boolean;
  containingConfigPath?: string;
  used: boolean;
  origin?: Origin;
  /** A defaults list's `override group: x` entry: where its key is written. */
  keyOrigin?: Origin;
  /** An `override group: [a, b]` entry's items, where each is written. */
  itemOrigins?: (Origin | undefined)[];
}

interface Deletion {
  name: string | null;
  used: boolean;
  origin: Origin;
}

/** Python's `str()` of a group override value (a name or a list of names). */
function pyChoiceText(v: string | string[] | null): string {
  if (v === null) return "None";
  if (Array.isArray(v)) return `[${v.map((s) => `'${s}'`).join(", ")}]`;
  return v;
}

/**
 * What a Hydra 1.0 config's `hydra/x: y` entry (no `override`) is under version_base 1.2 and
 * later, said with the "Multiple values" error it gets: Hydra read it as an override before 1.2.
 */
function legacyHydraNote(key: string, choice: string | null): string {
  return `without 'override' this entry overrides Hydra's choice only under version_base 1.1 ` +
    `(Hydra 1.0 configs; .strata.yaml: version_base: "1.1"), else write ` +
    `'- override ${key}: ${choice}'`;
}

/** `override.value()` as plain data for group overrides. */
function plainValue(node: Node): unknown {
  if (node.kind === "list") return node.items.map(plainValue);
  if (node.kind === "dict") return { dict: true };
  return node.value;
}

/**
 * A group's list of options names configs: Hydra fails (a TypeError) on an
 * item that is not a string: a list, a dict, a sweep object
 * (`db=[choice(mysql,pg)]`), and a number, bool or null (`db=[1]`: "argument
 * of type 'int' is not iterable"; `db=['1']` names the config `db/1`).
 */
function listItemsCheck(o: Override, node: ListNode): void {
  const message = (got: string) => `Config group override list items must be strings. Got ${got}`;
  const nested = o.value?.kind === "element" ? o.value.nested : undefined;
  if (nested) throw nestedSweepError(o, nested, true);
  const bad = node.items.find((n) => n.kind !== "value" || n.type !== "str");
  if (bad) {
    // Python's type of the item as Override.value() gives it: list, dict, int, NoneType...
    const got = bad.kind === "value" ? pyTypeName(bad) : bad.kind;
    throw new StrataError(ErrorCode.Value, message(got), { origin: originOf(o) });
  }
}

/**
 * `+=a` (`+@pkg=a`): Hydra's grammar allows the empty key, whose "group" is
 * the config directory itself, but appending to it fails inside Hydra (an
 * assertion that a GroupDefault has a group). Said at the missing group name.
 */
function noGroupToAppend(o: Override): StrataError {
  const at = o.text.length - o.text.replace(/^\++/, "").length;
  return new StrataError(
    ErrorCode.Composition,
    `Could not append to the defaults list: '${clip(o.text)}' names no config group`,
    {
      origin: originOf(o),
      snippet: { text: o.text, start: at, end: at + 1 },
      related: [{ message: "name the group before '=': +GROUP=OPTION", origin: {} }],
    },
  );
}

function originOf(o: Override): Origin {
  return { override: o.index ?? 0, text: o.text };
}

/**
 * What an override of one composition sets: a group's choice (`db=mysql`,
 * `~db`), a config value (`db.port=1`; a dict value is always one), or
 * nothing yet (a sweep, expanded before composing).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseOverride } from "../../override.ts";
 * import { overrideKind } from "./overrides_state.ts";
 * const groups = (g: string) => g === "db";
 * assert.equal(overrideKind(parseOverride("db=mysql"), groups), "group");
 * assert.equal(overrideKind(parseOverride("db.port=1"), groups), "config");
 * assert.equal(overrideKind(parseOverride("db=a,b"), groups), "sweep");
 * ```
 */
export function overrideKind(
  o: Override,
  groupExists: (group: string) => boolean,
): "sweep" | "config" | "group" {
  if (o.value !== undefined && o.value.kind !== "element") return "sweep";
  if (o.value?.node.kind === "dict" || !groupExists(o.key)) return "config";
  return "group";
}

/**
 * Group override bookkeeping for one composition.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseOverride } from "../../override.ts";
 * import { OverrideState } from "./overrides_state.ts";
 * const state = new OverrideState((g) => g === "db", [parseOverride("db=mysql", 0)]);
 * assert.equal(state.choices.get("db"), "mysql");
 * ```
 */
export class OverrideState {
  readonly choices = new Map<string, string | string[] | null>();
  readonly meta = new Map<string, OverrideMeta>();
  readonly appendGroupDefaults: GroupDefault[] = [];
  /** Overrides of config values (not groups), applied after composition. */
  readonly configOverrides: Override[] = [];
  readonly knownChoices = new Map<string, string | null>();
  /** Where each known choice was made (the entry or the `+group=` override). */
  private readonly knownOrigins = new Map<string, Origin | undefined>();
  /** Where each known choice's name was written (the entry, or the override that set it). */
  private readonly namedAt = new Map<string, Origin | undefined>();
  /** The words a known choice's entry has before its group that are no keyword, and where. */
  private readonly knownIgnored = new Map<string, [string[], Origin | undefined]>();
  readonly knownChoicesPerGroup = new Map<string, Set<string>>();
  readonly deletions = new Map<string, Deletion>();

  constructor(groupExists: (group: string) => boolean, overrides: Override[]) {
    for (const o of overrides) {
      const kind = overrideKind(o, groupExists);
      if (kind === "sweep") continue;
      if (kind === "config") {
        this.configOverrides.push(o);
        continue;
      }
      const node = o.value?.kind === "element" ? o.value.node : undefined;
      const origin = originOf(o);
      const key = overrideTargetKey(o);
      if (o.type === "force_add") {
        throw new StrataError(
          ErrorCode.Composition,
          `force-add of config groups is not supported: '${o.text}'`,
          { origin },
        );
      }
      const value = node === undefined ? null : plainValue(node);
      if (o.type === "delete") {
        if (value !== null && typeof value !== "string") {
          throw new StrataError(
            ErrorCode.Value,
            `Config group override deletion value must be a string : ${o.text}`,
            { origin },
          );
        }
        this.deletions.set(key, { name: value, used: false, origin });
        continue;
      }
      if (typeof value !== "string" && !Array.isArray(value)) {
        // `precision=16`: an option file named 16.yaml is chosen quoted (checker x34)
        const raw = o.text.slice(o.text.indexOf("=") + 1);
        // `=3`: no key at all (Hydra reads the root as a group): that is what to mend (x43)
        const hint = o.key === ""
          ? [{ message: "the override has no key: write KEY=VALUE", origin: {} }]
          : /^[\w.+-]+$/.test(raw) && !raw.includes("'")
          ? [{
            message: `to choose an option named '${raw}', quote it: ${
              o.text.slice(0, o.text.indexOf("=") + 1)
            }'${raw}'`,
            origin: {},
          }]
          : [];
        throw new StrataError(
          ErrorCode.Value,
          `Config group override must be a string or a list. Got ${pyTypeName(node!)}`,
          { origin, related: hint },
        );
      }
      if (Array.isArray(value)) listItemsCheck(o, node as ListNode);
      const choice = Array.isArray(value)
        ? (node as ListNode).items.map((n) => pyStrOfLeaf(n))
        : value;
      if (o.type === "add") {
        if (o.key === "") throw noGroupToAppend(o);
        const d = new GroupDefault(o.key, choice, o.package);
        d.externalAppend = true;
        d.origin = origin;
        this.appendGroupDefaults.push(d);
      } else {
        this.choices.set(key, choice);
        this.meta.set(key, { external: true, used: false, origin });
      }
    }
  }

  /** Records an `override group: option` entry of a defaults list (the command line wins). */
  addOverride(parentConfigPath: string, d: GroupDefault): void {
    const key = d.overrideKey();
    if (this.choices.has(key)) return;
    this.choices.set(key, d.value);
    this.meta.set(key, {
      external: false,
      containingConfigPath: parentConfigPath,
      used: false,
      origin: d.origin,
      // "Could not override 'modul'" is about the group the key names, not the option
      ...(d.keyOrigin ? { keyOrigin: d.keyOrigin } : {}),
      ...(Array.isArray(d.value) && d.itemOrigins ? { itemOrigins: d.itemOrigins } : {}),
    });
  }

  /**
   * The `override group: option` entries of defaults lists not used yet, with
   * their key, option and place (what a `???` error may be caused by: an
   * override whose group is misspelt, `override /modle: x`).
   */
  pendingFileOverrides(): { key: string; value: string | string[] | null; origin?: Origin }[] {
    const out = [];
    for (const [key, meta] of this.meta) {
      if (meta.external || meta.used) continue;
      out.push({ key, value: this.choices.get(key) ?? null, origin: meta.origin });
    }
    return out;
  }

  isOverridden(d: InputDefault): boolean {
    return d instanceof GroupDefault && this.choices.has(d.overrideKey());
  }

  /** Applies the override of `d`'s choice; returns where the override came from. */
  overrideDefaultOption(d: GroupDefault): Origin | undefined {
    const key = d.overrideKey();
    if (!this.choices.has(key)) return undefined;
    d.value = this.choices.get(key)!;
    d.configNameOverridden = true;
    const meta = this.meta.get(key)!;
    meta.used = true;
    // each item of `override /loss: [mse, lpips]` chosen where it is written (checker w27)
    if (meta.itemOrigins) (d as { overridingItems?: unknown }).overridingItems = meta.itemOrigins;
    return meta.origin;
  }

  /**
   * Hydra's "Multiple values for" error, located at both choices: a `+group=`
   * override that the defaults list already names is placed at the override,
   * with the entry, and says how to change the choice instead.
   */
  private multipleValues(key: string, prev: string | null, d: GroupDefault): StrataError {
    const message =
      `Multiple values for ${key}. To override a value use 'override ${key}: ${prev}'`;
    const first = this.knownOrigins.get(key);
    const entry = `'${key}: ${d.name() ?? "null"}'`;
    if (first?.override !== undefined && d.origin?.override === undefined) {
      const related = d.origin
        ? [{ message: `the defaults list already has ${entry}`, origin: d.origin }]
        : [];
      related.push({
        // the key with its package: the defaults entry's override key (`task@_global_=x`)
        message: `to change its choice, drop the '+': ${key}=${prev}`,
        origin: {},
      });
      return new StrataError(ErrorCode.Composition, message, { origin: first, related });
    }
    // Hydra's own entry (`hydra/config`'s `job_logging: default`) is met after the user's (the
    // primary config is expanded first): the user's entry is the one to change, and leads
    if (
      isEmbeddedFile(d.origin?.file) && first?.file !== undefined && !isEmbeddedFile(first.file)
    ) {
      const related = [{ message: `Hydra's own ${entry} is chosen here`, origin: d.origin! }];
      if (key.startsWith("hydra/")) {
        related.push({ message: legacyHydraNote(key, prev), origin: {} });
      }
      return new StrataError(ErrorCode.Composition, message, { origin: first, related });
    }
    const related = first ? [{ message: `'${key}: ${prev}' is chosen here`, origin: first }] : [];
    // two entries of one group in config files: Hydra 1.0 let a group fill several packages so
    // (mtrl's `agent/optimizers` five times, each option with its own `# @package` header);
    // since 1.1 each entry names its package, which Hydra's `override` hint does not say
    if (first?.file !== undefined && d.origin?.file !== undefined && !key.includes("@")) {
      related.push({
        message: `to choose ${key} for two packages (as Hydra 1.0 read a group listed twice), ` +
          `give each entry its package: '- ${key}@PACKAGE: ${d.name() ?? "null"}'`,
        origin: {},
      });
    }
    // `overide /model: x` (a misspelt keyword, which Hydra ignores): a second choice, not an
    // override, in either entry (checker w24)
    for (
      const [words, at] of [
        [d.ignoredWords, d.keyOrigin ?? d.origin],
        this.knownIgnored.get(key) ?? [],
      ]
    ) {
      const typo = (words as string[] | undefined)?.find((w) =>
        suggest(w, ["override"]).length > 0
      );
      if (typo === undefined) continue;
      // the typo is why: not the two-packages reading
      const packages = related.findIndex((r) => r.message.startsWith("to choose "));
      if (packages >= 0) related.splice(packages, 1);
      related.unshift({
        message: `'${typo}' is no defaults keyword: Hydra ignores the word, so this entry is ` +
          `a second choice for ${key}. Did you mean 'override'?`,
        origin: (at as Origin | undefined) ?? {},
      });
    }
    return new StrataError(ErrorCode.Composition, message, { origin: d.origin, related });
  }

  /** Records the choice made for a group; two different choices for one key are an error. */
  setKnownChoice(d: InputDefault): void {
    if (!(d instanceof GroupDefault)) return;
    const key = d.overrideKey();
    const name = d.name();
    if (!this.knownChoices.has(key)) {
      this.knownChoices.set(key, name);
      this.knownOrigins.set(key, d.origin);
      // where the name was written: the `override` (an experiment's entry) that chose it, if any
      this.namedAt.set(key, (d as { overriddenBy?: Origin }).overriddenBy ?? d.origin);
      if (d.ignoredWords) this.knownIgnored.set(key, [d.ignoredWords, d.keyOrigin ?? d.origin]);
    } else {
      const prev = this.knownChoices.get(key);
      if (name !== prev) throw this.multipleValues(key, prev ?? null, d);
    }
    const group = d.groupPath();
    if (!this.knownChoicesPerGroup.has(group)) this.knownChoicesPerGroup.set(group, new Set());
    this.knownChoicesPerGroup.get(group)!.add(key);
  }

  isDeleted(d: InputDefault): boolean {
    if (!(d instanceof GroupDefault)) return false;
    const del = this.deletions.get(d.overrideKey());
    if (!del) return false;
    return del.name === null || del.name === d.name();
  }

  delete(d: InputDefault): void {
    d.deleted = true;
    const del = this.deletions.get(d.overrideKey())!;
    del.used = true;
    // the override that deleted it, for the defaults tree's picture
    if (del.origin) (d as { deletedBy?: Origin }).deletedBy = del.origin;
  }

  /**
   * Fails on a group override that matched nothing, suggesting the keys that exist;
   * `treeGroups` lists the groups of the search path, for a key no defaults list chooses
   * at all (a typo of a group the tree has but the list never chose: checker v62).
   */
  ensureOverridesUsed(treeGroups: () => string[] = () => []): void {
    for (const [fullKey, meta] of this.meta) {
      if (meta.used) continue;
      const group = fullKey.split("@")[0];
      const key = clip(fullKey); // an override is echoed briefly (README, Security)
      const known = [...(this.knownChoicesPerGroup.get(group) ?? [])].sort();
      let msg: string;
      if (known.length > 1) {
        msg = `Could not override '${key}'.\nDid you mean to override one of ${known.join(", ")}?`;
      } else if (known.length === 1) {
        msg = `Could not override '${key}'.\nDid you mean to override ${known[0]}?`;
      } else msg = `Could not override '${key}'. No match in the defaults list.`;
      if (meta.containingConfigPath !== undefined) {
        msg = `In '${meta.containingConfigPath}': ${msg}`;
      }
      if (meta.external) {
        msg += `\nTo append to your default list use ${
          clip(`+${fullKey}=${pyChoiceText(this.choices.get(fullKey)!)}`)
        }`;
      }
      // `='3'`: no key at all, and `+=3` is no mend (checker x43)
      const noKey = fullKey === "" && meta.external
        ? [{ message: "the override has no key: write KEY=VALUE", origin: {} }]
        : undefined;
      // no entry of that group: the groups the defaults list has, spelt nearest (`optimiser`);
      // else the tree's, which no defaults list chose (said so: overriding it fails the same way)
      let suggestions = known.length > 0
        ? known
        : this.absoluteGroup(group, meta.containingConfigPath) ??
          nearGroups(group, [...this.knownChoicesPerGroup.keys()]);
      // a group of the tree spelt right is no typo of a chosen group (`exp=x` beside
      // `experiment`): what it lacks is a defaults list choosing it (checker y5)
      const exactGroup = known.length === 0 && treeGroups().includes(group.replace(/^\//, ""));
      if (exactGroup && !suggestions[0]?.startsWith("/")) suggestions = [];
      let unchosen: Related[] = [];
      if (suggestions.length === 0 && noKey === undefined) {
        const bare = group.replace(/^\//, "");
        const tree = treeGroups();
        // a group of the tree spelt right is no did-you-mean of itself: a `~` deleted the
        // config whose defaults list chooses it, or none does (checker v65)
        const exact = tree.includes(bare);
        suggestions = exact ? [] : nearGroups(bare, tree);
        const deleted = exact ? this.deletedAbove(bare) : undefined;
        // (a command-line override is told by Hydra's own line: `+group=...` appends it)
        unchosen = meta.external ? [] : (exact ? [bare] : suggestions.slice(0, 1)).map((g) => ({
          message: deleted !== undefined
            ? `'${g}' is chosen by no defaults list here: '${deleted}' deletes '${
              deleted.slice(1)
            }', the group above it (an option of it that chooses '${g}' is not composed)`
            : `'${g}' is a group of the tree that no defaults list chooses: a config adds ` +
              `it with '- /${g}: OPTION' (not override)`,
          origin: {},
        }));
      }
      throw new StrataError(ErrorCode.Composition, msg, {
        origin: meta.keyOrigin ?? meta.origin,
        related: noKey ?? [...(this.appendedAfter(fullKey, meta) ?? []), ...unchosen],
        suggestions,
      });
    }
  }

  /**
   * Why a config's `override /g` found nothing when the command line appends `+g=...` after the
   * config that holds it (`+experiment=x +g=y`): Hydra expands a defaults list from its last
   * entry to its first, so the appended entry was chosen before the override was read (checker
   * v41). Hydra's own message then reads "Did you mean to override g?" for that very key.
   */
  private appendedAfter(fullKey: string, meta: OverrideMeta): Related[] | undefined {
    const chosenBy = this.knownOrigins.get(fullKey);
    if (meta.external || meta.containingConfigPath === undefined) return undefined;
    const config = meta.containingConfigPath;
    if (chosenBy?.file !== undefined && chosenBy.override === undefined) {
      // chosen by an entry of a file, read before the override: listed below the entry that
      // brings the override's config in (`- experiment: e` above `- paths: default`: v69 #2)
      return [{ message: `'${clip(fullKey)}' is chosen here`, origin: chosenBy }, {
        message: "Hydra expands a defaults list from its last entry to its first: an `override` " +
          `reaches only the entries listed above the one that brings in '${config}'`,
        origin: {},
      }];
    }
    if (chosenBy?.override === undefined || chosenBy.text === undefined) return undefined;
    // the command-line override that selected the config holding the `override`, if one did
    const group = config.slice(0, Math.max(config.lastIndexOf("/"), 0));
    const selectedBy = [...this.knownChoices].find(([k, name]) =>
      k.split("@")[0] === group && `${group}/${name}` === config
    );
    const by = selectedBy && this.knownOrigins.get(selectedBy[0]);
    const appended = clip(chosenBy.text);
    return [{
      message: `'${appended}' is appended after '${config}', and Hydra expands a defaults list ` +
        "from its last entry to its first: an `override` reaches only the entries before its " +
        "config" + (by?.override !== undefined && by.text !== undefined
          ? `. Give '${appended}' before '${clip(by.text)}' (its \`override\` then applies to it)`
          : ""),
      origin: chosenBy,
    }];
  }

  /**
   * `override db: sqlite` in a config of group `experiment` names `experiment/db`, relative to
   * that config's group; when `db` is a group of the defaults list, the override meant it, which
   * is written with an absolute path: `/db` (Hydra's "configuring experiments" page).
   */
  private absoluteGroup(group: string, configPath: string | undefined): string[] | undefined {
    const dir = configPath?.slice(0, Math.max(configPath.lastIndexOf("/"), 0));
    if (!dir || !group.startsWith(dir + "/")) return undefined;
    const rel = group.slice(dir.length + 1);
    return this.knownChoicesPerGroup.has(rel) ? [`/${rel}`] : undefined;
  }

  /** The `~group` override (as `~group`) that deleted a group above `group`, if one did. */
  private deletedAbove(group: string): string | undefined {
    for (const [key, del] of this.deletions) {
      if (del.used && group.startsWith(key.replace(/^\//, "") + "/")) return `~${key}`;
    }
    return undefined;
  }

  /** Fails on a `~group` that deleted nothing. */
  ensureDeletionsUsed(): void {
    for (const [key, del] of this.deletions) {
      if (del.used) continue;
      const desc = clip(del.name !== null ? `${key}=${del.name}` : key);
      // `~callbacks=default` where the list writes `callbacks: default.yaml` (rl4co): Hydra
      // compares the names as written
      const written = this.knownChoices.get(key);
      const related = del.name !== null && typeof written === "string" && written !== del.name &&
          written.replace(/\.yaml$/, "") === del.name.replace(/\.yaml$/, "")
        ? [{
          message: `the defaults list chooses '${written}' for ${key} (Hydra compares the names ` +
            `as written): ~${key}=${written}, or ~${key} whatever it chooses`,
          origin: this.namedAt.get(key) ?? {},
        }]
        : [];
      throw new StrataError(
        ErrorCode.Composition,
        `Could not delete '${desc}'. No match in the defaults list`,
        { origin: del.origin, related },
      );
    }
  }
}

/**
 * The groups of the defaults list spelt nearest to `group`: a typo's neighbours, else one beside
 * it whose name starts the other's (`task/optimizer` for dpr-scale's `task/optim`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { nearGroups } from "./overrides_state.ts";
 * assert.deepEqual(nearGroups("task/optimizer", ["task/optim", "task/model", "trainer"]), ["task/optim"]);
 * assert.deepEqual(nearGroups("optimiser", ["optimizer", "model"]), ["optimizer"]);
 * assert.deepEqual(nearGroups("env_cfg", ["env_config", "experiment"]), ["env_config"]);
 * assert.deepEqual(nearGroups("db", ["dbx/a", "model"]), []);
 * assert.deepEqual(nearGroups("eval/m", ["eval/m/.", "trainer"]), [], "no key an override can write");
 * ```
 */
export function nearGroups(group: string, all: string[]): string[] {
  // a group a relative path names (`.@pre_compute.x: y` in `eval/m`: `eval/m/.`) is no key an
  // override can write (`eval/m/.=x` does not parse): not offered
  const groups = all.filter((g) => g.split("/").every((s) => s !== "" && s !== "." && s !== ".."));
  const near = suggest(group, groups);
  if (near.length > 0) return near;
  const cut = (g: string) => [g.slice(0, g.lastIndexOf("/") + 1), g.slice(g.lastIndexOf("/") + 1)];
  const [dir, name] = cut(group);
  return groups.filter((g) => {
    const [d, n] = cut(g);
    const [short, long] = n.length < name.length ? [n, name] : [name, n];
    // cut short (`optim` for `optimizer`) or abbreviated (`env_cfg` for `env_config`: its
    // letters in order, the first one first; checker v47)
    return d === dir && short.length >= 3 && (long.startsWith(short) || abbreviates(short, long));
  }).sort();
}

/** Whether `short` is `long` with letters left out, the first one kept (`env_cfg`, `env_config`). */
function abbreviates(short: string, long: string): boolean {
  if (short[0] !== long[0]) return false;
  let i = 0;
  for (let j = 0; j < long.length && i < short.length; j++) if (long[j] === short[i]) i++;
  return i === short.length;
}

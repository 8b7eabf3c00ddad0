/**
 * The layers that set a key, in merge order: each config of the defaults
 * list read again at its package, then the command-line overrides that touch
 * the key. `strata explain` lists them for KEY and, when KEY is reached
 * through a node interpolation, for the key it reads there.
 *
 * @module
 */

import { type DefaultsInfo, placeAt } from "../compose/compose.ts";
import { overrideTargetKey } from "../override/format.ts";
import type { Node, Origin } from "../node.ts";
import { nodeAt } from "../ops/walk.ts";
import type { Override } from "../override/types.ts";

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

/** A layer of a key: a config of the defaults list or a command-line override. */
export type Layer = ConfigLayer | OverrideLayer;

/**
 * Whether an override of `target` touches `key`: the key itself, a parent or a child.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { touches } from "./layers.ts";
 * assert.ok(touches("db", "db.hosts[0]") && touches("db.host", "db"));
 * assert.ok(!touches("db", "dbx"));
 * assert.ok(touches("a.0.b", "a[0].b"));
 * ```
 */
export function touches(target: string, key: string): boolean {
  // `a[0].b` and `a.0.b` name one node (OmegaConf's select reads both; an override writes the
  // dotted form): compared dotted (checker x24: explain 'a[0].b' left out the override)
  const dotted = (k: string) => k.replace(/\[([^\]]*)\]/g, ".$1");
  const [t, k] = [dotted(target), dotted(key)];
  // a parent of a list item is `db.hosts` for `db.hosts[0]`
  const below = (inner: string, outer: string) => inner.startsWith(outer + ".");
  return t === k || below(k, t) || below(t, k);
}

/**
 * Every layer that set `key` (its path `segs`), in merge order.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { defaultsTree } from "../compose/compose.ts";
 * import { layersOf } from "./layers.ts";
 * const conf = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(`${conf}/config.yaml`, "a: 1\n");
 * const info = defaultsTree({ configDir: conf, configName: "config", overrides: ["a=2"] });
 * assert.deepEqual(layersOf(info, "a", ["a"]).map((l) => l.kind), ["config", "override"]);
 * Deno.removeSync(conf, { recursive: true });
 * ```
 */
export function layersOf(info: DefaultsInfo, key: string, segs: readonly string[]): Layer[] {
  const layers: Layer[] = [];
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
      overrideTargetKey(o) === chosenAs &&
      !info.configOverrides.includes(o)
    );
    // a config's `override /enc: b` that replaced what an appended `+enc=a` chose: that line
    // chose it, not the override (Hydra's defaults list: checker v41)
    if (d.overriddenBy?.file !== undefined) layer.chosenBy = d.overriddenBy;
    else if (chooser) layer.chosenBy = { override: chooser.index ?? 0, text: chooser.text };
    // an experiment's `override /db: pg` chose it: the file and line that did; or an item of a
    // list the command line chose (`model=[a,b]`: its items have no key of their own; checker w25)
    else if (d.overriddenBy?.override !== undefined) {
      layer.chosenBy = d.overriddenBy;
    } else if (d.chosenThrough !== undefined) layer.chosenBy = d.chosenThrough;
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
  return layers;
}

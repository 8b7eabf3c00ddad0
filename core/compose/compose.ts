/**
 * Composition: the primary config's defaults list → group configs placed at
 * their packages → the primary config itself (`_self_`) → command-line
 * overrides, all merged by the WASM engine.
 *
 * @module
 */

import { ErrorCode, StrataError } from "../errors.ts";
import { merge } from "../merge.ts";
import { dict, type DictNode, type Node, type Origin } from "../node.ts";
import { parseOverride } from "../override/parse.ts";
import type { Override } from "../override/types.ts";
import { suggest } from "../suggest.ts";
import { loadYaml } from "../yaml/load.ts";
import { DirSource } from "./source.ts";

/** Input of {@link compose}. */
export interface ComposeOptions {
  /** The config directory. */
  configDir: string;
  /** The primary config's name (without `.yaml`); null composes only overrides and defaults. */
  configName: string | null;
  /** Command-line overrides, as typed. */
  overrides?: string[];
}

/** The composed config and what was chosen for each group. */
export interface Composition {
  config: DictNode;
  /** `hydra.runtime.choices`: group → option. */
  choices: Record<string, string | null>;
}

interface DefaultsEntry {
  group?: string;
  option?: string | null;
  self?: boolean;
  origin?: Origin;
}

function readDefaults(cfg: DictNode): DefaultsEntry[] {
  const entry = cfg.entries.get("sdefaults");
  if (!entry) return [];
  cfg.entries.delete("sdefaults");
  const list = entry.node;
  if (list.kind !== "list") {
    throw new StrataError(ErrorCode.Composition, "defaults must be a list", {
      fullKey: "defaults",
      origin: list.origin,
    });
  }
  return list.items.map((item): DefaultsEntry => {
    if (item.kind === "value" && item.value === "_self_") {
      return { self: true, origin: item.origin };
    }
    if (item.kind === "dict" && item.entries.size === 1) {
      const [{ key, node }] = item.entries.values();
      const option = node.kind === "value" && (node.type === "str" || node.type === "null")
        ? node.value as string | null
        : undefined;
      if (option !== undefined) return { group: String(key), option, origin: node.origin };
    }
    throw new StrataError(ErrorCode.Composition, "Unsupported defaults list entry", {
      fullKey: "defaults",
      origin: item.origin,
    });
  });
}

function placeAt(pkg: string, node: Node): Node {
  return pkg.split(".").reverse().reduce((inner, k) => dict([[k, inner]]), node);
}

/**
 * Composes a config like Hydra's `compose(config_name, overrides)`.
 *
 * @throws {StrataError} `missing-config` (unknown file or option, listing the
 *   available ones), `composition`, `override-parse`, YAML errors.
 * @example
 * ```ts ignore
 * import { compose } from "./compose.ts";
 * const { config } = compose({ configDir: "conf", configName: "config", overrides: ["db=mysql"] });
 * ```
 */
export function compose(options: ComposeOptions): Composition {
  const source = new DirSource(options.configDir);
  const overrides = (options.overrides ?? []).map((text, i) => parseOverride(text, i));
  const groupOverrides = new Map<string, Override>();
  const valueOverrides: Override[] = [];
  for (const o of overrides) {
    if (source.isGroup(o.key) && o.type !== "delete") groupOverrides.set(o.key, o);
    else valueOverrides.push(o);
  }

  let primary: DictNode = dict();
  if (options.configName !== null) {
    const text = source.read(options.configName);
    if (text === undefined) {
      throw new StrataError(
        ErrorCode.MissingConfig,
        `Cannot find primary config '${options.configName}'. Check that it's in your config search path.`,
        { origin: { file: source.pathOf(options.configName) } },
      );
    }
    const loaded = loadYaml(text, { file: source.pathOf(options.configName) });
    if (loaded.kind !== "dict") {
      throw new StrataError(ErrorCode.Composition, "the primary config must be a mapping", {
        origin: loaded.origin,
      });
    }
    primary = loaded;
  }
  const defaults = readDefaults(primary);
  if (!defaults.some((d) => d.self)) defaults.push({ self: true });

  const layers: Node[] = [];
  const choices: Record<string, string | null> = {};
  for (const entry of defaults) {
    if (entry.self) {
      layers.push(primary);
      continue;
    }
    const group = entry.group!;
    const chosen = groupOverrides.get(group);
    groupOverrides.delete(group);
    const option = chosen?.value?.kind === "element"
      ? String((chosen.value.node as { value: unknown }).value)
      : entry.option ?? null;
    choices[group] = option;
    if (option === null) continue;
    const name = `${group}/${option}`;
    const text = source.read(name);
    if (text === undefined) {
      const available = source.options(group);
      throw new StrataError(
        ErrorCode.MissingConfig,
        `Could not find '${name}'\nAvailable options in '${group}':\n` +
          available.map((o) => `\t${o}`).join("\n"),
        {
          origin: chosen ? { override: chosen.index!, text: chosen.text } : entry.origin,
          suggestions: suggest(option, available),
        },
      );
    }
    const loaded = loadYaml(text, { file: source.pathOf(name) });
    layers.push(placeAt(group.replaceAll("/", "."), loaded));
  }
  for (const o of groupOverrides.values()) {
    if (o.type !== "add") {
      throw new StrataError(
        ErrorCode.Composition,
        `Could not override '${o.key}'. No match in the defaults list.`,
        { origin: { override: o.index!, text: o.text } },
      );
    }
  }

  let config = merge(dict(), ...layers) as DictNode;
  config.flags = { struct: true };
  for (const o of valueOverrides) config = applyValueOverride(config, o);
  delete config.flags;
  return { config, choices };
}

function applyValueOverride(config: DictNode, o: Override): DictNode {
  const origin: Origin = { override: o.index!, text: o.text };
  if (o.value?.kind !== "element") {
    throw new StrataError(ErrorCode.Composition, `Sweep override '${o.text}' needs --multirun`, {
      origin,
    });
  }
  const value = { ...o.value.node, origin } as Node;
  const layer = placeAt(o.key, value);
  try {
    if (o.type === "add" || o.type === "force_add") {
      const flags = config.flags;
      config.flags = { struct: false };
      const out = merge(config, layer) as DictNode;
      out.flags = flags;
      return out;
    }
    return merge(config, layer) as DictNode;
  } catch (e) {
    if (e instanceof StrataError && e.code === ErrorCode.Key) {
      throw new StrataError(
        ErrorCode.Composition,
        `Could not override '${o.key}'.\nTo append to your config use +${o.text}\n${e.message}`,
        { fullKey: e.fullKey, origin, suggestions: e.suggestions },
      );
    }
    throw e;
  }
}

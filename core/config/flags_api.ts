/**
 * The struct and readonly flags of a {@link Config} beyond the view's
 * `struct` / `readonly` properties (which read the flag in force, inherited
 * included): the node's own flag, and OmegaConf's `open_dict` /
 * `read_write` context managers as functions taking a callback.
 *
 * @module
 */

import type { Config } from "./config.ts";
import { nodeOf } from "./view.ts";
import { badArgument, checkConfig } from "./args.ts";

/** The two flags of a config node. */
export type ConfigFlag = "struct" | "readonly";

/**
 * The flag as set on this node itself: `true`/`false`, or `null` when the
 * node inherits it from its parent (OmegaConf's `cfg._get_node_flag(flag)`;
 * `cfg.struct` is the flag in force, `OmegaConf.is_struct`).
 *
 * @throws {StrataError} `usage` when `config` is not a Config or `flag` not a flag's name.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { type Config, createConfig, ownFlag } from "../../mod.ts";
 * const cfg = createConfig({ model: { layers: 2 } });
 * cfg.struct = true;
 * const model = cfg.get<Config>("model");
 * assert.equal(model.struct, true); // inherited
 * assert.equal(ownFlag(model, "struct"), null);
 * assert.equal(ownFlag(cfg, "struct"), true);
 * ```
 */
export function ownFlag(config: Config, flag: ConfigFlag): boolean | null {
  checkConfig("ownFlag", config);
  if (flag !== "struct" && flag !== "readonly") {
    throw badArgument("ownFlag", "flag", "'struct' or 'readonly'", flag);
  }
  return nodeOf(config).node.flags?.[flag] ?? null;
}

/**
 * Runs `fn` with `flag` off on `config`, then puts back the node's own flag
 * as it was (`null` included, so the node inherits again), even when `fn`
 * throws; a Promise `fn` returns has the flag put back once it settles.
 */
function withFlagOff<R>(name: string, config: Config, flag: ConfigFlag, fn: (c: Config) => R): R {
  checkConfig(name, config);
  if (typeof fn !== "function") throw badArgument(name, "fn", "a function", fn);
  const before = ownFlag(config, flag);
  const restore = () => {
    config[flag] = before;
  };
  config[flag] = false;
  let result: R;
  try {
    result = fn(config);
  } catch (e) {
    restore();
    throw e;
  }
  if (result instanceof Promise) return result.finally(restore) as R;
  restore();
  return result;
}

/**
 * Runs `fn` with struct mode off on `config`, so it may add keys, and then
 * puts back the node's own struct flag (OmegaConf's `with open_dict(cfg):`).
 * Only the node's own flag is put back: a node that inherited struct mode
 * inherits it again, and follows its parent's later changes. An async `fn`
 * keeps the config open until its Promise settles. Returns what `fn` returns.
 *
 * @throws {StrataError} whatever `fn` throws (the flag is put back first);
 *   `usage` when `config` is not a Config or `fn` not a function.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { type Config, compose, openDict, ownFlag } from "../../mod.ts";
 * const { config } = compose({ configDir: "examples/llm-finetune/conf", configName: "config" });
 * const training = config.get<Config>("training");
 * openDict(training, (t) => t.set("grad_clip", 1.0)); // a new key in a struct config
 * assert.equal(config.get("training.grad_clip"), 1);
 * assert.equal(ownFlag(training, "struct"), null); // inherits again
 * assert.throws(() => training.set("typo", 1), /not in struct/);
 * ```
 */
export function openDict<R>(config: Config, fn: (config: Config) => R): R {
  return withFlagOff("openDict", config, "struct", fn);
}

/**
 * Runs `fn` with `config` writable, then puts back the node's own readonly
 * flag (OmegaConf's `with read_write(cfg):`), as {@link openDict} does for
 * struct mode. Returns what `fn` returns.
 *
 * @throws {StrataError} whatever `fn` throws (the flag is put back first);
 *   `usage` when `config` is not a Config or `fn` not a function.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createConfig, readWrite } from "../../mod.ts";
 * const cfg = createConfig({ lr: 0.1 });
 * cfg.readonly = true;
 * readWrite(cfg, (c) => c.set("lr", 0.2));
 * assert.equal(cfg.get("lr"), 0.2);
 * assert.throws(() => cfg.set("lr", 0.3), /read-only/);
 * ```
 */
export function readWrite<R>(config: Config, fn: (config: Config) => R): R {
  return withFlagOff("readWrite", config, "readonly", fn);
}

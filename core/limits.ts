/**
 * The limits strata puts on hostile or careless input, in one place (the
 * README's Security section lists them). Crossing one is a located
 * `limit` error, never an out-of-memory crash or a minutes-long run. The
 * alias limits can be set for a run (a legitimately big anchored file):
 * {@link ALIAS_LIMIT_ENV}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { LIMITS } from "./limits.ts";
 * assert.equal(LIMITS.fileBytes, 256 * 1024 * 1024);
 * ```
 *
 * @module
 */

import { ErrorCode, StrataError } from "./errors.ts";

/** The limits, by name. */
export const LIMITS = {
  /** A config file's size in bytes: 256 MiB. */
  fileBytes: 256 * 1024 * 1024,
  /** A string built by interpolation, in UTF-16 code units: 64 Mi (64 MiB of ASCII). */
  resolvedStringChars: 64 * 1024 * 1024,
  /**
   * Nodes one resolution may copy: `${a}` pointing at a container copies it,
   * and copies that hold copies grow exponentially: 10^6 (the config's own
   * nodes are not counted).
   */
  resolvedNodes: 1_000_000,
  /**
   * Nodes of one YAML file that aliases copy and that are themselves copies
   * made by aliases (an anchored node holding aliases, aliased again): what
   * grows exponentially in a "billion laughs". 10^6.
   */
  aliasNestedNodes: 1_000_000,
  /**
   * Nodes (values, mappings, lists) the aliases of one YAML file may copy in
   * all: 5·10^6, five times 100 aliases of a 10^4-item list. A copy costs
   * ~20 bytes a list item, ~100 a mapping entry: at most ~0.5 GB.
   */
  aliasNodes: 5_000_000,
  /**
   * Mappings and lists among {@link LIMITS}.aliasNodes: 10^6 (a copied
   * container costs a few hundred bytes: at most ~0.3 GB).
   */
  aliasContainers: 1_000_000,
  /**
   * Levels of nesting: YAML containers, brackets in an override, the keys
   * of a package (`# @package a.b.c`, `db@a.b`) or of an override's key
   * (`+a.b.c=1`): 500.
   */
  nesting: 500,
} as const;

/**
 * The environment variable that sets the alias limits for a run
 * ({@link setAliasNodeLimit}): a number of nodes, read once.
 */
export const ALIAS_LIMIT_ENV = "STRATA_MAX_ALIAS_NODES";

/** The alias limits in force (core/yaml/alias_copies.ts). */
export interface AliasLimits {
  /** Nodes the aliases of one YAML file may copy in all. */
  readonly nodes: number;
  /** Mappings and lists among them. */
  readonly containers: number;
  /** Nodes among them that are copies themselves ("billion laughs"). */
  readonly nested: number;
}

/** The limits `nodes` sets: a fifth of it for the others, in the defaults' proportions. */
function limitsOf(nodes: number): AliasLimits {
  const fifth = Math.ceil(nodes / 5);
  return { nodes, containers: fifth, nested: fifth };
}

let aliasLimitsNow: AliasLimits | undefined;

/**
 * The node count {@link ALIAS_LIMIT_ENV}'s text sets, or undefined for unset
 * or empty (the defaults).
 *
 * @throws {StrataError} `usage` for anything but a whole number from 1 to 2^53 - 1.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseAliasLimit } from "./limits.ts";
 * assert.equal(parseAliasLimit("20000000"), 20_000_000);
 * assert.equal(parseAliasLimit(""), undefined);
 * assert.throws(() => parseAliasLimit("20M"), /whole number/);
 * ```
 */
export function parseAliasLimit(value: string | undefined): number | undefined {
  if (value === undefined || value === "") return undefined;
  const n = /^[0-9]+$/.test(value) ? Number(value) : NaN;
  if (n >= 1 && Number.isSafeInteger(n)) return n;
  throw new StrataError(
    ErrorCode.Usage,
    `${ALIAS_LIMIT_ENV}='${value.slice(0, 40)}': expected a whole number of nodes, at least 1 ` +
      `(the default is ${LIMITS.aliasNodes})`,
  );
}

/** The variable's text; unset where Deno may not read it (never a permission prompt). */
function readAliasLimitEnv(): string | undefined {
  const allowed = Deno.permissions.querySync({ name: "env", variable: ALIAS_LIMIT_ENV });
  return allowed.state === "granted" ? Deno.env.get(ALIAS_LIMIT_ENV) : undefined;
}

/**
 * The alias limits in force: {@link LIMITS}' unless {@link ALIAS_LIMIT_ENV}
 * (read at the first call) or {@link setAliasNodeLimit} set others.
 *
 * @throws {StrataError} `usage` for a value of {@link ALIAS_LIMIT_ENV} that is no node count.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { aliasLimits, setAliasNodeLimit } from "./limits.ts";
 * setAliasNodeLimit(undefined);
 * assert.deepEqual(aliasLimits(), { nodes: 5_000_000, containers: 1_000_000, nested: 1_000_000 });
 * ```
 */
export function aliasLimits(): AliasLimits {
  return aliasLimitsNow ??= limitsOf(parseAliasLimit(readAliasLimitEnv()) ?? LIMITS.aliasNodes);
}

/**
 * Sets the alias limits from one number of nodes, in place of
 * {@link ALIAS_LIMIT_ENV}: the aliases of a YAML file may copy `nodes` nodes,
 * a fifth of that in mappings and lists and a fifth in copies of copies (the
 * defaults' proportions: what a copy costs in memory). `undefined` sets the
 * defaults.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { aliasLimits, setAliasNodeLimit } from "./limits.ts";
 * setAliasNodeLimit(20_000_000);
 * assert.deepEqual(aliasLimits(), { nodes: 20_000_000, containers: 4_000_000, nested: 4_000_000 });
 * setAliasNodeLimit(undefined);
 * assert.equal(aliasLimits().nodes, 5_000_000);
 * ```
 */
export function setAliasNodeLimit(nodes: number | undefined): void {
  aliasLimitsNow = limitsOf(nodes ?? LIMITS.aliasNodes);
}

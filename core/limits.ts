/**
 * The limits strata puts on hostile or careless input, in one place (the
 * README's Security section lists them). Crossing one is a located
 * `limit` error, never an out-of-memory crash or a minutes-long run.
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

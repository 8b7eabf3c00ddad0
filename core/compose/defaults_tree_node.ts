/**
 * The shapes of the defaults tree: its nodes, the configs it flattens to and
 * the warnings met while building it.
 *
 * @module
 */

import type { Origin } from "../node.ts";
import { ConfigDefault, GroupDefault, type InputDefault } from "./element.ts";

/** A node of the defaults tree: an element and, when it has a defaults list, its children. */
export interface TreeNode {
  /**
   * The defaults-list element; null for the virtual root above `hydra/config`
   * and the primary config.
   *
   * @ignore
   */
  node: InputDefault | null;
  /**
   * The elements of its defaults list, in order.
   *
   * @ignore
   */
  children?: (TreeNode | InputDefault)[];
  /** The node whose defaults list holds this one. */
  parent?: TreeNode;
}

/** One config to merge, in order. */
export interface ResultDefault {
  /** The config's path in the search path, without `.yaml` (`model/gpt2`). */
  configPath: string;
  /** The config path of the config whose defaults list included it (`<root>` for hydra/config and the primary config, as in Hydra). */
  parent?: string;
  /** Where its content goes ("" is the root). */
  package: string;
  /** Whether this entry is a `_self_` (the including config's own content). */
  isSelf: boolean;
  /** Whether this is the primary config. */
  primary: boolean;
  /** The group override key that chose this config (`model`, `db@backup`). */
  overrideKey?: string;
  /**
   * A `_self_` of a group option with its own defaults list: the group
   * override key that chose that option (not Hydra's: its `override_key` is
   * the option's entry's only, which a `_self_` is not).
   */
  ownerKey?: string;
  /** Where the entry was written. */
  origin?: Origin;
  /** The override that chose this option instead of the entry's (a config's `override /db: pg`, or the command line). */
  overriddenBy?: Origin;
  /**
   * An interpolated entry's (`algo: ${scenario}`): the override that chose a choice it reads,
   * which chose this option through it.
   */
  chosenThrough?: Origin;
}

/**
 * The primary config name Hydra uses when there is none.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { EMPTY_PRIMARY } from "./defaults_tree_node.ts";
 * assert.equal(EMPTY_PRIMARY, "_dummy_empty_config_");
 * ```
 */
export const EMPTY_PRIMARY = "_dummy_empty_config_";

/**
 * Whether a child is a subtree (an element with its own defaults list) rather
 * than a bare element.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ConfigDefault } from "./element.ts";
 * import { isTree } from "./defaults_tree_node.ts";
 * assert.equal(isTree({ node: null }), true);
 * assert.equal(isTree(new ConfigDefault("db/mysql")), false);
 * ```
 */
export function isTree(x: TreeNode | InputDefault): x is TreeNode {
  return !(x instanceof ConfigDefault) && !(x instanceof GroupDefault);
}

/**
 * A warning Hydra would print while composing, with the place it is about
 * when there is one (what `strata validate` reports it at).
 *
 * @example
 * ```ts
 * import type { LocatedWarning } from "./defaults_tree_node.ts";
 * const w: LocatedWarning = { message: "careful", origin: { file: "conf/config.yaml", line: 2, col: 5 } };
 * ```
 */
export interface LocatedWarning {
  /** Hydra's text. */
  message: string;
  /** Where it points. */
  origin?: Origin;
  /**
   * For a `# @package` header with `_group_` that strata reads as Hydra's
   * version_base 1.3 does (a literal key): the group whose option it placed
   * (`algorithm`, dotted) and the literal package (`_group_`), so that an
   * error about a key under that group can point at the header.
   */
  literalPackage?: { group: string; package: string };
  /**
   * Hydra's missing-`_self_` warning of the primary config: compose adds under it what the
   * order changes (./self_order.ts).
   */
  primarySelf?: boolean;
}

/**
 * What a primary config's missing `_self_` changes. Hydra 1.1 merges a
 * config's own values after its defaults list when the list has no `_self_`
 * (Hydra 1.0 merged them first) and warns with a link only; on a tree
 * written for Hydra 1.0 (vissl's `defaults.yaml`) the primary's own values
 * then silently replace the experiment's. {@link selfOrderNote} says which.
 *
 * @module
 */

import { keyText, type Node } from "../node.ts";
import type { LocatedWarning, ResultDefault } from "./defaults_tree_node.ts";
import { pyStrOfLeaf } from "../pyformat.ts";

/** How many overridden keys the note names (the count covers the rest). */
const NAMED = 3;

/** The leaves of a config placed at `pkg`, by full key (a list is one leaf: lists replace). */
function leavesOf(pkg: string, node: Node, out: Map<string, Node>): Map<string, Node> {
  const walk = (prefix: string, n: Node) => {
    if (n.kind !== "dict") {
      out.set(prefix, n);
      return;
    }
    for (const e of n.entries.values()) {
      const k = keyText(e.key);
      walk(prefix === "" ? k : `${prefix}.${k}`, e.node);
    }
  };
  walk(pkg, node);
  return out;
}

function isMissing(n: Node): boolean {
  return n.kind === "value" && n.type === "missing";
}

/** Whether two leaves hold the same value as written (a list by its items). */
function same(a: Node, b: Node): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === "value" && b.kind === "value") return a.type === b.type && a.value === b.value;
  if (a.kind === "list" && b.kind === "list") {
    return a.items.length === b.items.length && a.items.every((x, i) => same(x, b.items[i]));
  }
  if (a.kind === "dict" && b.kind === "dict") {
    if (a.entries.size !== b.entries.size) return false;
    for (const [k, e] of a.entries) {
      const o = b.entries.get(k);
      if (o === undefined || !same(e.node, o.node)) return false;
    }
    return true;
  }
  return false;
}

/**
 * The line strata adds under Hydra's "Defaults list is missing `_self_`"
 * warning of the primary config: how many values its own content sets over
 * values its defaults list sets (the first few by full key, each with the
 * config it replaces), and where `_self_` goes for either order. `load`
 * gives an entry's config as read. The `hydra` node is left out: a primary
 * sets `hydra.*` over Hydra's defaults in either order.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict, int } from "../node.ts";
 * import { selfOrderNote } from "./self_order.ts";
 * const configs: Record<string, ReturnType<typeof dict>> = {
 *   "model/big": dict([["size", int(10)]]),
 *   config: dict([["model", dict([["size", int(3)]])]]),
 * };
 * const entry = (configPath: string, pkg: string, isSelf: boolean) =>
 *   ({ configPath, package: pkg, isSelf, primary: isSelf });
 * const note = selfOrderNote(
 *   [entry("model/big", "model", false), entry("config", "", true)],
 *   (path) => configs[path],
 * );
 * assert.match(note!, /over 1 value its defaults list sets: model\.size \(3, was 10 from model\/big\)/);
 * ```
 */
export function selfOrderNote(
  defaults: readonly Pick<ResultDefault, "configPath" | "package" | "isSelf" | "primary">[],
  load: (configPath: string) => Node | undefined,
): string | undefined {
  const at = defaults.findIndex((d) => d.isSelf && d.primary);
  if (at < 0) return undefined;
  const self = defaults[at];
  const own = load(self.configPath);
  if (own === undefined) return undefined;
  const mine = leavesOf(self.package, own, new Map());
  // what each of those keys holds just before the primary's own values are merged
  const before = new Map<string, { node: Node; from: string }>();
  for (const d of defaults.slice(0, at)) {
    if (d.package === "hydra" || d.package.startsWith("hydra.")) continue;
    const config = load(d.configPath);
    if (config === undefined) continue;
    for (const [key, node] of leavesOf(d.package, config, new Map())) {
      if (mine.has(key)) before.set(key, { node, from: d.configPath });
    }
  }
  const replaced: string[] = [];
  for (const [key, node] of mine) {
    const was = before.get(key);
    // a `???` merged over a value leaves the value (OmegaConf.merge)
    if (was === undefined || same(node, was.node) || isMissing(node)) continue;
    replaced.push(`${key} (${shown(node)}, was ${shown(was.node)} from ${was.from})`);
  }
  if (replaced.length === 0) {
    return `${NOTE_START}replace none its defaults list sets: \`- _self_\` last in the list ` +
      "composes the same config without the warning";
  }
  const n = replaced.length;
  const named = replaced.slice(0, NAMED).join(", ") + (n > NAMED ? `, and ${n - NAMED} more` : "");
  return `${NOTE_START}are merged last, over ${n} value${n === 1 ? "" : "s"} its defaults list ` +
    `sets: ${named}\n    \`- _self_\` first in the list lets the list's configs win (Hydra 1.0's ` +
    "order), last keeps this config";
}

/**
 * Hydra's missing-`_self_` warning of the primary with {@link selfOrderNote} under it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict, int } from "../node.ts";
 * import { withSelfOrderNote } from "./self_order.ts";
 * const w = withSelfOrderNote(
 *   { message: "In 'config': Defaults list is missing `_self_`." },
 *   [{ configPath: "config", package: "", isSelf: true, primary: true }],
 *   () => dict([["a", int(1)]]),
 * );
 * assert.match(w.message, /\n    its own values replace none/);
 * ```
 */
export function withSelfOrderNote(
  w: LocatedWarning,
  defaults: readonly Pick<ResultDefault, "configPath" | "package" | "isSelf" | "primary">[],
  load: (configPath: string) => Node | undefined,
): LocatedWarning {
  const note = selfOrderNote(defaults, load);
  return note === undefined ? w : { ...w, message: `${w.message}\n${note}` };
}

/**
 * How the note's first line starts, so that validate reads one warning of several
 * compositions as one (core/validate/problems.ts).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { NOTE_START } from "./self_order.ts";
 * assert.equal(NOTE_START, "    its own values ");
 * ```
 */
export const NOTE_START = "    its own values ";

/** A value as the note shows it: short, a container by its kind. */
function shown(n: Node): string {
  if (n.kind === "dict") return "a dict";
  if (n.kind === "list") return n.items.length === 0 ? "[]" : "a list";
  if (n.type === "missing") return "???";
  if (n.type === "null") return "null";
  // as Python prints it: a float 256.0 is not the int 256 ("256, was 256" read as no change)
  const s = pyStrOfLeaf(n);
  return s.length > 24 ? `${s.slice(0, 23)}…` : s;
}

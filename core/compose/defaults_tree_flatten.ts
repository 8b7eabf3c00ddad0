/**
 * The defaults tree flattened into the ordered list of configs to merge.
 *
 * @module
 */

import { ErrorCode, StrataError } from "../errors.ts";
import type { Origin } from "../node.ts";
import { GroupDefault, type InputDefault } from "./element.ts";
import { EMPTY_PRIMARY, isTree, type ResultDefault, type TreeNode } from "./defaults_tree_node.ts";

// Hydra's virtual root (the node above hydra/config and the primary config)
// names itself "<root>", and `--info defaults` prints that as their parent.
const pathOf = (t: TreeNode | undefined) => t && (t.node ? t.node.configPath() : "<root>");

function resultOf(tree: TreeNode | undefined, node: InputDefault): ResultDefault | undefined {
  if (node.name() === null) return undefined;
  let res: ResultDefault;
  if (node.isSelf()) {
    const owner = tree!.node!;
    res = {
      configPath: owner.configPath(),
      isSelf: true,
      parent: pathOf(tree!.parent),
      package: owner.finalPackage(),
      primary: owner.primary,
      origin: owner.origin,
    };
    // what chose the option is what chose its own content (explain's "chosen by")
    if (owner instanceof GroupDefault) res.ownerKey = owner.overrideKey();
    const by = (owner as { overriddenBy?: Origin }).overriddenBy;
    if (by) res.overriddenBy = by;
    const through = (owner as { chosenThrough?: Origin }).chosenThrough;
    if (through) res.chosenThrough = through;
  } else {
    res = {
      configPath: node.configPath(),
      isSelf: false,
      parent: pathOf(tree),
      package: node.finalPackage(),
      primary: node.primary,
      origin: node.origin,
    };
    if (node instanceof GroupDefault) res.overrideKey = node.overrideKey();
    const by = (node as { overriddenBy?: Origin }).overriddenBy;
    if (by) res.overriddenBy = by;
    const through = (node as { chosenThrough?: Origin }).chosenThrough;
    if (through) res.chosenThrough = through;
  }
  return res.configPath === EMPTY_PRIMARY ? undefined : res;
}

/**
 * Flattens the tree into the configs to merge, in order, and checks that no
 * group appears twice.
 *
 * @example
 * ```ts ignore
 * treeToList(buildTree(ctx, "config")).map((r) => r.configPath);
 * ```
 */
export function treeToList(tree: TreeNode): ResultDefault[] {
  const out: ResultDefault[] = [];
  const visit = (parent: TreeNode | undefined, node: InputDefault | null) => {
    if (node === null || node.deleted || node.isMissing()) return;
    const r = resultOf(parent, node);
    if (r) out.push(r);
  };
  const walk = (t: TreeNode) => {
    if (!t.children || t.children.length === 0) visit(t.parent, t.node);
    else for (const c of t.children) isTree(c) ? walk(c) : visit(t, c);
  };
  walk(tree);
  const keys = new Map<string, ResultDefault>();
  for (const r of out) {
    if (r.isSelf || r.overrideKey === undefined) continue;
    const first = keys.get(r.overrideKey);
    if (first !== undefined) {
      throw new StrataError(
        ErrorCode.Composition,
        `${r.overrideKey} appears more than once in the final defaults list`,
        { origin: r.origin, related: appendedTwice(first, r) },
      );
    }
    keys.set(r.overrideKey, r);
  }
  return out;
}

/**
 * Under Hydra's "appears more than once" for a `+group=option` of the command line whose group a
 * defaults list already chooses (`+task=umi` with `- task: umi`): that entry, and the override
 * that changes its choice instead. Nothing for two entries of files.
 */
function appendedTwice(first: ResultDefault, again: ResultDefault) {
  const [entry, appended] = first.origin?.override === undefined ? [first, again] : [again, first];
  if (appended.origin?.override === undefined || entry.origin?.file === undefined) return [];
  const group = appended.overrideKey!.split("@")[0];
  const option = (r: ResultDefault) =>
    r.configPath.startsWith(`${group}/`)
      ? r.configPath.slice(group.length + 1)
      : r.configPath.slice(r.configPath.lastIndexOf("/") + 1);
  // the option as the `+` override gives it: a `group=x` override changes the choice of the
  // entry it adds too
  const added = (r: ResultDefault) => {
    const text = r.origin?.text;
    return text?.includes("=") ? text.slice(text.indexOf("=") + 1) : option(r);
  };
  return [
    {
      message: `the defaults list already has '${entry.overrideKey}: ${option(entry)}'`,
      origin: entry.origin,
    },
    {
      // the key with its package: the defaults entry's override key (`task@_global_=x`)
      message: `to change its choice, drop the '+': ${entry.overrideKey}=${added(appended)}`,
      origin: {},
    },
  ];
}

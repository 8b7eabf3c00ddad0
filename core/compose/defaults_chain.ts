/**
 * The chain of defaults entries that led to an entry (`included by 'config'`), said under an
 * error of the defaults tree.
 *
 * @module
 */

import { formatOrigin, type Related } from "../errors.ts";
import type { Origin } from "../node.ts";
import { isEmbeddedFile } from "./source.ts";
import { EMPTY_PRIMARY, type TreeNode } from "./defaults_tree_node.ts";

/**
 * Whether two places are one line of a file (an entry's key and its value are one entry: a
 * misspelt group points at the key, its chain line at the value). Not an override's: the line
 * of one appended by the command line says where it went, which its head does not.
 */
function sameLine(a: Origin, b: Origin | undefined): boolean {
  return b !== undefined && a.line !== undefined && a.file === b.file && a.line === b.line;
}

/**
 * The chain of defaults entries that led to `tree`, innermost first. Given the error's own place
 * (`head`), a line that says it again is left out (the entry that failed is where the error
 * points), and so is the primary's bare line (`conf/config.yaml: 'config'`) when another line, or
 * the head, is in its file already.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { chainOf } from "./defaults_chain.ts";
 * assert.deepEqual(chainOf({ node: null }), []);
 * ```
 */
export function chainOf(tree: TreeNode | undefined, head?: Origin): Related[] {
  // an override that chose a config is said as such, but not again when the error is at it
  // (`db=mysq`: Could not find, at the override): then the entry it replaced is the news
  // (and so when it is an experiment's `override /proxy: torus` line, checker w33: the chain
  // ended at a bare `config/main.yaml: 'main'`)
  const out = chainFrom(tree).map((r) =>
    r.entry !== undefined && head !== undefined &&
      (head.override !== undefined
        ? r.origin.override === head.override && r.origin.list === head.list
        : sameLine(r.origin, head))
      ? r.entry
      : { message: r.message, origin: r.origin }
  );
  if (head === undefined) return out;
  const trimmed = out.filter((r) => !sameLine(r.origin, head));
  const root = trimmed.at(-1);
  const bare = root !== undefined && root.origin.line === undefined && root.origin.file;
  if (bare && (trimmed.length > 1 || head.file === root.origin.file)) trimmed.pop();
  return trimmed;
}

function chainFrom(tree: TreeNode | undefined): (Related & { entry?: Related })[] {
  const out: (Related & { entry?: Related })[] = [];
  for (let t = tree; t; t = t.parent) {
    const p = t.parent?.node;
    // with no primary config, what the command line adds is included by Hydra's internal empty
    // one (`_dummy_empty_config_`), which a user never wrote nor heard of: no line; nor for an
    // entry of Hydra's own schema (`structured:///hydra/config.yaml`), no file of the user's
    const embedded = isEmbeddedFile(t.node?.origin?.file);
    if (t.node?.origin && p?.configPath() !== EMPTY_PRIMARY && !embedded) {
      // a `+group=option` of the command line is appended to the primary's list (Hydra's "In
      // 'config'"), which no line of the file holds
      const appended = t.node.origin.override !== undefined;
      // an entry whose choice an override replaced (`model=transformer` over `- model: rnn`):
      // the override chose the config, not the entry's line (checker w32)
      const by = (t.node as { overriddenBy?: Origin }).overriddenBy;
      if (p && !appended && by !== undefined && (by.override !== undefined || by.line)) {
        out.push({
          message: `chooses it over the entry of '${p.configPath()}' (${
            formatOrigin(t.node.origin)
          })`,
          origin: by,
          entry: { message: `included by '${p.configPath()}'`, origin: t.node.origin },
        });
        continue;
      }
      out.push({
        message: !p
          ? `'${t.node.configPath()}'`
          : appended
          ? `appended to the defaults list of '${p.configPath()}' by the command line`
          : `included by '${p.configPath()}'`,
        origin: t.node.origin,
      });
    }
  }
  return out;
}

/**
 * A merge whose last input is a big given dict (a 50 MB primary config
 * after Hydra's few small layers) need not send that dict's top level
 * through the engine: its keys that no earlier input has are new keys of
 * the result, in its order, after every earlier key, taken as they are. So
 * only the keys it shares with earlier inputs are merged; the others are
 * appended. Composing a file of 10^6 top-level keys then merges a handful.
 *
 * The split is refused where the full merge could see the difference: a
 * root with flags (struct mode would reject the new keys), or a container
 * or `???` of the last input merged onto an interpolation of an earlier one
 * (OmegaConf then copies the target, which may be one of the appended keys).
 *
 * @module
 */

import { type DictNode, type Entry, isInterpolationString, type Node } from "./node.ts";

/** The merge to run instead, and the entries to append to its result. */
export interface SplitMerge {
  /** The inputs, the last one cut down to the keys it shares. */
  configs: Node[];
  /** `given` for `configs`. */
  given: boolean[];
  /** The last input's entries no earlier input has, in its order. */
  appended: [string, Entry][];
}

const hasFlags = (n: Node) =>
  n.flags !== undefined && (n.flags.struct !== undefined || n.flags.readonly !== undefined);

/** Whether merging `src` onto `dests` (at one path) may follow an interpolation. */
function followsInterpolation(dests: readonly Node[], src: Node): boolean {
  if (src.kind === "value" && src.type !== "missing") return false;
  const below: Node[] = [];
  for (const d of dests) {
    if (d.kind === "value" && d.type === "str" && isInterpolationString(d.value as string)) {
      return true;
    }
    if (d.kind === "dict") below.push(d);
  }
  if (src.kind !== "dict" || below.length === 0) return false;
  for (const [canon, e] of src.entries) {
    const next: Node[] = [];
    for (const d of below as DictNode[]) {
      const at = d.entries.get(canon);
      if (at !== undefined) next.push(at.node);
    }
    if (next.length > 0 && followsInterpolation(next, e.node)) return true;
  }
  return false;
}

/**
 * The split merge of `configs`, or undefined when it does not apply: the
 * last input with entries must be a given dict, every input a dict, no
 * root flagged.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { splitMerge } from "./merge_split.ts";
 * import { dict, int } from "./node.ts";
 * const split = splitMerge([dict([["a", int(1)]]), dict([["a", int(2)], ["b", int(3)]])], [false, true])!;
 * assert.deepEqual(split.appended.map(([canon]) => canon), ["b"]);
 * assert.equal((split.configs[1] as { entries: Map<string, unknown> }).entries.size, 1);
 * ```
 */
export function splitMerge(
  configs: readonly Node[],
  given: readonly boolean[] = [],
): SplitMerge | undefined {
  let last = -1;
  for (let i = 0; i < configs.length; i++) {
    const n = configs[i];
    if (n.kind !== "dict" || hasFlags(n)) return undefined;
    if (n.entries.size > 0) last = i;
  }
  if (last === -1 || given[last] !== true) return undefined;
  const big = configs[last] as DictNode;
  const earlier = new Map<string, Node[]>();
  for (let i = 0; i < last; i++) {
    for (const [canon, e] of (configs[i] as DictNode).entries) {
      const at = earlier.get(canon);
      if (at === undefined) earlier.set(canon, [e.node]);
      else at.push(e.node);
    }
  }
  const shared = new Map<string, Entry>();
  const appended: [string, Entry][] = [];
  for (const [canon, e] of big.entries) {
    const dests = earlier.get(canon);
    if (dests === undefined) appended.push([canon, e]);
    else {
      if (followsInterpolation(dests, e.node)) return undefined;
      shared.set(canon, e);
    }
  }
  const cut: DictNode = { kind: "dict", entries: shared };
  if (big.origin) cut.origin = big.origin;
  const out = configs.slice(0, last + 1);
  out[last] = cut;
  const outGiven = out.map((_, i) => given[i] === true);
  return { configs: out, given: outGiven, appended };
}

/**
 * What the library's `resolve(cfg)` gives: the config resolved as
 * `OmegaConf.resolve` leaves it, as a copy. OmegaConf.resolve walks the
 * config in key order and sets each interpolation to its value in place, so
 * a value that reaches a `???` becomes `???` (core/resolve/in_order.ts), and
 * setting a value of a read-only config is ReadonlyConfigError.
 *
 * @module
 */

import { ErrorCode, isStrataError, StrataError } from "../errors.ts";
import { type DictNode, isInterpolation, type Key, type Node } from "../node.ts";
import { InOrder } from "../resolve/in_order.ts";
import { holdsInterpolationText } from "../resolve/validate.ts";
import { isPlainValue } from "../resolve/loc.ts";
import { dereferenceAt, resolveAt, type ResolveOptions } from "../resolve/resolve.ts";
import { walk } from "../ops/read.ts";
import { chainKey, childFrame, type Frame } from "../ops/walk.ts";

const toMissing = (e: unknown) => isStrataError(e) && e.code === ErrorCode.InterpolationToMissing;

/**
 * The node at `path` of `root` resolved as `OmegaConf.resolve` leaves it:
 * a value whose interpolation reaches a `???` is `???`; the first
 * interpolation of a read-only node (in key order) is a `readonly` error,
 * as OmegaConf cannot set it. `root` is not changed.
 *
 * @throws {StrataError} `readonly`, and resolution errors other than `interpolation-to-missing`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { resolvedCopy } from "./resolve_copy.ts";
 * import { loadYaml } from "../yaml/load.ts";
 * import { toYaml } from "../yaml/emit.ts";
 * const out = resolvedCopy(loadYaml("m: ???\ni: ${m}\ns: a${m}\n"), [], {});
 * assert.equal(toYaml(out), "m: ???\ni: ???\ns: ???\n");
 * ```
 */
export function resolvedCopy(root: Node, path: readonly Key[], opts: ResolveOptions): Node {
  const chain = walk(root, path);
  if (chain.at(-1)!.readonly || hasOwnReadonly(chain.at(-1)!.node)) {
    firstReadonlySet(root, chain, opts);
  }
  try {
    const out = resolveAt(root, path, opts);
    // `${` text left (an escaped `\${x}`, `x_${d}` printing d's interpolations) may read
    // otherwise in OmegaConf.resolve's walk in key order, which sets each value in place
    if (!holdsInterpolationText(out)) return out;
  } catch (e) {
    if (!toMissing(e)) throw e;
  }
  return new InOrder(root as DictNode, opts).resolve(path);
}

/** Whether `node` or a container under it sets `readonly: true` itself. */
function hasOwnReadonly(node: Node): boolean {
  if (node.flags?.readonly) return true;
  if (node.kind === "dict") return [...node.entries.values()].some((e) => hasOwnReadonly(e.node));
  if (node.kind === "list") return node.items.some(hasOwnReadonly);
  return false;
}

/**
 * Replays OmegaConf.resolve's walk up to the first interpolation it would
 * set on a read-only node: the interpolations before it are dereferenced
 * (their errors come first, a `???` they reach is no error), and that one
 * too, then its setting fails as OmegaConf's does: a value's
 * `Cannot set value of read-only config node`, a container's
 * `Cannot change read-only config container`.
 */
function firstReadonlySet(root: Node, start: Frame[], opts: ResolveOptions): void {
  const visit = (chain: Frame[]): void => {
    const frame = chain.at(-1)!;
    const node = frame.node;
    if (node.kind === "dict") {
      for (const e of node.entries.values()) visit([...chain, childFrame(frame, e.key, e.node)]);
      return;
    }
    if (node.kind === "list") {
      node.items.forEach((item, i) => visit([...chain, childFrame(frame, i, item)]));
      return;
    }
    if (!isInterpolation(node)) return;
    const keys = chain.slice(1).map((f) => f.key as Key);
    let target: Node | undefined;
    try {
      target = dereferenceAt(root, keys, { ...opts, shallow: true }).node;
    } catch (e) {
      if (!toMissing(e)) throw e;
    }
    if (!frame.readonly) return;
    const container = target !== undefined && target.kind !== "value" && !isPlainValue(target);
    throw new StrataError(
      ErrorCode.Readonly,
      container
        ? "Cannot change read-only config container"
        : "Cannot set value of read-only config node",
      { fullKey: chainKey(chain), origin: node.origin },
    );
  };
  visit(start);
}

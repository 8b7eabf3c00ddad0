/**
 * What the aliases of one YAML document copy, against the limits of
 * core/limits.ts. Each `*alias` is a full copy of its anchor's node (config
 * nodes are not shared), so aliases inside anchored nodes, aliased again,
 * multiply: a "billion laughs" expands exponentially. Copies of copies are
 * counted apart and refused early (10^6, as soon as before); a node reused
 * as written may be copied more (100 aliases of a 10^4-item list are 10^6
 * nodes), as far as memory allows.
 *
 * @module
 */

import { ALIAS_LIMIT_ENV, aliasLimits } from "../limits.ts";
import type { Node, Origin } from "../node.ts";

/**
 * What copying a node costs: its nodes, the mappings and lists among them,
 * and the nodes among them that aliases inside it copied (copies of copies).
 */
interface Size {
  nodes: number;
  containers: number;
  nested: number;
}

/** What each count counts and why it is bounded (for the message); limits in core/limits.ts. */
const ALIAS_LIMITS: Record<keyof Size, { what: string; why: string }> = {
  nested: {
    what: "nodes that are copies themselves",
    why: 'aliases inside an anchored node are copied with it, so they multiply ("billion laughs")',
  },
  nodes: {
    what: "nodes",
    why: "each alias is a full copy of its anchor's node",
  },
  containers: {
    what: "mappings and lists",
    why: "each alias is a full copy of its anchor's node",
  },
};

const COUNTS = Object.keys(ALIAS_LIMITS) as (keyof Size)[];

function sizeOf(n: Node, into: Size): Size {
  into.nodes++;
  if (n.kind === "value") return into;
  into.containers++;
  const children = n.kind === "list" ? n.items : [...n.entries.values()].map((e) => e.node);
  for (const c of children) sizeOf(c, into);
  return into;
}

/**
 * The copies aliases made in one document; an instance per document.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { list, str } from "../node.ts";
 * import { AliasCopies } from "./alias_copies.ts";
 * const copies = new AliasCopies();
 * const anchor = {};
 * const at = copies.mark();
 * copies.built(anchor, at);
 * assert.equal(copies.copy(anchor, list([str("x")]), "a", { file: "c.yaml" }), undefined);
 * ```
 */
export class AliasCopies {
  private copied: Size = { nodes: 0, containers: 0, nested: 0 };
  /** Each anchored node's size, counted at its first alias. */
  private sizes = new Map<object, Size>();
  /** The nodes aliases copied while each anchored node was built (inside it). */
  private inside = new Map<object, number>();

  /** Where the count stands: taken before an anchored node is built, for {@link built}. */
  mark(): number {
    return this.copied.nodes;
  }

  /** Records what aliases inside `anchored` copied since `mark` ({@link mark}). */
  built(anchored: object, mark: number): void {
    if (this.copied.nodes > mark) this.inside.set(anchored, this.copied.nodes - mark);
  }

  /**
   * Counts a copy of `anchored` (built as `done`) by the alias `*name`:
   * undefined, or the message of the limit it would cross (then nothing is
   * counted).
   */
  copy(anchored: object, done: Node, name: string, anchorAt: Origin): string | undefined {
    let size = this.sizes.get(anchored);
    if (size === undefined) {
      size = sizeOf(done, { nodes: 0, containers: 0, nested: 0 });
      size.nested = Math.min(size.nodes, this.inside.get(anchored) ?? 0);
      this.sizes.set(anchored, size);
    }
    const s = size;
    const limits = aliasLimits();
    const over = COUNTS.find((c) => this.copied[c] + s[c] > limits[c]);
    if (over === undefined) {
      for (const c of COUNTS) this.copied[c] += s[c];
      return undefined;
    }
    const { what, why } = ALIAS_LIMITS[over];
    return `aliases copy more than ${limits[over]} ${what} in this file (the limit): '*${name}' ` +
      `(anchor at ${anchorAt.line}:${anchorAt.col}) copies ${s[over]} more after ` +
      `${this.copied[over]}: ${why}; set ${ALIAS_LIMIT_ENV} to raise it (now ${limits.nodes}` +
      `${over === "nodes" ? "" : ", this limit a fifth of it"})`;
  }
}

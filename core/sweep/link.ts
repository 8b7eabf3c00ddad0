/**
 * Linked (zipped) sweeps, beyond Hydra (hydra#1258): keys named together
 * advance together, job `i` of the link taking value `i` of every member,
 * while the link as a whole is one dimension of the Cartesian product.
 *
 * The link is given outside the override grammar (`--link a,b` on the command
 * line, `link: [["a", "b"]]` in the library), so every override string stays
 * valid Hydra and a conf/ tree stays runnable by Hydra itself.
 *
 * @module
 */

import { ErrorCode, StrataError } from "../errors.ts";
import { suggest } from "../suggest.ts";
import type { SweepEntry } from "./plan.ts";

/** A key without its `+`, `++` or `~` prefix: how links name overrides. */
function bare(key: string): string {
  return key.replace(/^(\+\+|\+|~)/, "");
}

/**
 * Splits a `--link` value (`model,optimizer`) into key names.
 *
 * @throws {StrataError} `usage` when fewer than two keys are named.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseLinkSpec } from "../../engine.ts";
 * assert.deepEqual(parseLinkSpec("model, optimizer"), ["model", "optimizer"]);
 * ```
 */
export function parseLinkSpec(spec: string): string[] {
  const keys = spec.split(",").map((k) => k.trim()).filter((k) => k !== "");
  if (new Set(keys.map(bare)).size < 2) {
    throw new StrataError(
      ErrorCode.Usage,
      `--link needs at least two different keys separated by commas, got '${spec}'`,
    );
  }
  return keys;
}

/**
 * The axes of a sweep with links: each link is one axis, every other entry
 * its own; axes are ordered by their first entry, so with no links this is
 * Hydra's order. Linked entries keep their own positions in the job's
 * override list.
 *
 * @throws {StrataError} `usage` (a misuse of `--link`, exit 2 like every
 *   other) when a linked key is not in the sweep, is ambiguous or in two
 *   links, a link names fewer than two keys, or linked sweeps differ in length.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { linkAxes } from "./link.ts";
 * const e = (k: string, n: number) => ({ keyElement: k, keyOrGroup: k, values: Array(n).fill("v") });
 * assert.deepEqual(linkAxes([e("a", 2), e("s", 3), e("b", 2)], [["a", "b"]]), [[0, 2], [1]]);
 * ```
 */
export function linkAxes(entries: SweepEntry[], link: string[][]): number[][] {
  const owner = new Map<number, number>();
  const groups: number[][] = [];
  const known = entries.map((e) => bare(e.keyElement));
  for (const names of link) {
    const members: number[] = [];
    for (const name of names) {
      const matches = known.flatMap((k, i) => (k === bare(name) ? [i] : []));
      if (matches.length === 0) {
        throw new StrataError(
          ErrorCode.Usage,
          `Linked key '${name}' is not one of the sweep's overrides: ${known.join(", ") || "none"}`,
          // (no full key: the name is no config key, checker w43)
          { suggestions: suggest(bare(name), known) },
        );
      }
      if (matches.length > 1) {
        throw new StrataError(
          ErrorCode.Usage,
          `Linked key '${name}' is ambiguous: ${
            matches.map((i) => entries[i].keyElement).join(" and ")
          }`,
          { fullKey: bare(name) },
        );
      }
      const i = matches[0];
      if (members.includes(i)) continue;
      if (owner.has(i)) {
        throw new StrataError(
          ErrorCode.Usage,
          `Key '${name}' is in two links; merge them into one --link`,
          { fullKey: bare(name), origin: entries[i].origin },
        );
      }
      members.push(i);
    }
    if (members.length < 2) {
      throw new StrataError(
        ErrorCode.Usage,
        `A link needs at least two keys, got '${names.join(",")}'`,
      );
    }
    const first = entries[members[0]];
    for (const i of members.slice(1)) {
      const e = entries[i];
      if (e.values.length !== first.values.length) {
        throw new StrataError(
          ErrorCode.Usage,
          `Linked sweeps must have the same length: '${first.keyElement}' has ${first.values.length} ` +
            `value(s), '${e.keyElement}' has ${e.values.length}`,
          { fullKey: bare(e.keyElement), origin: e.origin },
        );
      }
    }
    members.sort((a, b) => a - b);
    for (const i of members) owner.set(i, groups.length);
    groups.push(members);
  }
  const axes: number[][] = [];
  const placed = new Set<number>();
  for (let i = 0; i < entries.length; i++) {
    const g = owner.get(i);
    if (g === undefined) axes.push([i]);
    else if (!placed.has(g)) {
      placed.add(g);
      axes.push(groups[g]);
    }
  }
  return axes;
}

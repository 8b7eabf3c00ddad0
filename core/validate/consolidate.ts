/**
 * The last pass over a validation's problems, before they are reported: one
 * problem per undeclared resolver (not one per key that calls it), and a
 * note on problems that share a place but not a key (an option composed at
 * two packages is one line of YAML at two keys).
 *
 * @module
 */

import { formatOrigin } from "../errors.ts";
import { suggest } from "../suggest.ts";
import type { Problem } from "./problems.ts";
import { unsupportedResolverName } from "../resolve/fail.ts";
import { declareHint, REMOVED_RESOLVERS } from "./resolver_calls.ts";

/**
 * The resolvers every composition knows: OmegaConf's built-ins and Hydra's
 * (`hydra`, `now`), the candidates of a did-you-mean for an unknown one.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { KNOWN_RESOLVERS } from "./consolidate.ts";
 * assert.ok(KNOWN_RESOLVERS.includes("oc.env"));
 * ```
 */
export const KNOWN_RESOLVERS: readonly string[] = [
  "oc.env",
  "oc.select",
  "oc.decode",
  "oc.create",
  "oc.dict.keys",
  "oc.dict.values",
  "oc.deprecated",
  "hydra",
  "now",
];

/** How many other places a message lists (the rest are counted; JSON has them all). */
const LISTED = 5;

function place(p: Problem): string {
  const at = p.origin ? formatOrigin(p.origin) : "?";
  return p.fullKey ? `${at} [key: ${p.fullKey}]` : at;
}

/** The undeclared resolver a problem is about, if it is one. */
function undeclaredName(p: Problem): string | undefined {
  return unsupportedResolverName(p);
}

/**
 * One problem per undeclared resolver, at the first place that calls it (in
 * report order; one the `given` files hold first), naming how many places do and listing the
 * others (also as related positions), with did-you-mean among the `known` resolvers.
 */
function byResolver(
  problems: Problem[],
  known: Iterable<string>,
  given?: (p: Problem) => boolean,
): Problem[] {
  const uses = new Map<string, Problem[]>();
  for (const p of problems) {
    const name = undeclaredName(p);
    if (name === undefined) continue;
    // one place once, though several of its problems call it (two compositions word it apart)
    const all = uses.get(name) ?? [];
    if (!all.some((o) => place(o) === place(p))) all.push(p);
    uses.set(name, all);
  }
  if (uses.size === 0) return problems;
  // over some files (pre-commit), a place in them stands for the others: the problem is where
  // the change is (checker w29: it was at a file the commit did not touch)
  if (given !== undefined) {
    for (const [name, all] of uses) {
      uses.set(name, [...all.filter(given), ...all.filter((p) => !given(p))]);
    }
  }
  const out: Problem[] = [];
  for (const p of problems) {
    const name = undeclaredName(p);
    if (name === undefined) {
      out.push(p);
      continue;
    }
    const all = uses.get(name)!;
    if (all[0] !== p) continue; // (the first place stands for them all; a place twice is dropped)
    const others = all.slice(1);
    const count = all.length === 1 ? "" : ` (called at ${all.length} places)`;
    // (one more place is listed rather than counted: "and 1 more" hid it, checker v28)
    const listed = others.length <= LISTED + 1 ? others : others.slice(0, LISTED);
    const lines = listed.map((o) => `also at ${place(o)}`);
    if (others.length > listed.length) lines.push(`and ${others.length - listed.length} more`);
    const renamed = REMOVED_RESOLVERS.get(name);
    const suggestions = renamed !== undefined ? [renamed] : suggest(name, known);
    const merged: Problem = {
      ...p,
      message: [`Unsupported interpolation type ${name}${count}: ${declareHint(name)}`, ...lines]
        .join("\n"),
    };
    if (suggestions.length > 0) merged.suggestions = suggestions;
    const related = others.filter((o) => o.origin).map((o) => ({
      message: o.fullKey ? `also calls it [key: ${o.fullKey}]` : "also calls it",
      origin: o.origin!,
    }));
    if (related.length > 0) merged.related = [...(p.related ?? []), ...related];
    out.push(merged);
  }
  return out;
}

/**
 * Problems at the same file:line:col with the same message but different
 * full keys (an option composed at two packages, `db@src` and `db@dst`) are
 * kept, one per key, each saying which keys the line is composed at.
 */
function sharedPlaces(problems: Problem[]): Problem[] {
  const keyOf = (p: Problem) =>
    p.origin?.file !== undefined && p.origin.override === undefined && p.fullKey !== undefined
      ? `${p.origin.file}\0${p.origin.line}\0${p.origin.col}\0${p.message}`
      : undefined;
  const keys = new Map<string, string[]>();
  for (const p of problems) {
    const k = keyOf(p);
    if (k === undefined) continue;
    const seen = keys.get(k) ?? [];
    if (!seen.includes(p.fullKey!)) seen.push(p.fullKey!);
    keys.set(k, seen);
  }
  return problems.map((p) => {
    const k = keyOf(p);
    const all = k === undefined ? undefined : keys.get(k)!;
    if (!all || all.length < 2) return p;
    const [first, ...rest] = p.message.split("\n");
    const note = ` (this line is composed at ${all.length} keys: ${all.join(", ")})`;
    return { ...p, message: [first + note, ...rest].join("\n") };
  });
}

/**
 * The problems as reported: undeclared resolvers once per name, shared
 * places noted.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { consolidate } from "./consolidate.ts";
 * const at = (line: number, fullKey: string) => ({
 *   severity: "error" as const, code: "unsupported-interpolation", fullKey,
 *   message: "Unsupported interpolation type oc.evn: declare it", origin: { file: "c.yaml", line, col: 4 },
 * });
 * const [p, ...rest] = consolidate([at(1, "a"), at(2, "b")], ["oc.env"]);
 * assert.equal(rest.length, 0);
 * assert.deepEqual(p.suggestions, ["oc.env"]);
 * assert.match(p.message, /^Unsupported interpolation type oc\.evn \(called at 2 places\): declare it/);
 * assert.match(p.message, /\nalso at c\.yaml:2:4 \[key: b\]$/);
 * assert.deepEqual(p.related?.[0].origin, { file: "c.yaml", line: 2, col: 4 });
 * ```
 */
export function consolidate(
  problems: Problem[],
  known: Iterable<string>,
  given?: (p: Problem) => boolean,
): Problem[] {
  return sharedPlaces(byResolver(withoutUnreadableTwice(problems), known, given));
}

/**
 * A directory the tree's walk could not read is one problem: a composition that needed it
 * fails at it too (core/compose/source.ts), which says nothing more.
 */
function withoutUnreadableTwice(problems: Problem[]): Problem[] {
  const unreadable = new Set(
    problems.filter((p) => p.code === "unreadable").map((p) => p.origin?.file),
  );
  if (unreadable.size === 0) return problems;
  return problems.filter((p) =>
    !(p.code === "input" && p.message.startsWith("cannot read the config directory") &&
      unreadable.has(p.origin?.file))
  );
}

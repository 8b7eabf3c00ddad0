/**
 * Problems caused by a deletion the user asked for (`--override '~db'`,
 * `--override '~lr'`, or `opt=null` / `opt=5` in place of a mapping): a
 * required key that is gone, or an interpolation into it, is the override's
 * doing, so it is reported at the override (its
 * position among the overrides) with the place that needed the key as a
 * related position, instead of being blamed on that file.
 *
 * @module
 */

import { formatOrigin, isStrataError } from "../errors.ts";
import type { Origin } from "../node.ts";
import { parseOverride } from "../override/parse.ts";
import type { Problem } from "./problems.ts";

/** A key the overrides delete, and the override that does. */
export interface Deletion {
  /** The config key removed (`db` for the group `~db`, `db.port`, `src` for `~db@src`). */
  key: string;
  /** The override, as an origin (`override #2 '~db'`). */
  origin: Origin;
  /** What it does to the key: `removes` (`~`) or `replaces` (a null, scalar or list value). */
  verb: "removes" | "replaces";
}

/**
 * The deletions among the overrides every composition starts with (an
 * override that does not parse deletes nothing: composing reports it).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { deletionsOf } from "./deletions.ts";
 * assert.deepEqual(deletionsOf(["lr=1", "~db", "~server/site@web", "opt=null", "db=pg"]).map((d) => d.key),
 *   ["lr", "db", "web", "opt"]);
 * ```
 */
export function deletionsOf(overrides: string[]): Deletion[] {
  const out: Deletion[] = [];
  overrides.forEach((text, i) => {
    let o;
    try {
      o = parseOverride(text, i);
    } catch (e) {
      if (!isStrataError(e)) throw e;
      return;
    }
    const origin = { override: i, text };
    if (o.type === "delete") {
      // A group's config sits at its package: the group path with dots, unless `@pkg` names one.
      const key = o.package ? o.package : o.key.replaceAll("/", ".");
      out.push({ key, origin, verb: "removes" });
      return;
    }
    // A value that is not a mapping replaces what was there (a mapping merges into it); a string
    // may be a group's option, which is no removal.
    const v = o.value?.kind === "element" ? o.value.node : undefined;
    if (
      o.package === null && v && (v.kind === "list" || (v.kind === "value" && v.type !== "str"))
    ) {
      out.push({ key: o.key, origin, verb: "replaces" });
    }
  });
  return out;
}

function under(key: string, deleted: string): boolean {
  return key === deleted || key.startsWith(deleted + ".") || key.startsWith(deleted + "[");
}

/**
 * The problem, blamed on the deletion that caused it when it is a required
 * key that deletion removed (a schema's `required`) or an interpolation into
 * it; otherwise the problem unchanged.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { blameDeletion, deletionsOf } from "./deletions.ts";
 * const p = blameDeletion({ severity: "error", code: "interpolation-key",
 *   message: "Interpolation key 'db.port' not found", fullKey: "port",
 *   origin: { file: "conf/config.yaml", line: 4, col: 7 } }, deletionsOf(["~db"]));
 * assert.deepEqual(p.origin, { override: 0, text: "~db" });
 * assert.equal(p.message,
 *   "Interpolation key 'db.port' not found: the override removes 'db' (conf/config.yaml:4:7 needs it)");
 * assert.deepEqual(p.related?.[0].origin, { file: "conf/config.yaml", line: 4, col: 7 });
 * ```
 */
export function blameDeletion(p: Problem, deletions: Deletion[]): Problem {
  if (deletions.length === 0 || p.origin?.override !== undefined) return p;
  const required = /^missing required key '/.test(p.message);
  const missing = /^Interpolation key '([^']+)' not found/.exec(p.message)?.[1] ??
    /Error trying to access (\S+?):/.exec(p.message)?.[1] ??
    (required ? p.fullKey : undefined);
  if (missing === undefined) return p;
  const d = deletions.find((d) => under(missing, d.key));
  if (!d) return p;
  // a schema's required key: the schema needs it (the message names it), not the mapping it is
  // missing from
  const needsAt = required ? undefined : p.origin;
  const needs = needsAt ? ` (${formatOrigin(needsAt)} needs it)` : "";
  return {
    ...p,
    message: `${p.message}: the override ${d.verb} '${d.key}'${needs}`,
    origin: d.origin,
    ...(needsAt
      ? { related: [...(p.related ?? []), { message: "needs it", origin: needsAt }] }
      : {}),
  };
}

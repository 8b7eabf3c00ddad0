/**
 * `.strata.yaml`'s `validate.overrides` are given to every composition after
 * the command line's. One that fails the primary composition (a key no
 * config has) fails every composition built on it, and would hide the tree's
 * own problems until it is mended: it is reported, and the tree checked
 * again without it, in the same run (checker w40). The command line's own
 * overrides are the user's request and stay.
 *
 * @module
 */

import type { Origin } from "../node.ts";
import type { ValidateResult } from "./validate_types.ts";

/**
 * Runs `check` with every one of `count` settings overrides, then, when some
 * fail the primary composition, again without them: the failing ones'
 * problems and the second run's, whose override numbers are counted in the
 * list as given (`given` command-line overrides come first).
 *
 * @example
 * ```ts ignore
 * const result = await withoutFailingOverrides(2, 1, (kept) => validate({ ... }));
 * ```
 */
export async function withoutFailingOverrides(
  count: number,
  given: number,
  check: (kept: number[]) => Promise<ValidateResult>,
): Promise<ValidateResult> {
  const every = [...Array(count).keys()];
  const result = await check(every);
  const ours = (o: Origin | undefined): o is Origin =>
    o?.override !== undefined && o.list === undefined && o.override >= given;
  const failing = new Set(
    result.problems.flatMap((p) =>
      p.severity === "error" && p.composition === undefined && ours(p.origin)
        ? [p.origin.override! - given]
        : []
    ),
  );
  if (failing.size === 0) return result;
  const kept = every.filter((i) => !failing.has(i));
  const again = await check(kept);
  // its overrides counted in the list it was given: back to the list as written
  const written = (o: Origin): Origin =>
    ours(o) ? { ...o, override: kept[o.override! - given] + given } : o;
  const own = result.problems.filter((p) =>
    ours(p.origin) && failing.has(p.origin.override! - given)
  );
  return {
    ...again,
    problems: [
      ...own,
      ...again.problems.map((p) => ({
        ...p,
        ...(p.origin ? { origin: written(p.origin) } : {}),
        ...(p.related
          ? { related: p.related.map((r) => r.origin ? { ...r, origin: written(r.origin) } : r) }
          : {}),
      })),
    ],
  };
}

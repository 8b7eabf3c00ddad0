/**
 * What a sweep's name may be: SLURM's `--job-name` is also the `%x` of the
 * scripts' `--output` paths, so a `/` in it names directories that do not
 * exist (every task fails with no log), and a space or a quote breaks the
 * lines it is written into.
 *
 * @module
 */

/**
 * A sweep name every format takes (letters, digits, `.`, `_` and `-`, from a
 * letter or digit).
 *
 * @example
 * ```ts
 * import { SWEEP_NAME } from "./sweep_name.ts";
 * SWEEP_NAME.test("lr-sweep_2"); // true
 * SWEEP_NAME.test("logs/x"); // false
 * ```
 */
export const SWEEP_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * A name {@link SWEEP_NAME} takes close to `name` (`My Job` → `My-Job`,
 * `logs/2026/x` → `logs-2026-x`).
 *
 * @example
 * ```ts
 * import { sweepNameLike } from "./sweep_name.ts";
 * sweepNameLike("logs/12-00/target.gmm,funnel"); // "logs-12-00-target.gmm-funnel"
 * ```
 */
export function sweepNameLike(name: string): string {
  const like = name.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[._-]+/, "");
  return like === "" ? "strata-sweep" : like;
}

/**
 * A multirun's errors said where they happened: in the master config composed
 * without the sweeps, or in one job (pointed back at the override or
 * `hydra.sweeper.params` entry that made it).
 *
 * @module
 */

import { ErrorCode, StrataError } from "../errors.ts";
import type { Override } from "../override/types.ts";
import type { Origin } from "../node.ts";
import type { SweepPlan } from "./plan.ts";

/**
 * A job's composition error, pointed back at the user's override (or
 * `hydra.sweeper.params` entry) that produced the failing job override, and
 * naming the job. `before` holds the command-line position of each override
 * composed before the job's own (undefined: one strata adds, as
 * `hydra.mode=MULTIRUN`), so an error in one is numbered as the user typed
 * it. Without a plan (a job a manifest pinned), the job's own overrides are
 * numbered in `pinnedBy`'s list (`--job-overrides`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { inSweepJob } from "./error_context.ts";
 * import { ErrorCode, StrataError } from "../errors.ts";
 * const e = inSweepJob(new StrataError("value", "bad"), undefined, 3, ["a=1"], []);
 * assert.equal((e as StrataError).related.at(-1)?.message, "in sweep job #3: a=1");
 * // composed as [hydra.run.dir=o (typed 3rd), hydra.mode=MULTIRUN, a=[1]
 * const bad = new StrataError("override-parse", "bad", { origin: { override: 2, text: "a=[1" } });
 * const pinned = inSweepJob(bad, undefined, 0, ["a=[1"], [2, undefined], "--job-overrides");
 * assert.deepEqual((pinned as StrataError).origin, { override: 0, text: "a=[1", list: "--job-overrides" });
 * ```
 */
export function inSweepJob(
  e: unknown,
  plan: SweepPlan | undefined,
  index: number,
  job: string[],
  before: readonly (number | undefined)[],
  pinnedBy?: string,
): unknown {
  if (!(e instanceof StrataError)) return e;
  const where = job.length > 0
    ? `in sweep job #${index}: ${job.join(" ")}`
    : `in sweep job #${index} (no overrides)`;
  // a line the error names an override in (the `+group=x` that appended the entry) is numbered
  // as the user typed it too, not by its place among the job's overrides
  const related = e.related.map((r) =>
    r.origin?.override === undefined
      ? r
      : { ...r, origin: userOrigin(r.origin, plan, before, pinnedBy) }
  );
  const k = e.origin?.override;
  const entry = plan && k !== undefined && k >= before.length
    ? plan.entries[k - before.length]
    : undefined;
  if (entry?.origin) {
    // a glob's option whose name the grammar cannot write (`grp/é.yaml`): the tree's file is at
    // fault, not what was typed: an invalid config, exit 1, as Hydra fails on it (checker x58 #3)
    const globbed = e.code === ErrorCode.OverrideParse &&
      /=\s*glob\(/.test(entry.origin.text ?? "");
    const code = globbed ? ErrorCode.Value : e.code;
    const name = globbed ? job[k! - before.length]?.split("=").slice(1).join("=") : undefined;
    const file = globbed
      ? [{
        message: `'${name}' is the name of an option file of group '${entry.keyOrGroup}' ` +
          "that an override cannot write (Hydra's grammar takes letters, digits and _-+./\\$%*@?| " +
          "unquoted, ASCII only): rename the file",
        origin: {},
      }]
      : [];
    return new StrataError(code, e.message, {
      ...e,
      origin: entry.origin,
      related: [...related, ...file, { message: where, origin: entry.origin }],
    });
  }
  // the job is said last, after the message's own lines (a search path, did-you-mean, a chain)
  return new StrataError(e.code, e.message, {
    ...e,
    origin: e.origin && userOrigin(e.origin, undefined, before, pinnedBy),
    related: [...related, { message: where, origin: {} }],
  });
}

/**
 * The place a user reads for an origin in a job's overrides (what {@link inSweepJob} points an
 * error at): the sweep entry (override or `hydra.sweeper.params` entry) that made the job's
 * override, the command line's position of one composed before them, or its number in
 * `pinnedBy`'s list; any other origin as it is.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { userOrigin } from "./error_context.ts";
 * // composed as [hydra.run.dir=o (typed 3rd), hydra.mode=MULTIRUN, a=1]
 * assert.deepEqual(userOrigin({ override: 0, text: "hydra.run.dir=o" }, undefined, [2, undefined]),
 *   { override: 2, text: "hydra.run.dir=o" });
 * assert.deepEqual(userOrigin({ file: "c.yaml", line: 1 }, undefined, []), { file: "c.yaml", line: 1 });
 * ```
 */
export function userOrigin(
  origin: Origin,
  plan: SweepPlan | undefined,
  before: readonly (number | undefined)[],
  pinnedBy?: string,
): Origin {
  const k = origin.override;
  if (k === undefined) return origin;
  const skip = before.length;
  const entry = plan && k >= skip ? plan.entries[k - skip] : undefined;
  if (entry?.origin) return entry.origin;
  // the number the user sees: the command line's position, or the pinned list's
  if (k < skip && before[k] !== undefined) return { ...origin, override: before[k] };
  if (k >= skip && pinnedBy !== undefined) return { ...origin, override: k - skip, list: pinnedBy };
  return origin;
}

/**
 * A multirun's error composing its master config, before any job: said to be
 * that, or a user reads it as a job's (`solver=a,b x.y=1` fails when the
 * default solver has no `x`, as Hydra's does: hydra#283).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { inMasterConfig } from "./error_context.ts";
 * import { parseOverride } from "../override/parse.ts";
 * import { ErrorCode, StrataError } from "../errors.ts";
 * const e = inMasterConfig(new StrataError("composition", "bad"), [parseOverride("db=a,b")]);
 * assert.match((e as StrataError).related[0].message, /without its sweeps \('db=a,b'\)/);
 * ```
 */
export function inMasterConfig(e: unknown, parsed: Override[]): unknown {
  const sweeps = parsed.filter(isSweep).map((o) => `'${o.text}'`);
  if (!(e instanceof StrataError) || sweeps.length === 0) return e;
  // bad usage (a config dir that is not there) is no matter of the overrides (checker w32)
  if (e.code === ErrorCode.Usage) return e;
  const message = "in the multirun's config, composed before any job without its sweeps " +
    `(${sweeps.join(", ")}), as Hydra composes it: every other override must apply to it`;
  return new StrataError(e.code, e.message, {
    ...e,
    related: [...e.related, { message, origin: {} }],
  });
}

/**
 * Whether an override sweeps (`a=1,2`, `a=range(3)`, `a=glob(*)`), not sets one value.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isSweep } from "./error_context.ts";
 * import { parseOverride } from "../override/parse.ts";
 * assert.equal(isSweep(parseOverride("a=1,2")), true);
 * assert.equal(isSweep(parseOverride("a=1")), false);
 * ```
 */
export function isSweep(o: Override): boolean {
  return o.valueType !== null && o.valueType !== "ELEMENT";
}

/**
 * A job's composition warning as the user reads it: at the override they typed
 * (see {@link userOrigin}), so that one the master composition gave already is
 * said once, numbered as on the command line. An override the sweep left as one
 * value is composed by a job in its rendered form (`$\{x\}` for `${x}`, as Hydra's
 * sweeper escapes it): its warning shows what was typed.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { userWarning } from "./error_context.ts";
 * const w = { message: "+m=$\\{x\\} adds the key m", origin: { override: 1, text: "+m=$\\{x\\}" } };
 * // composed as [hydra.mode=MULTIRUN, +m=$\{x\}]; typed as `+m=${x}`, the command line's 3rd
 * const plan = { entries: [{ keyElement: "+m", keyOrGroup: "m", values: ["$\\{x\\}"],
 *   origin: { override: 2, text: "+m=${x}" } }] };
 * assert.deepEqual(userWarning(w, plan as never, [undefined]), {
 *   message: "+m=${x} adds the key m",
 *   origin: { override: 2, text: "+m=${x}" },
 * });
 * ```
 */
export function userWarning<W extends { message: string; origin?: Origin }>(
  warning: W,
  plan: SweepPlan | undefined,
  before: readonly (number | undefined)[],
): W {
  const o = warning.origin;
  if (o?.override === undefined) return warning;
  const k = o.override - before.length;
  const entry = plan && k >= 0 ? plan.entries[k] : undefined;
  const typed = entry?.origin?.text;
  const message = typed !== undefined && o.text !== undefined && entry!.values.length === 1
    ? warning.message.replaceAll(o.text, typed)
    : warning.message;
  return { ...warning, message, origin: userOrigin(o, plan, before) };
}

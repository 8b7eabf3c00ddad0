/**
 * Parsed overrides → the sweep's entries: one per override key, in Hydra's
 * order (a repeated key keeps its first position and takes its last value),
 * each with the strings a job can give it.
 *
 * @module
 */

import { ErrorCode, formatWarning, StrataError } from "../errors.ts";
import type { Origin } from "../node.ts";
import type { Override } from "../override/types.ts";
import { elementToString, sweepValues } from "../override/format.ts";
import type { SweepValues } from "../override/types.ts";
import type { SweepEntry } from "./plan.ts";
import { suggest } from "../suggest.ts";

/** Lists a config group's options (sorted), for `glob(...)`. */
export type GroupOptions = (group: string) => string[];

/** How many of a group's options a glob that matches none names. */
const LISTED_OPTIONS = 10;

const PREFIX: Record<Override["type"], string> = {
  change: "",
  add: "+",
  force_add: "++",
  delete: "~",
};

/**
 * `Override.get_key_element()`: `+x`, `db@source`, `~db`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { keyElement } from "./entries.ts";
 * assert.equal(keyElement({ type: "add", key: "x", package: null, valueType: "ELEMENT", text: "+x=1" }), "+x");
 * ```
 */
export function keyElement(o: Override): string {
  return PREFIX[o.type] + o.key + (o.package === null ? "" : `@${o.package}`);
}

/**
 * The origin of an override for error messages: its index and text, or
 * undefined for an override that did not come from the command line.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseOverride } from "../../engine.ts";
 * import { overrideOrigin } from "./entries.ts";
 * assert.deepEqual(overrideOrigin(parseOverride("db=a,b", 2)), { override: 2, text: "db=a,b" });
 * assert.equal(overrideOrigin(parseOverride("db=a,b")), undefined);
 * ```
 */
export function overrideOrigin(o: Override): Origin | undefined {
  return o.index === undefined ? undefined : { override: o.index, text: o.text };
}

/**
 * The entries of a sweep, like BasicSweeper.split_arguments before the
 * product: discrete sweeps expand to their strings, elements give one string,
 * `~key` gives `null`.
 *
 * `originOf` says where an override came from (default: its command-line
 * position; `hydra.sweeper.params` entries have their YAML position).
 *
 * @throws {StrataError} `sweep` for interval sweeps, which the basic sweeper cannot enumerate.
 * @example
 * ```ts ignore
 * import { sweepEntries } from "./entries.ts";
 * import { parseOverride } from "../override/parse.ts";
 * sweepEntries(["db=a,b", "+x=1"].map((t) => parseOverride(t)), () => []);
 * // [{ keyElement: "db", values: ["a", "b"], ... }, { keyElement: "+x", values: ["1"], ... }]
 * ```
 */
export function sweepEntries(
  overrides: Override[],
  groupOptions: GroupOptions,
  originOf: (o: Override) => Origin | undefined = overrideOrigin,
  groupDirs: GroupOptions = () => [],
): SweepEntry[] {
  const byKey = new Map<string, SweepEntry>();
  for (const o of overrides) {
    const key = keyElement(o);
    const origin = originOf(o);
    let values: SweepValues;
    let noValues: string | undefined;
    if (o.valueType === "INTERVAL_SWEEP") {
      // Hydra's BasicSweeper raises it after the override parsed. Typed on the command line it
      // is bad usage, as `range(1,5,0)` is (exit 2, a caret under the value); written in a
      // config's sweeper params, the config is at fault (exit 1): checkers v62, w53
      values = at<never>(origin, () => {
        throw new StrataError(
          ErrorCode.Sweep,
          "BasicSweeper does not support sweep type : INTERVAL_SWEEP",
        );
      });
    } else if (o.valueType === null || o.valueType === "ELEMENT") {
      values = [elementToString(o.value?.kind === "element" ? o.value : undefined)];
    } else {
      const glob = o.valueType === "GLOB_CHOICE_SWEEP";
      const options = glob ? groupOptions(o.key) : [];
      values = at(origin, () => sweepValues(o, options));
      if (values.length === 0) {
        noValues = glob ? noOptionMatched(o, options, groupDirs) : noValue(o);
      }
    }
    // A Map keeps the first insertion's position when a key is set again.
    byKey.set(key, { keyElement: key, keyOrGroup: o.key, values, origin, noValues });
  }
  return [...byKey.values()];
}

/** The sweep of an override as written: `glob(atari/*)` of `env=glob(atari/*)`. */
function sweepText(o: Override): string {
  return o.text.slice(o.text.indexOf("=") + 1).trim();
}

/** Why a sweep other than a glob gives no values: `range(5,1) gives no value for 'seed'`. */
function noValue(o: Override): string {
  return `${sweepText(o)} gives no value for '${o.key}'`;
}

/**
 * Why a glob gives no values. Hydra's glob matches a group's own options, not those in its
 * sub-directories (`env/atari/pong.yaml` is option `atari/pong` of `env`, but no glob's).
 */
function noOptionMatched(o: Override, options: string[], groupDirs: GroupOptions): string {
  const dirs = groupDirs(o.key);
  const listed = options.length === 0
    ? dirs.length === 0 ? "it has none" : "it has none of its own"
    : `options: ${options.slice(0, LISTED_OPTIONS).join(", ")}` +
      (options.length > LISTED_OPTIONS ? ` and ${options.length - LISTED_OPTIONS} more` : "");
  const below = dirs.length === 0
    ? ""
    : `; as in Hydra, glob() does not look in ${
      dirs.slice(0, LISTED_OPTIONS).map((d) => `${o.key}/${d}/`).join(", ")
    }${dirs.length > LISTED_OPTIONS ? ` and ${dirs.length - LISTED_OPTIONS} more` : ""}`;
  // no such group at all: a misspelt one (`modle=glob(*)`) beside the groups there
  let near = "";
  if (options.length === 0 && dirs.length === 0) {
    const slash = o.key.lastIndexOf("/");
    const parent = slash < 0 ? "" : o.key.slice(0, slash);
    const names = suggest(o.key.slice(slash + 1), groupDirs(parent))
      .map((n) => `'${parent === "" ? n : `${parent}/${n}`}'`);
    if (names.length > 0) near = `: no such group; did you mean ${names.join(", ")}?`;
  }
  return `${sweepText(o)} matches no option of '${o.key}' (${listed}${below}${near})`;
}

/** One override of a sweep that gives no values, so the sweep has no jobs. */
export interface EmptySweep {
  /** Where it was written (a command-line position, or a `hydra.sweeper.params` entry). */
  origin?: Origin;
  /** Why it gives no values: `glob(x*) matches no option of 'env' (options: a, b)`. */
  reason: string;
}

/**
 * The overrides of a sweep that give no values: each makes the sweep have no jobs (Hydra's
 * BasicSweeper then launches none, and says nothing about why).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { planSweep } from "../../engine.ts";
 * import { emptySweeps } from "./entries.ts";
 * const plan = planSweep({ overrides: ["a=1,2", "seed=range(5,1)"] });
 * assert.deepEqual(emptySweeps(plan.entries), [
 *   { origin: { override: 1, text: "seed=range(5,1)" }, reason: "range(5,1) gives no value for 'seed'" },
 * ]);
 * ```
 */
export function emptySweeps(entries: readonly SweepEntry[]): EmptySweep[] {
  return entries.flatMap((e) =>
    e.noValues === undefined ? [] : [{ origin: e.origin, reason: e.noValues }]
  );
}

/**
 * The warning a sweep with no jobs gets for each override that gives no values (what the
 * sweep still does is Hydra's: no job, exit 0).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { noJobsWarning } from "./entries.ts";
 * assert.equal(
 *   noJobsWarning({ origin: { override: 0, text: "env=glob(x*)" }, reason: "glob(x*) matches no option of 'env' (it has none)" }),
 *   "override #1 'env=glob(x*)': warning: glob(x*) matches no option of 'env' (it has none), so the sweep has no jobs",
 * );
 * ```
 */
export function noJobsWarning(empty: EmptySweep): string {
  return formatWarning(`${empty.reason}, so the sweep has no jobs`, empty.origin);
}

/**
 * The error of a manifest for a sweep with no jobs (a SLURM array, Indexed Job or matrix of
 * none cannot be written), located at the first override that gives no values.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { noJobsError } from "./entries.ts";
 * const e = noJobsError([{ origin: { override: 0, text: "a=range(0)" }, reason: "range(0) gives no value for 'a'" }]);
 * assert.equal(e.message, "The sweep has no jobs to run: range(0) gives no value for 'a'");
 * ```
 */
export function noJobsError(empty: readonly EmptySweep[]): StrataError {
  const [first, ...rest] = empty;
  // the command line's sweep is bad usage (exit 2); a config file's (hydra.sweeper.params) an
  // invalid config (exit 1)
  const fromFile = empty.some((e) => e.origin?.file !== undefined);
  return new StrataError(
    fromFile ? ErrorCode.Sweep : ErrorCode.Usage,
    "The sweep has no jobs to run" + (first ? `: ${first.reason}` : ""),
    {
      origin: first?.origin,
      related: rest.map((e) => ({ message: e.reason, origin: e.origin ?? {} })),
    },
  );
}

/**
 * Runs `body`; an error without a position gets the override's (e.g. a zero range step). One
 * typed on the command line is bad usage (exit 2), as an override that does not parse is, with
 * a caret under its value (checkers x45, w48); one of a config's sweeper params stays an invalid
 * config (exit 1).
 */
function at<T>(origin: Origin | undefined, body: () => T): T {
  try {
    return body();
  } catch (e) {
    if (e instanceof StrataError && e.origin === undefined) {
      const text = origin?.text;
      const typed = origin?.file === undefined && origin?.override !== undefined &&
        origin.list === undefined && text !== undefined && e.code === ErrorCode.Sweep;
      throw new StrataError(typed ? ErrorCode.Usage : e.code, e.message, {
        ...e,
        origin,
        ...(typed && e.snippet === undefined
          ? { snippet: { text, start: text.indexOf("=") + 1, end: text.length } }
          : {}),
      });
    }
    throw e;
  }
}

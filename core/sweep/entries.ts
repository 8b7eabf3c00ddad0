/**
 * Parsed overrides → the sweep's entries: one per override key, in Hydra's
 * order (a repeated key keeps its first position and takes its last value),
 * each with the strings a job can give it.
 *
 * @module
 */

import { ErrorCode, StrataError } from "../errors.ts";
import type { Origin } from "../node.ts";
import type { Override } from "../override/types.ts";
import { elementToString, sweepValues } from "../override/format.ts";
import type { SweepValues } from "../override/types.ts";
import type { SweepEntry } from "./plan.ts";

/** Lists a config group's options (sorted), for `glob(...)`. */
export type GroupOptions = (group: string) => string[];

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
): SweepEntry[] {
  const byKey = new Map<string, SweepEntry>();
  for (const o of overrides) {
    const key = keyElement(o);
    const origin = originOf(o);
    let values: SweepValues;
    if (o.valueType === "INTERVAL_SWEEP") {
      throw new StrataError(
        ErrorCode.Sweep,
        "BasicSweeper does not support sweep type : INTERVAL_SWEEP",
        { origin },
      );
    } else if (o.valueType === null || o.valueType === "ELEMENT") {
      values = [elementToString(o.value?.kind === "element" ? o.value : undefined)];
    } else {
      values = at(
        origin,
        () => sweepValues(o, o.valueType === "GLOB_CHOICE_SWEEP" ? groupOptions(o.key) : []),
      );
    }
    // A Map keeps the first insertion's position when a key is set again.
    byKey.set(key, { keyElement: key, keyOrGroup: o.key, values, origin });
  }
  return [...byKey.values()];
}

/** Runs `body`; an error without a position gets the override's (e.g. a zero range step). */
function at<T>(origin: Origin | undefined, body: () => T): T {
  try {
    return body();
  } catch (e) {
    if (e instanceof StrataError && e.origin === undefined) {
      throw new StrataError(e.code, e.message, { ...e, origin });
    }
    throw e;
  }
}

/**
 * A manifest's task runs `strata run --job-index I --job-overrides JSON`:
 * the JSON pins the job's own overrides, and those on the command line
 * only shape the sweep (its `hydra.*` settings and sweeps). An override
 * typed there that is neither, and not among the pinned ones, is not applied
 * to the job: said, not dropped silently (checker x39).
 *
 * @module
 */

import { parseOverrides } from "../override/parse.ts";

/**
 * The command line's overrides that a job pinned to `pinned` does not get:
 * not Hydra's own (`hydra.*`, `hydra/...`), not a sweep, and setting no key they set.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { unpinnedOverrides } from "./unpinned.ts";
 * const given = ["hydra.sweep.dir=s", "lr=0.1,0.2", "seed=1", "name=x"];
 * assert.deepEqual(unpinnedOverrides(given, ["lr=0.1", "seed=1"]), ["name=x"]);
 * assert.deepEqual(unpinnedOverrides(["lr=1e-4"], ["lr=0.0001"]), []);
 * ```
 */
export function unpinnedOverrides(given: readonly string[], pinned: readonly string[]): string[] {
  let parsed, kept;
  try {
    parsed = parseOverrides([...given]);
    // by key: a manifest pins a value as its job writes it (`lr=1e-4` as `lr=0.0001`)
    kept = new Set(parseOverrides([...pinned]).map((o) => o.key));
  } catch {
    return []; // a bad one is reported where it is composed
  }
  return parsed.flatMap((o) => {
    const hydra = o.key === "hydra" || /^hydra[./]/.test(o.key);
    const sweep = o.valueType !== null && o.valueType !== "ELEMENT";
    return hydra || sweep || kept.has(o.key) ? [] : [o.text];
  });
}

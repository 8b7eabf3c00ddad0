/**
 * Sweep overrides (`lr=1,2`, `seed=range(3)`) refused where one composition
 * is made, with Hydra's words.
 *
 * @module
 */

import { clip, ErrorCode, StrataError } from "../errors.ts";
import type { Override } from "../override/types.ts";

/**
 * The hint of a sweep override's error in a command that composes one config and has no
 * `--multirun` (the CLI's compose, explain, hash, diff): where Hydra says to add it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ONE_CONFIG_SWEEP_HINT } from "./sweep_error.ts";
 * assert.match(ONE_CONFIG_SWEEP_HINT, /strata sweep/);
 * ```
 */
export const ONE_CONFIG_SWEEP_HINT = "this command composes one config: to sweep over it, use " +
  "`strata sweep` (the jobs) or `strata run -m` (run them)";

/**
 * Fails on a sweep in a single composition, with Hydra's message (`hint`: see
 * {@link sweepError}).
 *
 * @throws {StrataError} `composition`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseOverride } from "../../override.ts";
 * import { validateSweeps } from "./compose.ts";
 * assert.throws(() => validateSweeps([parseOverride("a=1,2", 0)]), /Ambiguous value/);
 * ```
 */
export function validateSweeps(overrides: Override[], hint?: string, fromShell = false): void {
  for (const o of overrides) {
    const e = sweepError(o, hint, fromShell);
    if (e) throw e;
  }
}

/**
 * The error of a sweep override (`lr=1,2`, `seed=range(3)`) where one
 * composition is made, with Hydra's words; `hint` replaces Hydra's "add
 * --multirun to your command line" for a command that has no --multirun
 * (`strata validate`). `fromShell`: the overrides were typed in a shell, where Hydra's
 * `@hydra.main` escapes the quotes it advises (`key=\'value1,value2\'`: a shell would strip
 * bare ones, checker x32); its Compose API does not. Undefined for an override that is no sweep.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseOverride } from "../../override.ts";
 * import { sweepError } from "./compose.ts";
 * assert.equal(sweepError(parseOverride("a=range(2)", 0), "use sweep")?.message, "Sweep parameters 'a=range(2)': use sweep");
 * assert.equal(sweepError(parseOverride("a=1", 0)), undefined);
 * ```
 */
export function sweepError(
  o: Override,
  hint?: string,
  fromShell = false,
): StrataError | undefined {
  if (!o.value || o.value.kind === "element") return undefined;
  const origin = { override: o.index ?? 0, text: o.text };
  if (o.valueType === "SIMPLE_CHOICE_SWEEP") {
    return new StrataError(
      ErrorCode.Composition,
      `Ambiguous value for argument '${
        clip(o.text)
      }'\n1. To use it as a list, use key=[value1,value2]\n` +
        `2. To use it as string, quote the value: ${
          fromShell ? "key=\\'value1,value2\\'" : "key='value1,value2'"
        }\n` +
        `3. ${hint ?? "To sweep over it, add --multirun to your command line"}`,
      { origin },
    );
  }
  const message = hint === undefined
    ? `Sweep parameters '${o.text}' requires --multirun`
    : `Sweep parameters '${o.text}': ${hint}`;
  return new StrataError(ErrorCode.Composition, message, { origin });
}

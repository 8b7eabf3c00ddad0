/**
 * Did-you-mean for an option value outside its choices (`-f yml`), in the words commander uses
 * for an unknown option (`(Did you mean --format?)`).
 *
 * @module
 */

import { suggest } from "../core/suggest.ts";

/** A version number (`1.3`), compared by value rather than by spelling. */
const VERSION = /^\d+(\.\d+)?$/;

/**
 * The choice nearest to `given`: among version numbers, the nearest by value (`1.4` is nearer
 * 1.3 than 1.1, though both differ in one character; ties go to the later choice), else the
 * nearest spelling.
 */
/** Other names users give a choice (`-f gha` for GitHub Actions: checker v63), not spellings. */
const OTHER_NAMES: Record<string, string> = {
  gha: "github",
  actions: "github",
  "github-actions": "github",
  kubernetes: "k8s",
  sbatch: "slurm",
};

function nearest(given: string, choices: string[]): string | undefined {
  const named = OTHER_NAMES[given.toLowerCase()];
  if (named !== undefined && choices.includes(named)) return named;
  if (VERSION.test(given) && choices.every((c) => VERSION.test(c))) {
    let best: string | undefined;
    for (const c of choices) {
      if (best === undefined || Math.abs(+c - +given) <= Math.abs(+best - +given)) best = c;
    }
    return best;
  }
  return suggest(given, choices)[0];
}

/**
 * Commander's "argument 'X' is invalid. Allowed choices are ..." with the nearest choice
 * suggested; any other message as it is.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { withChoiceHint } from "./choice_hint.ts";
 * const said = "error: option '-f, --format <format>' argument 'yml' is invalid. " +
 *   "Allowed choices are yaml, json.\n";
 * assert.equal(withChoiceHint(said), said + "(Did you mean yaml?)\n");
 * const version = "error: option '--version-base <version>' argument '1.4' is invalid. " +
 *   "Allowed choices are 1.1, 1.2, 1.3.\n";
 * assert.equal(withChoiceHint(version), version + "(Did you mean 1.3?)\n");
 * assert.equal(withChoiceHint("error: unknown command 'x'\n"), "error: unknown command 'x'\n");
 * // another name of a choice: GitHub Actions' usual short one
 * const gha = "error: option '-f, --format <format>' argument 'gha' is invalid. " +
 *   "Allowed choices are jsonl, text, slurm, k8s, github.\n";
 * assert.equal(withChoiceHint(gha), gha + "(Did you mean github?)\n");
 * ```
 */
export function withChoiceHint(message: string): string {
  const m = /argument '([^']*)' is invalid\. Allowed choices are (.+)\.\n?$/.exec(message);
  if (!m) return message;
  const near = nearest(m[1], m[2].split(", "));
  if (near === undefined) return message;
  return `${message.replace(/\n?$/, "\n")}(Did you mean ${near}?)\n`;
}

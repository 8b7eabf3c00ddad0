/**
 * Did-you-mean for an option value outside its choices (`-f yml`), in the words commander uses
 * for an unknown option (`(Did you mean --format?)`).
 *
 * @module
 */

import { suggest } from "../core/suggest.ts";

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
 * assert.equal(withChoiceHint("error: unknown command 'x'\n"), "error: unknown command 'x'\n");
 * ```
 */
export function withChoiceHint(message: string): string {
  const m = /argument '([^']*)' is invalid\. Allowed choices are (.+)\.\n?$/.exec(message);
  if (!m) return message;
  const near = suggest(m[1], m[2].split(", "));
  if (near.length === 0) return message;
  return `${message.replace(/\n?$/, "\n")}(Did you mean ${near[0]}?)\n`;
}

/**
 * Where a resolvers module failed to load: Deno names the place of a syntax
 * error (or of an import it cannot resolve) in the error's message, and the
 * place of an error thrown as the module runs in its stack, as
 * `file:///abs/r.ts:3:18`. Read from there, so that the report points at the
 * line to fix, not at the module's first line.
 *
 * @module
 */

import type * as NodeUrl from "node:url";
import { nodeBuiltin } from "../node_builtin.ts";
import type { Origin } from "../node.ts";
import { thrownText } from "../errors.ts";

/** `file:///...:LINE:COL`, as Deno writes a place in a message or a stack frame. */
const PLACE = /(file:\/\/\/[^\s"'()]*?):(\d+):(\d+)/g;
// deno-lint-ignore no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;
/** strata's own code: a stack frame there is the import, not the user's module. */
const OWN = ["../", "../../cli/"].map((d) => new URL(d, import.meta.url).href);

/** The place Deno names for the failure: the message's first, else the stack's first not strata's. */
function placeOf(e: Error): { url: string; line: number; col: number } | undefined {
  for (const [text, frames] of [[e.message, false], [e.stack ?? "", true]] as const) {
    for (const m of text.replace(ANSI, "").matchAll(PLACE)) {
      if (frames && OWN.some((own) => m[1].startsWith(own))) continue;
      return { url: m[1], line: Number(m[2]), col: Number(m[3]) };
    }
  }
  return undefined;
}

/**
 * What a resolvers module's load failure says, and where: the first line of
 * Deno's message without the place it appends (`... at file:///r.js:3:13`),
 * and that place as an origin (`path`, as the user named it, when it is the
 * module itself; an imported file's path otherwise), with its source line
 * for a caret; the module's first line when Deno names no place.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { moduleFailure } from "./module_error.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(`${dir}/r.js`, "export default {\n  a: () => \"x,\n};\n");
 * const e = new SyntaxError(`Invalid or unexpected token at file://${dir}/r.js:2:13`);
 * const f = moduleFailure(e, `${dir}/r.js`, `file://${dir}/r.js`);
 * assert.equal(f.why, "SyntaxError: Invalid or unexpected token");
 * assert.deepEqual(f.origin, { file: `${dir}/r.js`, line: 2, col: 13 });
 * assert.deepEqual(f.snippet, { text: '  a: () => "x,', start: 12 });
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function moduleFailure(
  e: unknown,
  path: string,
  url: string,
): { why: string; origin: Origin; snippet?: { text: string; start: number } } {
  if (!(e instanceof Error)) return { why: thrownText(e), origin: { file: path, line: 1, col: 1 } };
  const first = e.message.replace(ANSI, "").split("\n")[0].replace(/ at file:\/\/\/\S*$/, "");
  // Deno wraps a TypeScript module's parse error as a TypeError whose message says SyntaxError
  const why = first.startsWith("SyntaxError:") || first.startsWith(e.name)
    ? first
    : `${e.name}: ${first}`;
  const place = placeOf(e);
  if (!place) return { why, origin: { file: path, line: 1, col: 1 } };
  const file = place.url === url
    ? path
    : nodeBuiltin<typeof NodeUrl>("node:url").fileURLToPath(place.url);
  const origin = { file, line: place.line, col: place.col };
  let source: string | undefined;
  try {
    source = Deno.readTextFileSync(file).split("\n")[place.line - 1];
  } catch { /* the place alone */ }
  const fits = source !== undefined && source.length >= place.col - 1;
  if (!fits) return { why, origin };
  // a tab as one space: the caret below stays under the column's character
  return { why, origin, snippet: { text: source!.replace(/\t/g, " "), start: place.col - 1 } };
}

/**
 * `{overrides}`, `{run_dir}` and `{job_num}` inside a shell script a job runs
 * (`sh -c 'python app.py {overrides} hydra.run.dir={run_dir}'`), put in as the
 * shell will read them back: quoted for where they stand (bare, in `'...'`,
 * in `"..."`; bare `{overrides}` is one shell-quoted word per override, in
 * quotes those words as one string, for `eval`), and in an
 * override whose value is the run dir (`hydra.run.dir={run_dir}`) quoted for
 * Hydra's grammar too, as in an argv (a dir named after override_dirname,
 * `db=mysql,seed=1`, is otherwise read by the app as a list).
 *
 * @module
 */

import { posixQuote } from "../manifest/command.ts";

/** The key of an override Hydra reads (`+`, `++`, `~` prefixes, a dotted path, `db@pkg`). */
export const OVERRIDE_KEY = String.raw`[+~]{0,2}[A-Za-z_][\w.@/-]*`;

/** An override of the run dir, up to its `=`, as a word of the script reads so far. */
const OVERRIDE_KEY_EQ = new RegExp(`^${OVERRIDE_KEY}=$`);

/** `text` as the shell reads it back where it is inserted: bare, in `'...'` or in `"..."`. */
function shellQuoted(text: string, quote: "" | "'" | '"'): string {
  if (quote === "'") return text.replaceAll("'", `'\\''`);
  if (quote === '"') return text.replace(/["\\$`]/g, "\\$&");
  return posixQuote(text);
}

/**
 * The script with `{run_dir}`, `{job_num}` and, when `overrides` is given,
 * `{overrides}` put in; `hydraValue` quotes a run dir for Hydra's grammar.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { expandScript } from "./script_expand.ts";
 * const q = (s: string) => s.includes(",") ? `'${s}'` : s;
 * assert.equal(
 *   expandScript("python a.py hydra.run.dir={run_dir} > {run_dir}/x.log", "/sw/a=1,b=2", 3, q),
 *   "python a.py hydra.run.dir=''\\''/sw/a=1,b=2'\\''' > /sw/a=1,b=2/x.log",
 * );
 * assert.equal(expandScript(`cd "{run_dir}" && echo {job_num}`, "/o/my run", 0, q), `cd "/o/my run" && echo 0`);
 * assert.equal(
 *   expandScript(`python a.py {overrides}; echo "{overrides}"`, "/o", 0, q, ["lr=1", "x=a b"]),
 *   `python a.py lr=1 'x=a b'; echo "lr=1 'x=a b'"`,
 * );
 * ```
 */
export function expandScript(
  script: string,
  runDir: string,
  num: number,
  hydraValue: (text: string) => string,
  overrides?: readonly string[],
): string {
  let out = "";
  let quote: "" | "'" | '"' = "";
  let word = ""; // the current word as the shell reads it, up to here
  for (let i = 0; i < script.length; i++) {
    const c = script[i];
    if (overrides !== undefined && script.startsWith("{overrides}", i)) {
      // bare: a word each; in quotes one string of the shell-quoted words,
      // as `$STRATA_JOB_OVERRIDES` is (`eval "python app.py {overrides}"`)
      const line = overrides.map(posixQuote).join(" ");
      out += quote === "" ? line : shellQuoted(line, quote);
      word = quote === "" ? "" : word + line;
      i += "{overrides}".length - 1;
      continue;
    }
    if (script.startsWith("{run_dir}", i) || script.startsWith("{job_num}", i)) {
      const dir = script.startsWith("{run_dir}", i);
      const end = script[i + 9];
      // the whole value of an override word (nothing but its end after it)
      const wordEnds = quote === "" ? end === undefined || /[\s;&|)]/.test(end) : end === quote;
      const value = !dir
        ? String(num)
        : OVERRIDE_KEY_EQ.test(word) && wordEnds
        ? hydraValue(runDir)
        : runDir;
      out += shellQuoted(value, quote);
      word += value;
      i += 8;
      continue;
    }
    out += c;
    if (quote === "'") {
      if (c === "'") quote = "";
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = "";
      else if (c === "\\" && i + 1 < script.length) {
        out += script[++i];
        word += script[i];
      } else word += c;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "\\" && i + 1 < script.length) {
      out += script[++i];
      word += script[i];
    } else if (/[\s;&|()]/.test(c)) word = "";
    else word += c;
  }
  return out;
}

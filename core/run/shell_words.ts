/**
 * A job's command that is a shell script (`sh -c 'python app.py ...'`), read
 * as far as strata needs: which words the script runs, so that what strata
 * recognises in an argv (`hydra.run.dir={run_dir}`) is recognised there too.
 *
 * @module
 */

import { basename } from "../path.ts";

const SHELL = /^(bash|sh|zsh|dash|ksh)$/;
/** Shell options whose value is the next argument (`bash -o pipefail -c ...`). */
const WITH_VALUE = ["-o", "-O", "+O", "--rcfile", "--init-file"];

/**
 * The scripts a command gives a shell with `-c`: `sh -c SCRIPT`, `bash -lc
 * SCRIPT`, also behind a wrapper (`env A=1 sh -c SCRIPT`, `srun bash -c
 * SCRIPT`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { shellScripts } from "./shell_words.ts";
 * assert.deepEqual(shellScripts(["bash", "-o", "pipefail", "-lc", "python a.py | tee x"]), ["python a.py | tee x"]);
 * assert.deepEqual(shellScripts(["env", "A=1", "/bin/sh", "-c", "make"]), ["make"]);
 * assert.deepEqual(shellScripts(["python", "app.py", "-c", "x"]), []);
 * ```
 */
export function shellScripts(argv: readonly string[]): string[] {
  return shellScriptIndexes(argv).map((i) => argv[i]);
}

/**
 * Where in `argv` the scripts {@link shellScripts} finds are.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { shellScriptIndexes } from "./shell_words.ts";
 * assert.deepEqual(shellScriptIndexes(["srun", "bash", "-c", "make"]), [3]);
 * ```
 */
export function shellScriptIndexes(argv: readonly string[]): number[] {
  const scripts: number[] = [];
  for (let s = 0; s < argv.length; s++) {
    if (!SHELL.test(basename(argv[s]))) continue;
    for (let i = s + 1; i < argv.length; i++) {
      const a = argv[i];
      // `-c`, or a cluster holding it (`-lc`, `-ec`): the script is the next argument
      if (/^-[A-Za-z]*c[A-Za-z]*$/.test(a)) {
        if (i + 1 < argv.length) scripts.push(i + 1);
        break;
      }
      if (WITH_VALUE.includes(a)) i++;
      else if (!/^[-+]/.test(a)) break; // a script file, not a script
    }
  }
  return scripts;
}

/**
 * The words of a shell script as the shell splits them, quotes removed: on
 * blanks and the operators `; & | ( )`, with `'...'`, `"..."` and `\`
 * quoting. Expansions (`$X`) stay as written. Enough to find a word; not a
 * shell.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { shellWords } from "./shell_words.ts";
 * assert.deepEqual(
 *   shellWords(`cd /w && python "my app.py" hydra.run.dir="$STRATA_RUN_DIR";echo ok`),
 *   ["cd", "/w", "python", "my app.py", "hydra.run.dir=$STRATA_RUN_DIR", "echo", "ok"],
 * );
 * ```
 */
export function shellWords(script: string): string[] {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  const end = () => {
    if (inWord) words.push(word);
    word = "";
    inWord = false;
  };
  for (let i = 0; i < script.length; i++) {
    const c = script[i];
    if (c === "'") {
      const close = script.indexOf("'", i + 1);
      const stop = close < 0 ? script.length : close;
      word += script.slice(i + 1, stop);
      inWord = true;
      i = stop;
    } else if (c === '"') {
      inWord = true;
      for (i++; i < script.length && script[i] !== '"'; i++) {
        if (script[i] === "\\" && /["\\$`]/.test(script[i + 1] ?? "")) i++;
        word += script[i];
      }
    } else if (c === "\\") {
      if (script[i + 1] !== "\n") {
        word += script[i + 1] ?? "";
        inWord = true;
      }
      i++;
    } else if (/[\s;&|()]/.test(c)) end();
    else {
      word += c;
      inWord = true;
    }
  }
  end();
  return words;
}

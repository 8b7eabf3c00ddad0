/** core/run/shell_words.ts: the scripts a command hands a shell, and their words. */

import assert from "node:assert/strict";
import { shellScripts, shellWords } from "../../../core/run/shell_words.ts";
import { handsRunDirToHydra } from "../../../core/run/command.ts";

Deno.test("shellScripts: -c and clusters holding it, behind options and wrappers", () => {
  assert.deepEqual(shellScripts(["sh", "-c", "a b"]), ["a b"]);
  assert.deepEqual(shellScripts(["/usr/bin/bash", "-euxc", "a"]), ["a"]);
  assert.deepEqual(shellScripts(["bash", "-o", "pipefail", "-c", "a | b"]), ["a | b"]);
  assert.deepEqual(shellScripts(["srun", "-n", "1", "bash", "-c", "a"]), ["a"]);
  assert.deepEqual(shellScripts(["sh", "run.sh", "-c", "a"]), []);
  assert.deepEqual(shellScripts(["sh", "-c"]), []);
});

Deno.test("shellWords: quotes removed, operators split, expansions as written", () => {
  assert.deepEqual(shellWords(`a 'b c' "d \\"e\\"" f\\ g`), ["a", "b c", 'd "e"', "f g"]);
  assert.deepEqual(shellWords("x;y&&z|w (v)"), ["x", "y", "z", "w", "v"]);
  assert.deepEqual(shellWords('k="$HOME"/x'), ["k=$HOME/x"]);
  assert.deepEqual(shellWords("  "), []);
  assert.deepEqual(shellWords("''"), [""]);
});

Deno.test("handsRunDirToHydra: the override inside a shell script", () => {
  const yes = [
    ["sh", "-c", "python train.py hydra.run.dir={run_dir}"],
    ["sh", "-c", "python train.py '+hydra.run.dir={run_dir}' && echo done"],
    ["bash", "-lc", "python train.py $STRATA_JOB_OVERRIDES hydra.run.dir=${STRATA_RUN_DIR}"],
    ["env", "A=1", "sh", "-c", 'exec python train.py hydra.run.dir="$STRATA_RUN_DIR"'],
  ];
  for (const argv of yes) assert.equal(handsRunDirToHydra(argv), true, argv.join(" "));
  const no = [
    ["sh", "-c", "python train.py out={run_dir}"],
    ["sh", "-c", "echo hydra.run.dir=/tmp/x"],
    // outside a shell nothing expands $STRATA_RUN_DIR: the app would get it as written
    ["python", "train.py", "hydra.run.dir=$STRATA_RUN_DIR"],
    ["sh", "app.sh", "-c", "python t.py hydra.run.dir={run_dir}"],
  ];
  for (const argv of no) assert.equal(handsRunDirToHydra(argv), false, argv.join(" "));
});

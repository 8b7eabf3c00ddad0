/**
 * `{overrides}` in a script run with `sh -c '...'` is put in as in an argv
 * (`sh -c 'python app.py {overrides}'`): each override shell-quoted, the
 * `hydra.*` ones first, the job's number and id, `hydra.mode=RUN` last when the config sets MULTIRUN;
 * it was left as the word `{overrides}`, which a Hydra app then read.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { confTree, strata } from "./_cli.ts";

Deno.test("run: {overrides} inside sh -c is the job's overrides, shell-quoted", async () => {
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - _self_\n  - optional hparams_search: null\nlr: 0.1\n",
    "conf/hparams_search/opt.yaml": "# @package _global_\nhydra:\n  mode: MULTIRUN\n",
  });
  try {
    const r = await strata(
      [
        "run",
        "-q",
        "-d",
        "conf",
        "hydra.sweep.dir=s",
        "hydra.job.chdir=false",
        "hparams_search=opt",
        "+msg='a b'",
        "--",
        "sh",
        "-c",
        `printf '<%s>\\n' {overrides} > "$STRATA_RUN_DIR/words.txt"`,
      ],
      { cwd: dir },
    );
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(Deno.readTextFileSync(join(dir, "s/0/words.txt")).split("\n"), [
      "<hydra.sweep.dir=s>",
      "<hydra.job.chdir=false>",
      "<hparams_search=opt>",
      "<+msg='a b'>",
      "<hydra.job.num=0>",
      "<hydra.job.id=0>",
      "<hydra.mode=RUN>",
      "",
    ]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

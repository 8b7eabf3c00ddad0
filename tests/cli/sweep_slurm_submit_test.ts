/**
 * `submit.sh` runs under `set -euo pipefail` on login nodes whose bash may be
 * older than 4.4 (RHEL 7: 4.2), where `"${a[@]}"` of an empty array is an
 * unbound variable: the empty dependency of the first sbatch is written
 * `${a[@]+"${a[@]}"}`. bash 4.2 is not here: the idiom is checked, and the
 * script run with a stand-in sbatch, chained and not.
 */

import assert from "node:assert/strict";
import { confTree, sweepIn } from "./_manifest.ts";

/** Runs `submit.sh` with an `sbatch` that logs its arguments and prints `<id>;cluster`. */
async function submitWithFakeSbatch(dir: string, submit: string): Promise<string[]> {
  const bin = `${dir}/bin`;
  Deno.mkdirSync(bin);
  Deno.writeTextFileSync(
    `${bin}/sbatch`,
    '#!/bin/bash\nn=$(wc -l < "$LOG" 2>/dev/null || echo 0)\n' +
      'echo "$#:$*" >> "$LOG"\necho "$((100 + n));cluster"\n',
    { mode: 0o755 },
  );
  const out = await new Deno.Command("bash", {
    args: [submit],
    env: { PATH: `${bin}:${Deno.env.get("PATH")}`, LOG: `${dir}/sbatch.log` },
  }).output();
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  assert.equal(new TextDecoder().decode(out.stdout), "100\n101\n");
  return Deno.readTextFileSync(`${dir}/sbatch.log`).trim().split("\n");
}

Deno.test("sweep -f slurm: submit.sh passes no dependency to the first sbatch without bash 4.4's empty-array rule", async () => {
  const dir = confTree();
  try {
    const r = await sweepIn(dir, "-f slurm --max-array-size 4 -o s seed=range(6) -- x");
    assert.equal(r.code, 0, r.stderr);
    const submit = Deno.readTextFileSync(`${dir}/s/submit.sh`);
    assert.ok(submit.includes('${dependency[@]+"${dependency[@]}"}'), submit);
    assert.doesNotMatch(submit, /(^|[^+])"\$\{dependency\[@\]\}"(?!\})/m);
    assert.deepEqual(await submitWithFakeSbatch(dir, `${dir}/s/submit.sh`), [
      "2:--parsable array_000.sbatch",
      "2:--parsable array_001.sbatch",
    ]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("sweep -f slurm --parallel: submit.sh chains the second array on the first's id", async () => {
  const dir = confTree();
  try {
    const r = await sweepIn(
      dir,
      "-f slurm --max-array-size 4 --parallel 2 -o s seed=range(6) -- x",
    );
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(await submitWithFakeSbatch(dir, `${dir}/s/submit.sh`), [
      "2:--parsable array_000.sbatch",
      "3:--parsable --dependency=afterany:100 array_001.sbatch",
    ]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

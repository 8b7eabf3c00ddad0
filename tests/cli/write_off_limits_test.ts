/**
 * A path Deno's sandbox keeps from strata (devices, /proc, /sys: the binary
 * is not given --allow-all, and its user cannot give it) is said as strata's
 * other I/O errors are, by every command that writes: the reason in words,
 * the path, and the key and override that chose it; never Deno's "run
 * again with the --allow-all flag".
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

const TREE = {
  "conf/config.yaml": "defaults:\n  - db: mysql\n  - _self_\nlr: 0.1\n",
  "conf/db/mysql.yaml": "host: localhost\n",
};
const OFF = "off limits (strata does not touch devices, /proc or /sys)";

function noDenoFlags(stderr: string): void {
  assertNoStackTrace(stderr);
  assert.doesNotMatch(stderr, /--allow|Requires all access|Deno/, stderr);
}

Deno.test("run: a run dir or sweep dir under /proc or /sys names the path and the override", async () => {
  const dir = writeTree(TREE);
  try {
    const single = await strata(["run", "hydra.run.dir=/proc/strata-x", "--", "true"], {
      cwd: dir,
    });
    noDenoFlags(single.stderr);
    assert.equal(single.code, 2, single.stderr);
    assert.equal(
      single.stderr,
      `override #1 'hydra.run.dir=/proc/strata-x': cannot create the run directory: ${OFF}: ` +
        "/proc/strata-x\n    full key: hydra.run.dir\n",
    );
    const sweep = await strata(
      ["run", "-m", "lr=1,2", "hydra.sweep.dir=/sys/strata-x", "--", "true"],
      { cwd: dir },
    );
    noDenoFlags(sweep.stderr);
    assert.equal(sweep.code, 2, sweep.stderr);
    assert.equal(
      sweep.stderr,
      `override #2 'hydra.sweep.dir=/sys/strata-x': cannot create the run directory: ${OFF}: ` +
        "/sys/strata-x\n    full key: hydra.sweep.dir\n",
    );
    // a job's dir: its subdir, where the config set it
    Deno.writeTextFileSync(
      `${dir}/conf/config.yaml`,
      "lr: 0.1\nhydra:\n  sweep:\n    subdir: /dev/shm/strata-x/${hydra.job.num}\n",
    );
    const sub = await strata(["run", "-m", "lr=1,2", "hydra.sweep.dir=s", "--", "true"], {
      cwd: dir,
    });
    noDenoFlags(sub.stderr);
    assert.equal(sub.code, 2, sub.stderr);
    assert.equal(
      sub.stderr,
      // (an absolute subdir is the job's dir as Hydra joins it: said first, checker x29)
      "conf/config.yaml:4:13: warning: job #0's hydra.sweep.subdir resolves to " +
        "'/dev/shm/strata-x/0', an absolute path: Hydra joins it to hydra.sweep.dir with " +
        "os.path.join, which keeps it as is, so the job writes its run dir there, outside s\n" +
        `conf/config.yaml:4:13: cannot create the run directory: ${OFF}: /dev/shm/strata-x/0\n` +
        "    full key: hydra.sweep.subdir\n",
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("schema -o, sweep -o and a diff side under /proc: strata's words, no Deno flag", async () => {
  const dir = writeTree(TREE);
  try {
    const schema = await strata(["schema", "-o", "/proc/strata-x"], { cwd: dir });
    noDenoFlags(schema.stderr);
    assert.equal(schema.code, 2, schema.stderr);
    assert.equal(
      schema.stderr,
      `Cannot write the file '/proc/strata-x': ${OFF}; to write to stdout, leave out -o or ` +
        "give -o -\n",
    );
    const slurm = await strata([
      "sweep",
      "-f",
      "slurm",
      "-o",
      "/proc/strata-x",
      "lr=1,2",
      "--",
      "true",
    ], {
      cwd: dir,
    });
    noDenoFlags(slurm.stderr);
    assert.equal(slurm.code, 2, slurm.stderr);
    assert.match(slurm.stderr, /^Cannot write into '\/proc\/strata-x': off limits /);
    // a read: the one renderer of OS errors too
    const diff = await strata(["diff", "/proc/strata-x.yaml", "conf/config.yaml"], { cwd: dir });
    noDenoFlags(diff.stderr);
    assert.equal(diff.code, 1, diff.stderr);
    assert.equal(diff.stderr, `strata: ${OFF}: /proc/strata-x.yaml\n`);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

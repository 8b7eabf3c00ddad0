/**
 * A path strata cannot use because the OS refuses it (a component is a
 * file, a file is a directory) is said in words naming the path: no
 * "(os error 20)", no stack trace, exit 2 for bad usage, 1 otherwise.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { assertNoStackTrace, strata } from "./_cli.ts";

function tree(): string {
  const dir = Deno.realPathSync(Deno.makeTempDirSync({ prefix: "strata-os-error-" }));
  Deno.mkdirSync(join(dir, "conf"));
  Deno.writeTextFileSync(join(dir, "conf/config.yaml"), "lr: 1\n");
  Deno.writeTextFileSync(join(dir, "file.txt"), "");
  return dir;
}

function clean(stderr: string): void {
  assertNoStackTrace(stderr);
  assert.doesNotMatch(stderr, /os error|\(os error|: stat '|: open '|: mkdir '/, stderr);
}

Deno.test("strata run: a run dir under a file: 'not a directory' naming the file, exit 2", async () => {
  const dir = tree();
  try {
    const single = await strata(["run", "-d", "conf", "hydra.run.dir=file.txt/run", "--", "true"], {
      cwd: dir,
    });
    assert.equal(single.code, 2, single.stderr);
    clean(single.stderr);
    assert.match(
      single.stderr,
      new RegExp(`not a directory: ${dir}/file\\.txt \\(in ${dir}/file\\.txt/run\\)`),
    );
    const sweep = await strata(
      ["run", "-d", "conf", "-m", "hydra.sweep.dir=file.txt/sw", "lr=1,2", "--", "true"],
      { cwd: dir },
    );
    assert.equal(sweep.code, 2, sweep.stderr);
    clean(sweep.stderr);
    assert.match(sweep.stderr, /not a directory: .*file\.txt \(in /);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("strata run --job-overrides @FILE under a file: named, exit 2", async () => {
  const dir = tree();
  try {
    const r = await strata(
      ["run", "-d", "conf", "--job-index", "0", "--job-overrides", "@file.txt/x", "--", "true"],
      { cwd: dir },
    );
    assert.equal(r.code, 2, r.stderr);
    clean(r.stderr);
    assert.equal(
      r.stderr,
      "--job-overrides @file.txt/x: not a directory: file.txt (in file.txt/x)\n",
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("strata run: a job log that is a directory: the OS's reason, exit 1, not a bug report", async () => {
  const dir = tree();
  try {
    Deno.mkdirSync(join(dir, "out/true.log"), { recursive: true });
    const r = await strata(["run", "-d", "conf", "hydra.run.dir=out", "--", "true"], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    clean(r.stderr);
    assert.equal(r.stderr, `strata: is a directory: ${dir}/out/true.log\n`);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

/**
 * An empty `-o`/`--out`/`--output` path names no file: strata wrote to stdout
 * as if none were given (an empty `-o "$OUT"` went unnoticed). Usage error,
 * exit 2, nothing written.
 *
 * @module
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

Deno.test("schema -o '' and sweep --out '': usage errors, nothing on stdout", async () => {
  const dir = await confTree({ "conf/config.yaml": "lr: 0.1\nseed: 1\n" });
  const cases: [string[], string][] = [
    [["schema", "-o", ""], "--output"],
    [["schema", "--output="], "--output"],
    [["sweep", "-o", "", "lr=1,2"], "--out"],
    [["sweep", "--out", "", "-f", "text", "lr=1,2"], "--out"],
  ];
  for (const [args, flag] of cases) {
    const r = await strata(args, { cwd: dir });
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
    assert.equal(r.stderr, `${flag} needs a path ('-' is stdout), got ''\n`);
    assert.equal(r.stdout, "");
  }
  const dash = await strata(["schema", "-o", "-"], { cwd: dir });
  assert.equal(dash.code, 0, dash.stderr);
  assert.match(dash.stdout, /"\$schema"/);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("sweep -o DIR/ with a one-file format: a usage error, no file DIR written (checker w20)", async () => {
  const dir = await confTree({ "conf/config.yaml": "lr: 0.1\nseed: 1\n" });
  for (const format of ["jsonl", "text"]) {
    const r = await strata(["sweep", "-f", format, "-o", "jobs/", "lr=1,2"], { cwd: dir });
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(
      r.stderr,
      "Cannot write the file 'jobs/': a path ending in '/' names a directory, and this format " +
        "writes one file\n",
    );
    assert.throws(() => Deno.statSync(`${dir}/jobs`), Deno.errors.NotFound);
  }
  Deno.removeSync(dir, { recursive: true });
});

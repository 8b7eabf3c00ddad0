import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

// An empty config (an empty file, `{}`) against one with keys: every key is
// added, and no key "" is reported removed.
Deno.test("strata diff: an empty side has no removed root key, only the other side's keys", async () => {
  const dir = await writeTree({ "empty.yaml": "", "braces.yaml": "{}\n", "b.yaml": "a: 1\n" });
  for (const empty of ["empty.yaml", "braces.yaml"]) {
    const r = await strata(["diff", empty, "b.yaml"], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    assert.equal(
      r.stdout,
      `--- a: ${empty}\n+++ b: b.yaml\n+ a: 1\n    b: b.yaml:1:4\n0 changed, 1 added, 0 removed\n`,
    );
    const back = await strata(["diff", "b.yaml", empty], { cwd: dir });
    assert.match(back.stdout, /\n- a: 1\n.*\n0 changed, 0 added, 1 removed\n$/);
  }
});

// A side named by a pipe or a device is read as stdin is: `/dev/null` is the
// empty config, as for diff(1), and a FIFO (bash's `<(strata compose ...)`)
// is read to its end; both were refused as "not a regular file".
Deno.test("strata diff: /dev/null and a FIFO are sides, read to their end", async () => {
  const dir = await writeTree({ "b.yaml": "a: 1\n" });
  const r = await strata(["diff", "/dev/null", "b.yaml"], { cwd: dir });
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /^--- a: \/dev\/null\n\+\+\+ b: b\.yaml\n\+ a: 1\n/);
  const fifo = `${dir}/side.fifo`;
  await new Deno.Command("mkfifo", { args: [fifo] }).output();
  const writer = (async () => {
    const f = await Deno.open(fifo, { write: true });
    await f.write(new TextEncoder().encode("a: 1.0\n"));
    f.close();
  })();
  const p = await strata(["diff", "side.fifo", "b.yaml"], { cwd: dir });
  await writer;
  assert.equal(p.code, 1, p.stderr);
  assert.match(p.stdout, /\n~ a: 1\.0 -> 1\n {4}a: side\.fifo:1:4\n/);
});

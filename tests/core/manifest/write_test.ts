/**
 * `--out` files (core/manifest/write.ts): written whole or not at all, through
 * a symlink rather than over it, into a FIFO or device rather than in its
 * place (tests/cli/sweep_out_write_test.ts: an I/O failure is a clear error).
 */

import assert from "node:assert/strict";
import { writeFileAtomic } from "../../../core/manifest/write.ts";

Deno.test("writeFileAtomic through a symlink writes its target and keeps the link", () => {
  const dir = Deno.makeTempDirSync();
  try {
    Deno.mkdirSync(`${dir}/real`);
    Deno.writeTextFileSync(`${dir}/real/out.jsonl`, "old\n");
    Deno.symlinkSync("real/out.jsonl", `${dir}/link.jsonl`);
    writeFileAtomic(`${dir}/link.jsonl`, ["new\n"]);
    assert.ok(Deno.lstatSync(`${dir}/link.jsonl`).isSymlink, "the symlink was replaced");
    assert.equal(Deno.readTextFileSync(`${dir}/real/out.jsonl`), "new\n");
    assert.deepEqual([...Deno.readDirSync(`${dir}/real`)].map((e) => e.name), ["out.jsonl"]);
    // a dangling link: its target is created
    Deno.symlinkSync("real/later.jsonl", `${dir}/later.jsonl`);
    writeFileAtomic(`${dir}/later.jsonl`, ["x\n"]);
    assert.ok(Deno.lstatSync(`${dir}/later.jsonl`).isSymlink);
    assert.equal(Deno.readTextFileSync(`${dir}/real/later.jsonl`), "x\n");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("writeFileAtomic into a FIFO writes into it, and leaves the FIFO in place", async () => {
  if (Deno.build.os === "windows") return;
  const dir = Deno.makeTempDirSync();
  try {
    const made = await new Deno.Command("mkfifo", { args: [`${dir}/fifo`] }).output();
    if (!made.success) return; // no mkfifo here
    const reader = new Deno.Command("cat", { args: [`${dir}/fifo`], stdout: "piped" }).spawn();
    try {
      writeFileAtomic(`${dir}/fifo`, ["a\n", "b\n"]);
    } finally {
      if (!Deno.lstatSync(`${dir}/fifo`).isFifo) reader.kill(); // nobody will write: unblock it
    }
    const out = await reader.output();
    assert.ok(Deno.lstatSync(`${dir}/fifo`).isFifo, "the FIFO was replaced by a file");
    assert.equal(new TextDecoder().decode(out.stdout), "a\nb\n");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("writeFileAtomic under a file: the message says it is not a directory", () => {
  const dir = Deno.makeTempDirSync();
  try {
    Deno.writeTextFileSync(`${dir}/f`, "");
    assert.throws(
      () => writeFileAtomic(`${dir}/f/out.jsonl`, ["a\n"]),
      /Cannot write the file '.*\/f\/out\.jsonl': '.*\/f' is not a directory/,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

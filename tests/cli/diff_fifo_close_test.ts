// strata diff reads a side named by a FIFO or device in-process: every file it
// opens is closed on every path, and no read is left running (the sanitizers
// of Deno.test catch a leaked resource or op).
import assert from "node:assert/strict";
import { diffAction } from "../../cli/diff_action.ts";
import type { DiffOpts } from "../../cli/diff.ts";
import { isStrataError } from "../../core/errors.ts";

const cmd = { getOptionValueSource: () => undefined };

/**
 * `diff slow.fifo bad.fifo` where bad.fifo's text is no UTF-8: the FIFO
 * strata reads or still waits to open must be closed, its writer then stops.
 * `delay`: the slow side's writer opens its FIFO that many seconds late, after
 * the bad side failed (the order a busy machine may give).
 */
async function slowSideIsClosed(delay: number): Promise<void> {
  const dir = await Deno.makeTempDir();
  try {
    const slow = `${dir}/slow.fifo`, bad = `${dir}/bad.fifo`;
    for (const f of [slow, bad]) await new Deno.Command("mkfifo", { args: [f] }).output();
    // a writer that keeps writing to its FIFO until the reader closes it (then
    // its write fails and it exits), and one that writes bytes that are no
    // UTF-8 and closes
    const holder = new Deno.Command("sh", {
      args: ["-c", `sleep ${delay}; exec 3>"$0"; while printf x >&3; do sleep 0.05; done`, slow],
      stderr: "null",
    }).spawn();
    const writer = new Deno.Command("sh", { args: ["-c", `printf 'a: \\351\\n' >"$0"`, bad] })
      .spawn();
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const e = await diffAction([slow, bad], { format: "text" } as DiffOpts, cmd).then(
        () => undefined,
        (e) => e,
      );
      assert.ok(isStrataError(e), String(e));
      assert.match(e.message, /codec can't decode byte 0xe9/);
      // the slow side was closed: its writer stops
      const late = new Promise<"open">((ok) => timer = setTimeout(() => ok("open"), 5000));
      const ended = await Promise.race([holder.status.then(() => "closed" as const), late]);
      if (ended === "open") holder.kill();
      assert.equal(ended, "closed", "strata still reads the FIFO of the other side");
    } finally {
      clearTimeout(timer);
      await writer.status;
      await holder.status;
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("diff: when one side fails, the FIFO the other side is reading is closed", async () => {
  await slowSideIsClosed(0);
});

Deno.test("diff: when one side fails, a FIFO whose writer opens later is closed then", async () => {
  await slowSideIsClosed(1);
});

Deno.test("diff: a device read to the size limit is closed", async () => {
  const e = await diffAction(["/dev/zero", "/dev/null"], { format: "text" } as DiffOpts, cmd)
    .then(() => undefined, (e) => e);
  assert.ok(isStrataError(e), String(e));
  assert.match(e.message, /over the limit/);
});

import assert from "node:assert/strict";
import { stillRunning } from "../../../core/run/write.ts";

Deno.test("stillRunning: an exited process not yet reaped (a zombie) does not run", async () => {
  // `sleep 0.05` exits under a parent that never waits for it (it became `sleep 5`)
  const parent = new Deno.Command("sh", {
    args: ["-c", 'sleep 0.05 & echo "$!"; exec sleep 5'],
    stdout: "piped",
  }).spawn();
  const reader = parent.stdout.getReader();
  const { value } = await reader.read();
  const pid = Number(new TextDecoder().decode(value).trim());
  try {
    await new Promise((r) => setTimeout(r, 500));
    // (read by a shell: the test permissions, as the binary's, keep Deno out of /proc)
    const stat = new Deno.Command("cat", { args: [`/proc/${pid}/stat`] }).outputSync();
    assert.match(new TextDecoder().decode(stat.stdout), /\) Z /, "the child is a zombie");
    assert.equal(stillRunning({ state: "running", exit_code: null, pid }), false);
    assert.equal(stillRunning({ state: "running", exit_code: null, pid: parent.pid }), true);
  } finally {
    reader.releaseLock();
    parent.kill("SIGKILL");
    await parent.status;
    await parent.stdout.cancel();
  }
});

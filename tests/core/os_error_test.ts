/**
 * core/os_error.ts: an operating-system error in words, naming the path,
 * without Deno's "(os error N)" and call suffix.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { isOsError, osErrorMessage, osReason } from "../../core/os_error.ts";

/** The error a real file-system call throws. */
function thrown(call: () => unknown): unknown {
  try {
    call();
  } catch (e) {
    return e;
  }
  throw new Error("the call did not fail");
}

Deno.test("osErrorMessage: a path under a file names the file, no 'os error'", () => {
  const dir = Deno.makeTempDirSync();
  try {
    const file = join(dir, "f");
    Deno.writeTextFileSync(file, "");
    const e = thrown(() => Deno.readTextFileSync(join(file, "x.json")));
    assert.ok(isOsError(e));
    assert.equal(osReason(e), "not a directory");
    // the path Deno's message names, else the one given (`deno test` leaves it out)
    const want = `not a directory: ${file} (in ${file}/x.json)`;
    assert.equal(osErrorMessage(e, join(file, "x.json")), want);
    const stat = new Deno.errors.NotADirectory(
      `Not a directory (os error 20): stat '${file}/x.json'`,
    );
    assert.equal(osErrorMessage(stat), want);
    const missing = thrown(() => Deno.statSync(join(dir, "nope")));
    assert.equal(
      osErrorMessage(missing, join(dir, "nope")),
      `no such file or directory: ${dir}/nope`,
    );
    const isDir = thrown(() => Deno.readTextFileSync(dir));
    assert.equal(osErrorMessage(isDir, dir), `is a directory: ${dir}`);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("osReason: an error of no known class loses only Deno's suffixes", () => {
  assert.equal(
    osReason(new Error("No space left on device (os error 28): write '/x'")),
    "no space left on device",
  );
  assert.equal(isOsError(new Error("a plain error")), false);
  assert.equal(isOsError(new Deno.errors.NotCapable("Requires read access")), false);
});

Deno.test("a device, /proc or /sys path Deno's sandbox refuses is an OS error, in words without Deno's flags", () => {
  const e = thrown(() => Deno.statSync("/proc/strata-x"));
  assert.ok(e instanceof Deno.errors.NotCapable, String(e));
  assert.equal(isOsError(e), true);
  assert.equal(osReason(e), "off limits (strata does not touch devices, /proc or /sys)");
  assert.equal(
    osErrorMessage(e),
    "off limits (strata does not touch devices, /proc or /sys): /proc/strata-x",
  );
  // the path the user chose, not the deeper one a recursive mkdir names
  const deep = thrown(() => Deno.mkdirSync("/proc/strata-x/a/b", { recursive: true }));
  assert.match(osErrorMessage(deep, "/proc/strata-x"), /: \/proc\/strata-x$/);
});

Deno.test("osErrorMessage: a refused recursive mkdir names the directory it could not make", () => {
  const dir = Deno.makeTempDirSync();
  try {
    // what `mkdir -p ro/x/.hydra` throws where `ro` is read-only (root is never refused: made up)
    const e = new Deno.errors.PermissionDenied(
      `Permission denied (os error 13): mkdir '${dir}/x/.hydra'`,
    );
    assert.equal(osErrorMessage(e), `permission denied: ${dir}/x (creating ${dir}/x/.hydra)`);
    // all of it there: the path itself (a file in it could not be written)
    const there = new Deno.errors.PermissionDenied(
      `Permission denied (os error 13): open '${dir}'`,
    );
    assert.equal(osErrorMessage(there), `permission denied: ${dir}`);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

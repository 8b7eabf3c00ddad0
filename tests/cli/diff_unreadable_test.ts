import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

// diff's exit 1 means "different": a side strata may not read is trouble
// (exit 2) with the file named, not a raw "Permission denied" exit 1. As
// root, the test drops the capabilities that let root read any file.
const WRAPPER = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"];

Deno.test("strata diff: an unreadable file or run dir is exit 2 naming the file", async () => {
  const dir = await writeTree({
    "a.yaml": "a: 1\n",
    "secret.yaml": "a: 2\n",
    "run/.hydra/config.yaml": "a: 2\n",
    "run/.hydra/overrides.yaml": "- a=2\n",
  });
  await Deno.chmod(`${dir}/secret.yaml`, 0o000);
  await Deno.chmod(`${dir}/run/.hydra/overrides.yaml`, 0o000);
  for (
    const [side, file] of [["secret.yaml", "secret.yaml"], ["run", "run/.hydra/overrides.yaml"]]
  ) {
    const r = await strata(["diff", "a.yaml", side], { cwd: dir, wrapper: WRAPPER });
    assert.equal(r.code, 2, r.stderr);
    assertNoStackTrace(r.stderr);
    assert.ok(r.stderr.startsWith(`${file}: cannot read config file: permission denied`), r.stderr);
  }
});

Deno.test("strata diff: a symlink loop as a side or in a run dir's .hydra is exit 2, no stack trace", async () => {
  const dir = await writeTree({
    "a.yaml": "a: 1\n",
    "run/.hydra/config.yaml": "a: 2\n",
  });
  await Deno.symlink("loop2", `${dir}/loop1`);
  await Deno.symlink("loop1", `${dir}/loop2`);
  await Deno.symlink("ov2", `${dir}/run/.hydra/overrides.yaml`);
  await Deno.symlink("overrides.yaml", `${dir}/run/.hydra/ov2`);
  for (const [side, file] of [["loop1", "loop1"], ["run", "run/.hydra/overrides.yaml"]]) {
    const r = await strata(["diff", "a.yaml", side], { cwd: dir });
    assert.equal(r.code, 2, r.stderr);
    assertNoStackTrace(r.stderr);
    assert.ok(
      r.stderr.startsWith(`${file}: cannot read config file: too many levels of symbolic links`),
      r.stderr,
    );
  }
});

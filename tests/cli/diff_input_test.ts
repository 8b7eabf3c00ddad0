// strata diff reads config files and run directories as the conf tree's
// files are read: UTF-8 checked, regular files only (never a device or FIFO).
import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

Deno.test("strata diff: a Latin-1 file or run dir is a located error (exit 2), not U+FFFD", async () => {
  const latin1 = new Uint8Array([...new TextEncoder().encode("a: caf"), 0xe9, 0x0a]);
  const dir = await confTree({
    "utf8.yaml": "a: café\n",
    "latin1.yaml": latin1,
    "run/.hydra/config.yaml": latin1,
    "run/.hydra/overrides.yaml": "[]\n",
  });
  try {
    for (
      const [side, file] of [["latin1.yaml", "latin1.yaml"], ["run", "run/.hydra/config.yaml"]]
    ) {
      const r = await strata(["diff", "utf8.yaml", side], { cwd: dir });
      assert.equal(r.code, 2, r.stdout);
      assert.equal(r.stdout, "");
      assert.equal(
        r.stderr,
        `${file}:1:7: 'utf-8' codec can't decode byte 0xe9 in position 6: a config file must be UTF-8\n`,
      );
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("strata diff: a device that never ends is read to the size limit, then refused", async () => {
  const dir = await confTree({ "a.yaml": "a: 1\n" });
  try {
    // a pipe or device is read as stdin is (diff_empty_side_test.ts): to its end,
    // or one byte past the config size limit
    const r = await strata(["diff", "a.yaml", "/dev/zero"], { cwd: dir });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /^\/dev\/zero: config file is \d+ bytes, over the limit of \d+ bytes/);
    assertNoStackTrace(r.stderr);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("strata diff: a key holding a dot is not the nested key: a change to either is seen", async () => {
  const dir = await confTree({
    "a.yaml": '"a.b": 1\na:\n  b: 2\n',
    "b.yaml": '"a.b": 2\na:\n  b: 2\n',
  });
  try {
    const r = await strata(["diff", "a.yaml", "b.yaml"], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    assert.equal(
      r.stdout,
      "--- a: a.yaml\n+++ b: b.yaml\n~ [a.b]: 1 -> 2\n    a: a.yaml:1:8\n    b: b.yaml:1:8\n" +
        "1 changed, 0 added, 0 removed\n",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("strata diff: a run's overrides.yaml entry that does not parse is an error at its line there", async () => {
  const dir = await confTree({
    "a.yaml": "a: 1\n",
    "run/.hydra/config.yaml": "a: 2\n",
    "run/.hydra/overrides.yaml": "- a=2\n- 'a b c'\n",
  });
  try {
    const r = await strata(["diff", "a.yaml", "run"], { cwd: dir });
    assert.equal(r.code, 2, r.stdout);
    assert.equal(
      r.stderr,
      "run/.hydra/overrides.yaml:2:3: a recorded override does not parse: " +
        "Error parsing override 'a b c': unexpected character ' ' at column 2\n",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

// PrequentialCode's `strata diff runs/a configs/train.yaml`: the primary config as data, its
// defaults entries listed as added keys; the warning says so and what composes it (checker v66)
Deno.test("strata diff: a config file with a defaults list is compared as written, and says how to compose it", async () => {
  const dir = await confTree({
    "conf/train.yaml": "defaults:\n  - model: a\n  - _self_\nx: 1\n",
    "conf/model/a.yaml": "n: 1\n",
    "composed.yaml": "model:\n  n: 1\nx: 1\n",
  });
  try {
    const r = await strata(["diff", "composed.yaml", "conf/train.yaml"], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /\+ defaults\[0\]\.model: "a"/);
    assert.equal(
      r.stderr,
      "conf/train.yaml:2:3: warning: conf/train.yaml is compared as written: its defaults list is " +
        'data here, not composed; its composition is an override set: -d conf -n train --b "" ' +
        "(no overrides)\n",
    );
    // what it says composes it: the same config
    const as = await strata(["diff", "-d", "conf", "-n", "train", "composed.yaml", "--b", ""], {
      cwd: dir,
    });
    assert.equal(as.code, 0, as.stdout + as.stderr);
    assert.equal(as.stderr, "");
    // a file without one: no warning
    const plain = await strata(["diff", "composed.yaml", "conf/model/a.yaml"], { cwd: dir });
    assert.equal(plain.code, 1);
    assert.equal(plain.stderr, "");
    assertNoStackTrace(r.stderr);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

/**
 * Option files whose names are not plain words of the override grammar (`copy (2).yaml`, the
 * name a file manager gives a copy; `lr=0.1.yaml`): validate chooses them with the name quoted,
 * as a user must type it, rather than failing on an override nobody wrote.
 */
import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { validateIn, writeTree } from "./_tree.ts";

Deno.test("validate: options named 'copy (2)' and 'lr=0.1' are composed (quoted), their errors found", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - task@_global_: a\n  - _self_\n",
    "conf/task/a.yaml": "x: 1\n",
    "conf/task/copy (2).yaml": "x: 2\n",
    "conf/task/lr=0.1.yaml": "x: ${nope}\n",
  });
  try {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 1, r.stdout);
    assert.deepEqual(r.lines, [
      "conf/task/lr=0.1.yaml:1:4: error: Interpolation key 'nope' not found [key: x] " +
      "(with task@_global_='lr=0.1')",
    ]);
    // the override it names is the one a user types
    const c = await strata(["compose", "-d", "conf", "task@_global_='copy (2)'"], { cwd: dir });
    assert.equal(c.stdout, "x: 2\n", c.stderr);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

// Options named as the override grammar reads no string (`16.yaml`, `null.yaml`, `true.yaml`,
// `1e3.yaml`) are tried quoted (`flag='null'`): unquoted, Hydra's "Config group override must be
// a string" failed a valid tree (checker x34).
Deno.test("validate: options named like numbers, null or bools are tried quoted", async () => {
  // (x34e beside config.yaml: another top-level primary, its options tried as overrides)
  const dir = writeTree({
    "conf/config.yaml": "y: 1\n",
    "conf/x34e.yaml": 'defaults:\n  - precision: "32"\n  - flag: "on"\n  - _self_\nx: 1\n',
    "conf/precision/32.yaml": "bits: 32\n",
    "conf/precision/16.yaml": "bits: 16\n",
    "conf/flag/on.yaml": "v: 1\n",
    "conf/flag/null.yaml": "v: 2\n",
    "conf/flag/1e3.yaml": "v: 3\n",
    "conf/flag/true.yaml": "v: 4\n",
  });
  try {
    const r = await strata(["validate", "-d", "conf", "-f", "json"], { cwd: dir });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(JSON.parse(r.stdout).problems.length, 0, r.stdout);
    const c = await strata(["compose", "-d", "conf", "-n", "x34e", "flag='null'"], { cwd: dir });
    assert.equal(c.stdout, "precision:\n  bits: 32\nflag:\n  v: 2\nx: 1\n");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

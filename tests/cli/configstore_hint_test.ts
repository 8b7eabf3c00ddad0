/**
 * A config the Python app puts in Hydra's ConfigStore is not there for
 * strata (modulus-sym's `- modulus_default`, its `arch: [fourier]` options):
 * the error says so and what to do, for a config named by path and for an
 * options list's group, as it does for a group entry; not when a near
 * spelling is there (a typo: did-you-mean says it).
 *
 * @module
 */
import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

Deno.test("a missing config or options-list group gets the ConfigStore hint; a typo does not", async () => {
  const cases: [string, RegExp | undefined][] = [
    [
      "  - modulus_default\n",
      /no directory of the search path holds 'modulus_default\.yaml': .*cs\.store\(name=/,
    ],
    [
      "  - arch: [fourier]\n",
      /no directory of the search path is the group 'arch': .*cs\.store\(group=/,
    ],
    ["  - confg\n", undefined],
  ];
  for (const [entry, hint] of cases) {
    const dir = await confTree({ "conf/config.yaml": `defaults:\n${entry}  - _self_\nx: 1\n` });
    const r = await strata(["compose"], { cwd: dir });
    assert.equal(r.code, 1);
    assertNoStackTrace(r.stderr);
    if (hint) assert.match(r.stderr, hint);
    else {
      assert.ok(!r.stderr.includes("ConfigStore"), r.stderr);
      assert.match(r.stderr, /Did you mean 'config'\?/);
    }
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("a config named with its extension (`- default.yaml`) is that file in the hint, and its ConfigStore name has none", async () => {
  // COTIC's debug/limit_batches.yaml includes `- default.yaml`, not in the tree (checker y17)
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - debug: limit\n  - _self_\nx: 1\n",
    "conf/debug/limit.yaml": "# @package _global_\ndefaults:\n  - default.yaml\nlimit: 1\n",
  });
  try {
    const r = await strata(["compose"], { cwd: dir });
    assert.equal(r.code, 1);
    assertNoStackTrace(r.stderr);
    assert.match(r.stderr, /Could not load 'debug\/default\.yaml'/);
    assert.match(
      r.stderr,
      /no directory of the search path holds 'debug\/default\.yaml': .*cs\.store\(group="debug", name="default"\)/,
    );
    assert.doesNotMatch(r.stderr, /\.yaml\.yaml/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("a group entry without its colon (`- model MSAD.yaml`) is said to need one, not the ConfigStore", async () => {
  // AJSVB/CL-for-AD's train.yaml with `- model: MSAD.yaml` written `- model MSAD.yaml` (checker v46)
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - model MSAD.yaml\n  - _self_\nx: 1\n",
    "conf/model/MSAD.yaml": "lr: 1\n",
  });
  try {
    for (const cmd of [["compose"], ["validate", "-d", "conf"]]) {
      const r = await strata(cmd, { cwd: dir });
      assert.equal(r.code, 1, r.stderr);
      assertNoStackTrace(r.stderr);
      const said = r.stdout + r.stderr; // validate reports on stdout
      assert.match(said, /config\.yaml:2:5: (error: )?In 'config': Could not load 'model MSAD/);
      assert.match(
        said,
        /'model' is a group: a group entry is written with a colon, '- model: MSAD(\.yaml)?'/,
      );
      assert.ok(!said.includes("ConfigStore"), said);
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

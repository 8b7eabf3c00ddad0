/**
 * What a config may read: only files under the config directories of the
 * search path, only UTF-8 text without the characters YAML forbids.
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

/** A conf/ tree next to a secret/ dir the configs must not reach. */
function tree(extra: Record<string, string | Uint8Array> = {}): Promise<string> {
  return confTree({
    "conf/config.yaml": "defaults:\n  - model: a\n  - _self_\nx: 1\n",
    "conf/model/a.yaml": "size: 1\n",
    "secret/creds.yaml": "password: hunter2\n",
    ...extra,
  });
}

for (
  const override of [
    "model=../../secret/creds",
    "+model@y=../../secret/creds",
    "model=../../../../../secret/creds",
  ]
) {
  Deno.test(`CLI: ${override} cannot read outside the config tree, exit 1`, async () => {
    const root = await tree();
    const r = await strata(["compose", "-d", "conf", override], { cwd: root });
    assert.equal(r.code, 1);
    assert.equal(r.stdout, "");
    assert.ok(!r.stderr.includes("hunter2"));
    assert.match(
      r.stderr,
      new RegExp(
        `^override #1 '${override.replace(/[+.]/g, "\\$&")}': config path '.*' leads outside`,
      ),
    );
    assertNoStackTrace(r.stderr);
  });
}

Deno.test("CLI: a defaults entry leading outside the tree is an error at its line", async () => {
  const root = await tree({ "conf/evil.yaml": "defaults:\n  - /../secret/creds\n" });
  const r = await strata(["compose", "-d", "conf", "-n", "evil"], { cwd: root });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^conf\/evil\.yaml:2:5: config path '\.\.\/secret\/creds' leads outside/);
});

Deno.test("CLI: a config name leading outside the tree is an error", async () => {
  const root = await tree();
  const r = await strata(["compose", "-d", "conf", "-n", "../secret/creds"], { cwd: root });
  assert.equal(r.code, 1);
  assert.ok(!r.stdout.includes("hunter2"));
  assert.match(r.stderr, /config path '\.\.\/secret\/creds' leads outside/);
});

Deno.test("CLI: '..' that stays inside the tree and symlinks inside it are followed", async () => {
  const root = await tree({ "conf/model/sub/b.yaml": "m: 2\n" });
  await Deno.symlink(`${root}/conf/model/a.yaml`, `${root}/conf/model/link.yaml`);
  const up = await strata(["compose", "-d", "conf", "model=sub/../a"], { cwd: root });
  assert.equal(up.stdout, "model:\n  size: 1\nx: 1\n");
  const link = await strata(["compose", "-d", "conf", "model=link"], { cwd: root });
  assert.equal(link.stdout, "model:\n  size: 1\nx: 1\n");
});

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(
    parts.flatMap((p) => typeof p === "string" ? [...new TextEncoder().encode(p)] : p),
  );

const BAD_INPUT: [string, Uint8Array, RegExp][] = [
  [
    "Latin-1",
    bytes("a: 1\nb: caf", [0xe9], "\n"),
    /config\.yaml:2:7: 'utf-8' codec can't decode byte 0xe9/,
  ],
  [
    "UTF-16",
    bytes([0xff, 0xfe], ..."a: 1\n".split("").map((c) => [c.charCodeAt(0), 0])),
    /config\.yaml:1:1: 'utf-8' codec can't decode byte 0xff in position 0/,
  ],
  [
    "NUL in a value",
    bytes("a: 1\nb: x", [0], "y\n"),
    /config\.yaml:2:5: unacceptable character #x0000/,
  ],
  ["NUL in a key", bytes("a", [0], "b: 1\n"), /config\.yaml:1:2: unacceptable character #x0000/],
  ["ESC", bytes("a: ", [0x1b], "[31m\n"), /config\.yaml:1:4: unacceptable character #x001b/],
  [
    "a control char in a comment",
    bytes("# ", [1], "\n"),
    /config\.yaml:1:3: unacceptable character #x0001/,
  ],
];

for (const [what, content, message] of BAD_INPUT) {
  Deno.test(`CLI: ${what} in a config is a located error, exit 1`, async () => {
    const root = await tree({ "conf/config.yaml": content });
    const r = await strata(["compose", "-d", "conf"], { cwd: root });
    assert.equal(r.code, 1);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, message);
    assertNoStackTrace(r.stderr);
  });
}

Deno.test("CLI: UTF-8 with a BOM, tabs where PyYAML takes them and CRLF line ends are fine", async () => {
  // a tab between tokens (`b:\t1`) is PyYAML's ScannerError (tests/cli/compose_yaml_test.ts)
  const root = await tree({
    "conf/config.yaml": bytes([0xef, 0xbb, 0xbf], "a: caf\u00e9\r\nb: 1 #\tnote\r\n"),
  });
  const r = await strata(["compose", "-d", "conf"], { cwd: root });
  assert.equal(r.stderr, "");
  assert.equal(r.stdout, "a: caf\u00e9\nb: 1\n");
});

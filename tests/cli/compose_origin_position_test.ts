/**
 * The fast reader packs its nodes' origins into small integers (issue 10):
 * errors and `--origins` still show the exact `file:line:col`, deep in a
 * file, in a group option, and where a column too wide to pack falls back
 * to an object.
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

const filler = (n: number) => Array.from({ length: n }, (_, i) => `  k${i}: ${i}`).join("\n");
const WIDE = "w".repeat(140);

Deno.test("compose: an error deep in a fast-read file shows its exact file:line:col", async () => {
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - db: mysql\n  - _self_\n" +
      `model:\n${filler(300)}\n  deep:\n    inner:\n      lr: \${model.k1\n`,
    "conf/wide.yaml": `model:\n${filler(40)}\n  ${WIDE}: \${oops\n`,
    "conf/db/mysql.yaml": `${filler(50).replaceAll("  k", "k")}\nurl: x_\${nowhere}_y\n`,
    "conf/listed.yaml": `model:\n${filler(40)}\n  ${WIDE}: v\n`,
    "conf/fine.yaml": "defaults:\n  - db: mysql\n  - _self_\n",
  });
  try {
    const run = (...args: string[]) => strata(["compose", "-d", "conf", ...args], { cwd: dir });
    const deep = await run("--resolve");
    assert.equal(deep.code, 1);
    // line 3 + 1 + 300 + 2 + 1: `lr:` at column 7, its value at column 11
    assert.match(deep.stderr, /^conf\/config\.yaml:307:11: .*'\$\{model\.k1'/);
    assert.match(deep.stderr, /full key: model\.deep\.inner\.lr/);

    const wide = await run("-n", "wide", "--resolve");
    assert.equal(wide.code, 1);
    assert.match(wide.stderr, /^conf\/wide\.yaml:42:145: /, "a column past 127 is exact too");

    const group = await run("-n", "fine", "--resolve");
    assert.equal(group.code, 1);
    assert.match(
      group.stderr,
      /^conf\/db\/mysql\.yaml:51:8: Interpolation key 'nowhere' not found/,
    );

    const origins = await run("-n", "listed", "--origins");
    assert.equal(origins.code, 0, origins.stderr);
    assert.match(origins.stdout, /^ {2}k39: 39 {2}# conf\/listed\.yaml:41:8$/m);
    // (a key this long is written as an explicit `? key` / `: value` pair, as PyYAML does)
    assert.match(origins.stdout, /^ {2}: v {2}# conf\/listed\.yaml:42:145$/m);
    for (const r of [deep, wide, group, origins]) assertNoStackTrace(r.stderr);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

/**
 * `oc.deprecated`'s warning (OmegaConf's `UserWarning: 'old' is deprecated
 * ...`) is printed by the CLI in the layout of every warning, at the value of
 * the deprecated key: `FILE:L:C: warning: ...`.
 */
import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

const WARNING = "conf/config.yaml:2:6: warning: 'old' is deprecated. Change your code and " +
  "config to use 'new'\n";

Deno.test("compose --resolve, hash, explain and run: oc.deprecated's warning is located at the key", async () => {
  const dir = writeTree({ "conf/config.yaml": "new: 1\nold: ${oc.deprecated:new}\n" });
  try {
    for (
      const args of [
        ["compose", "-d", "conf", "--resolve"],
        ["hash", "-d", "conf"],
        ["explain", "-d", "conf", "old"],
        ["run", "-q", "-d", "conf", "hydra.run.dir=o", "--", "true"],
      ]
    ) {
      const r = await strata(args, { cwd: dir });
      assert.equal(r.code, 0, `${args[0]}: ${r.stderr}`);
      assert.equal(r.stderr, WARNING, args[0]);
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("compose --resolve: a deprecated key read by others is warned of once, as Python's filter says it (checker x27)", async () => {
  const dir = writeTree({
    // a value reaching a `???` makes YAML's --resolve walk the keys again, as OmegaConf.resolve
    "conf/config.yaml": "new: 1\nold: ${oc.deprecated:new}\nalso: ${old}\nm: ???\nr: ${m}\n",
  });
  try {
    const r = await strata(["compose", "-d", "conf", "--resolve"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, WARNING);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("a sequence with missing elements ([1,,2]) warns, as OmegaConf, at the value holding it", async () => {
  const dir = writeTree({
    "conf/config.yaml":
      'b: 1\na: ${oc.create:[1,,2]}\nc: "x ${oc.decode:\'[1,,3]\'}"\nd: ["${b}", x]\n',
  });
  const seq = (text: string, at: string) =>
    `conf/config.yaml:${at}: warning: In the sequence \`${text}\` some elements are missing: ` +
    "please replace them with empty quoted strings. See https://github.com/omry/omegaconf/issues/572 for details.";
  try {
    const r = await strata(["compose", "-d", "conf", "--resolve", "-f", "json"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { b: 1, a: [1, "", 2], c: "x [1, '', 3]", d: [1, "x"] });
    assert.deepEqual(r.stderr.trimEnd().split("\n").sort(), [
      seq("1,,2", "2:4"),
      seq("1,,3", "3:4"),
    ]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

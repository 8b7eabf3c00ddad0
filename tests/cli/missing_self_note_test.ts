/**
 * Under Hydra's missing-`_self_` warning of the primary, strata says what the order changes: the
 * values the primary's own content sets over its defaults list's (vissl's `defaults.yaml`, written
 * for Hydra 1.0, silently replaces the chosen experiment's batch size and transforms), or that it
 * replaces none. Hydra's text stays as it is (the library's `warnings`, the conformance corpus's).
 */
import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { validateIn, writeTree } from "./_tree.ts";
import { compose } from "../../core/compose/compose.ts";

const HYDRA = "In 'config': Defaults list is missing `_self_`. See " +
  "https://hydra.cc/docs/1.2/upgrades/1.0_to_1.1/default_composition_order for more information";
const ORDER =
  "    `- _self_` first in the list lets the list's configs win (Hydra 1.0's order), last " +
  "keeps this config";

const TREE = {
  "conf/config.yaml": "defaults:\n  - exp: simclr\n\n" +
    "exp:\n  batch: 256\n  transforms: []\n  name: base\n  head:\n    params: []\n    dim: 128\n" +
    "  project: ???\n" +
    "seed: 1\nhydra:\n  run:\n    dir: out\n",
  "conf/exp/simclr.yaml": "batch: 64\ntransforms: [crop, flip]\nname: simclr\nproject: p\n" +
    "head:\n  params: [[mlp, 2048]]\n  dim: 128\n",
  "conf/exp/tiny.yaml": "batch: 256\nname: tiny\nproject: q\n",
};

Deno.test("compose: the missing _self_ warning names the values the primary's own content replaces", async () => {
  const dir = writeTree(TREE);
  try {
    const r = await strata(["compose", "-d", "conf"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    // exp.head.dim is the same value either way, a ??? merged over a value leaves it (eai-vc's
    // wandb.project); hydra.run.dir is Hydra's node, set over its defaults in either order
    assert.equal(
      r.stderr,
      `conf/config.yaml:2:10: warning: ${HYDRA}\n` +
        "    its own values are merged last, over 4 values its defaults list sets: exp.batch " +
        "(256, was 64 from exp/simclr), exp.transforms ([], was a list from exp/simclr), " +
        "exp.name (base, was simclr from exp/simclr), and 1 more\n" +
        `${ORDER}\n`,
    );
    assert.match(r.stdout, /batch: 256/);
    const tiny = await strata(["compose", "-d", "conf", "exp=tiny"], { cwd: dir });
    assert.match(tiny.stderr, /over 1 value its defaults list sets: exp\.name \(base, was tiny/);
    // validate: one warning for both compositions, with the primary composition's values
    const v = await validateIn(dir, ["-d", "conf"]);
    assert.equal(v.code, 0);
    assert.deepEqual(v.lines.filter((l) => l.includes("_self_")).length, 2);
    assert.equal(v.lines.at(-1), "1 warning in 3 files, 2 compositions");
    assert.match(v.lines[1], /^ {8}its own values are merged last, over 4 values/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("compose: a primary whose own values replace none of its list's says so", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - db: mysql\nlr: 0.1\n",
    "conf/db/mysql.yaml": "host: a\n",
  });
  try {
    const r = await strata(["compose", "-d", "conf"], { cwd: dir });
    assert.equal(
      r.stderr,
      `conf/config.yaml:2:9: warning: ${HYDRA}\n    its own values replace none its defaults ` +
        "list sets: `- _self_` last in the list composes the same config without the warning\n",
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("library: compose's warnings keep Hydra's text; warningsAt carries strata's note", () => {
  const dir = writeTree(TREE);
  try {
    const c = compose({ configDir: `${dir}/conf`, configName: "config" });
    assert.deepEqual(c.warnings, [HYDRA]);
    assert.equal(c.warningsAt.length, 1);
    assert.ok(c.warningsAt[0].message.startsWith(`${HYDRA}\n    its own values are merged last`));
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("missing _self_ note: values shown as Python shows them (256.0 is no 256, True no true)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - a: p\nx:\n  n: 256.0\n  b: true\n",
    "conf/a/p.yaml": "# @package x\nn: 256\nb: false\n",
  });
  try {
    const r = await strata(["compose", "-d", "conf"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stderr,
      /over 2 values its defaults list sets: x\.n \(256\.0, was 256 from a\/p\), x\.b \(True, was False from a\/p\)\n/,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("compose: the missing _self_ warning comes before an error of the merge, as Hydra warns while it builds the defaults list (checker v20)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - exp: tiny\nhydra:\n  name: x\n",
    "conf/exp/tiny.yaml": "batch: 256\n",
  });
  try {
    const r = await strata(["compose", "-d", "conf"], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stderr.split("\n");
    assert.equal(lines[0], `conf/config.yaml:2:10: warning: ${HYDRA}`);
    assert.match(r.stderr, /\nconf\/config\.yaml:4:3: Key 'name' not in 'HydraConf'\n/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

/**
 * What bash offers for an option's value: its choices (`--info`, `-f`,
 * `--cfg`, for every command that has them), overrides for the options that
 * take overrides (`diff --a/--b`), keys for `-p`, paths only where a path goes.
 */

import assert from "node:assert/strict";
import { buildProgram } from "../../cli/main.ts";
import { completeBash } from "./_complete.ts";

const CONF = {
  "conf/config.yaml": "defaults:\n  - model: small\n  - optimizer: adam\n  - _self_\nseed: 1\n",
  "conf/model/small.yaml": "layers: 2\n",
  "conf/model/big.yaml": "layers: 24\n",
  "conf/optimizer/adam.yaml": "lr: 0.001\nbetas: [0.9, 0.99]\n",
  "conf/optimizer/sgd.yaml": "lr: 0.1\nmomentum: 0.9\n",
};

Deno.test("bash completion: every option with choices offers them, spelt long, short or --long=", async () => {
  const cases: { line: string; choices: string[] }[] = [];
  for (const cmd of buildProgram().commands) {
    for (const o of cmd.options) {
      if (!o.argChoices) continue;
      for (const flag of [o.long, o.short]) {
        if (flag) cases.push({ line: `strata ${cmd.name()} ${flag} `, choices: o.argChoices });
      }
      cases.push({ line: `strata ${cmd.name()} ${o.long}=`, choices: o.argChoices });
    }
  }
  // compose's and run's --info, the three -f, --cfg: no option of them is left out
  assert.ok(cases.length >= 20, String(cases.length));
  const got = await completeBash(CONF, cases.map((c) => c.line));
  const wrong = cases.filter((c, i) => got[i].join(" ") !== c.choices.join(" ")).map((c) => c.line);
  assert.deepEqual(wrong, []);
});

Deno.test("bash completion: --info's topic, or an override where no topic fits", async () => {
  const [topics, partial, override, after] = await completeBash(CONF, [
    "strata compose -d conf --info defaults-",
    "strata compose --info=se",
    "strata compose --info mo",
    "strata compose --info defaults optimizer=",
  ]);
  assert.deepEqual(topics, ["defaults-tree"]);
  assert.deepEqual(partial, ["searchpath"]);
  // `--info model=big` is --info all with an override (Hydra's argparse reads it so)
  assert.deepEqual(override, ["model=", "model."]);
  assert.deepEqual(after, ["adam", "sgd"]);
});

Deno.test("bash completion: diff's --a/--b take overrides, -p a key, free text no files", async () => {
  const [options, groups, eq, value, pkg, name, resolvers] = await completeBash(CONF, [
    "strata diff --a optimizer=",
    "strata diff -d conf --b opt",
    "strata diff --a=model=b",
    "strata diff --b seed=",
    "strata compose -c job -p optimizer.",
    "strata sweep --name ",
    "strata run --resolvers co",
  ]);
  assert.deepEqual(options, ["adam", "sgd"]);
  assert.deepEqual(groups, ["optimizer=", "optimizer."]);
  assert.deepEqual(eq, ["big"]);
  assert.deepEqual(value, ["1"]);
  assert.deepEqual(pkg, ["optimizer.lr", "optimizer.betas."]);
  assert.deepEqual(name, []);
  assert.deepEqual(resolvers, ["conf/"]);
});

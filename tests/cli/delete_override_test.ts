/**
 * `~key=null` deletes whatever the value is, as Hydra's
 * `_apply_overrides_to_config` does (`value is not None and value !=
 * config_val` is the only check), so the `~key` a sweep passes on works.
 *
 * @module
 */

import assert from "node:assert/strict";
import { confTree, strata } from "./_cli.ts";

const FILES = {
  "conf/config.yaml": "defaults:\n  - model: a\n  - _self_\nseed: 1\n",
  "conf/model/a.yaml": "name: a\n",
};

Deno.test("~key=null deletes the key whatever its value; ~key=other still refuses", async () => {
  const dir = await confTree(FILES);
  const deleted = await strata(["compose", "~seed=null"], { cwd: dir });
  assert.equal(deleted.code, 0, deleted.stderr);
  assert.equal(deleted.stdout, "model:\n  name: a\n");
  const wrong = await strata(["compose", "~seed=2"], { cwd: dir });
  assert.equal(wrong.code, 1);
  assert.match(wrong.stderr, /The value of 'seed' is 1 and not 2/);
  const missing = await strata(["compose", "~nope=null"], { cwd: dir });
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /'nope' does not exist/);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("sweep '~seed' and run -m '~seed' delete seed in the job", async () => {
  const dir = await confTree(FILES);
  const sweep = await strata(["sweep", "~seed"], { cwd: dir });
  assert.equal(sweep.code, 0, sweep.stderr);
  assert.deepEqual(JSON.parse(sweep.stdout).overrides, ["~seed=null"]);
  const run = await strata(["run", "-m", "~seed", "hydra.sweep.dir=ms", "--", "true"], {
    cwd: dir,
  });
  assert.equal(run.code, 0, run.stderr);
  assert.equal(Deno.readTextFileSync(`${dir}/ms/0/.hydra/config.yaml`), "model:\n  name: a\n");
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("~key=value compares as Python's == does: True == 1, 0 == False, lists and dicts", async () => {
  const dir = await confTree({
    "conf/config.yaml": "f: false\nx: 1\nl: [1, 2]\nd: {k: 1}\nkeep: 0\n",
  });
  const deleted = await strata(["compose", "~f=0", "~x=true", "~l=[1.0,2]", "~d={k:1}"], {
    cwd: dir,
  });
  assert.equal(deleted.code, 0, deleted.stderr);
  assert.equal(deleted.stdout, "keep: 0\n");
  const list = await strata(["compose", "~l=[1,3]"], { cwd: dir });
  assert.equal(list.code, 1);
  assert.match(list.stderr, /The value of 'l' is \[1, 2\] and not \[1, 3\]\./);
  const map = await strata(["compose", "~d={k:2}"], { cwd: dir });
  assert.match(map.stderr, /The value of 'd' is \{'k': 1\} and not \{'k': 2\}\./);
  const str = await strata(["compose", "~keep='0'"], { cwd: dir });
  assert.match(str.stderr, /The value of 'keep' is 0 and not 0\./);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("~key=value reads the interpolations inside the config's dict or list, as OmegaConf's == does", async () => {
  // Hydra's `value != config_val`: a DictConfig/ListConfig dereferences its
  // items (BaseContainer._item_eq); one that does not resolve reads as None,
  // and two interpolations that cannot both be read compare as written
  const dir = await confTree({
    "conf/config.yaml": "y: 3\nd: {a: '${y}'}\nl: [1, '${y}']\nbad: {a: '${nope}'}\n" +
      "deep: {a: {b: '${y}'}}\nkeep: 0\n",
  });
  const deleted = await strata(
    ["compose", "~d={a:3}", "~l=[1.0,3]", "~bad={a:null}", "~deep={a:{b:3}}", "~y=3"],
    { cwd: dir },
  );
  assert.equal(deleted.code, 0, deleted.stderr);
  assert.equal(deleted.stdout, "keep: 0\n");
  const asWritten = await strata(["compose", "~d={a:${y}}", "~bad={a:${nope}}"], { cwd: dir });
  assert.equal(asWritten.code, 0, asWritten.stderr);
  const str = await strata(["compose", "~d={a:'3'}"], { cwd: dir });
  assert.equal(str.code, 1);
  assert.match(str.stderr, /The value of 'd' is \{'a': '\$\{y\}'\} and not \{'a': '3'\}\./);
  const unread = await strata(["compose", "~bad={a:1}"], { cwd: dir });
  assert.equal(unread.code, 1);
  assert.match(unread.stderr, /The value of 'bad' is \{'a': '\$\{nope\}'\} and not \{'a': 1\}\./);
  // a leaf: OmegaConf.select resolves the config's side, the override's value
  // is the text `${y}` (Hydra resolves nothing in it), so they differ
  await Deno.writeTextFile(`${dir}/conf/config.yaml`, "y: 3\nz: '${y}'\n");
  const leaf = await strata(["compose", "~z=${y}"], { cwd: dir });
  assert.equal(leaf.code, 1);
  assert.match(leaf.stderr, /The value of 'z' is 3 and not \$\{y\}\./);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("~group drops an entry whose option file is missing; with no group dir it says why it cannot", async () => {
  // Hydra checks the deletion before loading the option (defaults_list.py), but only for
  // a group that exists: `~b` of a group with no directory is a config override.
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - a: x\n  - b: nope\n  - _self_\nk: 1\n",
    "conf/a/x.yaml": "v: 1\n",
    "conf/b/other.yaml": "w: 2\n",
  });
  for (const del of ["~b", "~b=nope"]) {
    const dropped = await strata(["compose", del], { cwd: dir });
    assert.equal(dropped.code, 0, dropped.stderr);
    assert.equal(dropped.stdout, "a:\n  v: 1\nk: 1\n");
  }
  Deno.removeSync(`${dir}/conf/b`, { recursive: true });
  const noGroup = await strata(["compose", "~b"], { cwd: dir });
  assert.equal(noGroup.code, 1);
  assert.match(noGroup.stderr, /conf\/config\.yaml:3:8: In 'config': Could not find 'b\/nope'/);
  assert.match(
    noGroup.stderr,
    /override #1 '~b': not a deletion of this entry: there is no config group 'b' in the search path/,
  );
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("~group=name where the list writes name.yaml: Hydra's error, and what the list chooses", async () => {
  // rl4co's defaults write `callbacks: default.yaml`; Hydra compares the names as written
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - callbacks: default.yaml\n  - _self_\n",
    "conf/callbacks/default.yaml": "a: 1\n",
  });
  try {
    const r = await strata(["compose", "~callbacks=default"], { cwd: dir });
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      "override #1 '~callbacks=default': Could not delete 'callbacks=default'. No match in the " +
        "defaults list\n    conf/config.yaml:2:16: the defaults list chooses 'default.yaml' for " +
        "callbacks (Hydra compares the names as written): ~callbacks=default.yaml, or ~callbacks " +
        "whatever it chooses\n",
    );
    const written = await strata(["compose", "~callbacks=default.yaml"], { cwd: dir });
    assert.equal(written.code, 0, written.stderr);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("~group=name: the name compared is placed where it was written, an experiment's override entry (checker w24)", async () => {
  // DYffusion: `diffusion: null` in the primary, `override /diffusion: dyffusion.yaml` in the experiment
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - diffusion: null\n  - experiment: null\n  - _self_\n",
    "conf/diffusion/dyffusion.yaml": "a: 1\n",
    "conf/experiment/ns.yaml": "# @package _global_\ndefaults:\n" +
      "  - override /diffusion: dyffusion.yaml\n  - _self_\n",
  });
  try {
    const r = await strata(["compose", "experiment=ns", "~diffusion=dyffusion"], { cwd: dir });
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /^ {4}conf\/experiment\/ns\.yaml:3:26: the defaults list chooses 'dyffusion\.yaml' for diffusion/m,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("a defaults list's interpolation over an unset variable says what failed under Hydra's words (checker v30)", async () => {
  const dir = await confTree({
    "conf/config.yaml":
      "defaults:\n  - server: apache\n  - server_db: ${oc.env:STRATA_NOPE_X9}_db\n" +
      "  - _self_\n",
    "conf/server/apache.yaml": "a: 1\n",
  });
  try {
    const r = await strata(["compose"], { cwd: dir });
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      "conf/config.yaml:3:16: Error resolving interpolation '${oc.env:STRATA_NOPE_X9}_db', " +
        "possible interpolation keys: server\n    what failed: KeyError raised while resolving " +
        "interpolation: \"Environment variable 'STRATA_NOPE_X9' not found\"\n",
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("~KEY of a key no config holds suggests config keys, never a group's choice key (checker v44: ~models offered model@models_common)", async () => {
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - model@models_common: base\n  - _self_\nx: 1\n",
    "conf/c2.yaml": "defaults:\n  - model@models_common: base\n  - _self_\nmodels: {a: 1}\n",
    "conf/model/base.yaml": "a: 1\n",
  });
  try {
    const none = await strata(["compose", "~models"], { cwd: dir });
    assert.equal(none.code, 1, none.stderr);
    assert.equal(
      none.stderr,
      "override #1 '~models': Could not delete from config. 'models' does not exist.\n" +
        "    full key: models\n",
    );
    const near = await strata(["compose", "-n", "c2", "~modls"], { cwd: dir });
    assert.equal(near.code, 1, near.stderr);
    assert.match(near.stderr, /Did you mean 'models'\?\n$/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

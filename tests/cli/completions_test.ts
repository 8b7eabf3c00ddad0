import assert from "node:assert/strict";
import { COMMANDS, strata } from "./_cli.ts";
import { completeBash } from "./_complete.ts";
import { writeTree } from "./_tree.ts";

const CONF = {
  "conf/config.yaml": "defaults:\n  - model: small\n  - optimizer: adam\n  - _self_\nseed: 1\n",
  "conf/model/small.yaml": "layers: 2\n",
  "conf/model/big.yaml": "layers: 24\n",
  "conf/optimizer/adam.yaml": "lr: 0.001\nbetas: [0.9, 0.99]\n",
  "conf/optimizer/sgd.yaml": "lr: 0.1\nmomentum: 0.9\n",
  "conf/_schema/model.schema.yaml": "type: object\n",
  "conf/experiment/fast.yaml": "# @package _global_\nseed: 2\n",
};

/** The completions bash offers for each line, in the tree above. */
const complete = (lines: string[]) => completeBash(CONF, lines);

Deno.test("bash completion: commands, flags, groups, options and config keys", async () => {
  const [commands, options, partial, groups, keys, flags, formats] = await complete([
    "strata ",
    "strata compose model=",
    "strata compose optimizer=s",
    "strata compose ",
    "strata compose optimizer.",
    "strata compose --con",
    "strata compose -f ",
  ]);
  assert.deepEqual(commands, COMMANDS);
  // readline replaces the text after '=': the answers are the options themselves
  assert.deepEqual(options, ["big", "small"]);
  assert.deepEqual(partial, ["sgd"]);
  // Hydra's own groups and node, as Hydra offers them: `hydra/` and `hydra.`; a group the
  // defaults list does not name with the `+` that adds it
  assert.deepEqual(groups, [
    "model=",
    "optimizer=",
    "hydra/",
    "+experiment=",
    "model.",
    "optimizer.",
    "seed=",
    "hydra.",
  ]);
  assert.deepEqual(keys, ["optimizer.lr=", "optimizer.betas."]);
  assert.deepEqual(flags, ["--config-dir", "--config-name"]);
  assert.ok(formats.includes("mermaid") && formats.includes("yaml"), formats.join(" "));
});

Deno.test("bash completion: '+' only for what can be added, '++' for keys, no prefix for what is there", async () => {
  const [add, force, plain, addKey, addGroup, forceGroup, addNew] = await complete([
    "strata compose +",
    "strata compose ++",
    "strata compose e",
    "strata compose +seed=",
    "strata compose +model=",
    "strata compose ++model=",
    "strata compose +experiment=",
  ]);
  // Hydra: '+' on an existing key is "An item is already at"; on a listed group, an error;
  // '++' does not force-add groups; no prefix on an unlisted group is "No match in the defaults list"
  assert.deepEqual(add, ["+experiment=", "+model.", "+optimizer.", "+hydra."]);
  assert.deepEqual(force, ["++model.", "++optimizer.", "++seed=", "++hydra."]);
  assert.deepEqual(plain, []);
  assert.deepEqual(addKey, []);
  assert.deepEqual(addGroup, []);
  assert.deepEqual(forceGroup, []);
  assert.deepEqual(addNew, ["fast"]);
});

Deno.test("bash completion: config dirs, config names and diff's paths", async () => {
  const [dirs, names, paths] = await complete([
    "strata compose -d co",
    "strata compose -d conf -n ",
    "strata diff conf/m",
  ]);
  assert.deepEqual(dirs, ["conf/"]);
  assert.deepEqual(names, ["config"]);
  assert.deepEqual(paths, ["conf/model/"]);
});

Deno.test("bash completion: group choices on the line change the keys offered", async () => {
  const [keys, missing] = await complete([
    "strata compose optimizer=sgd optimizer.",
    "strata compose -d nowhere model=",
  ]);
  assert.deepEqual(keys, ["optimizer.lr=", "optimizer.momentum="]);
  assert.deepEqual(missing, []);
});

Deno.test("bash completion: Hydra's -cd spelling, no _schema group, explain's KEY without '='", async () => {
  const [cd, cdEq, cdDirs, schema, key, keys, after] = await complete([
    "strata compose -cd conf model=",
    "strata compose -cd=conf -cn config optimizer=s",
    "strata compose -cd co",
    "strata compose _s",
    "strata explain optimizer.l",
    "strata explain -cd conf optimizer.",
    "strata explain optimizer.lr optimizer=",
  ]);
  assert.deepEqual(cd, ["big", "small"]);
  assert.deepEqual(cdEq, ["sgd"]);
  assert.deepEqual(cdDirs, ["conf/"]);
  assert.deepEqual(schema, []);
  assert.deepEqual(key, ["optimizer.lr"]);
  assert.deepEqual(keys, ["optimizer.lr", "optimizer.betas."]);
  assert.deepEqual(after, ["adam", "sgd"]);
});

Deno.test("bash completion after '--': no options; overrides for compose, the command's files for run", async () => {
  const [flags, overrides, keys, pkg, run, runFlag, sweep] = await complete([
    "strata compose -- -",
    "strata compose -- m",
    "strata compose -- optimizer=sgd optimizer.",
    "strata compose -- -p ",
    "strata run model=big -- co",
    "strata run -- python -",
    "strata sweep seed=1,2 -- co",
  ]);
  // after '--' every word is an override: no flag, no option value (`-p` is a word)
  assert.deepEqual(flags, []);
  assert.deepEqual(overrides, ["model=", "model."]);
  // an override after '--' counts: sgd's keys
  assert.deepEqual(keys, ["optimizer.lr=", "optimizer.momentum="]);
  assert.ok(pkg.includes("seed=") && !pkg.includes("seed"), pkg.join(" "));
  // run's and sweep's words after '--' are the command they run: files, not overrides
  assert.deepEqual(run, ["conf/"]);
  assert.deepEqual(runFlag, []);
  assert.deepEqual(sweep, ["conf/"]);
});

Deno.test("strata completions zsh|fish print tab's scripts; an unknown shell is bad usage", async () => {
  const zsh = await strata(["completions", "zsh"]);
  assert.equal(zsh.code, 0, zsh.stderr);
  assert.match(zsh.stdout, /^#compdef strata/);
  const fish = await strata(["completions", "fish"]);
  assert.match(fish.stdout, /complete -c strata/);
  const bad = await strata(["completions", "tcsh"]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /'tcsh' is invalid/);
});

Deno.test("strata complete: .strata.yaml's config_dir and config_name, as the command reads them", async () => {
  // lightning-hydra-template's layout: configs/train.yaml, named in .strata.yaml
  const dir = writeTree({
    ".strata.yaml": "config_dir: configs\nconfig_name: train\n",
    "configs/train.yaml": "defaults:\n  - experiment: null\n  - _self_\nseed: 1\n",
    "configs/experiment/example.yaml": "# @package _global_\nseed: 2\n",
  });
  const words = async (...line: string[]) => {
    const r = await strata(["complete", "--", ...line], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    return r.stdout.split("\n").filter((l) => l && !l.startsWith(":")).map((l) => l.split("\t")[0]);
  };
  assert.deepEqual(await words("compose", "experiment="), ["experiment=example"]);
  assert.deepEqual(await words("compose", "se"), ["seed="]);
  assert.deepEqual(await words("compose", "-n", ""), ["train"]);
  // the command line still wins
  assert.deepEqual(await words("compose", "-d", "nowhere", "experiment="), []);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("strata complete: --no-config-name takes no value, so the override after it counts", async () => {
  // Hydra's tutorial layout: groups only, composed from `+db=mysql`
  const dir = writeTree({ "conf/db/mysql.yaml": "driver: mysql\nuser: omry\n" });
  const words = async (...line: string[]) => {
    const r = await strata(["complete", "--", ...line], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    return r.stdout.split("\n").filter((l) => l && !l.startsWith(":")).map((l) => l.split("\t")[0]);
  };
  try {
    for (const cmd of ["compose", "explain"]) {
      assert.deepEqual(
        await words(cmd, "--no-config-name", "+db=mysql", "db."),
        ["db.driver=", "db.user="],
        cmd,
      );
    }
    assert.deepEqual(await words("compose", "--no-config-name", "+db=m"), ["+db=mysql"]);
    // nothing typed yet: the group only `+` adds is offered as `+db=`
    assert.deepEqual(await words("compose", "--no-config-name", ""), [
      "hydra/",
      "+db=",
      "hydra.",
    ]);
    // a group the primary names is offered bare, one it does not name with `+`
    Deno.mkdirSync(`${dir}/conf/model`);
    Deno.writeTextFileSync(`${dir}/conf/model/small.yaml`, "size: 1\n");
    Deno.writeTextFileSync(
      `${dir}/conf/config.yaml`,
      "defaults:\n  - model: small\n  - _self_\na: 1\n",
    );
    const empty = await words("compose", "");
    assert.ok(empty.includes("model=") && empty.includes("+db="), empty.join(" "));
    assert.ok(!empty.includes("+model=") && !empty.includes("db="), empty.join(" "));
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("bash completion: a key's current value only when the shell can take it as it is; null as null", async () => {
  const tree = {
    "conf/config.yaml":
      "out: ${hydra:runtime.output_dir}/x\nname: null\nlr: 1e-05\nnote: hello world\nflag: true\n",
  };
  const [interp, nil, lr, note, flag] = await completeBash(tree, [
    "strata compose out=",
    "strata compose name=",
    "strata compose lr=",
    "strata compose note=",
    "strata compose flag=",
  ]);
  // `${...}` made bash print "bad substitution" and complete nothing (zsh inserted it unquoted)
  assert.deepEqual(interp, []);
  assert.deepEqual(nil, ["null"]); // Python's None would be the string "None"
  assert.deepEqual(lr, ["1e-05"]);
  assert.deepEqual(note, []); // a space would split it
  assert.deepEqual(flag, ["true"]); // as the YAML writes it, not Python's True (checker x39)
});

Deno.test("completion: a key's description shows its value as the YAML writes it (null, false)", async () => {
  const dir = writeTree({ "conf/config.yaml": "flag: false\nn: null\nlr: 1e-05\n" });
  try {
    const r = await strata(["complete", "--", "compose", ""], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    for (const line of ["flag=\tfalse", "n=\tnull", "lr=\t1e-05"]) {
      assert.ok(r.stdout.split("\n").includes(line), r.stdout);
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("bash completion: keys complete while a `???` group is not chosen yet, its first option standing in (checker w38)", async () => {
  const tree = {
    "conf/config.yaml": "defaults:\n  - algorithm: ???\n  - env: ???\n  - _self_\nseed: 1\n",
    "conf/algorithm/dqn.yaml": "lr: 0.1\nlayers: 2\n",
    "conf/algorithm/ppo.yaml": "lr: 0.2\nclip: 0.2\n",
    "conf/env/gym.yaml": "name: cart\n",
  };
  const [unchosen, oneChosen, top, standIn, chosen, seed] = await completeBash(tree, [
    "strata compose algorithm.l",
    "strata compose algorithm=ppo algorithm.c",
    "strata compose se",
    "strata compose algorithm.lr=",
    "strata compose algorithm=ppo algorithm.lr=",
    "strata compose seed=",
  ]);
  assert.deepEqual(unchosen, ["algorithm.lr=", "algorithm.layers="]);
  assert.deepEqual(oneChosen, ["algorithm.clip="]);
  assert.deepEqual(top, ["seed="]);
  // no "current value" from the option standing in: the user has chosen none (checker x38)
  assert.deepEqual(standIn, []);
  assert.deepEqual(chosen, ["0.2"]);
  assert.deepEqual(seed, ["1"]);
});

Deno.test("bash completion: the typed words are passed as they are, not evaluated (~key, $(...))", async () => {
  // checker x42: the script eval'ed the line, so `~` became $HOME and `$(...)` ran on TAB
  const marker = `${Deno.makeTempDirSync()}/ran`;
  const [deletes, afterSubst] = await complete([
    "strata compose ~",
    `strata compose x=$(touch ${marker}) se`,
  ]);
  assert.ok(deletes.includes("~model") || deletes.includes("~model="), deletes.join(" "));
  assert.ok(deletes.every((d) => d.startsWith("~")), deletes.join(" "));
  assert.deepEqual(afterSubst, ["seed="]);
  assert.throws(() => Deno.statSync(marker), "the $(...) typed on the line was run");
});

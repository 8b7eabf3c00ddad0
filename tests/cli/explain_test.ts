import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

const TREE = {
  "conf/config.yaml": `defaults:
  - optimizer: adamw
  - _self_

optimizer:
  lr: 3e-4
run_name: lr\${optimizer.lr}-\${optimizer.name}
`,
  "conf/optimizer/adamw.yaml": "name: adamw\nlr: 2e-4\n",
  "conf/optimizer/sgd.yaml": "name: sgd\nlr: 0.1\n",
};

Deno.test("strata explain: every layer in merge order, the override last, the final value", async () => {
  const dir = await writeTree(TREE);
  const r = await strata(["explain", "-d", "conf", "optimizer.lr", "optimizer.lr=1e-3"], {
    cwd: dir,
  });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stdout,
    `optimizer.lr
  1. optimizer/adamw @ optimizer: 0.0002  (conf/optimizer/adamw.yaml:2:5)
     defaults entry conf/config.yaml:2:16
  2. config: 0.0003  (conf/config.yaml:6:7)
  3. set by override #1 'optimizer.lr=1e-3'
  composed: 0.001  (override #1 'optimizer.lr=1e-3')
  value: 0.001
`,
  );
});

Deno.test("strata explain: a group override names the option it chose", async () => {
  const dir = await writeTree(TREE);
  const r = await strata(["explain", "-d", "conf", "optimizer.name", "optimizer=sgd"], {
    cwd: dir,
  });
  assert.equal(r.code, 0, r.stderr);
  assert.match(
    r.stdout,
    /1\. optimizer\/sgd @ optimizer: "sgd" {2}\(conf\/optimizer\/sgd\.yaml:1:7\)\n/,
  );
  assert.match(r.stdout, /chosen by override #1 'optimizer=sgd'/);
});

Deno.test("strata explain: an interpolated key shows the chain and the resolved value", async () => {
  const dir = await writeTree(TREE);
  const r = await strata(["explain", "-d", "conf", "run_name", "-f", "json"], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const e = JSON.parse(r.stdout);
  assert.deepEqual(e.composed, {
    value: "lr${optimizer.lr}-${optimizer.name}",
    origin: "conf/config.yaml:7:11",
  });
  assert.deepEqual(e.chain, [
    { key: "optimizer.lr", value: 0.0003, origin: "conf/config.yaml:6:7" },
    { key: "optimizer.name", value: "adamw", origin: "conf/optimizer/adamw.yaml:1:7" },
  ]);
  assert.equal(e.value, "lr0.0003-adamw");
});

Deno.test("strata explain: a missing key is bad usage with did-you-mean, no stack trace", async () => {
  const dir = await writeTree(TREE);
  const r = await strata(["explain", "-d", "conf", "optimzer.lr"], { cwd: dir });
  assert.equal(r.code, 2);
  assert.equal(r.stdout, "");
  assert.match(r.stderr, /Key 'optimzer\.lr' is not in the composed config/);
  assert.match(r.stderr, /Did you mean 'optimizer\.lr'\?/);
  assertNoStackTrace(r.stderr);
  // a key of the hydra node too, as compose -p suggests it (checker v71 #1)
  const hydra = await strata(["explain", "-d", "conf", "hydra.run.dri"], { cwd: dir });
  assert.equal(hydra.code, 2);
  assert.match(hydra.stderr, /Did you mean 'hydra\.run\.dir'\?/);
});

Deno.test("strata explain: a key one level too high gets compose's did-you-mean (DPR's encoder.encoder)", async () => {
  // an option written for Hydra 1.0 (no header) lands at its group: `encoder.encoder.x`
  const dir = await writeTree({
    "conf/config.yaml": "defaults:\n  - encoder: hf\n  - _self_\n",
    "conf/encoder/hf.yaml": "encoder:\n  sequence_length: 256\n",
  });
  const r = await strata(["explain", "-d", "conf", "encoder.sequence_length"], { cwd: dir });
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /Did you mean 'encoder\.encoder\.sequence_length'\?/);
});

Deno.test("strata explain: an option an experiment's override chose names that file; a list override is a layer of its items", async () => {
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - db: mysql\n  - _self_\n",
    "conf/db/mysql.yaml": "port: 3306\nhosts: [a, b]\n",
    "conf/db/pg.yaml": "port: 5432\nhosts: [c]\n",
    "conf/exp/fast.yaml": "# @package _global_\ndefaults:\n  - override /db: pg\n",
  });
  try {
    const r = await strata(["explain", "db.port", "+exp=fast", "-d", "conf"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /db\/pg @ db: 5432 {2}\(conf\/db\/pg\.yaml:1:7\)\n {5}chosen by conf\/exp\/fast\.yaml:3:19\n/,
    );
    const item = await strata(["explain", "db.hosts[0]", "db.hosts=[q,r]", "-d", "conf"], {
      cwd: dir,
    });
    assert.equal(item.code, 0, item.stderr);
    assert.match(item.stdout, /2\. set by override #1 'db\.hosts=\[q,r\]'/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("strata explain: each option of an experiment's options-list override is chosen where its item is written (checker w27)", async () => {
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - loss: [a]\n  - _self_\n",
    "conf/loss/a.yaml": "la: 1\n",
    "conf/loss/b.yaml": "lb: 1\n",
    "conf/exp/e.yaml": "# @package _global_\ndefaults:\n  - override /loss: [a, b]\n",
  });
  try {
    for (const [key, col] of [["loss.la", 22], ["loss.lb", 25]]) {
      const r = await strata(["explain", String(key), "+exp=e", "-d", "conf"], { cwd: dir });
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`chosen by conf/exp/e\\.yaml:3:${col}\n`), String(key));
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("strata explain and diff: an option an interpolated entry (algo: ${scenario}) chose is credited to the override that chose scenario (checker w28)", async () => {
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - scenario: a\n  - algo: ${scenario}\n  - _self_\n",
    "conf/scenario/a.yaml": "s: 1\n",
    "conf/scenario/b.yaml": "s: 2\n",
    "conf/algo/a.yaml": "lr: 1\n",
    "conf/algo/b.yaml": "lr: 2\n",
  });
  try {
    const r = await strata(["explain", "algo.lr", "scenario=b", "-d", "conf"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /algo\/b @ algo: 2 {2}\(conf\/algo\/b\.yaml:1:5\)\n {5}chosen by override #1 'scenario=b'\n/,
    );
    const d = await strata(["diff", "-d", "conf", "--a", "", "--b", "scenario=b"], { cwd: dir });
    assert.equal(d.code, 1, d.stderr);
    assert.match(d.stdout, /b: conf\/algo\/b\.yaml:1:5, chosen by override #1 'scenario=b'\n/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("strata explain: hydra.sweep.subdir reading override_dirname under swept params says each job adds its own (checker v33)", async () => {
  const dir = await confTree({
    "conf/config.yaml":
      "seed: 1\nhydra:\n  sweeper:\n    params:\n      seed: 1,2\n  sweep:\n    subdir: ${hydra.job.override_dirname}\n",
  });
  try {
    const r = await strata(["explain", "hydra.sweep.subdir", "-d", "conf"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /value: "" \(without the swept params: each job of the sweep adds its own to hydra\.job\.override_dirname\)\n$/,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("strata explain: an item of ${oc.dict.values:d} leads to d's key at its index, with its layers (checker x27)", async () => {
  const dir = await confTree({
    "conf/config.yaml":
      "defaults:\n  - variables@_vd.growth: growth_v1\n  - variables@_vd.psec: psec_v1\n" +
      "  - _self_\nvariables: ${oc.dict.values:_vd}\n",
    "conf/variables/growth_v1.yaml": "model: {freq: 1}\noutput_var: grwth\n",
    "conf/variables/psec_v1.yaml": "output_var: psec\n",
  });
  try {
    for (const key of ["variables.1.output_var", "variables[1].output_var"]) {
      const r = await strata(["explain", key, "-d", "conf"], { cwd: dir });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(
        r.stdout,
        `${key}\n  through variables = "\${oc.dict.values:_vd}"  (conf/config.yaml:5:12)\n` +
          "_vd.psec.output_var\n" +
          '  1. variables/psec_v1 @ _vd.psec: "psec"  (conf/variables/psec_v1.yaml:1:13)\n' +
          "     defaults entry conf/config.yaml:3:25\n" +
          '  composed: "psec"  (conf/variables/psec_v1.yaml:1:13)\n  value: "psec"\n',
      );
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("strata explain: an option with its own defaults list names what chose it too", async () => {
  // its content is merged as its `_self_`, which is no group entry of its own
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - db: mysql\n  - _self_\n",
    "conf/db/mysql.yaml": "port: 3306\n",
    "conf/db/pg.yaml": "defaults:\n  - _self_\nport: 5432\n",
    "conf/exp/fast.yaml": "# @package _global_\ndefaults:\n  - override /db: pg\n",
  });
  try {
    const r = await strata(["explain", "db.port", "db=pg", "-d", "conf"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /db\/pg @ db: 5432 {2}\(conf\/db\/pg\.yaml:3:7\)\n {5}chosen by override #1 'db=pg'\n/,
    );
    const json = await strata(["explain", "db.port", "db=pg", "-d", "conf", "-f", "json"], {
      cwd: dir,
    });
    assert.equal(JSON.parse(json.stdout).layers[0].chosen_by, "override #1 'db=pg'");
    const exp = await strata(["explain", "db.port", "+exp=fast", "-d", "conf"], { cwd: dir });
    assert.match(exp.stdout, /chosen by conf\/exp\/fast\.yaml:3:19\n/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("strata explain: the chain goes on through oc.select and oc.dict.keys, relative keys too", async () => {
  const dir = await writeTree({
    "conf/config.yaml": `model:
  width: \${oc.select:.dims.w,64}
  dims:
    w: \${base}
base: 128
names: \${oc.dict.keys:model}
`,
  });
  const r = await strata(["explain", "-d", "conf", "model.width"], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stdout,
    `model.width
  1. config: "\${oc.select:.dims.w,64}"  (conf/config.yaml:2:10)
  composed: "\${oc.select:.dims.w,64}"  (conf/config.yaml:2:10)
    model.dims.w = "\${base}"  (conf/config.yaml:4:8)
    base = 128  (conf/config.yaml:5:7)
  value: 128
`,
  );
  const keys = await strata(["explain", "-d", "conf", "names", "-f", "json"], { cwd: dir });
  assert.equal(keys.code, 0, keys.stderr);
  assert.deepEqual(JSON.parse(keys.stdout).chain.map((s: { key: string }) => s.key), ["model"]);
});

Deno.test("strata explain: a key an override deleted says which override, exit 2", async () => {
  const dir = await writeTree({ "conf/config.yaml": "train:\n  lr: 0.1\n  epochs: 3\n" });
  for (const del of ["~train.lr", "~train"]) {
    const r = await strata(["explain", "-d", "conf", "train.lr", "train.epochs=4", del], {
      cwd: dir,
    });
    assert.equal(r.code, 2, r.stderr);
    assert.equal(
      r.stderr,
      `Key 'train.lr' is not in the composed config: override #2 '${del}' deleted it\n` +
        "    full key: train.lr\n",
    );
  }
});

Deno.test("strata explain: a key a ~group override took out names that override and the entry, exit 2", async () => {
  const dir = await writeTree({
    "conf/config.yaml": "defaults:\n  - db: mysql\n  - _self_\nport: 1\n",
    "conf/db/mysql.yaml": "host: localhost\n",
  });
  for (const del of ["~db", "~db=mysql"]) {
    const r = await strata(["explain", "-d", "conf", "db.host", "port=2", del], { cwd: dir });
    assert.equal(r.code, 2, r.stderr);
    assert.equal(
      r.stderr,
      `Key 'db.host' is not in the composed config: override #2 '${del}' deleted db/mysql, ` +
        "which sets it, from the defaults list\n" +
        "    full key: db.host\n" +
        "    conf/config.yaml:2:9: the defaults entry it deleted\n",
    );
  }
  // a key the deleted config never set: no claim about the override
  const typo = await strata(["explain", "-d", "conf", "db.hots", "~db"], { cwd: dir });
  assert.equal(typo.code, 2);
  assert.equal(typo.stderr, "Key 'db.hots' is not in the composed config\n    full key: db.hots\n");
  // Hydra's own groups too
  const hydra = await strata(
    ["explain", "-d", "conf", "hydra.launcher._target_", "~hydra/launcher"],
    { cwd: dir },
  );
  assert.equal(hydra.code, 2);
  assert.match(hydra.stderr, /override #1 '~hydra\/launcher' deleted hydra\/launcher\/basic, /);
});

Deno.test("strata explain: a negative list index is a key the config lacks (exit 2), not a resolution error", async () => {
  const dir = await writeTree({ "conf/config.yaml": "aug:\n  - crop\n  - flip\n" });
  const r = await strata(["explain", "-d", "conf", "aug[-1]"], { cwd: dir });
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /^Key 'aug\[-1\]' is not in the composed config\n/);
  assertNoStackTrace(r.stderr);
});

Deno.test("strata explain: +group@pkg=option chose the entry at pkg only, not the group's own entry", async () => {
  const dir = await writeTree(TREE);
  const r = await strata(
    ["explain", "-d", "conf", "optimizer.name", "+optimizer@backup=sgd"],
    { cwd: dir },
  );
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /optimizer\/adamw @ optimizer: "adamw".*\n {5}defaults entry conf\//);
  assert.doesNotMatch(r.stdout, /chosen by/);
  const b = await strata(
    ["explain", "-d", "conf", "backup.name", "+optimizer@backup=sgd"],
    { cwd: dir },
  );
  assert.equal(b.code, 0, b.stderr);
  assert.match(b.stdout, /\n {5}chosen by override #1 '\+optimizer@backup=sgd'\n/);
});

Deno.test("strata explain: an override of a key below KEY names that key, in text and JSON", async () => {
  const dir = await writeTree(TREE);
  const r = await strata(
    ["explain", "-d", "conf", "optimizer", "~optimizer.name", "optimizer.lr=1e-3"],
    { cwd: dir },
  );
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /\n {2}\d\. optimizer\.name deleted by override #1 '~optimizer\.name'\n/);
  assert.match(r.stdout, /\n {2}\d\. optimizer\.lr set by override #2 'optimizer\.lr=1e-3'\n/);
  const own = await strata(["explain", "-d", "conf", "optimizer.lr", "optimizer.lr=1e-3"], {
    cwd: dir,
  });
  assert.match(own.stdout, /\n {2}\d\. set by override #1 'optimizer\.lr=1e-3'\n/);
  const json = await strata(
    ["explain", "-d", "conf", "-f", "json", "optimizer", "~optimizer.name"],
    { cwd: dir },
  );
  assert.equal(JSON.parse(json.stdout).layers.at(-1).key, "optimizer.name");
});

Deno.test("explain: a nested key's target is listed after the key that names it (`${t.${which}}` reads t.a), and not for an int OmegaConf refuses", async () => {
  const dir = Deno.makeTempDirSync();
  Deno.mkdirSync(`${dir}/conf`);
  Deno.writeTextFileSync(
    `${dir}/conf/config.yaml`,
    "t:\n  a: 1\n  b: 2\nwhich: a\nx: ${t.${which}}\nd:\n  k: v\n  r: ${d.${..nm}}\nnm: k\n" +
      "i: 1\nl: [10, 20]\ny: ${l.${i}}\n",
  );
  try {
    const explain = async (key: string) =>
      (await strata(["explain", "-d", "conf", key], { cwd: dir })).stdout;
    assert.match(
      await explain("x"),
      /^ {4}which = "a" {2}\(conf\/config\.yaml:4:8\)\n {4}t\.a = 1 {2}\(conf\/config\.yaml:2:6\)$/m,
    );
    // relative inside the nested key: `..nm` from d.r is nm
    assert.match(await explain("d.r"), /^ {4}d\.k = "v" {2}\(conf\/config\.yaml:7:6\)$/m);
    // `${l.${i}}` with i: 1 is OmegaConf's error (a key must be a str): no l.1 is read
    const y = await explain("y");
    assert.match(y, /^ {4}i = 1 /m);
    assert.doesNotMatch(y, /l\.1 =/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("explain: the keys read inside a nested key, oc.deprecated and oc.create's argument are listed (checker y18)", async () => {
  const dir = Deno.makeTempDirSync();
  Deno.mkdirSync(`${dir}/conf`);
  Deno.writeTextFileSync(
    `${dir}/conf/config.yaml`,
    "which: lr\ntraining:\n  lr: 0.1\n  old: 3\na: ${training.${which}}\n" +
      "b: ${oc.deprecated:training.old}\nc: '${oc.create:{x: ${training.lr}}}'\n",
  );
  try {
    const explain = async (key: string) =>
      (await strata(["explain", "-d", "conf", key], { cwd: dir })).stdout;
    assert.match(await explain("a"), /^ {4}which = "lr" {2}\(conf\/config\.yaml:1:8\)$/m);
    assert.match(await explain("b"), /^ {4}training\.old = 3 {2}\(conf\/config\.yaml:4:8\)$/m);
    assert.match(await explain("c"), /^ {4}training\.lr = 0\.1 {2}\(conf\/config\.yaml:3:7\)$/m);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("explain: a key in brackets (a[0].b) lists the override of its dotted form (a.0.b=2), as the dotted key does (checker x24)", async () => {
  const dir = Deno.makeTempDirSync();
  Deno.mkdirSync(`${dir}/conf`);
  Deno.writeTextFileSync(`${dir}/conf/config.yaml`, "a:\n- b: 1\n");
  try {
    for (const key of ["a[0].b", "a.0.b"]) {
      const r = await strata(["explain", "-d", "conf", key, "a.0.b=2"], { cwd: dir });
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^ {2}2\. set by override #1 'a\.0\.b=2'$/m, key);
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("explain: an option of a list the command line chose (model=[a,b]) is chosen by that override (checker w25)", async () => {
  const dir = Deno.makeTempDirSync();
  Deno.mkdirSync(`${dir}/conf/model`, { recursive: true });
  Deno.writeTextFileSync(`${dir}/conf/config.yaml`, "defaults:\n  - model: [a]\n  - _self_\n");
  Deno.writeTextFileSync(`${dir}/conf/model/a.yaml`, "x: 1\n");
  Deno.writeTextFileSync(`${dir}/conf/model/b.yaml`, "y: 2\n");
  try {
    const r = await strata(["explain", "-d", "conf", "model.y", "model=[a,b]"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^ {5}chosen by override #1 'model=\[a,b\]'$/m);
    const j = await strata(["explain", "-d", "conf", "model.y", "model=[a,b]", "-f", "json"], {
      cwd: dir,
    });
    assert.equal(JSON.parse(j.stdout).layers[0].chosen_by, "override #1 'model=[a,b]'");
    // the list's own default stays the entry's
    const d = await strata(["explain", "-d", "conf", "model.x"], { cwd: dir });
    assert.match(d.stdout, /^ {5}defaults entry conf\/config\.yaml:2:13$/m);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("strata explain: the chain goes on through a key that holds a node interpolation (${n.x} with n: ${a}), lists too, and oc.select of a key another holds (checker v35)", async () => {
  const dir = await writeTree({
    "conf/config.yaml": "a:\n  x: 1\nn: ${a}\nleaf: ${n.x}\nm: ${n}\ndeep: ${m.x}\n" +
      "lst: [1, 2]\nl2: ${lst}\nel: ${l2[1]}\nwhich: a.x\ndyn: ${oc.select:${which},0}\n",
  });
  const chain = async (key: string) => {
    const r = await strata(["explain", "-d", "conf", key, "-f", "json"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout).chain.map((s: { key: string }) => s.key);
  };
  assert.deepEqual(await chain("leaf"), ["n", "a", "a.x"]);
  assert.deepEqual(await chain("deep"), ["m", "n", "a", "a.x"]);
  assert.deepEqual(await chain("el"), ["l2", "lst", "lst[1]"]);
  // oc.select of a key another key holds: that key, and the key selected
  assert.deepEqual(await chain("dyn"), ["a.x", "which"]);
  const text = await strata(["explain", "-d", "conf", "leaf"], { cwd: dir });
  assert.match(text.stdout, /\n {4}a\.x = 1 {2}\(conf\/config\.yaml:2:6\)\n {2}value: 1\n$/);
});

Deno.test("strata explain --job-name: ${hydra:job.name} resolves to it, as compose --job-name gives it (checker x31)", async () => {
  const dir = await writeTree({ "conf/config.yaml": "name: ${hydra:job.name}\n" });
  const r = await strata(["explain", "-d", "conf", "name", "--job-name", "app"], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /\n {2}value: "app"\n$/);
  const c = await strata(["compose", "-d", "conf", "--resolve", "--job-name", "app"], { cwd: dir });
  assert.equal(c.stdout, "name: app\n");
});

Deno.test("strata explain: a layer from a _global_ option says its package, as the others do (checker v71 #3)", async () => {
  const dir = await writeTree({
    "conf/config.yaml": "defaults:\n  - db: a\n  - _self_\nlr: 1\n",
    "conf/db/a.yaml": "host: x\n",
    "conf/experiment/e.yaml": "# @package _global_\nlr: 2\n",
  });
  const r = await strata(["explain", "-d", "conf", "lr", "+experiment=e"], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stdout.split("\n").slice(0, 3).join("\n"),
    "lr\n  1. config: 1  (conf/config.yaml:4:5)\n" +
      "  2. experiment/e @ _global_: 2  (conf/experiment/e.yaml:2:5)",
  );
});

/**
 * A `# @package` header word that Hydra 1.3 composes as a literal key but that
 * reads as a keyword (a misspelt `_global_`, `_here_`) is warned of by compose,
 * run and sweep at the header, once per file, as `strata validate` reports it;
 * what is composed stays Hydra's (the literal key).
 */
import assert from "node:assert/strict";
import { confTree, strata } from "./_cli.ts";
import { validateIn, writeTree } from "./_tree.ts";

const GLOBL = "conf/db/a.yaml:1:12: warning: '_globl_' is a literal key in a header " +
  "(its only keyword is '_global_'). Did you mean '_global_'?";
const HERE = "conf/opt/c.yaml:2:14: warning: '_here_' is a literal key in a header: it is a " +
  "keyword of defaults list entries only ('db@_here_: mysql')";

Deno.test("compose, run and sweep warn of '_globl_' and '_here_' in a header, once per file, as validate", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - db@one: a\n  - db@two: a\n  - opt: c\n  - _self_\n" +
      "x: 1\nhydra:\n  run:\n    dir: out\n  sweep:\n    dir: multi\n",
    "conf/db/a.yaml": "# @package _globl_\nport: 1\n",
    "conf/opt/c.yaml": "\n# @package o._here_\nlr: 1\n",
  });
  try {
    // each once, in whichever order the files were read
    const lines = (stderr: string) => stderr.trimEnd().split("\n").sort();
    const compose = await strata(["compose", "-d", "conf"], { cwd: dir });
    assert.equal(compose.code, 0, compose.stderr);
    // Hydra's composition: the defaults list's package wins over the header, which is a literal key
    assert.equal(
      compose.stdout,
      "one:\n  port: 1\ntwo:\n  port: 1\no:\n  _here_:\n    lr: 1\nx: 1\n",
    );
    assert.deepEqual(lines(compose.stderr), [GLOBL, HERE]);
    const run = await strata(["run", "-d", "conf", "--", "true"], { cwd: dir });
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(lines(run.stderr), [GLOBL, HERE]);
    const sweep = await strata(["sweep", "-d", "conf", "x=1,2,3"], { cwd: dir });
    assert.equal(sweep.code, 0, sweep.stderr);
    assert.deepEqual(lines(sweep.stderr), [GLOBL, HERE]);
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(r.lines, [GLOBL, HERE, "2 warnings in 3 files, 1 composition"]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("compose: the header's literal key is composed as Hydra does, with the warning", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - db: a\n  - _self_\n",
    "conf/db/a.yaml": "# @package _globl_\nport: 1\n",
  });
  try {
    const compose = await strata(["compose", "-d", "conf"], { cwd: dir });
    assert.equal(compose.code, 0, compose.stderr);
    assert.equal(compose.stdout, "_globl_:\n  port: 1\n");
    assert.equal(compose.stderr, GLOBL + "\n");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("sweep and run -m warn of a header word in every job's files, once over the sweep", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - _self_\n  - db: a\nx: 1\n",
    "conf/db/a.yaml": "# @package _globl_\nport: 1\n",
    "conf/db/b.yaml": "\n# @package _here_\nport: 2\n",
    "conf/db/c.yaml": "port: 3\n",
  });
  const B = "conf/db/b.yaml:2:12: warning: '_here_' is a literal key in a header: it is a " +
    "keyword of defaults list entries only ('db@_here_: mysql')";
  try {
    // db=b is chosen by jobs only, not by the master composition: it was not said
    const lines = (stderr: string) => stderr.trimEnd().split("\n").filter((l) => l !== "").sort();
    const sweep = await strata(["sweep", "-d", "conf", "x=1,2", "db=a,b,c"], { cwd: dir });
    assert.equal(sweep.code, 0, sweep.stderr);
    assert.deepEqual(lines(sweep.stderr), [GLOBL, B]);
    const k8s = await strata(
      ["sweep", "-d", "conf", "x=1,2", "db=a,b,c", "-f", "k8s", "--image", "i", "--", "true"],
      { cwd: dir },
    );
    assert.equal(k8s.code, 0, k8s.stderr);
    assert.deepEqual(lines(k8s.stderr), [GLOBL, B]);
    const run = await strata(
      ["run", "-q", "-d", "conf", "-m", "hydra.sweep.dir=s", "x=1,2", "db=a,b", "--", "true"],
      { cwd: dir },
    );
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(lines(run.stderr.replace(/^\[strata\].*\n/gm, "")), [GLOBL, B]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

// vggt-omega's dataset files: `# @package _group_`, each included at its own package
// (`- datasets@trainer.data.atom: atom`), where the header counts under no version_base
Deno.test("compose: no '_group_' header warning for an entry that names its own package", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - datasets@trainer.data.atom: atom\n  - _self_\nx: 1\n",
    "conf/datasets/atom.yaml": "# @package _group_\nroot: /data\n",
  });
  try {
    const own = await strata(["compose", "-d", "conf"], { cwd: dir });
    assert.equal(own.code, 0, own.stderr);
    assert.equal(own.stderr, "");
    assert.equal(own.stdout, "trainer:\n  data:\n    atom:\n      root: /data\nx: 1\n");
    const added = await strata(["compose", "-d", "conf", "+datasets@extra=atom"], { cwd: dir });
    assert.equal(added.stderr, "");
    // without a package of its own the header is the package: warned of, in 1.1's terms
    const bare = await strata(["compose", "-d", "conf", "+datasets=atom"], { cwd: dir });
    assert.equal(bare.code, 0, bare.stderr);
    assert.match(
      bare.stderr,
      /'# @package _group_': .*Hydra apps that omit version_base \(1\.1's rules; version_base=None is 1\.3's\) read it as the group's package, 'datasets'/,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("compose: no header-word warning for a config ~group takes out of the composition", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - db: a\n  - _self_\nx: 1\n",
    "conf/db/a.yaml": "# @package _globl_\nport: 1\n",
  });
  try {
    const deleted = await strata(["compose", "-d", "conf", "~db"], { cwd: dir });
    assert.equal(deleted.code, 0, deleted.stderr);
    assert.equal(deleted.stdout, "x: 1\n");
    assert.equal(deleted.stderr, "");
    // validate still reports the file's header (it checks every file)
    const r = await validateIn(dir, ["-d", "conf", "--override", "~db"]);
    assert.ok(r.lines.includes(GLOBL), r.lines.join("\n"));
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("compose and validate: a byte-order mark before '# @package _global_' is warned of at the file (Hydra finds no header)", async () => {
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - _self_\nx: 1\n",
    "conf/exp/a.yaml": new TextEncoder().encode("\uFEFF# @package _global_\ny: 2\n"),
  });
  try {
    const r = await strata(["compose", "+exp=a"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    // as Hydra composes it: no header, so at the group's package
    assert.equal(r.stdout, "x: 1\nexp:\n  'y': 2\n");
    assert.match(
      r.stderr,
      /^conf\/exp\/a\.yaml:1:1: warning: a byte-order mark before '# @package _global_' hides the header from Hydra/,
    );
    const v = await strata(["validate"], { cwd: dir });
    assert.match(v.stdout, /conf\/exp\/a\.yaml:1:1: warning: a byte-order mark before/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate: an option with a byte-order mark tried in place of the default is composed as Hydra reads it, headerless (checker x26)", async () => {
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - model: a\n  - _self_\nname: ${model_name}\n",
    "conf/model/a.yaml": "# @package _global_\nmodel_name: a\n",
    "conf/model/b.yaml": new TextEncoder().encode("\uFEFF# @package _global_\nmodel_name: b\n"),
  });
  try {
    // the whole tree (as pre-commit without files) and the file alone (as pre-commit runs it)
    for (const files of [[], ["conf/model/b.yaml"]]) {
      const v = await strata(["validate", ...files], { cwd: dir });
      assert.equal(v.code, 1, v.stdout);
      assert.match(
        v.stdout,
        /^conf\/config\.yaml:4:7: error: Interpolation key 'model_name' not found .*\(with model=b\)$/m,
      );
      assert.match(v.stdout, /^conf\/model\/b\.yaml:1:1: warning: a byte-order mark before/m);
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("compose: a '# @package' line below a plain comment is warned of at its '@' (Hydra reads no header: AutoCDSR's debug/fdr.yaml)", async () => {
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - _self_\ntrainer:\n  fast_dev_run: false\n",
    "conf/debug/fdr.yaml":
      "## runs 1 step\n\n# @package _global_\n\ntrainer:\n  fast_dev_run: true\n",
  });
  try {
    const r = await strata(["compose", "+debug=fdr"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^debug:\n {2}trainer:\n {4}fast_dev_run: true\n/m);
    assert.equal(
      r.stderr,
      "conf/debug/fdr.yaml:3:3: warning: Hydra reads a config's header only up to its first " +
        "line that is not '# @...', line 1 here: this line is ignored\n",
    );
    const v = await strata(["validate"], { cwd: dir });
    assert.equal(v.stdout.match(/this line is ignored/g)?.length, 1, v.stdout);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("compose / validate: a misspelt Hydra 1.1 header word (_gruop_) is warned of with did-you-mean (checker w35)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - trainer: cpu\n  - _self_\n",
    "conf/trainer/cpu.yaml": "# @package _gruop_\naccel: cpu\n",
  });
  try {
    const said = "conf/trainer/cpu.yaml:1:12: warning: '_gruop_' is a literal key in a header, " +
      "no keyword. Did you mean '_group_'?";
    const c = await strata(["compose", "-d", "conf"], { cwd: dir });
    assert.equal(c.code, 0, c.stderr);
    assert.equal(c.stdout, "_gruop_:\n  accel: cpu\n");
    assert.ok(c.stderr.startsWith(said), c.stderr);
    const v = await strata(["validate", "-d", "conf"], { cwd: dir });
    assert.ok(v.stdout.startsWith(said), v.stdout);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("compose / validate: a '# @package' line after a '---' is ignored, as Hydra reads the header, and said (checker x34)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - db: a\n  - _self_\n",
    "conf/db/a.yaml": "---\n# @package _global_\nhost: x\n",
  });
  try {
    const said =
      "conf/db/a.yaml:2:3: warning: Hydra reads a config's header only up to its first " +
      "line that is not '# @...', line 1 here: this line is ignored";
    const c = await strata(["compose", "-d", "conf"], { cwd: dir });
    assert.equal(c.stdout, "db:\n  host: x\n");
    assert.ok(c.stderr.startsWith(said), c.stderr);
    const v = await strata(["validate", "-d", "conf"], { cwd: dir });
    assert.ok(v.stdout.startsWith(said), v.stdout);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

/**
 * Tracker formats never corrupt or drop a param silently: colliding keys are
 * an error, a multi-line value stays on one `flat` line.
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

Deno.test("compose -f flat|wandb|mlflow: two leaves with one tracker key are an error", async () => {
  const long = "k".repeat(260);
  const dir = await confTree({
    "conf/config.yaml": '"a.b": 1\na:\n  b: 2\n',
    "conf/cut.yaml": `${long}1: 1\n${long}2: 2\n`,
  });
  try {
    for (const f of ["flat", "wandb", "mlflow"]) {
      const r = await strata(["compose", "-d", "conf", "-f", f], { cwd: dir });
      assert.equal(r.code, 1, f);
      assert.equal(r.stdout, "", f);
      assert.match(
        r.stderr,
        /^conf\/config\.yaml:3:6: 'a\.b' is the tracker key of both \[a\.b\] and a\.b/,
      );
      assert.match(r.stderr, /conf\/config\.yaml:1:8: \[a\.b\] is here/);
      assertNoStackTrace(r.stderr);
    }
    // MLflow cuts keys to 250 characters: two cut alike would lose a param
    const cut = await strata(["compose", "-d", "conf", "-n", "cut", "-f", "mlflow"], { cwd: dir });
    assert.equal(cut.code, 1);
    assert.match(
      cut.stderr,
      /^conf\/cut\.yaml:2:264: .k+…. is the tracker key of both k+/,
    );
    // the two keys make a line over 600 characters: renderError cuts it in its middle
    assert.match(cut.stderr, /one would overwrite the other; rename one of them\n/);
    const flat = await strata(["compose", "-d", "conf", "-n", "cut", "-f", "flat"], { cwd: dir });
    assert.equal(flat.code, 0, "flat keeps long keys whole");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("compose -f flat: a multi-line value or a key with = is one quoted line", async () => {
  const dir = await confTree({
    "conf/config.yaml": 'prompt: "line one\\nline two"\n"k=v": "\\"q"\nplain: a "b" = c\n',
  });
  try {
    const r = await strata(["compose", "-d", "conf", "-f", "flat"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'prompt="line one\\nline two"\n"k=v"="\\"q"\nplain=a "b" = c\n');
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("compose -f flat|wandb|mlflow: a top-level ??? is the string ??? as a nested one is", async () => {
  const dir = await confTree({ "conf/config.yaml": "a: ???\nb:\n  c: ???\nd: 1\n" });
  try {
    const want: Record<string, string> = {
      flat: "a=???\nb.c=???\nd=1\n",
      wandb: '{"a": "???", "b.c": "???", "d": 1}\n',
      mlflow: '[\n  {"a":"???","b.c":"???","d":"1"}\n]\n',
    };
    for (const [f, out] of Object.entries(want)) {
      const r = await strata(["compose", "-d", "conf", "-f", f], { cwd: dir });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, out, f);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("compose -f flat|wandb|mlflow with -p, --cfg hydra|all or --origins is bad usage, not ignored", async () => {
  const dir = await confTree({ "conf/config.yaml": "optim:\n  lr: 0.1\nseed: 1\n" });
  try {
    for (const f of ["flat", "wandb", "mlflow"]) {
      for (const extra of [["-p", "optim"], ["--cfg", "hydra"], ["--cfg", "all"], ["--origins"]]) {
        const r = await strata(["compose", "-d", "conf", "-f", f, ...extra], { cwd: dir });
        assert.equal(r.code, 2, `${f} ${extra}: ${r.stdout}`);
        assert.equal(r.stdout, "");
        assert.match(r.stderr, /writes the whole job config as tracker params: .* does not apply/);
      }
    }
    const job = await strata(["compose", "-d", "conf", "-f", "flat", "--cfg", "job"], { cwd: dir });
    assert.equal(job.code, 0, job.stderr);
    assert.equal(job.stdout, "optim.lr=0.1\nseed=1\n");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("compose -f mlflow counts and cuts in characters, as MLflow's Python does, never half of one", async () => {
  const emoji = "😀"; // one character, two UTF-16 units
  const dir = await confTree({
    "conf/config.yaml": `v: "${emoji.repeat(3500)}"\nw: "a${emoji.repeat(6000)}"\n` +
      `k${emoji.repeat(200)}: 1\nl${emoji.repeat(300)}: 2\n`,
    "conf/cut.yaml": `${emoji.repeat(260)}1: 1\n${emoji.repeat(260)}2: 2\n`,
  });
  try {
    const r = await strata(["compose", "-d", "conf", "-f", "mlflow"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const params: Record<string, string> = JSON.parse(r.stdout)[0];
    const chars = (s: string) => [...s].length;
    for (const [k, v] of Object.entries(params)) {
      assert.ok(k.isWellFormed() && v.isWellFormed(), `a lone surrogate in ${k.slice(0, 3)}`);
    }
    // 3,500 characters are within MLflow's 6,000: whole, no warning
    assert.equal(params.v, emoji.repeat(3500));
    assert.equal(params.w, "a" + emoji.repeat(5999));
    assert.equal(params[`k${emoji.repeat(200)}`], "1");
    assert.equal(params[`l${emoji.repeat(249)}`], "2");
    assert.deepEqual(Object.keys(params).map(chars), [1, 1, 201, 250]);
    // (an emoji is no character MLflow allows in a name: those keys are warned about apart)
    const warnings = r.stderr.trimEnd().split("\n").filter((w) => !w.includes("refuses"));
    assert.equal(warnings.length, 2, r.stderr);
    assert.match(
      warnings[0],
      /^conf\/config\.yaml:2:4: warning: mlflow: the value of 'w' has 6001 characters, cut to MLflow's limit of 6000$/,
    );
    assert.match(
      warnings[1],
      /^conf\/config\.yaml:4:\d+: warning: mlflow: the key of 'l😀+' has 301 characters, cut to MLflow's limit of 250$/u,
    );
    // keys alike in their first 250 characters collide; the error echoes them cut, whole characters
    const cut = await strata(["compose", "-d", "conf", "-n", "cut", "-f", "mlflow"], { cwd: dir });
    assert.equal(cut.code, 1);
    assert.match(cut.stderr, /^conf\/cut\.yaml:2:\d+: '😀+…' is the tracker key of both 😀+…/u);
    assert.ok(!cut.stderr.includes("\ufffd"), cut.stderr);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("compose -f flat: every line break Python's splitlines() knows is escaped, one param a line", async () => {
  // \x0b \x0c \x1c \x1d \x1e \x85 U+2028 U+2029, in a value and in a key
  const breaks = ["\\x0b", "\\x0c", "\\x1c", "\\x1d", "\\x1e", "\\x85", "\\u2028", "\\u2029"];
  const dir = await confTree({
    "conf/config.yaml": breaks.map((b, i) => `v${i}: "a${b}b"\n"k${b}${i}": 1\n`).join(""),
  });
  try {
    const r = await strata(["compose", "-d", "conf", "-f", "flat"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    // what str.splitlines() splits on, besides \n and \r
    // deno-lint-ignore no-control-regex -- matching line breaks is the point
    const lines = r.stdout.split(/\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]/);
    assert.equal(lines.pop(), "");
    assert.equal(lines.length, 2 * breaks.length, r.stdout);
    assert.equal(lines[0], 'v0="a\\u000bb"');
    assert.deepEqual(lines.slice(-4), [
      'v6="a\\u2028b"',
      '"k\\u20286"=1',
      'v7="a\\u2029b"',
      '"k\\u20297"=1',
    ]);
    assert.deepEqual(lines.map((l) => JSON.parse(l.slice(l.lastIndexOf("=") + 1))).slice(10, 12), [
      "a\x85b",
      1,
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("compose -f flat|wandb|mlflow: an int key 1 and a str key '1' that collide are told apart by type", async () => {
  const dir = await confTree({
    "conf/config.yaml": 'ints:\n  1: a\n  "1": b\n',
    "conf/bools.yaml": 'x:\n  "True": 1\n  true: 2\n',
  });
  try {
    for (const f of ["flat", "wandb", "mlflow"]) {
      const r = await strata(["compose", "-d", "conf", "-f", f], { cwd: dir });
      assert.equal(r.code, 1, f);
      assert.equal(
        r.stderr,
        "conf/config.yaml:3:8: 'ints.1' is the tracker key of both ints.1 (int key 1) and " +
          "ints.1 (str key '1'): one would overwrite the other; rename one of them\n" +
          "    full key: ints.1\n" +
          "    conf/config.yaml:2:6: ints.1 (int key 1) is here\n",
        f,
      );
    }
    const b = await strata(["compose", "-d", "conf", "-n", "bools", "-f", "flat"], { cwd: dir });
    assert.equal(b.code, 1);
    assert.match(b.stderr, /both x\.True \(str key 'True'\) and x\.True \(bool key True\):/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("compose -f mlflow: a param name MLflow's log_batch refuses is a located warning", async () => {
  // mlflow/utils/validation.py: `^[/\w.\- :]*$` and no name that reads as another path (MLflow
  // 2.x takes a colon: `b:c` is no warning)
  const dir = await confTree({
    "conf/config.yaml": '"a@b": 1\nété: 2\n"a/": 3\nok: {b c: 4}\n"b:c": 5\n',
  });
  try {
    const r = await strata(["compose", "-d", "conf", "-f", "mlflow"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), [
      { "a@b": "1", "été": "2", "a/": "3", "ok.b c": "4", "b:c": "5" },
    ]);
    assert.equal(
      r.stderr,
      "conf/config.yaml:1:8: warning: mlflow: MLflow's log_batch refuses the param name 'a@b': " +
        "names may only contain alphanumerics, underscores, dashes, periods, spaces, colons and " +
        "slashes\n" +
        "conf/config.yaml:3:7: warning: mlflow: MLflow's log_batch refuses the param name 'a/': " +
        "names must not read as another path (this one as 'a')\n",
    );
    assertNoStackTrace(r.stderr);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("compose -f flat|wandb|mlflow: a value that does not resolve before the app runs is kept as written, with a warning", async () => {
  // mbrl-lib: `obs_dim: ???` is filled by the app, read through `${...}` elsewhere
  const dir = await confTree({
    "conf/config.yaml":
      "agent:\n  obs_dim: ???\n  lr: 0.1\ncritic:\n  obs_dim: ${agent.obs_dim}\n" +
      "  f: ${py_eval:1}\nok: ${agent.lr}\n",
  });
  try {
    for (const f of ["flat", "wandb", "mlflow"]) {
      const r = await strata(["compose", "-d", "conf", "-f", f], { cwd: dir });
      assert.equal(r.code, 0, `${f}: ${r.stderr}`);
      assert.match(r.stdout, /critic\.obs_dim.{1,4}\$\{agent\.obs_dim\}/, f);
      assert.match(r.stdout, /ok.{1,4}0\.1/, f);
      assert.match(
        r.stderr,
        /^conf\/config\.yaml:5:12: warning: critic\.obs_dim does not resolve \(.*Missing mandatory value: agent\.obs_dim\); the params keep it as written/m,
        f,
      );
      assert.match(r.stderr, /^conf\/config\.yaml:6:6: warning: critic\.f does not resolve/m, f);
      assertNoStackTrace(r.stderr);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("tracker formats: a value that does not resolve leaves Hydra's now and hydra resolvers working for the rest (lightning-transformers' experiment_name)", async () => {
  const dir = await confTree({
    "conf/config.yaml": "a: ${foo:X}\nb: ${now:%Y}\nd: ${a}\ne: ${hydra:job.name}\n",
  });
  try {
    const r = await strata(["compose", "-d", "conf", "-f", "flat"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      `a=\${foo:X}\nb=${new Date().getFullYear()}\nd=\${a}\ne=config\n`,
    );
    assert.doesNotMatch(r.stderr, /type now|type hydra/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("compose -f wandb: .inf and .nan are Python's Infinity and NaN, read back as floats (checker w28)", async () => {
  const dir = await confTree({ "conf/config.yaml": "a: .inf\nb: -.inf\nc: .nan\nd: 1.0\n" });
  try {
    const r = await strata(["compose", "-d", "conf", "-f", "wandb"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '{"a": Infinity, "b": -Infinity, "c": NaN, "d": 1.0}\n');
    const flat = await strata(["compose", "-d", "conf", "-f", "flat"], { cwd: dir });
    assert.equal(flat.stdout, "a=inf\nb=-inf\nc=nan\nd=1.0\n");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

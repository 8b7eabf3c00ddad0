import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

// No config.yaml: train and eval are the primaries. Only train chooses `model`, and train fails (its
// `opt` default is missing). model=big is tried with train, where it fails; appended to eval
// (`+model=big`) it composes, but no run adds a model to eval: the option's own error (a key it
// lacks, read by train's interpolation) is reported, not noted away as eval's option (checker v19).
Deno.test("validate: an option of a group only a failing primary chooses is not credited to another primary", async () => {
  const dir = writeTree({
    "conf/train.yaml":
      "defaults:\n  - opt: gone\n  - model: small\n  - _self_\nwidth: ${model.dim}\n",
    "conf/eval.yaml": "batch: 8\n",
    "conf/opt/adam.yaml": "lr: 0.1\n",
    "conf/model/small.yaml": "dim: 4\n",
    "conf/model/big.yaml": "layers: 8\n",
  });
  const r = await validateIn(dir, ["-d", "conf"]);
  assert.equal(r.code, 1);
  assert.ok(!r.stderr.includes("taken as"), r.stderr);
  assert.ok(
    r.lines.some((l) =>
      l.startsWith("conf/train.yaml:5:8: error: Interpolation key 'model.dim' not found") &&
      l.includes("model=big")
    ),
    r.lines.join("\n"),
  );
});

// A primary's own error shows in each composition of it, its groups' options swapped in: a whole
// tree's run counts them as a run over the file does (checker v19: 2 against 22).
Deno.test("validate, several primaries: a primary's own error counts the same compositions in a whole-tree run and a run over its file", async () => {
  const dir = writeTree({
    "conf/train.yaml": "defaults:\n  - data: a\n  - _self_\nsteps: 1\n",
    "conf/eval.yaml": "defaults:\n  - data: a\n  - _self_\npath: ${data.dirr}\n",
    "conf/data/a.yaml": "dir: x\n",
    "conf/data/b.yaml": "dir: y\n",
    "conf/data/c.yaml": "dir: z\n",
  });
  try {
    const whole = await validateIn(dir, ["-d", "conf"]);
    const file = await validateIn(dir, ["-d", "conf", "conf/eval.yaml"]);
    const error = (lines: string[]) => lines.find((l) => l.includes(" error: "));
    assert.match(error(whole.lines) ?? "", /\(with --config-name=eval and 2 more compositions\)$/);
    assert.equal(error(whole.lines), error(file.lines));
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

// `a` lists p's options (`p: [x, y]`), `b` chooses `p: x`: y is a's, composed there, not an
// error of b's (which lacks the key y reads); with `-n a` it is not tried in b at all (checker v21).
Deno.test("validate, several primaries: an option one primary lists (p: [x, y]) is that primary's", async () => {
  const dir = writeTree({
    "conf/a.yaml": "defaults:\n  - _self_\n  - p: [x, y]\nname: a\n",
    "conf/b.yaml": "defaults:\n  - _self_\n  - p: x\n",
    "conf/p/x.yaml": "foo: 1\n",
    "conf/p/y.yaml": "v: ${name}\n",
  });
  try {
    for (const args of [["-d", "conf"], ["-d", "conf", "-n", "a"]]) {
      const r = await validateIn(dir, args);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.doesNotMatch(r.stderr, /the primary config's own does not/);
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate, no config name: a group override one primary has no slot for is a note there, an error only where it fails to choose (checker v21)", async () => {
  const dir = writeTree({
    "conf/a.yaml": "defaults:\n  - _self_\n  - g: x\nname: a\n",
    "conf/b.yaml": "name: b\n",
    "conf/g/x.yaml": "v: 1\n",
    "conf/g/y.yaml": "v: 2\n",
  });
  try {
    const fits = await validateIn(dir, ["-d", "conf", "--override", "g=y"]);
    assert.equal(fits.code, 0, fits.stdout + fits.stderr);
    assert.match(fits.stderr, /'g=y' does not fit b/);
    const typo = await validateIn(dir, ["-d", "conf", "--override", "g=nope"]);
    assert.equal(typo.code, 1, typo.stdout);
    assert.match(typo.stdout, /Could not find 'g\/nope'/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate: an option of the user's own `hydra` group (`- hydra: mine`) is checked against HydraConf, as compose checks it (checker v21)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - _self_\n  - hydra: mine\nx: 1\n",
    "conf/hydra/mine.yaml": "verbos: true\n",
  });
  try {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stdout, /^conf\/hydra\/mine\.yaml:1:1: error: Key 'verbos' not in 'HydraConf'/m);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

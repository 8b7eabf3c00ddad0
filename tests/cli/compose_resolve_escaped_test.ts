// `compose --resolve` is Hydra's show_cfg: OmegaConf.resolve of the config (or of the
// --package container), then to_yaml. An escaped `\${x}` is set to the text `${x}`, written
// as it is; one set to a broken `${` (`\${x` gives `${x`) is OmegaConf.resolve's
// GrammarParseError. A leaf package is printed as read, JSON is to_container's: no error.
// (Texts from python3-omegaconf 2.2.2 and Hydra 1.3's show_cfg.)
import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

Deno.test("compose --resolve: an escaped interpolation is printed as the one it became", async () => {
  const dir = await confTree({ "conf/config.yaml": "x: 1\nv: \\${x}\nw: a\\${x}b\n" });
  try {
    const r = await strata(["compose", "-d", "conf", "--resolve"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "x: 1\nv: ${x}\nw: a${x}b\n");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("compose --resolve: a value resolved to a broken ${ is OmegaConf.resolve's GrammarParseError", async () => {
  const dir = await confTree({ "conf/config.yaml": "x: 1\nn:\n  d: \\${x\n" });
  try {
    for (const args of [[], ["-p", "n"], ["-c", "all"]]) {
      const r = await strata(["compose", "-d", "conf", "--resolve", ...args], { cwd: dir });
      assertNoStackTrace(r.stderr);
      assert.equal(r.code, 1, args.join(" "));
      assert.equal(
        r.stderr,
        "conf/config.yaml:3:6: no viable alternative at input '${x'\n    full key: n.d\n",
      );
    }
    const leaf = await strata(["compose", "-d", "conf", "--resolve", "-p", "n.d"], { cwd: dir });
    assert.equal(leaf.code, 0, leaf.stderr);
    assert.equal(leaf.stdout, "${x\n");
    const json = await strata(["compose", "-d", "conf", "--resolve", "-f", "json"], { cwd: dir });
    assert.equal(json.code, 0, json.stderr);
    assert.equal(JSON.parse(json.stdout).n.d, "${x");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

// OmegaConf.resolve walks in key order and sets each value in place: a later value reads what
// an earlier one became (checker v32; texts from python3-omegaconf 2.2.2's OmegaConf.resolve)
Deno.test("compose --resolve: values are resolved in place in key order, as OmegaConf.resolve sets them", async () => {
  const cases: [string, string][] = [
    // a container printed into a string: its values as the walk left them
    [
      "model:\n  dim: 128\n  layers: ['${model.dim}', '${model.dim}']\ntag: mlp_${model.layers}\n",
      "model:\n  dim: 128\n  layers:\n  - 128\n  - 128\ntag: mlp_[128, 128]\n",
    ],
    [
      "tag: mlp_${model.layers}\nmodel:\n  dim: 128\n  layers: ['${model.dim}', '${model.dim}']\n",
      "tag: mlp_['${model.dim}', '${model.dim}']\nmodel:\n  dim: 128\n  layers:\n  - 128\n  - 128\n",
    ],
    ["d:\n  a: 1\n  b: ${.a}\ns: x_${d}\n", "d:\n  a: 1\n  b: 1\ns: 'x_{''a'': 1, ''b'': 1}'\n"],
    // an escaped interpolation set to `${x}` is an interpolation again for what reads it later
    ["x: 5\na: \\${x}\nb: ${a}\n", "x: 5\na: ${x}\nb: 5\n"],
    ["b: ${a}\na: \\${x}\n", "b: ${x}\na: ${x}\n"],
  ];
  for (const [yaml, shown] of cases) {
    const dir = await confTree({ "conf/config.yaml": yaml });
    try {
      const r = await strata(["compose", "-d", "conf", "--resolve"], { cwd: dir });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, shown, yaml);
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  }
  const dir = await confTree({ "conf/config.yaml": "a: \\${x}\nb: ${a}\n" });
  try {
    const r = await strata(["compose", "-d", "conf", "--resolve"], { cwd: dir });
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /^conf\/config\.yaml:2:4: Interpolation key 'x' not found\n {4}full key: b\n/,
    );
    // the app's view (to_container) reads each value from the config as composed
    const json = await strata(["compose", "-d", "conf", "--resolve", "-f", "json"], { cwd: dir });
    assert.equal(json.code, 0, json.stderr);
    assert.deepEqual(JSON.parse(json.stdout), { a: "${x}", b: "${x}" });
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

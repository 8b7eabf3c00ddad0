// A resolver's plain list or dict (`${oc.decode:'[1, 2]'}`, not `oc.create`'s config) under
// `compose --resolve`: Hydra's `--cfg job --resolve` runs OmegaConf.resolve, which raises
// UnsupportedValueType "Value 'list' is not a supported primitive type" (checked with
// python3-omegaconf), so Hydra exits 1; `-f json` is strata's to_container(resolve=True),
// which keeps the value.
import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

Deno.test("compose --resolve: a resolver's plain list or dict fails as OmegaConf.resolve does; JSON keeps it", async () => {
  const dir = await confTree({
    "conf/config.yaml": "a: 1\nv: ${oc.decode:'[1, 2]'}\nc: ${oc.create:[1, 2]}\n",
    "conf/nested.yaml": "m: ???\nt: ${m}\nx:\n  'y': \"${oc.decode:'{a: 1}'}\"\n",
  });
  try {
    const r = await strata(["compose", "-d", "conf", "--resolve"], { cwd: dir });
    assert.equal(r.code, 1, r.stdout);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /config\.yaml:2:4: Value 'list' is not a supported primitive type/);
    assert.match(r.stderr, /full key: v\b/);
    assertNoStackTrace(r.stderr);
    const json = await strata(["compose", "-d", "conf", "--resolve", "-f", "json"], { cwd: dir });
    assert.equal(json.code, 0, json.stderr);
    assert.deepEqual(JSON.parse(json.stdout), { a: 1, v: [1, 2], c: [1, 2] });
    // after a value that reaches a ??? (OmegaConf.resolve's own walk), nested: 'dict'
    const n = await strata(["compose", "-d", "conf", "-n", "nested", "--resolve"], { cwd: dir });
    assert.equal(n.code, 1, n.stdout);
    assert.match(n.stderr, /nested\.yaml:4:8: Value 'dict' is not a supported primitive type/);
    assert.match(n.stderr, /full key: x\.y\b/);
    // oc.create makes a config: it resolves
    const ok = await strata(["compose", "-d", "conf", "--resolve", "~v"], { cwd: dir });
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(ok.stdout, "a: 1\nc:\n- 1\n- 2\n");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("compose -p KEY: a resolver's plain list or dict prints as Python prints it, as Hydra's show_cfg", async () => {
  // OmegaConf.select gives Python data, which show_cfg print()s (texts from python3-omegaconf)
  const dir = await confTree({
    "conf/config.yaml": "v: \"${oc.decode:'[1.0, 1e-5, null, true, s, {k: [2]}]'}\"\n" +
      "d: \"${oc.decode:'{a: 1, b: x}'}\"\n",
  });
  try {
    for (const extra of [[], ["--resolve"], ["-c", "all"]]) {
      const v = await strata(["compose", "-d", "conf", "-p", "v", ...extra], { cwd: dir });
      assert.equal(v.code, 0, v.stderr);
      assert.equal(v.stdout, "[1.0, 1e-05, None, True, 's', {'k': [2]}]\n");
    }
    const d = await strata(["compose", "-d", "conf", "-p", "d"], { cwd: dir });
    assert.equal(d.stdout, "{'a': 1, 'b': 'x'}\n");
    // JSON is strata's own: the value as JSON
    const json = await strata(["compose", "-d", "conf", "-p", "d", "-f", "json"], { cwd: dir });
    assert.deepEqual(JSON.parse(json.stdout), { a: 1, b: "x" });
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

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
    // the hint: what the app reads is printed by -f json
    assert.match(
      r.stderr,
      /\n {4}Hydra's --cfg job --resolve refuses it too \(OmegaConf\.resolve\); -f json prints the value as the app reads it \(OmegaConf\.to_container\(cfg, resolve=True\)\)\n?$/,
    );
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

Deno.test("compose -p KEY: a resolver's container prints as the resolver made it; resolved only with --resolve", async () => {
  // OmegaConf.select gives oc.dict.values's ListConfig of `${d.a}`...; show_cfg to_yaml()s it as
  // it is, and runs OmegaConf.resolve on it only with --resolve (texts from python3-omegaconf)
  const dir = await confTree({
    "conf/config.yaml": "x: 1\nvals: ${oc.dict.values:d}\nd:\n  a: 1\n  b: ${x}\n",
  });
  try {
    const r = await strata(["compose", "-d", "conf", "-p", "vals"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "# @package vals\n- ${d.a}\n- ${d.b}\n");
    const res = await strata(["compose", "-d", "conf", "-p", "vals", "--resolve"], { cwd: dir });
    assert.equal(res.code, 0, res.stderr);
    assert.equal(res.stdout, "# @package vals\n- 1\n- 1\n");
    // a leaf inside it is read, so resolved, as select reads it
    const leaf = await strata(["compose", "-d", "conf", "-p", "vals.1"], { cwd: dir });
    assert.equal(leaf.stdout, "1\n");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("compose --resolve: a resolver's plain list inside a -p container or the hydra node fails, as in the job's keys", async () => {
  // OmegaConf.resolve of the selected container (or of the config with its hydra node) raises
  // UnsupportedValueType "Value 'list' is not a supported primitive type" (python3-omegaconf)
  const dir = await confTree({
    "conf/config.yaml": "pl:\n  a: \"${oc.decode:'[1, 2]'}\"\n  b: 1\npv: ${oc.dict.values:pl}\n",
    "conf/after.yaml": "m: ???\nt: ${m}\nv: \"${oc.decode:'[1, 2]'}\"\n",
  });
  const list = /Value 'list' is not a supported primitive type/;
  try {
    for (const p of ["pl", "pv"]) {
      const r = await strata(["compose", "-d", "conf", "-p", p, "--resolve"], { cwd: dir });
      assert.equal(r.code, 1, r.stdout);
      assert.equal(r.stdout, "");
      assert.match(r.stderr, list);
      assertNoStackTrace(r.stderr);
    }
    // JSON is strata's to_container(resolve=True): it keeps the value
    const json = await strata(["compose", "-d", "conf", "-p", "pl", "--resolve", "-f", "json"], {
      cwd: dir,
    });
    assert.equal(json.code, 0, json.stderr);
    assert.deepEqual(JSON.parse(json.stdout), { a: [1, 2], b: 1 });
    // a value after one that reaches a ??? (OmegaConf.resolve's own walk, value by value)
    const after = await strata(["compose", "-d", "conf", "-n", "after", "--resolve"], { cwd: dir });
    assert.equal(after.code, 1, after.stdout);
    assert.match(after.stderr, /after\.yaml:3:4: Value 'list' is not a supported primitive type/);
    assert.match(after.stderr, /full key: v\b/);
    const q = "+hydra.job_logging.q=${oc.decode:'[1]'}";
    for (
      const cfg of [["-c", "hydra"], ["-c", "all", "~pv", "~pl"], ["-c", "hydra", "-p", "hydra"]]
    ) {
      const r = await strata(["compose", "-d", "conf", "--resolve", q, ...cfg], { cwd: dir });
      assert.equal(r.code, 1, r.stdout);
      assert.match(r.stderr, list);
      assert.match(r.stderr, /full key: hydra\.job_logging\.q\b/);
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("compose -p KEY: a resolver's str prints as itself, as show_cfg's print() of a str", async () => {
  // IsaacGymEnvs' `${resolve_default:Ant,${experiment}}`: OmegaConf.select gives the str 'Ant',
  // which print() writes as Ant; the same through a node interpolation (`wandb_name`)
  const dir = await confTree({
    "conf/config.yaml": "experiment: ''\nname: ${pick:Ant,${experiment}}\n" +
      "wandb_name: ${name}\nup: ${upper:abc}\n",
    "r.ts": "export default {\n  pick: (a: unknown[]) => (a[1] === '' ? a[0] : a[1]),\n" +
      "  upper: (a: unknown[]) => String(a[0]).toUpperCase(),\n};\n",
  });
  try {
    for (const extra of [[], ["--resolve"]]) {
      for (const [key, shown] of [["name", "Ant"], ["wandb_name", "Ant"], ["up", "ABC"]]) {
        const r = await strata([
          "compose",
          "-d",
          "conf",
          "--resolvers",
          "r.ts",
          "-p",
          key,
          ...extra,
        ], {
          cwd: dir,
        });
        assert.equal(r.code, 0, r.stderr);
        assert.equal(r.stdout, `${shown}\n`, `-p ${key} ${extra.join(" ")}`);
      }
    }
    const json = await strata([
      "compose",
      "-d",
      "conf",
      "--resolvers",
      "r.ts",
      "-p",
      "name",
      "-f",
      "json",
    ], {
      cwd: dir,
    });
    assert.equal(json.stdout, '"Ant"\n');
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

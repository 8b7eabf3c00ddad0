/**
 * `compose --resolvers FILE.ts`, as validate, hash, explain and run take it: a
 * TypeScript module of resolvers added to `.strata.yaml`'s (`resolvers.module`),
 * its functions winning over those of the same name.
 */
import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("compose --resolvers loads a module on top of .strata.yaml's, for --resolve and tracker formats", async () => {
  const dir = writeTree({
    "conf/config.yaml": "a: ${double:4}\nb: ${shout:hi}\n",
    "res.ts": "export default { double: (a: unknown[]) => Number(a[0]) * 2 };\n",
    "project.ts": "export default {\n  double: (a: unknown[]) => Number(a[0]) * 10,\n" +
      "  shout: (a: unknown[]) => String(a[0]).toUpperCase(),\n};\n",
  });
  try {
    let r = await strata(["compose", "-d", "conf", "--resolve", "--resolvers", "res.ts"], {
      cwd: dir,
    });
    // no other resolver: shout is unknown
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stderr, /Unsupported interpolation type shout/);
    // with how to tell strata of it, as validate says (stopes' config_sha)
    assert.match(
      r.stderr,
      /^ {4}declare it in \.strata\.yaml \(resolvers: \{opaque: \[shout\]\} .*\) or pass --resolvers FILE\.ts$/m,
    );
    const explain = await strata(["explain", "b", "-d", "conf"], { cwd: dir });
    assert.equal(explain.code, 1, explain.stdout);
    assert.match(explain.stderr, /or pass --resolvers FILE\.ts$/m);
    Deno.writeTextFileSync(`${dir}/.strata.yaml`, "resolvers:\n  module: project.ts\n");
    r = await strata(["compose", "-d", "conf", "--resolve"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "a: 40\nb: HI\n");
    r = await strata(["compose", "-d", "conf", "--resolve", "--resolvers", "res.ts"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "a: 8\nb: HI\n");
    r = await strata(["compose", "-d", "conf", "-f", "flat", "--resolvers", "res.ts"], {
      cwd: dir,
    });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "a=8\nb=HI\n");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("a --resolvers function's integral number past 2^53 is the exact int: compose -f json, hash --canonical", async () => {
  const dir = writeTree({
    "conf/config.yaml": "a: ${p60:}\nb: ${e21:}\nc: x${p60:}\n",
    "r.ts": "export default { p60: () => 2 ** 60, e21: () => 1e21 };\n",
  });
  const P60 = "1152921504606846976", E21 = "1000000000000000000000";
  try {
    let r = await strata([
      "compose",
      "-d",
      "conf",
      "--resolve",
      "-f",
      "json",
      "--resolvers",
      "r.ts",
    ], {
      cwd: dir,
    });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.stdout.replace(/\s/g, ""), `{"a":${P60},"b":${E21},"c":"x${P60}"}`);
    r = await strata(["hash", "-d", "conf", "--canonical", "--resolvers", "r.ts"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), `{"a":${P60},"b":${E21},"c":"x${P60}"}`);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("compose --resolve: a misspelt resolver gets did-you-mean among the known ones", async () => {
  // omnivore's `${divde:...}` for its registered `divide`; OmegaConf's `oc.decod`
  const dir = writeTree({
    "conf/config.yaml": "a: ${doubel:4}\n",
    "res.ts": "export default { double: (a: unknown[]) => Number(a[0]) * 2 };\n",
  });
  try {
    const r = await strata(["compose", "-d", "conf", "--resolve", "--resolvers", "res.ts"], {
      cwd: dir,
    });
    assert.equal(r.code, 1, r.stdout);
    assert.match(
      r.stderr,
      /Unsupported interpolation type doubel\n {4}full key: a\n {4}Did you mean 'double'\?\n/,
    );
    Deno.writeTextFileSync(`${dir}/conf/config.yaml`, "a: ${oc.decod:'1'}\n");
    const builtin = await strata(["compose", "-d", "conf", "--resolve"], { cwd: dir });
    assert.match(builtin.stderr, /Did you mean 'oc\.decode'\?/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

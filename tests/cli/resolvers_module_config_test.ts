// A resolvers module (`--resolvers FILE.ts` or `.strata.yaml` resolvers.module) gets what the
// library gives a resolver: a returned Config is a node (sam2's `merge` is
// `lambda *x: OmegaConf.merge(*x)`, a DictConfig, which OmegaConf.resolve resolves: texts from
// python3-omegaconf 2.2), and `ctx.parent`/`ctx.root` are views of the config being resolved.
import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, ROOT, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

const MERGE = `import { createConfig, merge } from "${ROOT}mod.ts";\n` +
  "export default {\n" +
  "  merge: (args: unknown[]) => merge(...args.map((a) => createConfig(a as object))),\n" +
  "  one: () => createConfig({ x: 1 }),\n" +
  "};\n";
const CONFIG =
  "a: {x: 1, 'y': {z: 2}}\nb: {'y': {w: 3}, k: v}\nm: ${merge:${a},${b}}\no: ${one:}\n";

Deno.test("resolvers module: a Config result is a node under --resolve, --cfg job --resolve and -f json", async () => {
  const dir = await confTree({ "conf/config.yaml": CONFIG, "r.ts": MERGE });
  try {
    const yaml = await strata(
      ["compose", "-d", "conf", "--resolvers", "r.ts", "--cfg", "job", "--resolve"],
      { cwd: dir },
    );
    assertNoStackTrace(yaml.stderr);
    assert.equal(yaml.code, 0, yaml.stderr);
    assert.equal(
      yaml.stdout,
      "a:\n  x: 1\n  'y':\n    z: 2\nb:\n  'y':\n    w: 3\n  k: v\n" +
        "m:\n  x: 1\n  'y':\n    z: 2\n    w: 3\n  k: v\no:\n  x: 1\n",
    );
    const json = await strata(
      ["compose", "-d", "conf", "--resolvers", "r.ts", "--resolve", "-f", "json"],
      { cwd: dir },
    );
    assert.equal(json.code, 0, json.stderr);
    assert.deepEqual(JSON.parse(json.stdout).m, { x: 1, y: { z: 2, w: 3 }, k: "v" });
    // the same module named by the settings file
    const settings = await confTree({
      ".strata.yaml": "resolvers:\n  module: r.ts\n",
      "conf/config.yaml": CONFIG,
      "r.ts": MERGE,
    });
    try {
      const r = await strata(["compose", "-d", "conf", "--resolve", "-p", "m"], { cwd: settings });
      assertNoStackTrace(r.stderr);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, "# @package m\nx: 1\n'y':\n  z: 2\n  w: 3\nk: v\n");
    } finally {
      Deno.removeSync(settings, { recursive: true });
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("resolvers module: ctx.parent and ctx.root are views of the config being resolved", async () => {
  const dir = await confTree({
    "conf/config.yaml": "top: 7\nn:\n  a: 5\n  s: ${views:}\n",
    "r.ts": `import type { ResolverInfo } from "${ROOT}mod.ts";\n` +
      "export default {\n" +
      "  views: (_a: unknown[], ctx: ResolverInfo) =>\n" +
      '    `${ctx.parent?.get("a")}/${ctx.root?.get("top")}`,\n' +
      "};\n",
  });
  try {
    const r = await strata(
      ["compose", "-d", "conf", "--resolvers", "r.ts", "--resolve", "-p", "n.s"],
      { cwd: dir },
    );
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "5/7\n");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

/** Copies `from` (a directory or file) to `to`, as a second copy of strata's modules. */
function copyTree(from: string, to: string): void {
  if (Deno.statSync(from).isFile) return Deno.copyFileSync(from, to);
  Deno.mkdirSync(to, { recursive: true });
  for (const e of Deno.readDirSync(from)) copyTree(`${from}/${e.name}`, `${to}/${e.name}`);
}

Deno.test("resolvers module: a Config made by another copy of strata's mod.ts is a node too", async () => {
  // the compiled binary has its own copy: the module's `import ... from "@strata/strata"` is another
  const dir = await confTree({
    "conf/config.yaml": "a: {x: 1, 'y': b}\nm: ${mk:${a}}\n",
    "r.ts": 'import { createConfig } from "./copy/mod.ts";\n' +
      "export default { mk: (a: unknown[]) => createConfig(a[0] as object) };\n",
  });
  try {
    for (const part of ["core", "asm", "mod.ts"]) copyTree(ROOT + part, `${dir}/copy/${part}`);
    const r = await strata(
      ["compose", "-d", "conf", "--resolvers", "r.ts", "--resolve", "-p", "m"],
      { cwd: dir },
    );
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "# @package m\nx: 1\n'y': b\n");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("resolvers module: plain data with a `kind` key is a value, not taken for a node", async () => {
  const dir = await confTree({
    "conf/config.yaml": "m: ${k:}\n",
    "r.ts": 'export default { k: () => ({ kind: "dict", n: 1 }) };\n',
  });
  try {
    const r = await strata(
      ["compose", "-d", "conf", "--resolvers", "r.ts", "--resolve", "-f", "json"],
      { cwd: dir },
    );
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { m: { kind: "dict", n: 1 } });
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("resolvers module: { resolver, useCache: true } keeps results as OmegaConf's use_cache=True", async () => {
  // OmegaConf 2.2.2 with register_new_resolver("count", c, use_cache=True) and "inc" without:
  // a: 1, b: 1, c: x-1, d: [1], e: 1, f: 2
  const dir = writeTree({
    ".strata.yaml": "resolvers:\n  module: r.ts\n",
    "r.ts": "let n = 0;\nlet m = 0;\n" +
      "export default { count: { resolver: () => ++n, useCache: true }, inc: () => ++m };\n",
    "conf/config.yaml":
      "a: ${count:}\nb: ${count:}\nc: x-${count:}\nd: ['${count:}']\ne: ${inc:}\nf: ${inc:}\n",
  });
  try {
    const r = await strata(["compose", "--resolve", "-f", "json"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { a: 1, b: 1, c: "x-1", d: [1], e: 1, f: 2 });
    Deno.writeTextFileSync(`${dir}/r.ts`, "export default { count: { useCache: true } };\n");
    const bad = await strata(["compose", "--resolve"], { cwd: dir });
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /resolver 'count' is an object without a function as its 'resolver'/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("resolvers module: the app's resolver in hydra.job.config.override_dirname is called, as the app registers it before Hydra reads it (checker v22)", async () => {
  // (dcase2022task6a's sweep/dir.yaml: exclude_keys: ${include_keys: ...})
  const dir = await confTree({
    "conf/config.yaml": 'seed: 1\nk: "${keys:seed}"\nhydra:\n  job:\n    config:\n' +
      '      override_dirname:\n        exclude_keys: "${keys:seed}"\n',
    "r.ts": "export default { keys: (k: string) => k };\n",
  });
  try {
    const r = await strata(["compose", "-d", "conf", "--resolvers", "r.ts"], { cwd: dir });
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "seed: 1\nk: ${keys:seed}\n");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("resolvers.opaque naming a resolver strata computes (the module's, OmegaConf's own) is a warning at its line (checker v30)", async () => {
  const dir = Deno.makeTempDirSync();
  try {
    Deno.mkdirSync(`${dir}/conf`);
    Deno.writeTextFileSync(
      `${dir}/conf/config.yaml`,
      "a: ${times:2,3}\nb: ${oc.env:HOME}\nc: ${eq:1}\nd: ${oc.eval:1}\n",
    );
    Deno.writeTextFileSync(
      `${dir}/r.ts`,
      "export default { times: (a: number[]) => a[0] * a[1] };\n",
    );
    Deno.writeTextFileSync(
      `${dir}/.strata.yaml`,
      "resolvers:\n  opaque: [times, oc.env, eq, oc.eval]\n  module: r.ts\n",
    );
    const r = await strata(["compose", "-d", "conf", "--resolve"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^a: 6$/m);
    assert.match(
      r.stderr,
      /^\.strata\.yaml:2:12: warning: resolvers\.opaque names 'times', which strata computes \(a resolvers module provides it\)/m,
    );
    assert.match(r.stderr, /^\.strata\.yaml:2:19: warning: resolvers\.opaque names 'oc\.env'/m);
    assert.doesNotMatch(r.stderr, /names 'eq'/, "eq is opaque indeed: no word");
    // a project's own `oc.*` resolver (oellm-autoexp's oc.eval) is not OmegaConf's: opaque indeed
    // (checker x47 #1)
    assert.doesNotMatch(r.stderr, /names 'oc\.eval'/);
    assert.match(r.stdout, /^d: \$\{oc\.eval:1\}$/m);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("resolvers module: beside a value calling an opaque resolver, each resolver runs once per value under --resolve (checker y6 #1)", async () => {
  const dir = await confTree({
    ".strata.yaml": "resolvers:\n  opaque: [eval_py]\n  module: r.ts\n",
    "r.ts": "let n = 0;\nexport default { cnt: () => ++n };\n",
    "conf/config.yaml": "f1: ${cnt:}\nf2: ${cnt:}\nj: ${eval_py:1}\n",
  });
  try {
    for (const format of ["yaml", "json"]) {
      const r = await strata(["compose", "-d", "conf", "--resolve", "-f", format], { cwd: dir });
      assertNoStackTrace(r.stderr);
      assert.equal(r.code, 0, r.stderr);
      const got = format === "json" ? JSON.parse(r.stdout) : r.stdout;
      if (format === "json") assert.deepEqual(got, { f1: 1, f2: 2, j: "${eval_py:1}" });
      else assert.equal(got, "f1: 1\nf2: 2\nj: ${eval_py:1}\n");
      assert.match(r.stderr, /j calls 'eval_py', declared opaque in \.strata\.yaml/);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

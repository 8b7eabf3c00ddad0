/**
 * A resolvers module handing a container argument back, as sam2's `merge` does with the
 * README's `(args) => merge(...args.map((a) => createConfig(a)))`: the floats inside keep their
 * type (`1.0`, not `1`), and an argument's own container returned (`(a) => a[0]`) is that node,
 * which `compose --resolve` prints as OmegaConf.resolve takes a Python resolver's DictConfig
 * argument handed back (outputs checked with python3-omegaconf, checker x46 #1).
 */
import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

const MOD = new URL("../../mod.ts", import.meta.url).href;

Deno.test("compose --resolve: a container argument handed back keeps its floats and is its node (checker x46 #1)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "p: {lr: 1.0, n: 2, s: {x: 0.0, r: '${..n}'}}\nq: {wd: 0.0}\n" +
      "opt: ${merge:${p},${q}}\nsame: ${pick:${p}}\nsub: ${sub:${p}}\n",
    "res.ts": `import { createConfig, merge } from "${MOD}";\n` +
      "export default {\n" +
      "  merge: (args: unknown[]) => merge(...args.map((a) => createConfig(a as object))),\n" +
      "  pick: (a: unknown[]) => a[0],\n" +
      "  sub: (a: unknown[]) => (a[0] as { s: unknown }).s,\n" +
      "};\n",
  });
  try {
    const r = await strata(["compose", "-d", "conf", "--resolve", "--resolvers", "res.ts"], {
      cwd: dir,
    });
    assert.equal(r.code, 0, r.stderr);
    // OmegaConf 2.2: merge = lambda *a: OmegaConf.merge(*a), pick = lambda a: a,
    // sub = lambda a: a.s, then OmegaConf.resolve and to_yaml
    const s = "  s:\n    x: 0.0\n    r: 2\n";
    assert.equal(
      r.stdout,
      `p:\n  lr: 1.0\n  'n': 2\n${s}q:\n  wd: 0.0\n` +
        `opt:\n  lr: 1.0\n  'n': 2\n${s}  wd: 0.0\n` +
        `same:\n  lr: 1.0\n  'n': 2\n${s}sub:\n  x: 0.0\n  r: 2\n`,
    );
    const json = await strata(
      ["compose", "-d", "conf", "--resolve", "--resolvers", "res.ts", "-f", "json"],
      { cwd: dir },
    );
    assert.equal(json.code, 0, json.stderr);
    assert.match(json.stdout, /"opt": \{\n {4}"lr": 1\.0,\n {4}"n": 2,/);
    assert.match(json.stdout, /"wd": 0\.0\n {2}\},\n {2}"same"/);
    assertNoStackTrace(r.stderr);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("compose --resolve: ctx.int makes an int of a number that equals a float argument (checker w52 #1)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "a: ${int:1.0}\nb: ${naive:1.0}\nc: ${int:2.7}\n",
    "res.ts": "export default {\n" +
      "  int: (a: unknown[], ctx: { int(x: number): bigint }) => ctx.int(a[0] as number),\n" +
      "  naive: (a: unknown[]) => Math.trunc(a[0] as number),\n" +
      "};\n",
  });
  try {
    const r = await strata(
      ["compose", "-d", "conf", "--resolve", "--resolvers", "res.ts", "-f", "json"],
      { cwd: dir },
    );
    assert.equal(r.code, 0, r.stderr);
    // OmegaConf 2.2: int = lambda x: int(x) gives 1 and 2; naive (returning its equal float,
    // which strata cannot tell from `lambda x: x`) is read as the float argument
    assert.equal(r.stdout, '{\n  "a": 1,\n  "b": 1.0,\n  "c": 2\n}\n');
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("compose --resolve: ctx.str prints values as Python's str() does, floats of a container argument too (checker x54 #4)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "opts: {debug: false, lr: 1.0, wd: 1.0e-05, n: 2, none: null}\n" +
      "pairs: ${pairs:${opts}}\nnaive: ${naive:${opts}}\nlist: ${show:[1, 2.5, true, 'a']}\n",
    "res.ts": "type Ctx = { str(x: unknown, key?: string | number): string };\n" +
      "export default {\n" +
      "  pairs: (a: unknown[], ctx: Ctx) => {\n" +
      "    const d = a[0] as Record<string, unknown>;\n" +
      "    return Object.keys(d).map((k) => `${k}:${ctx.str(d, k)}`).join(',');\n" +
      "  },\n" +
      "  naive: (a: unknown[]) => Object.entries(a[0] as object).map(([k, v]) => `${k}:${v}`).join(','),\n" +
      "  show: (a: unknown[], ctx: Ctx) => ctx.str(a[0]),\n" +
      "};\n",
  });
  try {
    const r = await strata(["compose", "-d", "conf", "--resolve", "--resolvers", "res.ts"], {
      cwd: dir,
    });
    assert.equal(r.code, 0, r.stderr);
    // OmegaConf 2.2: pairs = lambda d: ",".join(f"{k}:{v}" for k, v in d.items()),
    // show = lambda x: str(x), then OmegaConf.resolve and to_yaml
    assert.match(r.stdout, /\npairs: debug:False,lr:1\.0,wd:1e-05,n:2,none:None\n/);
    assert.match(r.stdout, /\nnaive: debug:false,lr:1,wd:0\.00001,n:2,none:null\n/);
    assert.match(r.stdout, /\nlist: '\[1, 2\.5, True, ''a''\]'\n/);
    assertNoStackTrace(r.stderr);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

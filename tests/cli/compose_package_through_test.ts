/**
 * `--package/-p KEY` goes through an interpolation on the way, as Hydra's
 * `show_cfg` (`OmegaConf.select(cfg, package)`) does: with `v: ${w}`,
 * `-p v.0` is `w`'s first item. strata said "package 'v.0' not found".
 * Expected texts from python3-omegaconf: select, then print a leaf, or
 * `# @package` and `to_yaml` of the container (after `OmegaConf.resolve` of
 * it with `--resolve`).
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";
import { compose } from "../../core/compose/compose.ts";
import { isStrataError } from "../../core/errors.ts";
import { renderCfg, selectCfg } from "../../cli/show.ts";

const CONFIG = "v: ${w}\nw: [a, b]\nd: ${e}\ne:\n  f: 1\n  g: ${w}\nm: ???\nn: ${m}\n" +
  "vals: ${oc.dict.values:e}\nk: ${e.g}\nx: ${oc.select:e}\nl: ${e.f}\n";

Deno.test("-p KEY: select goes through an interpolation on the way (the CLI)", async () => {
  const dir = await confTree({ "conf/config.yaml": CONFIG });
  try {
    const run = (...args: string[]) => strata(["compose", "-d", "conf", ...args], { cwd: dir });
    const leaf = await run("-p", "v.0");
    assert.equal(leaf.stderr, "");
    assert.equal(leaf.stdout, "a\n");
    // the node an interpolation points at, resolved in place with --resolve
    const node = await run("-p", "d", "--resolve");
    assert.equal(node.stdout, "# @package d\nf: 1\ng:\n- a\n- b\n", node.stderr);
    const none = await run("-p", "v.5");
    assert.equal(none.code, 1);
    assert.match(none.stderr, /package 'v\.5' not found in config/);
    // ConfigTypeError: Index 'x' (str) is not an int
    const bad = await run("-p", "v.x");
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /Index 'x' \(str\) is not an int/);
    assertNoStackTrace(bad.stderr);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("-p KEY: what OmegaConf.select gives through interpolations, printed as show_cfg prints it", () => {
  const conf = Deno.makeTempDirSync();
  Deno.writeTextFileSync(`${conf}/config.yaml`, CONFIG);
  try {
    const c = compose({ configDir: conf, configName: "config" });
    const show = (pkg: string, resolve: boolean) => {
      try {
        return renderCfg(selectCfg(c, { cfg: "job", resolve, package: pkg }), "yaml");
      } catch (e) {
        if (!isStrataError(e)) throw e;
        return `${e.code}: ${e.message}`;
      }
    };
    const cases: [string, string, string][] = [
      // package, without --resolve, with --resolve
      ["v.0", "a\n", "a\n"],
      ["d.f", "1\n", "1\n"],
      ["d.g.1", "b\n", "b\n"],
      ["k.0", "a\n", "a\n"],
      ["x.f", "1\n", "1\n"],
      ["vals.0", "1\n", "1\n"],
      ["l", "1\n", "1\n"],
      ["d.g", "# @package d.g\n- a\n- b\n", "# @package d.g\n- a\n- b\n"],
      ["k", "# @package k\n- a\n- b\n", "# @package k\n- a\n- b\n"],
      // the node an interpolation points at, printed as it is, resolved with --resolve
      ["d", "# @package d\nf: 1\ng: ${w}\n", "# @package d\nf: 1\ng:\n- a\n- b\n"],
      ["x", "# @package x\nf: 1\ng: ${w}\n", "# @package x\nf: 1\ng:\n- a\n- b\n"],
      // None past the end of a list, for a missing key, in a scalar
      ["v.5", "key: package 'v.5' not found in config", ""],
      ["d.zz", "key: package 'd.zz' not found in config", ""],
      ["l.q", "key: package 'l.q' not found in config", ""],
      // ConfigTypeError, directly or through `v`
      ["w.x", "type: Index 'x' (str) is not an int", ""],
      ["v.x", "type: Index 'x' (str) is not an int", ""],
      // InterpolationToMissingValueError raised on the way
      [
        "n.q",
        "interpolation-to-missing: MissingMandatoryValue while resolving interpolation: Missing mandatory value: m",
        "",
      ],
    ];
    for (const [pkg, plain, resolved] of cases) {
      assert.equal(show(pkg, false), plain, `-p ${pkg}`);
      assert.equal(show(pkg, true), resolved || plain, `-p ${pkg} --resolve`);
    }
  } finally {
    Deno.removeSync(conf, { recursive: true });
  }
});

Deno.test("-p KEY on a value a resolver gives calls the resolver once, as Hydra's select does", async () => {
  // a resolver with a side effect (a counter, a run-id allocator) sees one call per value read
  const dir = await confTree({
    "conf/config.yaml": "a:\n  x: ${count:1}\n  y: 2\nb: ${count:2}\n",
    "res.ts": "let n = 0;\nexport default { count: () => { n++; console.error(`call ${n}`); " +
      "return n; } };\n",
  });
  try {
    for (const args of [["-p", "a.x"], ["-p", "a.x", "--resolve"], ["-p", "b"]]) {
      const r = await strata(["compose", "-d", "conf", "--resolvers", "res.ts", ...args], {
        cwd: dir,
      });
      assert.equal(r.stdout, "1\n", args.join(" "));
      assert.equal(r.stderr, "call 1\n", args.join(" "));
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

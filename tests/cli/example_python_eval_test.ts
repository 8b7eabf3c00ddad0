import assert from "node:assert/strict";
import { assertNoStackTrace, ROOT, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

const MODULE = ROOT + "examples/resolvers/python_eval.ts";

// Expected: OmegaConf 2.2.2 with `OmegaConf.register_new_resolver("eval", eval)`,
// `json.dumps(OmegaConf.to_container(cfg, resolve=True))` of the same file.
Deno.test("example resolvers/python_eval.ts: Python's eval of arithmetic, ints and floats as Python gives them", async () => {
  const dir = writeTree({
    "conf/config.yaml": [
      "r: 32",
      "rf: 32.0",
      "p: 1",
      "a: ${eval:${r}**2 // ${p}**2}",
      "b: ${eval:${rf}**2 // ${p}**2}",
      "c: ${eval:50/2}",
      "d: ${eval:-2**2}",
      "e: ${eval:7 % -3}",
      "f: ${eval:2**-1}",
      "g: ${eval:'(1+2)*3'}",
      "h: ${eval:-7//2}",
      "i: ${eval:1e3 + +2}",
      "j: ${eval:7.5 % 2}",
      "k: ${eval:2**3**2}",
      "l: ${eval:10-2-3}",
      "",
    ].join("\n"),
  });
  const r = await strata(["compose", "--resolvers", MODULE, "--resolve", "-f", "json"], {
    cwd: dir,
  });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stdout.replace(/\s+/g, ""),
    '{"r":32,"rf":32.0,"p":1,"a":1024,"b":1024.0,"c":25.0,"d":-4,"e":-2,"f":0.5,"g":9,' +
      '"h":-4,"i":1002.0,"j":1.5,"k":512,"l":5}',
  );
  // anything but arithmetic is refused, at the value
  Deno.writeTextFileSync(`${dir}/conf/config.yaml`, "x: ${eval:'open(1)'}\n");
  const bad = await strata(["compose", "--resolvers", MODULE, "--resolve"], { cwd: dir });
  assertNoStackTrace(bad.stderr);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /^conf\/config\.yaml:1:4: .*not an arithmetic expression: open\(1\)/);
});

/**
 * `${hydra:path}` is Hydra's `OmegaConf.select(HydraConfig.get(), path)`: what
 * finds nothing on the way is None, not an error. The basic sweeper's
 * `params: null` is the common case (`${hydra:sweeper.params.lr}` in a single
 * run); a value that is no container, an index out of range alike. A list index
 * that is not an int stays select's ConfigTypeError.
 */
import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("compose --resolve: ${hydra:...} reads None through a null, a str or past a list's end, as OmegaConf.select", async () => {
  const dir = writeTree({ "conf/config.yaml": "x: 1\n" });
  try {
    const reads = [
      "+a=${hydra:sweeper.params.lr}",
      "+b=${hydra:job.name.x}",
      "+c=${hydra:searchpath.5}",
      "+d=${hydra:sweeper.nope.x}",
    ];
    const r = await strata(["compose", "-d", "conf", "--resolve", ...reads], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "x: 1\na: null\nb: null\nc: null\nd: null\n");
    const bad = await strata(["compose", "-d", "conf", "--resolve", "+e=${hydra:searchpath.x}"], {
      cwd: dir,
    });
    assert.equal(bad.code, 1);
    assert.match(
      bad.stderr,
      /^override #1 '\+e=\$\{hydra:searchpath\.x\}': ConfigTypeError raised while resolving interpolation: Index 'x' \(str\) is not an int\n/,
    );
    assertNoStackTrace(bad.stderr);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

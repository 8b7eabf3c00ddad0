// explain follows a key built from an interpolation whose own value is one (`${d.${k}.bs}` with
// `k: ${ks[0]}`): the key read (`d.n.bs`) and what it reads are listed, as with a plain `k: n`
// (checker v39).
import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("explain: a dynamic key segment that is itself an interpolation is followed to the key it builds", async () => {
  const dir = writeTree({
    "conf/config.yaml": "d:\n  n:\n    bs: ${r.b}\nr:\n  b: 16\nks: ${oc.dict.keys:d}\n" +
      "k: ${ks[0]}\nv: ${d.${k}.bs}\n",
  });
  try {
    const r = await strata(["explain", "v"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^ {4}d\.n\.bs = "\$\{r\.b\}" {2}\(conf\/config\.yaml:3:9\)$/m);
    assert.match(r.stdout, /^ {4}r\.b = 16 {2}\(conf\/config\.yaml:5:6\)$/m);
    assert.match(r.stdout, /^ {2}value: 16$/m);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

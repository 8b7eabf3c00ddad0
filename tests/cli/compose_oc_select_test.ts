/**
 * `oc.select` through a scalar gives its default (or None), as
 * `OmegaConf.select` does: the ConfigTypeError of a path that goes through a
 * value is caught there, while a plain `${e.x}` still fails.
 *
 * @module
 */

import assert from "node:assert/strict";
import { confTree, strata } from "./_cli.ts";

Deno.test("oc.select through a scalar gives the default, ${a.b} through one still fails", async () => {
  const dir = await confTree({
    "conf/config.yaml": "optim: adam\nl: [1]\nlr: ${oc.select:optim.lr,0.001}\n" +
      "none: ${oc.select:optim.lr}\nitem: ${oc.select:l.0.x,10}\nname: '${oc.select:optim.name,x}_y'\n",
    "conf/plain.yaml": "optim: adam\nlr: ${optim.lr}\n",
  });
  const r = await strata(["compose", "--resolve"], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stdout,
    "optim: adam\nl:\n- 1\nlr: 0.001\nnone: null\nitem: 10\nname: x_y\n",
  );
  const plain = await strata(["compose", "-n", "plain", "--resolve"], { cwd: dir });
  assert.equal(plain.code, 1);
  assert.match(plain.stderr, /node `optim` is not a container and thus cannot contain `lr`/);
  Deno.removeSync(dir, { recursive: true });
});

/**
 * Too many arguments to an `oc.*` resolver: Python's TypeError as OmegaConf 2.2.2 raises it
 * (checked with /usr/bin/python3's omegaconf, checker x36). Those whose Python function takes
 * `_parent_`, `_node_` or `_root_` after its own parameters get "got multiple values for
 * argument", the first OmegaConf passes by keyword that an extra argument filled; those that
 * take them keyword-only count those too; `oc.env` takes none.
 */
import assert from "node:assert/strict";
import { createConfig } from "../../../mod.ts";

const CASES: [expr: string, message: string][] = [
  ["${oc.decode:a,b}", "decode() got multiple values for argument '_parent_'"],
  ["${oc.decode:a,b,c,d}", "decode() got multiple values for argument '_parent_'"],
  ["${oc.create:a,b,c}", "create() got multiple values for argument '_parent_'"],
  ["${oc.dict.keys:b,x,y}", "keys() got multiple values for argument '_parent_'"],
  ["${oc.dict.values:b,x}", "values() got multiple values for argument '_root_'"],
  ["${oc.dict.values:b,x,y,z}", "values() got multiple values for argument '_parent_'"],
  [
    "${oc.select:b.x,1,2}",
    "select() takes from 1 to 2 positional arguments but 3 positional arguments (and 1 " +
    "keyword-only argument) were given",
  ],
  [
    "${oc.deprecated:b.x,m,c}",
    "deprecated() takes from 1 to 2 positional arguments but 3 positional arguments (and 2 " +
    "keyword-only arguments) were given",
  ],
  ["${oc.env:A,b,c}", "env() takes from 1 to 2 positional arguments but 3 were given"],
];

Deno.test("oc.* resolvers given too many arguments fail with OmegaConf's TypeError", () => {
  for (const [expr, message] of CASES) {
    assert.throws(
      () => createConfig({ b: { x: 1 }, v: expr } as never).get("v"),
      (e: Error) => {
        assert.equal(
          e.message.split("\n")[0],
          `TypeError raised while resolving interpolation: ${message}`,
          expr,
        );
        return true;
      },
    );
  }
});

/**
 * `explain` of a value read from the environment names each `${oc.env:NAME}` and what it holds
 * here, or that it is unset and the default is used (checker x34: 42 came from $X34_NUM, which
 * nothing said).
 */
import assert from "node:assert/strict";
import { confTree, strata } from "./_cli.ts";

Deno.test("explain: a value that reads ${oc.env:NAME} names the variable and its value, or that it is unset", async () => {
  const dir = await confTree({
    "conf/config.yaml": "env:\n  decoded: ${oc.decode:${oc.env:STRATA_T_NUM,'1e3'}}\n" +
      "  other: ${oc.env:STRATA_T_UNSET,3}\n  via: ${env.decoded}\n",
  });
  try {
    const set = await strata(["explain", "env.via"], {
      cwd: dir,
      env: { STRATA_T_NUM: "42" },
    });
    assert.equal(set.code, 0, set.stderr);
    assert.match(set.stdout, /^ {4}env STRATA_T_NUM = "42"\n {2}value: 42\n$/m);
    const unset = await strata(["explain", "env.other"], { cwd: dir });
    assert.match(
      unset.stdout,
      /^ {4}env STRATA_T_UNSET is unset \(the default given, if any, is used\)\n {2}value: "3"$/m,
    );
    const json = await strata(["explain", "env.decoded", "-f", "json"], {
      cwd: dir,
      env: { STRATA_T_NUM: "42" },
    });
    assert.deepEqual(JSON.parse(json.stdout).env, [{ name: "STRATA_T_NUM", value: "42" }]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

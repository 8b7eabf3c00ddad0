// `${a.x}` with `a: null`: OmegaConf 2.2.2 reads `a` as a value, not a container, and raises
// InterpolationResolutionError "ConfigTypeError raised while resolving interpolation: Error
// trying to access a.x: node `a` is not a container and thus cannot contain `x`" (text from
// python3-omegaconf), at the value holding the interpolation.
import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

Deno.test("compose --resolve: an interpolation through a null is OmegaConf's 'not a container'", async () => {
  const dir = await confTree({ "conf/config.yaml": "a: null\nb: ${a.x}\n" });
  try {
    const r = await strata(["compose", "-d", "conf", "--resolve"], { cwd: dir });
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(
      r.stderr,
      "conf/config.yaml:2:4: ConfigTypeError raised while resolving interpolation: Error trying " +
        "to access a.x: node `a` is not a container and thus cannot contain `x`\n    full key: b\n",
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

/**
 * A resolvers module's function reads the config through `ctx.root` /
 * `ctx.parent` (views): what it reads resolves with the module's other
 * resolvers too, as in the Python app where all are registered. One that
 * reads its own value that way recurses, as OmegaConf does, into
 * RecursionError (map-anything's resolver serializing `_root_`), not
 * "Unsupported interpolation type" for a resolver the module has.
 *
 * @module
 */
import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("a resolver reading ctx.root sees the module's other resolvers; reading itself recurses", async () => {
  const dir = writeTree({
    "conf/config.yaml": "x: 1\ny: ${mark:}\nz: ${five:}\n",
    "views.ts": "export default {\n" +
      "  mark: (_a: unknown[], ctx: any) => String(ctx.root.get('z')) + '!',\n" +
      "  five: () => 5,\n};\n",
    "self.ts": "export default {\n" +
      "  mark: (_a: unknown[], ctx: any) => JSON.stringify(ctx.root),\n" +
      "  five: () => 5,\n};\n",
  });
  try {
    const ok = await strata(["compose", "-d", "conf", "--resolve", "--resolvers", "views.ts"], {
      cwd: dir,
    });
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(ok.stdout, "x: 1\n'y': 5!\nz: 5\n");
    const loop = await strata(["compose", "-d", "conf", "--resolve", "--resolvers", "self.ts"], {
      cwd: dir,
    });
    assert.equal(loop.code, 1);
    assertNoStackTrace(loop.stderr);
    assert.match(
      loop.stderr,
      /^conf\/config\.yaml:2:4: RecursionError raised while resolving interpolation: maximum recursion depth exceeded/,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

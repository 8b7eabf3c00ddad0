/**
 * `compose --resolvers FILE.ts`, as validate, hash, explain and run take it: a
 * TypeScript module of resolvers added to `.strata.yaml`'s (`resolvers.module`),
 * its functions winning over those of the same name.
 */
import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("compose --resolvers loads a module on top of .strata.yaml's, for --resolve and tracker formats", async () => {
  const dir = writeTree({
    "conf/config.yaml": "a: ${double:4}\nb: ${shout:hi}\n",
    "res.ts": "export default { double: (a: unknown[]) => Number(a[0]) * 2 };\n",
    "project.ts": "export default {\n  double: (a: unknown[]) => Number(a[0]) * 10,\n" +
      "  shout: (a: unknown[]) => String(a[0]).toUpperCase(),\n};\n",
  });
  try {
    let r = await strata(["compose", "-d", "conf", "--resolve", "--resolvers", "res.ts"], {
      cwd: dir,
    });
    // no other resolver: shout is unknown
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stderr, /Unsupported interpolation type shout/);
    Deno.writeTextFileSync(`${dir}/.strata.yaml`, "resolvers:\n  module: project.ts\n");
    r = await strata(["compose", "-d", "conf", "--resolve"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "a: 40\nb: HI\n");
    r = await strata(["compose", "-d", "conf", "--resolve", "--resolvers", "res.ts"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "a: 8\nb: HI\n");
    r = await strata(["compose", "-d", "conf", "-f", "flat", "--resolvers", "res.ts"], {
      cwd: dir,
    });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "a=8\nb=HI\n");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

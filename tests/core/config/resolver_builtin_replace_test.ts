/**
 * The built-in resolvers are registered as OmegaConf registers its own:
 * `replace: true` replaces one, and unregistering removes one
 * (OmegaConf.clear_resolver), which a later registration may take again.
 * Checked against OmegaConf 2.2.2. Run in a process of its own: the
 * registry is the process's, and `oc.env` is not to be left replaced.
 */

import assert from "node:assert/strict";

const MOD = new URL("../../../mod.ts", import.meta.url).href;

const SCRIPT = `
import assert from "node:assert/strict";
import { createConfig, registerResolver, toObject, unregisterResolver } from "${MOD}";
assert.throws(() => registerResolver("oc.env", () => "mine"), /resolver 'oc\\.env' is already registered/);
registerResolver("oc.env", () => "mine", { replace: true });
const c = createConfig({ a: "\${oc.env:HOME}", b: "x_\${oc.env:HOME}", d: { e: "\${oc.env:HOME}" } });
assert.equal(c.get("a"), "mine");
// the whole tree resolved in the engine calls the replacement too
assert.deepEqual(toObject(c, { resolve: true }), { a: "mine", b: "x_mine", d: { e: "mine" } });
assert.equal(unregisterResolver("oc.env"), true);
assert.equal(unregisterResolver("oc.env"), false);
assert.throws(() => createConfig({ a: "\${oc.env:HOME}" }).get("a"), /Unsupported interpolation type oc\\.env/);
// removed, the name is free: registering it needs no replace
registerResolver("oc.env", () => "again");
assert.equal(createConfig({ a: "\${oc.env:HOME}" }).get("a"), "again");
console.log("ok");
`;

Deno.test("a built-in resolver is replaced with replace: true, removed by unregisterResolver", async () => {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["eval", "--no-lock", SCRIPT],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
  assert.equal(out.code, 0, text);
  assert.equal(text.trim(), "ok");
});

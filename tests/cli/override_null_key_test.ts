/**
 * An override dict with a `null` key (`+extra={null:w}`): Hydra's parser reads the key as None,
 * which OmegaConf.update refuses; strata says so at the override, exit 1, instead of composing a
 * config whose YAML (`null: w`) neither it nor OmegaConf reads back (checker x17).
 */
import assert from "node:assert/strict";
import { confTree, strata } from "./_cli.ts";

Deno.test("compose: an override dict with a null key is Hydra's 'Error merging override'", async () => {
  const dir = await confTree({ "conf/config.yaml": "a: 1\n" });
  try {
    const r = await strata(["compose", "-d", "conf", "+extra={x:{null:w}}"], { cwd: dir });
    assert.equal(r.code, 1, r.stdout);
    assert.equal(
      r.stderr,
      "override #1 '+extra={x:{null:w}}': Error merging override +extra={x:{null:w}}\n" +
        "    full key: extra.x\n    Incompatible key type 'NoneType'\n",
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

// An edit refused on a composed config is located at the container written to (its
// file:line:col, or nowhere for the root, which no file holds), or at the key a refused delete or
// pop names: the value comes from code, so it is never `<create>`, which names a config made by
// createConfig.
import assert from "node:assert/strict";
import { compose, type Config, createConfig, ErrorCode, update } from "../../../mod.ts";
import { thrown } from "../../_errors.ts";

async function composed(): Promise<{ config: Config; file: string; dir: string }> {
  const dir = await Deno.makeTempDir();
  const file = `${dir}/config.yaml`;
  await Deno.writeTextFile(file, "a: 1\nd:\n  x: 1\nl: [1, 2]\n");
  return { config: compose({ configDir: dir, configName: "config" }).config, file, dir };
}

Deno.test("set/update/delete/pop/append/insert on a composed config: the origin of the container written to", async () => {
  const { config: c, file, dir } = await composed();
  try {
    const d = { file, line: 3, col: 3 };
    const l = { file, line: 4, col: 4 };
    const x = { file, line: 3, col: 6 };
    for (
      const [body, code, origin] of [
        [() => c.set("bb", 2), ErrorCode.Attribute, undefined],
        [() => c.set("d.bb", { q: 1 }), ErrorCode.Attribute, d],
        [() => update(c, "bb", 1), ErrorCode.Attribute, undefined],
        [() => update(c, "d", { zz: 1 }), ErrorCode.Key, d],
        // a key that is there: at the key refused, not its container (checker v40)
        [() => c.delete("d.x"), ErrorCode.Type, x],
        [() => c.pop("d.x"), ErrorCode.Type, x],
        [() => c.get<Config>("l").insert(9, 1), ErrorCode.Index, l],
        [() => c.set("a", "${oops"), ErrorCode.Grammar, undefined],
        [() => c.set("d.x", { y: "${oops" }), ErrorCode.Grammar, undefined],
      ] as const
    ) {
      const e = thrown(body);
      assert.equal(e.code, code, e.message);
      assert.deepEqual(e.origin, origin, `${e.fullKey}: ${e.message}`);
    }
    c.readonly = true;
    assert.deepEqual(thrown(() => c.get<Config>("l").append(3)).origin, l);
    c.readonly = false;
    // a value set in code comes from no file
    c.set("a", 2);
    assert.equal(c.origin("a"), undefined);
    assert.match(c.origin("d.x")!, /config\.yaml:3:6$/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a createConfig config's struct error still names <create>, where its dicts come from", () => {
  const c = createConfig({ a: 1 });
  c.struct = true;
  assert.deepEqual(thrown(() => c.set("bb", 1)).origin, { file: "<create>" });
});

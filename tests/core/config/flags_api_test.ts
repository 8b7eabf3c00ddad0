// openDict / readWrite / ownFlag and `cfg.struct = null`, against OmegaConf 2.2's
// open_dict, read_write, _get_node_flag and set_struct(cfg, None)
// (expected values from python3-omegaconf 2.2).
import assert from "node:assert/strict";
import {
  type Config,
  createConfig,
  ErrorCode,
  openDict,
  ownFlag,
  readWrite,
} from "../../../mod.ts";
import { thrown } from "../../_errors.ts";

Deno.test("openDict: a child that inherited struct mode inherits it again (own flag None)", () => {
  const o = createConfig({ a: { b: 1 } });
  o.struct = true;
  const a = o.get<Config>("a");
  openDict(a, (c) => c.set("n", 1));
  assert.deepEqual(o.toObject(), { a: { b: 1, n: 1 } });
  assert.equal(ownFlag(a, "struct"), null); // python: None
  assert.equal(a.struct, true);
  o.struct = false;
  assert.equal(a.struct, false, "follows the root's later change, as after open_dict");
});

Deno.test("openDict: a node's own true is put back; so is it when fn throws", () => {
  const o = createConfig({ a: { b: 1 } });
  o.get<Config>("a").struct = true;
  openDict(o.get<Config>("a"), () => {});
  assert.equal(ownFlag(o.get<Config>("a"), "struct"), true);
  const o3 = createConfig({ a: { b: 1 } });
  o3.struct = true;
  assert.throws(() =>
    openDict(o3, (c) => {
      c.set("z", 1);
      throw new Error("x");
    }), /^Error: x$/);
  assert.equal(ownFlag(o3, "struct"), true);
  assert.deepEqual(o3.toObject(), { a: { b: 1 }, z: 1 });
  assert.equal(thrown(() => o3.set("y", 1)).code, ErrorCode.Attribute);
});

Deno.test("openDict: returns fn's result; an async fn keeps the config open until it settles", async () => {
  const o = createConfig({ a: 1 });
  o.struct = true;
  assert.equal(openDict(o, () => 7), 7);
  const p = openDict(o, async (c) => {
    await Promise.resolve();
    c.set("late", 2);
    return "done";
  });
  assert.equal(o.struct, false);
  assert.equal(await p, "done");
  assert.equal(o.struct, true);
  assert.equal(o.get("late"), 2);
});

Deno.test("readWrite: writable inside, readonly again after (own flag None on the child)", () => {
  const r = createConfig({ a: { b: 1 } });
  r.readonly = true;
  const a = r.get<Config>("a");
  readWrite(a, (c) => c.set("b", 2));
  assert.equal(r.get("a.b"), 2);
  assert.equal(ownFlag(a, "readonly"), null);
  assert.equal(a.readonly, true);
  const e = thrown(() => a.set("b", 3));
  assert.equal(e.code, ErrorCode.Readonly);
  assert.match(e.message, /^Cannot change read-only config container/);
});

Deno.test("struct = null clears the node's own flag (set_struct(cfg, None))", () => {
  const o = createConfig({ a: { b: 1 } });
  o.struct = true;
  o.struct = null;
  assert.equal(ownFlag(o, "struct"), null);
  assert.equal(o.struct, false); // is_struct: None
  o.struct = true;
  const a = o.get<Config>("a");
  a.struct = false;
  a.struct = null;
  assert.equal(a.struct, true, "inherits the root's again");
  o.readonly = true;
  o.readonly = null;
  assert.equal(ownFlag(o, "readonly"), null);
  assert.equal(thrown(() => (o.struct = "yes" as never)).code, ErrorCode.Usage);
  assert.equal(thrown(() => ownFlag(o, "nope" as never)).code, ErrorCode.Usage);
  assert.equal(thrown(() => openDict(o, 1 as never)).code, ErrorCode.Usage);
});

// A bad value given to set/append/insert is named by its full key, as OmegaConf names it
// (expected keys from python3-omegaconf 2.2: OmegaConf.update(..., merge=False), append, insert).
import assert from "node:assert/strict";
import { type Config, createConfig, ErrorCode } from "../../../mod.ts";
import { thrown } from "../../_errors.ts";

Deno.test("a malformed ${ in a value set, appended or inserted: the full key where it goes", () => {
  const c = createConfig({ a: 1, d: { e: 1 }, l: [1] });
  const l = () => c.get<Config>("l");
  for (
    const [body, key] of [
      [() => c.set("a", "${b"), "a"],
      [() => c.set("d.e", "${b"), "d.e"],
      [() => c.set("d", { q: { r: "${b" } }), "d.q.r"],
      [() => c.set("d", { q: ["x", "${b"] }), "d.q[1]"],
      [() => c.set("l[0]", "${b"), "l[0]"],
      [() => l().append("${b"), "l[1]"],
      [() => l().append({ x: "${b" }), "l[1].x"],
      [() => l().insert(0, "${b"), "l[0]"],
      [() => c.get<Config>("d").set("e", "${b"), "d.e"],
    ] as const
  ) {
    const e = thrown(body);
    assert.equal(e.code, ErrorCode.Grammar);
    assert.equal(e.message, "no viable alternative at input '${b'");
    assert.equal(e.fullKey, key);
  }
  assert.deepEqual(c.toObject(), { a: 1, d: { e: 1 }, l: [1] }, "nothing was set");
  assert.equal(thrown(() => l().append(new Date(0) as never)).fullKey, "l[1]");
});

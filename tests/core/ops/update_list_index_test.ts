// OmegaConf.update through a list takes int(segment): a segment that is not
// an int is an error, never index 0 (Number("") and Number("0x1") are numbers).
import assert from "node:assert/strict";
import { createConfig, ErrorCode, toYaml } from "../../../mod.ts";
import { thrown } from "../../_errors.ts";

Deno.test("set through a list: a segment that is not an int is a type error, not an index", () => {
  for (const key of ["a..b", "a.0x1", "a.1e0", "a.b", "a.b.c"]) {
    const cfg = createConfig("a: [1, 2]");
    const e = thrown(() => cfg.set(key, 5));
    assert.equal(e.code, ErrorCode.Type, key);
    assert.match(e.message, /ListConfig indices must be integers or slices, not str/, key);
    assert.equal(toYaml(cfg), "a:\n- 1\n- 2\n", key);
  }
  const cfg = createConfig("a: [1, 2]");
  cfg.set("a.+1", 5);
  cfg.set("a.-2.x", 6);
  assert.equal(toYaml(cfg), "a:\n- x: 6\n- 5\n");
});

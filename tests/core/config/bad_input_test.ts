/**
 * Library misuse gets a StrataError with a code, never a raw TypeError (report_library): `append`
 * or `insert` on the root dict, `toObject` of an object that only looks like a Standard Schema,
 * `merge` given `undefined` (JavaScript's None: refused as OmegaConf refuses None).
 */
import assert from "node:assert/strict";
import { type Config, createConfig, merge, StrataError } from "../../../mod.ts";

const isCode = (code: string, message: RegExp) => (e: unknown) =>
  e instanceof StrataError && e.code === code && message.test(e.message);

Deno.test("append and insert on a root dict: type errors, as on a nested dict", () => {
  const cfg = createConfig({ a: 1, g: { x: 1 } });
  assert.throws(() => cfg.append(1), isCode("type", /^append needs a ListConfig$/));
  assert.throws(() => cfg.insert(0, 1), isCode("type", /^insert needs a ListConfig$/));
  assert.throws(
    () => (cfg.get("g") as Config).append(1),
    isCode("type", /^append needs a ListConfig$/),
  );
});

Deno.test("toObject of an object that is no Standard Schema: usage", () => {
  const cfg = createConfig({ a: 1 });
  const fake = { "~standard": {} } as never;
  assert.throws(() => cfg.toObject(fake), isCode("usage", /has no validate function/));
});

Deno.test("merge with undefined is refused as OmegaConf refuses None", () => {
  const cfg = createConfig({ a: 1 });
  assert.throws(
    () => merge(cfg, undefined as never),
    isCode("value", /^Cannot merge with an undefined config$/),
  );
  assert.throws(() => merge(undefined as never, cfg), isCode("value", /^Invalid input/));
  assert.throws(
    () => merge(cfg, null as never),
    isCode("value", /^Cannot merge with a None config$/),
  );
});

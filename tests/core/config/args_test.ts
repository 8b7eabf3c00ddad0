/**
 * A plain JavaScript caller's wrong-typed arguments to the library's entry
 * points are `usage` StrataErrors naming the function and the argument, not
 * TypeErrors from deep inside.
 */

import assert from "node:assert/strict";
import * as strata from "../../../mod.ts";

// deno-lint-ignore no-explicit-any
const js = strata as any;

const SYNC: [() => unknown, RegExp][] = [
  [() => js.compose(undefined), /^compose: options must be an object, not undefined$/],
  [() => js.compose(5), /^compose: options must be an object, not a number$/],
  [() => js.compose({ configDir: 5 }), /^compose: configDir must be a string, not a number$/],
  [
    () => js.compose({ configDir: "conf", overrides: "a=1" }),
    /^compose: overrides must be an array of strings, not a string$/,
  ],
  [() => js.compose({ configDir: "conf", configName: 1 }), /configName must be a string or null/],
  [() => js.expandSweep(null), /^expandSweep: options must be an object, not null$/],
  [() => js.resolve(undefined), /^resolve: config must be a Config or a Composition/],
  [() => js.resolve({}), /^resolve: config must be a Config or a Composition, not an object$/],
  [() => js.toYaml(undefined), /^toYaml: config must be a Config, not undefined$/],
  [() => js.toJson({}), /^toJson: config must be a Config, not an object$/],
  [() => js.toObject("a: 1"), /^toObject: config must be a Config, not a string$/],
  [() => js.registerResolver(5, () => 1), /^registerResolver: name must be a string/],
  [() => js.registerResolver("t.args", 5), /^registerResolver: resolver must be a function/],
  [() => js.renderError(undefined), /^renderError: error must be an object, not undefined$/],
  [() => js.formatOrigin(undefined), /^formatOrigin: origin must be an object, not undefined$/],
];

Deno.test("wrong-typed calls from JavaScript are usage errors", () => {
  for (const [call, message] of SYNC) {
    assert.throws(call, (e: unknown) => {
      assert.ok(strata.isStrataError(e), String(e));
      assert.equal(e.code, strata.ErrorCode.Usage);
      assert.match(e.message, message);
      return true;
    });
  }
});

Deno.test("the async entry points reject with the usage error", async () => {
  for (
    const [call, message] of [
      [() => js.loadConfig(5), /^loadConfig: path must be a string, not a number$/],
      [() => js.validate(undefined), /^validate: options must be an object, not undefined$/],
      [() => js.validate({ configDir: "c" }), /^validate: configName must be a string/],
    ] as [() => Promise<unknown>, RegExp][]
  ) {
    await assert.rejects(call, (e: unknown) => {
      assert.ok(strata.isStrataError(e), String(e));
      assert.equal(e.code, strata.ErrorCode.Usage);
      assert.match(e.message, message);
      return true;
    });
  }
});

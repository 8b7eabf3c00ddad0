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
  // (checker y2 #1: a TypeError `names.join is not a function` from inside)
  [
    () => js.expandSweep({ configDir: "conf", link: "x,y" }),
    /^expandSweep: link must be an array of arrays of override keys/,
  ],
  [
    () => js.expandSweep({ configDir: "conf", link: ["x", "y"] }),
    /^expandSweep: link\[0\] must be an array of override keys .*, not a string$/,
  ],
  [
    () => js.expandSweep({ configDir: "conf", link: [["x", 1]] }),
    /^expandSweep: link\[0\]\[1\] must be a string, not a number$/,
  ],
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
      [
        () => js.validate({ configDir: "c", configName: 1 }),
        /^validate: configName must be a string or null, not a number$/,
      ],
      [
        () => js.validate({ configDir: "c", configName: null, overrides: ["a=1", 2] }),
        /^validate: overrides\[1\] must be a string, not a number$/,
      ],
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

Deno.test("validate takes configName null, as its type and compose do (checker z15)", async () => {
  const dir = Deno.makeTempDirSync();
  Deno.mkdirSync(`${dir}/db`);
  Deno.writeTextFileSync(`${dir}/db/mysql.yaml`, "host: x\nport: ${oops}\n");
  Deno.writeTextFileSync(`${dir}/db/pg.yaml`, "host: y\n");
  try {
    const r = await strata.validate({ configDir: dir, configName: null });
    assert.deepEqual(r.problems.map((p) => p.message), ["Interpolation key 'oops' not found"]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

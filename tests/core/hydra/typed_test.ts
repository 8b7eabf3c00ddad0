import assert from "node:assert/strict";
import { toContainer } from "../../../engine.ts";
import { bool, float, int, list, nil, str } from "../../../core/node.ts";
import { hydraFieldError, typedPlugins, typeHydraNode } from "../../../core/hydra/typed.ts";
import { checkHydraSchema } from "../../../core/hydra/schema.ts";
import type { Problem } from "../../../core/validate/problems.ts";
import { loadYaml } from "../../../core/yaml/load.ts";

const SWEEPER = new Set(["sweeper"] as const);

Deno.test("hydraFieldError: hydra.mode takes RunMode's names and values, and null", () => {
  for (const ok of [str("RUN"), str("MULTIRUN"), str("RunMode.RUN"), int(1), int(2)]) {
    assert.equal(hydraFieldError(["mode"], ok), undefined);
  }
  assert.equal(hydraFieldError(["mode"], nil()), undefined);
  assert.equal(hydraFieldError(["mode"], str("${oc.env:M}")), undefined);
  const bad = "expected one of [RUN, MULTIRUN]";
  assert.equal(hydraFieldError(["mode"], str("RUNX")), `Invalid value 'RUNX', ${bad}`);
  assert.equal(hydraFieldError(["mode"], str("run")), `Invalid value 'run', ${bad}`);
  assert.equal(hydraFieldError(["mode"], int(3)), `Invalid value '3', ${bad}`);
  assert.equal(hydraFieldError(["mode"], bool(true)), `Invalid value 'True', ${bad}`);
  assert.equal(
    hydraFieldError(["mode"], float(2)),
    "Value 2.0 (float) is not a valid input for <enum 'RunMode'>",
  );
});

Deno.test("hydraFieldError: BasicSweeperConf's fields only when the sweeper is basic", () => {
  const mbs = ["sweeper", "max_batch_size"];
  assert.equal(hydraFieldError(mbs, str("abc")), undefined);
  assert.equal(
    hydraFieldError(mbs, str("abc"), SWEEPER),
    "Value 'abc' of type 'str' could not be converted to Integer",
  );
  assert.equal(
    hydraFieldError(mbs, float(2.5), SWEEPER),
    "Value '2.5' of type 'float' could not be converted to Integer",
  );
  assert.equal(hydraFieldError(mbs, str(" 3 "), SWEEPER), undefined);
  assert.equal(hydraFieldError(mbs, nil(), SWEEPER), undefined);
  const params = ["sweeper", "params"];
  assert.equal(hydraFieldError(params, nil(), SWEEPER), undefined); // Optional
  assert.equal(hydraFieldError(params, int(3), SWEEPER), "Cannot assign int to Dict[str, str]");
  assert.equal(
    hydraFieldError([...params, "lr"], nil(), SWEEPER),
    "field 'hydra.sweeper.params.lr' is not Optional",
  );
  assert.equal(
    hydraFieldError([...params, "lr"], list([int(1), int(2)]), SWEEPER),
    "Cannot convert 'list' to string: '[1, 2]'",
  );
  assert.equal(hydraFieldError([...params, "lr"], float(0.5), SWEEPER), undefined);
});

Deno.test("typeHydraNode: mode by name, basic sweeper's params as strings, max_batch_size an int", () => {
  const hydra = loadYaml(
    "mode: 2\nsweeper:\n  max_batch_size: '4'\n  params:\n    a: 1\n    b: 1.0e-05\n" +
      "    c: true\n    d: 1,2\n    e: ${x}\n    f: 0.5\n",
  ) as never;
  assert.deepEqual(toContainer(typeHydraNode(hydra, SWEEPER)), {
    mode: "MULTIRUN",
    sweeper: {
      max_batch_size: 4,
      params: { a: "1", b: "1e-05", c: "True", d: "1,2", e: "${x}", f: "0.5" },
    },
  });
  // another sweeper's node is left as written
  assert.deepEqual(toContainer(typeHydraNode(hydra)), {
    mode: "MULTIRUN",
    sweeper: {
      max_batch_size: "4",
      params: { a: 1, b: 1e-5, c: true, d: "1,2", e: "${x}", f: 0.5 },
    },
  });
  const mode = loadYaml("mode: RunMode.RUN\n") as never;
  assert.deepEqual(toContainer(typeHydraNode(mode)), { mode: "RUN" });
});

Deno.test("typedPlugins: the basic sweeper and launcher, by the configs merged", () => {
  const d = (configPath: string) => ({ configPath });
  assert.deepEqual(
    [...typedPlugins([d("hydra/launcher/basic"), d("hydra/sweeper/basic"), d("config")])].sort(),
    ["launcher", "sweeper"],
  );
  assert.deepEqual([...typedPlugins([d("hydra/sweeper/optuna"), d("config")])], []);
});

Deno.test("checkHydraSchema: BasicSweeperConf's keys and types, BasicLauncherConf's keys", () => {
  const hydra = loadYaml(
    "sweeper:\n  max_batch_size: 2.5\n  params:\n    a: null\n  foo: 1\nlauncher:\n  n_jobs: 2\n",
    { file: "c.yaml" },
  ) as never;
  const out: Problem[] = [];
  checkHydraSchema(hydra, () => true, out, new Set(["sweeper", "launcher"]));
  assert.deepEqual(out.map((p) => [p.fullKey, p.message]), [
    [
      "hydra.sweeper.max_batch_size",
      "Value '2.5' of type 'float' could not be converted to Integer",
    ],
    ["hydra.sweeper.params.a", "field 'hydra.sweeper.params.a' is not Optional"],
    ["hydra.sweeper.foo", "Key 'foo' not in 'BasicSweeperConf'"],
    ["hydra.launcher.n_jobs", "Key 'n_jobs' not in 'BasicLauncherConf'"],
  ]);
  const untyped: Problem[] = [];
  checkHydraSchema(hydra, () => true, untyped);
  assert.deepEqual(untyped, []);
});

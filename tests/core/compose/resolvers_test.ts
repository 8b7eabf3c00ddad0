import assert from "node:assert/strict";
import { compose, resolveComposition, strftime, toYaml } from "../../../engine.ts";

const conf = new URL("../../fixtures/compose/conf", import.meta.url).pathname;

Deno.test("strftime: Python's directives", () => {
  const d = new Date(2024, 0, 5, 7, 8, 9);
  assert.equal(strftime("%Y-%m-%d/%H-%M-%S", d), "2024-01-05/07-08-09");
  assert.equal(strftime("%y %b %a %j %p %I %%", d), "24 Jan Fri 005 AM 07 %");
});

Deno.test("resolve: ${hydra:...} reads the hydra node; output_dir is ??? so it reads None", () => {
  const c = compose({ configDir: conf, configName: "config" });
  const out = resolveComposition(c);
  assert.match(toYaml(out), /job: app\n {2}db_choice: mysql\n {2}out: None\/ckpt\n/);
});

Deno.test("resolve: a job name set in the primary config's hydra section wins", () => {
  const c = compose({ configDir: conf, configName: "hydra_section" });
  assert.equal(toYaml(resolveComposition(c)), "x: custom\n");
});

Deno.test("resolve: hydra.runtime.output_dir can be overridden", () => {
  const c = compose({
    configDir: conf,
    configName: "config",
    overrides: ["hydra.runtime.output_dir=/tmp/run0", "app.lr=${now:%Y}"],
  });
  const yaml = toYaml(resolveComposition(c));
  assert.match(yaml, /out: \/tmp\/run0\/ckpt/);
  assert.match(yaml, new RegExp(`lr: '${new Date().getFullYear()}'`));
});

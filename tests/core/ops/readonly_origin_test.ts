/**
 * A write to a read-only config names a place even when the container has
 * none (a composed root): the key written (checker x50 #1).
 */

import assert from "node:assert/strict";
import { compose } from "../../../mod.ts";
import { isStrataError } from "../../../core/errors.ts";
import { originOf } from "../../../core/node.ts";

function tree(files: Record<string, string>): string {
  const conf = Deno.makeTempDirSync({ prefix: "strata_ro_origin_" });
  for (const [name, text] of Object.entries(files)) Deno.writeTextFileSync(`${conf}/${name}`, text);
  return conf;
}

function placeOf(run: () => void): string | undefined {
  try {
    run();
  } catch (e) {
    assert.ok(isStrataError(e), String(e));
    assert.equal(e.code, "readonly");
    const o = originOf(e.origin);
    return o ? `${o.file?.split("/").at(-1)}:${o.line}:${o.col}` : undefined;
  }
  assert.fail("no error");
}

Deno.test("a read-only composed root: the error is at the key written", () => {
  const conf = tree({ "config.yaml": "seed: 42\nitems: [1, 2]\n" });
  try {
    const c = compose({ configDir: conf, configName: "config" });
    c.config.readonly = true;
    assert.equal(placeOf(() => c.config.set("seed", 1)), "config.yaml:1:7");
  } finally {
    Deno.removeSync(conf, { recursive: true });
  }
});

Deno.test("a read-only container with a place keeps it, a list's item falls back to its own", () => {
  const conf = tree({ "config.yaml": "algo:\n  gamma: 0.9\nitems: [1, 2]\n" });
  try {
    const c = compose({ configDir: conf, configName: "config" });
    const algo = c.config.get("algo") as typeof c.config;
    algo.readonly = true;
    assert.equal(placeOf(() => c.config.set("algo.gamma", 0.5)), "config.yaml:2:3");
    const items = c.config.get("items") as typeof c.config;
    items.readonly = true;
    assert.equal(placeOf(() => c.config.set("items.0", 5)), "config.yaml:3:8");
  } finally {
    Deno.removeSync(conf, { recursive: true });
  }
});

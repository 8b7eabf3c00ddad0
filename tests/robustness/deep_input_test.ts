/**
 * Regressions for crashes the robustness suite found in resolution and in the
 * WASM override parser: ancestors returned by resolvers, very deep nesting, and
 * a trap that used to leave the WASM instance broken for every later call.
 */

import assert from "node:assert/strict";
import { parseOverridesRaw } from "../../asm/override.ts";
import { dict, list, loadYaml, type Node, parseOverride, resolveTree, str } from "../../engine.ts";

function strataOnly(body: () => unknown): void {
  try {
    body();
  } catch (e) {
    assert.equal((e as Error).name, "StrataError", (e as Error).stack);
  }
}

const QUIET = { onWarning: () => {} };

Deno.test({
  name:
    "resolve: oc.select of a node that contains the interpolation is an error, not a stack overflow",

  fn() {
    strataOnly(() => resolveTree(loadYaml("a: {b: '${oc.select:a}'}"), QUIET));
    strataOnly(() => resolveTree(loadYaml("a: ['${oc.select:a}']"), QUIET));
  },
});

Deno.test({
  name: "resolve: oc.deprecated pointing at an ancestor is an error, not a stack overflow",

  fn() {
    strataOnly(() => resolveTree(loadYaml("a: '${oc.deprecated:.}'"), QUIET));
  },
});

Deno.test({
  name: "resolve: 2000 nested ${...} in one string are an error, not a stack overflow",

  fn() {
    const nested = "a: '" + "${".repeat(2000) + "x" + "}".repeat(2000) + "'\nx: 1\n";
    strataOnly(() => loadYaml(nested)); // validateInterpolations at load
    strataOnly(() => resolveTree(loadYaml(nested), QUIET));
    const resolvers = "a: '" + "${oc.select:".repeat(2000) + "x" + "}".repeat(2000) + "'\nx: 1\n";
    strataOnly(() => resolveTree(loadYaml(resolvers), QUIET));
  },
});

Deno.test({
  name: "resolve: a 2000-deep list built by code resolves or fails cleanly",

  fn() {
    let node: Node = str("${x}");
    for (let i = 0; i < 2000; i++) node = list([node]);
    strataOnly(() => resolveTree(dict([["a", node], ["x", str("1")]]), QUIET));
  },
});

Deno.test({
  name: "asm: a WASM trap (deep override) does not leave the engine broken for later calls",
  fn() {
    // core/override refuses > 500 levels before the WASM call; the parser itself
    // refuses > 1000 as a syntax error instead of overflowing the native stack
    const raw = parseOverridesRaw(["a=" + "choice(".repeat(5000) + "1" + ")".repeat(5000)]);
    assert.equal(raw.ovs[0], 2, "a syntax error status"); // Status.Syntax
    assert.equal(raw.ovs[9], 10, "expected: at most 1000 levels of nesting");
    assert.equal(parseOverride("a=1").key, "a");
  },
});

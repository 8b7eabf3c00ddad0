import assert from "node:assert/strict";
import { linkAxes, parseLinkSpec } from "../../../core/sweep/link.ts";
import type { SweepEntry } from "../../../core/sweep/plan.ts";
import type { StrataError } from "../../../core/errors.ts";

function entry(keyElement: string, n: number, index?: number): SweepEntry {
  return {
    keyElement,
    keyOrGroup: keyElement.replace(/^[+~]+/, ""),
    values: Array.from({ length: n }, (_, i) => `v${i}`),
    origin: index === undefined ? undefined : { override: index, text: `${keyElement}=...` },
  };
}

Deno.test("parseLinkSpec: splits and trims", () => {
  assert.deepEqual(parseLinkSpec("model, +optimizer"), ["model", "+optimizer"]);
});

Deno.test("parseLinkSpec: fewer than two keys is a usage error", () => {
  for (const spec of ["model", "model,", "a,+a"]) {
    assert.throws(() => parseLinkSpec(spec), (e: StrataError) => {
      assert.equal(e.code, "usage");
      assert.match(e.message, /--link needs at least two different keys/);
      return true;
    });
  }
});

Deno.test("linkAxes: names match with or without the +/++/~ prefix", () => {
  const entries = [entry("+a", 2), entry("b", 3), entry("++c", 2)];
  assert.deepEqual(linkAxes(entries, [["a", "+c"]]), [[0, 2], [1]]);
});

Deno.test("linkAxes: two links and unlinked keys keep the first member's order", () => {
  const entries = [entry("s", 2), entry("a", 2), entry("x", 3), entry("b", 2), entry("y", 3)];
  assert.deepEqual(linkAxes(entries, [["y", "x"], ["b", "a"]]), [[0], [1, 3], [2, 4]]);
});

Deno.test("linkAxes: different lengths are a usage error (exit 2) naming both keys", () => {
  const entries = [entry("model", 2, 0), entry("optimizer", 3, 1)];
  assert.throws(() => linkAxes(entries, [["model", "optimizer"]]), (e: StrataError) => {
    assert.equal(e.code, "usage");
    assert.equal(
      e.message,
      "Linked sweeps must have the same length: 'model' has 2 value(s), 'optimizer' has 3",
    );
    assert.equal(e.fullKey, "optimizer");
    assert.deepEqual(e.origin, { override: 1, text: "optimizer=..." });
    return true;
  });
});

Deno.test("linkAxes: an unknown key is a usage error (exit 2) with did-you-mean", () => {
  const entries = [entry("model", 2, 0), entry("optimizer", 2, 1)];
  assert.throws(() => linkAxes(entries, [["model", "optimiser"]]), (e: StrataError) => {
    assert.equal(e.code, "usage");
    assert.match(
      e.message,
      /Linked key 'optimiser' is not one of the sweep's overrides: model, optimizer/,
    );
    // no full key: the name is no key of the config (checker w43: "full key: sed")
    assert.equal(e.fullKey, undefined);
    assert.deepEqual(e.suggestions, ["optimizer"]);
    return true;
  });
});

Deno.test("linkAxes: a key in two links is a usage error (exit 2)", () => {
  const entries = [entry("a", 2, 0), entry("b", 2, 1), entry("c", 2, 2)];
  assert.throws(() => linkAxes(entries, [["a", "b"], ["b", "c"]]), (e: StrataError) => {
    assert.equal(e.code, "usage");
    assert.match(e.message, /Key 'b' is in two links/);
    assert.equal(e.fullKey, "b");
    assert.deepEqual(e.origin, { override: 1, text: "b=..." });
    return true;
  });
});

Deno.test("linkAxes: a link naming one key twice is a usage error (exit 2)", () => {
  const entries = [entry("a", 2, 0), entry("b", 2, 1)];
  assert.throws(() => linkAxes(entries, [["a", "+a"]]), (e: StrataError) => {
    assert.equal(e.code, "usage");
    assert.match(e.message, /A link needs at least two keys, got 'a,\+a'/);
    return true;
  });
});

Deno.test("linkAxes: an ambiguous key (x and +x both swept) is a usage error (exit 2)", () => {
  const entries = [entry("x", 2, 0), entry("+x", 2, 1), entry("b", 2, 2)];
  assert.throws(() => linkAxes(entries, [["x", "b"]]), (e: StrataError) => {
    assert.equal(e.code, "usage");
    assert.match(e.message, /Linked key 'x' is ambiguous: x and \+x/);
    assert.equal(e.fullKey, "x");
    return true;
  });
});

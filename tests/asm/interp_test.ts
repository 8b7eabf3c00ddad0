import assert from "node:assert/strict";
import { engineResolve, engineValidate, interpStats } from "../../asm/interp.ts";
import { Evaluator } from "../../core/resolve/evaluate.ts";
import { loadYaml } from "../../core/yaml/load.ts";
import { resolveTree } from "../../core/resolve/resolve.ts";

Deno.test("engine: plans plain interpolations in one call, hands resolvers to the host", () => {
  const root = loadYaml("a: 1\nb: ${a}\nc: x${b}\nd: ${oc.env:HOME,h}\ne: ${e}");
  const before = { ...interpStats };
  const ev = new Evaluator(root, () => undefined);
  engineResolve(root, ev);
  assert.equal(interpStats.planCalls, before.planCalls + 1);
  assert.equal(interpStats.plannedNodes - before.plannedNodes, 2); // b, c
  assert.equal(interpStats.hostNodes - before.hostNodes, 2); // d (resolver), e (cycle)
  assert.equal(interpStats.cycles - before.cycles, 1);
  assert.equal(ev.memo.get("\u0001sc")?.node.kind, "value");
});

Deno.test("engine: same results as the TypeScript evaluator", () => {
  const y = "a: {b: [1, 2.5]}\nx: ${a.b[1]}\ny: p_${a.b}_${x}\nz: ${.x}\nw: ${a}\nu: 'é${x}'";
  assert.deepEqual(resolveTree(loadYaml(y)), resolveTree(loadYaml(y), { engine: "ts" }));
});

Deno.test("engine: validation in one call", () => {
  engineValidate(loadYaml("a: ${b.c}\nd: ${oc.env:X,'y'}"));
  assert.throws(() => engineValidate(loadYaml("a: ${b")), /no viable alternative/);
});

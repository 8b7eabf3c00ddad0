/**
 * The CLI's compose, sweep and validate paths merge (and compose --resolve and
 * validate resolve) in the WASM engine: each command runs in this process (cli/main.ts's `main`) on a conf
 * tree big enough for every path to take the engine, and the engine's call
 * counters must move. (validate resolves a composition of fewer than
 * ENGINE_MIN_INTERPOLATIONS key by key in TypeScript, where encoding the
 * whole config costs more: the tree holds more.)
 */

import assert from "node:assert/strict";
import { main } from "../../cli/main.ts";
import { engineStats } from "../../core/engine/merge.ts";
import { mergeCacheStats } from "../../core/engine/merge_cache.ts";
import { interpStats } from "../../core/resolve/engine.ts";
import { ENGINE_MIN_INTERPOLATIONS } from "../../core/validate/values.ts";

/** A tree of one group whose options hold more interpolations than validate's engine threshold. */
function writeTree(): string {
  const dir = Deno.makeTempDirSync({ prefix: "strata_engine_calls_" });
  Deno.mkdirSync(`${dir}/model`);
  Deno.writeTextFileSync(
    `${dir}/config.yaml`,
    "defaults:\n  - model: small\n  - _self_\nseed: 1\n",
  );
  const refs = Array.from(
    { length: ENGINE_MIN_INTERPOLATIONS + 10 },
    (_, i) => `  r${i}: \${seed}\n`,
  ).join("");
  for (const option of ["small", "big"]) {
    Deno.writeTextFileSync(`${dir}/model/${option}.yaml`, `name: ${option}\nrefs:\n${refs}`);
  }
  return dir;
}

/** Runs `strata ARGS` in this process with stdout swallowed; its exit code. */
async function run(args: string[]): Promise<number> {
  const write = Deno.stdout.writeSync;
  Deno.stdout.writeSync = (b: Uint8Array) => b.length;
  try {
    return await main(args);
  } finally {
    Deno.stdout.writeSync = write;
  }
}

/** The engine calls `args` made: [merges, resolutions]. */
async function calls(args: string[]): Promise<[number, number]> {
  const merges = engineStats.mergeCalls;
  const resolutions = interpStats.resolveCalls;
  assert.equal(await run(args), 0, `strata ${args.join(" ")}`);
  return [engineStats.mergeCalls - merges, interpStats.resolveCalls - resolutions];
}

Deno.test("compose, sweep and validate merge and resolve in the engine", async () => {
  const dir = writeTree();
  try {
    const encodes = mergeCacheStats.encodes;
    const [cm, cr] = await calls(["compose", "-d", dir, "--resolve", "-f", "json"]);
    assert.ok(cm > 0, "compose merges in the engine");
    assert.equal(cr, 1, "compose --resolve resolves in one engine call");
    // the process composes once: its files are merged as read, not sealed for later use
    assert.equal(mergeCacheStats.encodes, encodes, "compose keeps no file's encoding");

    // a validated sweep composes each job (two group choices, two seeds); as Hydra's
    // multirun, it resolves nothing (a job resolves its config when it runs)
    const [sm, sr] = await calls(["sweep", "-d", dir, "model=small,big", "seed=1,2", "--count"]);
    assert.ok(sm >= 2, `the sweep merges each set of group choices in the engine (${sm} calls)`);
    assert.equal(sr, 0);

    const [vm, vr] = await calls(["validate", "-d", dir]);
    assert.ok(vm > 0, "validate merges in the engine");
    assert.ok(vr >= 2, `validate resolves each composition in the engine (${vr} calls)`);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

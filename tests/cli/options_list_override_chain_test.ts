/**
 * `callbacks=[x]` replaces the options of the entry `- /callbacks: [...]` a
 * config writes: a missing option is the override's error (Hydra's message
 * leads with it) and the chain names the entry it replaced, at its line, not
 * "appended ... by the command line" (mdlm), which `+callbacks@x=[...]` is.
 *
 * @module
 */
import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

Deno.test("an overridden options list names the entry it replaced; an added one is appended", async () => {
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - _self_\n  - /callbacks: [a_cb, monitor]\nx: 1\n",
    "conf/callbacks/a_cb.yaml": "k: 1\n",
    "conf/callbacks/monitor.yaml": "m: 1\n",
  });
  const replaced = await strata(["compose", "callbacks=[monitr]"], { cwd: dir });
  assert.equal(replaced.code, 1);
  assertNoStackTrace(replaced.stderr);
  assert.match(
    replaced.stderr,
    /^override #1 'callbacks=\[monitr\]': In 'config': Could not load 'callbacks\/monitr'\./,
  );
  assert.match(
    replaced.stderr,
    /Could not load 'callbacks\/monitr'\.\n {4}Did you mean 'monitor'\?\n/,
  );
  assert.ok(!replaced.stderr.includes("appended"), replaced.stderr);
  const added = await strata(["compose", "+callbacks@extra=[monitr]"], { cwd: dir });
  assert.match(added.stderr, /appended to the defaults list of 'config' by the command line/);
  const ok = await strata(["compose", "callbacks=[monitor]"], { cwd: dir });
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(ok.stdout, "x: 1\ncallbacks:\n  m: 1\n");
  Deno.removeSync(dir, { recursive: true });
});

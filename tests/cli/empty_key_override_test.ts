/**
 * The empty key. Hydra 1.3's grammar allows it (`package` may be empty and a
 * key is one: the conformance corpus has `=1` and `~` parsing with key ''),
 * and its group is the config directory itself, so most empty-key overrides
 * fail downstream with Hydra's own words. `+=a` fails inside Hydra (an
 * assertion); strata said the path '/a' leads outside the config directories.
 *
 * @module
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

const FILES = {
  "conf/config.yaml": "defaults:\n  - db: mysql\n  - _self_\nlr: 0.1\n",
  "conf/db/mysql.yaml": "host: m\n",
  "conf/a.yaml": "z: 9\n",
};

Deno.test("+=a, +@pkg=a: no config group to append to, said at the missing name, exit 1", async () => {
  const dir = await confTree(FILES);
  for (const o of ["+=a", "+@pkg=a", "+=[a,b]"]) {
    const r = await strata(["compose", o], { cwd: dir });
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 1, `${o}: ${r.stderr}`);
    assert.equal(
      r.stderr,
      `override #1 '${o}': Could not append to the defaults list: '${o}' names no config group\n` +
        `    ${o}\n     ^\n    name the group before '=': +GROUP=OPTION\n`,
    );
  }
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("other empty keys keep Hydra's behaviour: its messages, and +={...} adds the key ''", async () => {
  const dir = await confTree(FILES);
  const cases: [string, RegExp][] = [
    ["=1", /Config group override must be a string or a list\. Got int/],
    ["~=", /Could not delete '='\. No match in the defaults list/],
    ["=x", /Could not override ''\. No match in the defaults list\./],
  ];
  for (const [o, message] of cases) {
    const r = await strata(["compose", o], { cwd: dir });
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 1, `${o}: ${r.stderr}`);
    assert.match(r.stderr, message);
  }
  const added = await strata(["compose", "+={b:1}"], { cwd: dir });
  assert.equal(added.code, 0, added.stderr);
  assert.equal(added.stdout, "db:\n  host: m\nlr: 0.1\n? ''\n: b: 1\n");
  Deno.removeSync(dir, { recursive: true });
});

// A defaults list item that Hydra 1.3.2 refuses, with Hydra's message (config_repository.py's
// _create_defaults_list: the item as Python's str() of it) and strata's location.
import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

Deno.test("compose: a defaults item with too many keys shows its values as Hydra does", async () => {
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - db: mysql\n    x: ${a}\n    n: null\n  - _self_\n",
    "conf/db/mysql.yaml": "h: 1\n",
  });
  try {
    const r = await strata(["compose", "-d", "conf"], { cwd: dir });
    assert.equal(r.code, 1, r.stdout);
    assert.match(
      r.stderr,
      /^conf\/config\.yaml:2:5: In config: Too many keys in default item \{'db': 'mysql', 'x': '\$\{a\}', 'n': None\}\n {4}full key: defaults\n/,
    );
    assertNoStackTrace(r.stderr);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("compose: Hydra 1.1's 'optional: true' beside a group item is two keys, as with version_base 1.3", async () => {
  // Hydra 1.3.2 pops `optional` (with a deprecation warning) only for version_base < 1.2;
  // strata composes with version_base 1.3, where its tests expect this error
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - db: mysql\n    optional: true\n  - _self_\n",
    "conf/db/mysql.yaml": "h: 1\n",
  });
  try {
    const r = await strata(["compose", "-d", "conf"], { cwd: dir });
    assert.equal(r.code, 1, r.stdout);
    assert.match(
      r.stderr,
      /^conf\/config\.yaml:2:5: In config: Too many keys in default item \{'db': 'mysql', 'optional': True\} \(Hydra 1\.1's 'optional: true': write '- optional db: mysql' instead\)\n/,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

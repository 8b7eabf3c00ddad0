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
  // with version_base 1.3 (strata's default) its tests expect this error
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

Deno.test("compose --version-base 1.1: 'optional: true' beside a group item is taken, with Hydra's deprecation warning (checker x21)", async () => {
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - db: mysql\n    optional: true\n  - site: x\n" +
      "    optional: true\n  - _self_\na: 1\n",
    "conf/db/mysql.yaml": "h: 1\n",
  });
  try {
    const r = await strata(["compose", "-d", "conf", "--version-base", "1.1", "-f", "json"], {
      cwd: dir,
    });
    assert.equal(r.code, 0, r.stderr);
    // the optional group no directory holds (`site`) is skipped, as an optional entry is
    assert.deepEqual(JSON.parse(r.stdout), { db: { h: 1 }, a: 1 });
    assert.match(
      r.stderr,
      /conf\/config\.yaml:2:5: warning: In config: 'optional: true' is deprecated\.\nUse 'optional db: mysql' instead\.\nSupport for the old style is removed for Hydra version_base >= 1\.2\n/,
    );
    assert.match(r.stderr, /conf\/config\.yaml:4:5: warning: .*\nUse 'optional site: x' instead/);
    assertNoStackTrace(r.stderr);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("compose --version-base 1.1: _name_ in an entry's package is the option chosen; a key from 1.2 on (checker x21)", async () => {
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - db@foo._name_: my\n  - _self_\na: 1\n",
    "conf/db/my.yaml": "h: 1\n",
    "conf/db/pg.yaml": "h: 2\n",
  });
  try {
    const json = async (...args: string[]) => {
      const r = await strata(["compose", "-d", "conf", "-f", "json", ...args], { cwd: dir });
      assert.equal(r.code, 0, r.stderr);
      return { out: JSON.parse(r.stdout), stderr: r.stderr };
    };
    const old = await json("--version-base", "1.1");
    assert.deepEqual(old.out, { foo: { my: { h: 1 } }, a: 1 });
    assert.match(
      old.stderr,
      /conf\/config\.yaml:2:5: warning: In config: Defaults List contains deprecated keyword _name_, see https:\/\/hydra\.cc\/docs\/1\.2\/upgrades\/1\.0_to_1\.1\/changes_to_package_header\n/,
    );
    // the override names the entry at its package; the option it chooses names the package
    assert.deepEqual((await json("--version-base", "1.1", "db@foo.my=pg")).out, {
      foo: { pg: { h: 2 } },
      a: 1,
    });
    assert.deepEqual((await json()).out, { foo: { _name_: { h: 1 } }, a: 1 });
    // appended on the command line, as written in a defaults list (checker w26)
    assert.deepEqual((await json("--version-base", "1.1", "+db@bar._name_=pg")).out, {
      foo: { my: { h: 1 } },
      a: 1,
      bar: { pg: { h: 2 } },
    });
    assert.deepEqual((await json("+db@bar._name_=pg")).out.bar, { _name_: { h: 2 } });
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

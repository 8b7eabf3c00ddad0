/**
 * A malformed `${...}` in a group's option is found when the file is loaded
 * (OmegaConf raises GrammarParseError at create time, with the key in the
 * file: `host`). strata names the key the composed config has (`db.host`),
 * as it does for the option's other errors (an unset oc.env), keeping the
 * file's line and column.
 *
 * @module
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

Deno.test("a grammar error in a group option names its key at the option's package", async () => {
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - db: mysql\n  - _self_\nlr: 0.1\n",
    "conf/db/mysql.yaml": "port: 1\nhost: ${oops\n",
    "conf/db/flat.yaml": "# @package _global_\nhost: ${oops\n",
    "conf/a/b/deep.yaml": "x:\n  - ${oops\n",
  });
  const message = "no viable alternative at input '${oops'";
  // the value with a caret under the `${` nobody closed
  const caret = (value: string) =>
    `    ${value}\n    ^^\n    this '\${' is never closed: a '}' is missing\n`;
  const compose = await strata(["compose"], { cwd: dir });
  assert.equal(compose.code, 1);
  assertNoStackTrace(compose.stderr);
  assert.equal(
    compose.stderr,
    `conf/db/mysql.yaml:2:7: ${message}\n    full key: db.host\n${caret("${oops")}` +
      // the defaults entries that led to the file, as for a missing config
      "    conf/config.yaml:2:9: included by 'config'\n",
  );
  const at = await strata(["compose", "db@src=mysql"], { cwd: dir });
  assert.ok(at.stderr.includes("full key: db.host\n    ${oops\n"), at.stderr);
  const flat = await strata(["compose", "db=flat"], { cwd: dir });
  assert.equal(
    flat.stderr,
    `conf/db/flat.yaml:2:7: ${message}\n    full key: host\n${caret("${oops")}` +
      // the override chose the file, over the entry (checker w32)
      "    override #1 'db=flat': chooses it over the entry of 'config' (conf/config.yaml:2:9)\n",
  );
  const deep = await strata(["compose", "+a/b=deep"], { cwd: dir });
  assert.equal(
    deep.stderr,
    `conf/a/b/deep.yaml:2:5: ${message}\n    full key: a.b.x[0]\n${caret("${oops")}` +
      "    override #1 '+a/b=deep': appended to the defaults list of 'config' by the command line\n",
  );
  const validate = await strata(["validate"], { cwd: dir });
  assert.equal(validate.code, 1);
  assert.deepEqual(validate.stdout.trim().split("\n"), [
    `conf/a/b/deep.yaml:2:5: error: ${message} [key: a.b.x[0]]`,
    "    this '${' is never closed: a '}' is missing",
    `conf/db/flat.yaml:2:7: error: ${message} [key: host]`,
    "    this '${' is never closed: a '}' is missing",
    `conf/db/mysql.yaml:2:7: error: ${message} [key: db.host]`,
    "    this '${' is never closed: a '}' is missing",
  ]);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("a YAML error in an included option: its key at the option's package, and the chain to it", async () => {
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - model: m\n  - _self_\n",
    "conf/model/m.yaml": "defaults:\n  - layer: l\n",
    "conf/model/layer/l.yaml": "lam: 1\nx: 2\nlam: 3\n",
  });
  const r = await strata(["compose"], { cwd: dir });
  assert.equal(r.code, 1);
  assert.equal(
    r.stderr,
    "conf/model/layer/l.yaml:3:1: while constructing a mapping (at 1:1): found duplicate key lam\n" +
      "    full key: model.layer.lam\n" +
      "    conf/model/m.yaml:2:12: included by 'model/m'\n" +
      "    conf/config.yaml:2:12: included by 'config'\n",
  );
  Deno.removeSync(dir, { recursive: true });
});

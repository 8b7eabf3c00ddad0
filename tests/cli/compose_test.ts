import assert from "node:assert/strict";
import { assertNoStackTrace, ROOT, strata } from "./_cli.ts";

const fixtures = ROOT + "tests/fixtures/basic";

Deno.test("strata compose: relative --config-dir is the caller's, prints YAML, exit 0", async () => {
  const r = await strata(["compose", "-d", "conf", "db=postgresql"], { cwd: fixtures });
  assert.equal(r.stderr, "");
  assert.equal(r.code, 0);
  assert.equal(
    r.stdout,
    "db:\n  driver: postgresql\n  port: 5432\n  user: admin\napp:\n  name: demo\n  lr: 1.0e-05\n",
  );
});

Deno.test("strata compose: a missing primary config names the file, exit 1", async () => {
  const r = await strata(["compose", "-d", "conf", "-n", "nope"], { cwd: fixtures });
  assert.equal(r.code, 1);
  assert.equal(r.stdout, "");
  assert.match(r.stderr, /^conf: Cannot find primary config 'nope'/);
  assertNoStackTrace(r.stderr);
});

Deno.test("strata compose: an unknown group option names the override, exit 1", async () => {
  const r = await strata(["compose", "-d", "conf", "db=oracle"], { cwd: fixtures });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^override #1 'db=oracle': In 'config': Could not find 'db\/oracle'/);
  assert.match(r.stderr, /Available options in 'db':\n\tmysql\n\tpostgresql/);
  assertNoStackTrace(r.stderr);
});

Deno.test("strata compose: a YAML syntax error names file:line:col, exit 1", async () => {
  const r = await strata(["compose", "-d", "conf", "-n", "broken"], { cwd: fixtures });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^conf\/broken\.yaml:\d+:\d+: /);
  assertNoStackTrace(r.stderr);
});

Deno.test("strata: an unknown flag is bad usage, exit 2", async () => {
  const r = await strata(["compose", "--no-such-flag"], { cwd: fixtures });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown option '--no-such-flag'/);
  assertNoStackTrace(r.stderr);
});

Deno.test("strata: an unknown command suggests the right one, exit 2", async () => {
  const r = await strata(["compse"]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /Did you mean compose\?/);
  // asked for its help: the same error, not the general help and exit 0
  for (const help of ["--help", "-h"]) {
    const h = await strata(["show", help]);
    assert.equal(h.code, 2, h.stdout);
    assert.equal(h.stdout, "");
    assert.match(h.stderr, /^error: unknown command 'show'/);
  }
  const known = await strata(["compose", "--help"]);
  assert.equal(known.code, 0);
  assert.match(known.stdout, /^Usage: strata compose /);
});

Deno.test("strata compose --format json keeps floats as floats", async () => {
  const r = await strata(["compose", "-d", "conf", "-f", "json"], { cwd: fixtures });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stdout,
    '{\n  "db": {\n    "driver": "mysql",\n    "port": 3306,\n    "user": "root"\n  },\n' +
      '  "app": {\n    "name": "demo",\n    "lr": 1e-05\n  }\n}\n',
  );
});

Deno.test("strata compose --format with a bad choice is bad usage, exit 2", async () => {
  const r = await strata(["compose", "-d", "conf", "-f", "toml"], { cwd: fixtures });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /Allowed choices are yaml, json/);
});

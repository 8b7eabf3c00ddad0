/**
 * Hydra 1.3 registers `python_version` (configure_hydra/Intro.md:
 * `${python_version:major}` is `3`): a valid Hydra config may call it, and only
 * the Python app knows its value, so strata treats it as an opaque resolver
 * without a `.strata.yaml` declaring it.
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { validateIn, writeTree } from "./_tree.ts";

const CONFIG = "major: ${python_version:major}\ndefault: ${python_version:}\nx: 1\n";

Deno.test("python_version: validate accepts Hydra's built-in resolver", async () => {
  const dir = writeTree({ ".git/HEAD": "ref: refs/heads/main\n", "conf/config.yaml": CONFIG });
  const r = await validateIn(dir);
  assert.equal(r.code, 0, r.stdout + r.stderr);
});

Deno.test("python_version: compose --resolve keeps it as written, saying whose it is", async () => {
  const dir = writeTree({ ".git/HEAD": "ref: refs/heads/main\n", "conf/config.yaml": CONFIG });
  const r = await strata(["compose", "--resolve"], { cwd: dir });
  assertNoStackTrace(r.stderr);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, CONFIG);
  assert.match(
    r.stderr,
    /^conf\/config\.yaml:1:8: warning: major calls 'python_version', Hydra's resolver of the app's Python version: kept as written$/m,
  );
});

Deno.test("python_version: explain says the app resolves it", async () => {
  const dir = writeTree({ ".git/HEAD": "ref: refs/heads/main\n", "conf/config.yaml": CONFIG });
  const r = await strata(["explain", "major"], { cwd: dir });
  assertNoStackTrace(r.stderr);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /'python_version' is Hydra's resolver of the app's Python version/);
});

Deno.test("python_version: a resolvers module that implements it is used, and its results checked", async () => {
  const dir = writeTree({
    ".git/HEAD": "ref: refs/heads/main\n",
    ".strata.yaml": "resolvers:\n  module: r.ts\n",
    "r.ts": "export default { python_version: () => '3.11' };\n",
    "conf/config.yaml": "v: ${python_version:}\n",
  });
  const r = await strata(["compose", "--resolve"], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, "v: '3.11'\n");
  assert.equal(r.stderr, "");
  const v = await validateIn(dir);
  assert.equal(v.code, 0, v.stdout + v.stderr);
});

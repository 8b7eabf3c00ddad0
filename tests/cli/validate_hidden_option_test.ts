/**
 * Hydra lists a group's `.hidden.yaml` as its option `.hidden` (it filters
 * no dotfile), so `db=.hidden` composes and `glob(*)` sweeps it: validate
 * checks it like any option. Hidden directories (`.git`) are no group an
 * override can name, and a dotfile beside the primary config is a tool's.
 */
import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { validateIn, writeTree } from "./_tree.ts";

Deno.test("validate: a group's .hidden.yaml is an option, checked as compose uses it", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - db: mysql\n  - _self_\nlr: 0.1\n",
    "conf/db/mysql.yaml": "host: a\n",
    "conf/db/.hidden.yaml": "host: ${nope}\n",
    "conf/db/.git/x.yaml": "a: [\n",
    "conf/.cache/y.yaml": "a: [\n",
    "conf/.tool.yaml": "a: [\n",
  });
  const sweep = await strata(["sweep", "-d", "conf", "db=glob(*)", "-f", "text", "--no-validate"], {
    cwd: dir,
  });
  assert.equal(sweep.stdout, "db=.hidden\ndb=mysql\n", "glob(*) picks .hidden, as Hydra's does");
  const compose = await strata(["compose", "-d", "conf", "db=.hidden", "--resolve"], { cwd: dir });
  assert.equal(compose.code, 1);
  assert.match(compose.stderr, /Interpolation key 'nope' not found/);
  const r = await validateIn(dir, ["-d", "conf"]);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "conf/db/.hidden.yaml:1:7: error: Interpolation key 'nope' not found [key: db.host] (with db=.hidden)",
  ]);
  assert.match(r.stderr, /1 error in 3 files, 2 compositions/);
  const one = await validateIn(dir, ["-d", "conf", "conf/db/.hidden.yaml"]);
  assert.equal(one.code, 1);
  assert.match(one.lines[0], /^conf\/db\/\.hidden\.yaml:1:7: error: /);
  Deno.removeSync(dir, { recursive: true });
});

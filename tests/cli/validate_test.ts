import assert from "node:assert/strict";
import { confTree, strata } from "./_cli.ts";
import { SMALL_TREE, validateIn, writeTree } from "./_tree.ts";

Deno.test("validate: a clean tree exits 0 with the count", async () => {
  const r = await validateIn(writeTree(SMALL_TREE));
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(r.stdout, "no problems in 5 files, 3 compositions\n");
});

Deno.test("validate: every problem class is reported at its exact location, then the count", async () => {
  const dir = writeTree({
    ...SMALL_TREE,
    // YAML syntax, in a group option nobody selects
    "conf/db/broken.yaml": "host: [a\n",
    // a duplicate key
    "conf/server/dup.yaml": "workers: 1\nworkers: 2\n",
    // a misspelled package keyword (a literal key to Hydra: a warning) and a malformed interpolation
    "conf/server/header.yaml": "# @package _globl_\nworkers: ${oops\n",
    // a misspelled defaults keyword (hydra#1951): Hydra reads the entry without the word
    "conf/db/sqlite.yaml": "defaults:\n  - optinal server: api\n\nhost: file\nport: 0\n",
    // an option that no longer composes with the primary: its interpolation points nowhere
    "conf/db/redis.yaml": "host: ${db.hots}\nport: 6379\n",
    // an experiment (no defaults list names the group) with an interpolation cycle
    "conf/experiment/loop.yaml": "# @package _global_\na: ${b}\nb: ${a}\n",
  });
  const r = await validateIn(dir);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "conf/db/broken.yaml:1:7: error: unclosed flow sequence: expected ',' or ']', but found the end of the file (at 2:1)",
    "conf/db/redis.yaml:1:7: error: Interpolation key 'db.hots' not found [key: db.host] (with db=redis)",
    "conf/db/sqlite.yaml:2:5: error: unknown defaults keyword 'optinal' in 'optinal server': Hydra drops the word without a warning and reads the rest as the entry [key: defaults] Did you mean 'optional'?",
    // the file composes as Hydra reads it, `server: api` without the word (relative: db/server)
    "conf/db/sqlite.yaml:2:21: error: In 'db/sqlite': Could not find 'db/server/api' (with db=sqlite)",
    "    no directory of the search path is the group 'db/server': if the Python app registers it in Hydra's ConfigStore (cs.store(group=...)), strata needs its options as YAML files (README: A config that the Python code puts in Hydra's ConfigStore)",
    "conf/experiment/loop.yaml:2:4: error: Recursive interpolation detected: a -> b -> a [key: a] (with +experiment=loop)",
    "conf/experiment/loop.yaml:3:4: error: Recursive interpolation detected: b -> a -> b [key: b] (with +experiment=loop)",
    "conf/server/dup.yaml:2:1: error: while constructing a mapping (at 1:1): found duplicate key workers [key: server.workers]",
    "conf/server/header.yaml:1:12: warning: '_globl_' is a literal key in a header (its only keyword is '_global_'). Did you mean '_global_'?",
    "conf/server/header.yaml:2:10: error: no viable alternative at input '${oops' [key: _globl_.workers]",
    "    this '${' is never closed: a '}' is missing",
  ]);
  // each option that does not load was still tried in its default's place, read as empty (its
  // defaults tree checked, checker w28): said, as for a default that does not load
  assert.match(
    r.stderr,
    /^(note: 1 composition includes conf\/(server\/dup|server\/header|db\/broken)\.yaml, which does not load: its defaults list was checked, its values will be once it loads\n){3}8 errors, 1 warning in 11 files, \d+ compositions\n$/,
  );
});

Deno.test("validate: an unknown resolver is an error saying how to declare it; .strata.yaml declares it", async () => {
  const files = {
    ...SMALL_TREE,
    "conf/server/web.yaml": "workers: ${if:${eq:${db.port},3306},4,2}\nname: ${shout:${db.host}}\n",
  };
  const dir = writeTree(files);
  let r = await validateIn(dir);
  assert.equal(r.code, 1);
  assert.match(
    r.lines[0],
    // the innermost first, as OmegaConf evaluates a resolver's arguments before looking it up
    /^conf\/server\/web\.yaml:1:10: error: Unsupported interpolation type eq: declare it in \.strata\.yaml \(resolvers: \{opaque: \[eq\]\}/,
  );
  // opaque resolvers are declared; a TypeScript module implements `shout`; config_dir is read too
  Deno.writeTextFileSync(
    `${dir}/.strata.yaml`,
    "config_dir: conf\nresolvers:\n  opaque: [if, eq]\n  module: tools/resolvers.ts\n",
  );
  Deno.mkdirSync(`${dir}/tools`);
  Deno.writeTextFileSync(
    `${dir}/tools/resolvers.ts`,
    "export default { shout: (args: unknown[]) => String(args[0]).toUpperCase() };\n",
  );
  Deno.mkdirSync(`${dir}/src`);
  r = await validateIn(`${dir}/src`, ["-d", "../conf"]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  // arguments of an opaque resolver are still checked
  Deno.writeTextFileSync(`${dir}/conf/server/web.yaml`, "workers: ${if:${db.prot},4,2}\n");
  r = await validateIn(dir);
  assert.equal(r.code, 1);
  assert.equal(
    r.lines[0],
    // at the `${db.prot}` inside the resolver's arguments
    "conf/server/web.yaml:1:15: error: Interpolation key 'db.prot' not found [key: server.workers] Did you mean 'db.port'?",
  );
});

Deno.test("validate: --resolvers loads a TypeScript module; compose --resolve reads .strata.yaml's", async () => {
  const dir = writeTree({
    ...SMALL_TREE,
    "conf/server/web.yaml": "workers: ${double:4}\n",
    "res.ts": "export default { double: (a: unknown[]) => Number(a[0]) * 2 };\n",
  });
  assert.equal((await validateIn(dir, ["--resolvers", "res.ts"])).code, 0);
  Deno.writeTextFileSync(`${dir}/.strata.yaml`, "resolvers:\n  module: res.ts\n");
  const r = await strata(["compose", "--resolve", "-f", "json"], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).server.workers, 8);
});

Deno.test("validate: a misspelled setting is located, with did-you-mean", async () => {
  const dir = writeTree({ ...SMALL_TREE, ".strata.yaml": "resolvers:\n  opaqe: [x]\n" });
  const r = await validateIn(dir);
  assert.equal(r.code, 1);
  // one problem line like the tree's, so that --format github annotates it too
  assert.deepEqual(r.lines, [
    ".strata.yaml:2:3: error: unknown setting 'resolvers.opaqe' [key: resolvers.opaqe] " +
    "Did you mean 'resolvers.opaque'?",
  ]);
  // the tree is validated too: its problems in the same run (checker w30)
  assert.match(r.stderr, /1 error in 6 files, 3 compositions/);
  const gh = await validateIn(dir, ["--format", "github"]);
  assert.match(
    gh.stdout,
    /^::error file=\.strata\.yaml,line=2,col=3,title=strata validate::unknown setting/,
  );
});

Deno.test("validate and compose: every unknown setting of .strata.yaml is reported at once, named as from where the user is (checker v29)", async () => {
  const dir = writeTree({
    ...SMALL_TREE,
    ".strata.yaml": "validate:\n  exlude: [a]\n  overides: [seed=1]\n",
  });
  try {
    const r = await validateIn(dir);
    assert.equal(r.code, 1);
    assert.deepEqual(r.lines, [
      ".strata.yaml:2:3: error: unknown setting 'validate.exlude' [key: validate.exlude] " +
      "Did you mean 'validate.exclude'?",
      ".strata.yaml:3:3: error: unknown setting 'validate.overides' [key: validate.overides] " +
      "Did you mean 'validate.overrides'?",
    ]);
    assert.match(r.stderr, /2 errors in 6 files, 3 compositions/);
    // compose, which finds the file by walking up, names it as validate does
    const c = await strata(["compose"], { cwd: dir });
    assert.equal(c.code, 1);
    assert.match(c.stderr, /^\.strata\.yaml:2:3: unknown setting 'validate\.exlude'/);
    assert.match(c.stderr, /\n {4}\.strata\.yaml:3:3: unknown setting 'validate\.overides'/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate: ??? left unset is a warning (exit 0), an error with --strict (exit 1)", async () => {
  const dir = writeTree({ ...SMALL_TREE, "conf/server/web.yaml": "workers: ???\n" });
  const warned = await validateIn(dir);
  assert.equal(warned.code, 0, warned.stdout + warned.stderr);
  assert.deepEqual(warned.lines, [
    "conf/server/web.yaml:1:10: warning: Missing mandatory value (???) [key: server.workers]",
    "1 warning in 5 files, 3 compositions",
  ]);
  const strict = await validateIn(dir, ["--strict"]);
  assert.equal(strict.code, 1);
  assert.deepEqual(strict.lines, [
    "conf/server/web.yaml:1:10: error: Missing mandatory value (???) [key: server.workers]",
  ]);
  assert.equal(strict.stderr, "1 error in 5 files, 3 compositions\n");
});

Deno.test("validate --override that fails every composition: the count is of those that composed (0)", async () => {
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - db: mysql\n  - _self_\nx: 1\n",
    "conf/db/mysql.yaml": "port: 1\n",
    "conf/db/pg.yaml": "port: 2\n",
  });
  try {
    const r = await strata(["validate", "-d", "conf", "--override", "db.prot=3"], { cwd: dir });
    assert.equal(r.code, 1);
    assert.match(r.stdout + r.stderr, /1 error in 3 files, no composition built/);
    const ok = await strata(["validate", "-d", "conf", "--override", "db.port=3"], { cwd: dir });
    assert.match(ok.stdout + ok.stderr, /no problems in 3 files, 2 compositions/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate: a config saved as .yml is a warning (Hydra reads .yaml only), an error with --strict", async () => {
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - model: a\n  - _self_\n",
    "conf/model/a.yaml": "x: 1\n",
    "conf/model/effnet.yml": "x: 2\n",
  });
  try {
    const r = await strata(["validate", "-d", "conf"], { cwd: dir });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(
      r.stdout,
      /^conf\/model\/effnet\.yml: warning: not listed by Hydra, which lists configs named <name>\.yaml only \(version_base 1\.1 still reads it where an entry or override names it with its `\.yml`, deprecated\)\. Did you mean 'effnet\.yaml'\?$/m,
    );
    const strict = await strata(["validate", "-d", "conf", "--strict"], { cwd: dir });
    assert.equal(strict.code, 1);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate: a misspelt defaults keyword is reported and the file still composed, as Hydra composes it: a duplicate _self_ beside it is reported too (checker v29)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - optinal g: a\n  - _self_\n  - _self_\nx: 1\n",
    "conf/g/a.yaml": "k: 1\n",
  });
  try {
    const r = await validateIn(dir);
    assert.equal(r.code, 1);
    assert.deepEqual(r.lines, [
      "conf/config.yaml:2:5: error: unknown defaults keyword 'optinal' in 'optinal g': Hydra drops the word without a warning and reads the rest as the entry [key: defaults] Did you mean 'optional'?",
      "conf/config.yaml:4:5: error: Duplicate _self_ defined in config",
    ]);
    // compose, as Hydra, fails on the _self_ alone
    const c = await strata(["compose", "-d", "conf"], { cwd: dir });
    assert.equal(c.code, 1);
    assert.match(c.stderr, /conf\/config\.yaml:4:5: Duplicate _self_ defined in config/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate: an unknown setting of .strata.yaml does not hide the settings' other problems nor the tree's (checker w30)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - db: a\n  - _self_\nx: ${nope}\n",
    "conf/db/a.yaml": "n: 1\n",
    ".strata.yaml": "config_dir: conf\nvalidate:\n  exclud: [x.yaml]\n  options:\n" +
      '    config: { db: "zz*" }\nresolverz: {}\n',
  });
  try {
    const r = await validateIn(dir);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.deepEqual(r.lines, [
      ".strata.yaml:3:3: error: unknown setting 'validate.exclud' [key: validate.exclud] " +
      "Did you mean 'validate.exclude'?",
      // .strata.yaml's problems in line order, those found against the tree too
      ".strata.yaml:5:19: error: 'zz*' matches no option of group 'db' (a) " +
      "[key: validate.options.config.db]",
      ".strata.yaml:6:1: error: unknown setting 'resolverz' [key: resolverz] " +
      "Did you mean 'resolvers'?",
      "conf/config.yaml:4:4: error: Interpolation key 'nope' not found [key: x]",
    ]);
    // compose still refuses a settings file it does not understand
    const c = await strata(["compose"], { cwd: dir });
    assert.equal(c.code, 1);
    assert.match(c.stderr, /^\.strata\.yaml:6:1: unknown setting 'resolverz'/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

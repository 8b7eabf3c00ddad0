import assert from "node:assert/strict";
import { inTree, validateIn, writeTree } from "./_tree.ts";

Deno.test("validate: a key removed by a ~ override is blamed on the override, at its position", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - db: mysql\n  - _self_\nport: ${db.port}\nlr: 0.1\n",
    "conf/db/mysql.yaml": "port: 1\n",
    "conf/db/pg.yaml": "port: 2\n",
    "conf/_schema/config.schema.yaml": "type: object\nrequired: [lr]\n",
  });
  let r = await validateIn(dir, ["-d", "conf", "--override", "~db"]);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "override #1 '~db': error: Interpolation key 'db.port' not found: the override removes 'db' (conf/config.yaml:4:7 needs it) [key: port]",
  ]);
  r = await validateIn(dir, ["-d", "conf", "--override", "db=pg", "--override", "~lr"]);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "override #2 '~lr': error: missing required key 'lr' (conf/_schema/config.schema.yaml:2:11): the override removes 'lr' [key: lr]",
  ]);
  // a mapping replaced by null or a scalar loses its keys as well
  const opt = writeTree({ "conf/config.yaml": "opt:\n  lr: 1\nx: ${opt.lr}\n" });
  r = await validateIn(opt, ["-d", "conf", "--override", "opt=null"]);
  assert.deepEqual(r.lines, [
    // OmegaConf's words for a key read through null (a ConfigTypeError, as through a scalar)
    "override #1 'opt=null': error: ConfigTypeError raised while resolving interpolation: Error trying to access opt.lr: node `opt` is not a container and thus cannot contain `lr`: the override replaces 'opt' (conf/config.yaml:3:4 needs it) [key: x]",
  ]);
  const json = await validateIn(dir, ["-d", "conf", "--override", "~db", "-f", "json"]);
  const [p] = JSON.parse(json.stdout).problems;
  assert.deepEqual(p.origin, { override: 0, text: "~db" });
  assert.deepEqual(p.related, [
    { message: "needs it", origin: { file: "conf/config.yaml", line: 4, col: 7 } },
  ]);
});

const HINT =
  "declare it in .strata.yaml (resolvers: {opaque: [foo]} to leave its results unchecked, or " +
  "resolvers: {module: FILE.ts} to implement it) or pass --resolvers FILE.ts";

Deno.test("validate: an undeclared resolver is one problem, at its first call, the others listed", async () => {
  const dir = writeTree({
    "conf/config.yaml":
      "defaults:\n  - db: mysql\n  - _self_\na: ${foo:1}\nb: ${foo:2}\nc: ${oc.evn:HOME}\nd:\n  e: ${foo:3}\n",
    "conf/db/mysql.yaml": "port: ${foo:9}\n",
    "conf/db/pg.yaml": "port: 2\n",
  });
  const r = await validateIn(dir, ["-d", "conf"]);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    `conf/config.yaml:4:4: error: Unsupported interpolation type foo (called at 4 places): ${HINT} [key: a]`,
    "    also at conf/config.yaml:5:4 [key: b]",
    "    also at conf/config.yaml:8:6 [key: d.e]",
    "    also at conf/db/mysql.yaml:1:7 [key: db.port]",
    `conf/config.yaml:6:4: error: Unsupported interpolation type oc.evn: ${
      HINT.replace("[foo]", "[oc.evn]")
    } [key: c] Did you mean 'oc.env'?`,
  ]);
  assert.equal(r.stderr, "2 errors in 3 files, 2 compositions\n");
  const json = await validateIn(dir, ["-d", "conf", "-f", "json"]);
  const [foo] = JSON.parse(json.stdout).problems;
  assert.deepEqual(foo.related.map((x: { origin: { line: number } }) => x.origin.line), [5, 8, 1]);
});

Deno.test("validate: one line composed at two packages is one problem per key, and says so", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - db@src: mysql\n  - db@dst: mysql\n  - _self_\nx: 1\n",
    "conf/db/mysql.yaml": "port: ${nope}\n",
    "conf/db/pg.yaml": "port: 2\n",
  });
  for (const files of [[], ["conf/db/mysql.yaml"]]) {
    const r = await validateIn(dir, ["-d", "conf", ...files]);
    assert.equal(r.code, 1);
    const note = "(this line is composed at 2 keys: src.port, dst.port)";
    assert.deepEqual(r.lines, [
      `conf/db/mysql.yaml:1:7: error: Interpolation key 'nope' not found ${note} [key: src.port]`,
      `conf/db/mysql.yaml:1:7: error: Interpolation key 'nope' not found ${note} [key: dst.port]`,
    ]);
  }
});

Deno.test("validate FILES: a problem the swapped option cannot cause is not labelled with it", async () => {
  const dir = writeTree({
    "conf/config.yaml":
      "defaults:\n  - model: base\n  - db: mysql\n  - _self_\nname: ${model.name}\nport: ${db.port}\n",
    "conf/model/base.yaml": "name: base\nsize: ${nope}\nkind: ???\n",
    "conf/model/gpt2.yaml": "name: gpt2\n",
    "conf/db/mysql.yaml": "port: 1\n",
    "conf/db/pg.yaml": "prt: 2\n",
  });
  const whole = await validateIn(dir, ["-d", "conf"]);
  // pre-commit passes db/pg.yaml: only db=pg is composed, and model/base.yaml's problems are the
  // primary composition's (a whole run reports them without a label), config.yaml's is db=pg's
  const files = await validateIn(dir, ["-d", "conf", "conf/db/pg.yaml"]);
  assert.equal(files.code, 1);
  assert.deepEqual(files.lines, [
    "conf/config.yaml:6:7: error: Interpolation key 'db.port' not found [key: port] Did you mean 'db.prt'? (with db=pg)",
    "conf/model/base.yaml:2:7: error: Interpolation key 'nope' not found [key: model.size]",
    "conf/model/base.yaml:3:7: warning: Missing mandatory value (???) [key: model.kind]",
  ]);
  assert.deepEqual(files.lines, whole.lines);
  assert.equal(files.stderr, "2 errors, 1 warning in 1 file, 1 composition\n");
});

Deno.test("validate: an option chosen at a package of its own is swapped there (db@src=pg)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - db@src: mysql\n  - db@dst: mysql\n  - _self_\nx: 1\n",
    "conf/db/mysql.yaml": "port: 1\n",
    "conf/db/pg.yaml": "port: ${nope}\n",
  });
  for (const files of [[], ["conf/db/pg.yaml"]]) {
    const r = await validateIn(dir, ["-d", "conf", ...files]);
    assert.equal(r.code, 1);
    const note = "(this line is composed at 2 keys: dst.port, src.port)";
    assert.deepEqual(r.lines, [
      `conf/db/pg.yaml:1:7: error: Interpolation key 'nope' not found ${note} [key: dst.port] (with db@dst=pg)`,
      `conf/db/pg.yaml:1:7: error: Interpolation key 'nope' not found ${note} [key: src.port] (with db@src=pg)`,
    ]);
    // the primary, then db@src=pg and db@dst=pg (not +db=pg at a third package)
    assert.match(r.stderr, files.length ? / 2 compositions\n$/ : / 3 compositions\n$/);
  }
});

Deno.test("validate FILES: a swap at a slot of its own package (prompt@alt) is no composition of the option it replaced (checker v29)", async () => {
  await inTree({
    "conf/config.yaml": "defaults:\n  - prompt: a\n  - experiment: null\n  - _self_\n",
    "conf/prompt/a.yaml": "fmt: A\n",
    "conf/prompt/b.yaml": "fmt: B\n",
    "conf/prompt/c.yaml": "fmt: C\n",
    "conf/experiment/combo.yaml": "# @package _global_\ndefaults:\n  - /prompt@alt: b\n" +
      "  - _self_\nuse: ${alt.fmt}\n",
  }, async (dir) => {
    const r = await validateIn(dir, ["-d", "conf", "conf/prompt/b.yaml", "-f", "json"]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    // prompt=b, and experiment=combo (which reads b at alt): not combo with alt=a or alt=c
    assert.equal(JSON.parse(r.stdout).compositions, 2);
    // the whole tree still tries them
    const all = await validateIn(dir, ["-d", "conf", "-f", "json"]);
    assert.equal(JSON.parse(all.stdout).compositions, 6);
  });
});

import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

const TREE = {
  "conf/config.yaml": "defaults:\n  - db: pg\n  - _self_\na: ${b}\nb: ${a}\n",
  "conf/db/pg.yaml": "url: ${nope}\n",
};

Deno.test("strata explain: a value that does not resolve (a cycle) still shows its layers, then the error, exit 1", async () => {
  const dir = await writeTree(TREE);
  const r = await strata(["explain", "-d", "conf", "a"], { cwd: dir });
  assert.equal(r.code, 1);
  assert.equal(
    r.stdout,
    `a
  1. config: "\${b}"  (conf/config.yaml:4:4)
  composed: "\${b}"  (conf/config.yaml:4:4)
    b = "\${a}"  (conf/config.yaml:5:4)
  value: does not resolve (the error below)
`,
  );
  assert.match(r.stderr, /^conf\/config\.yaml:4:4: Recursive interpolation detected: a -> b -> a/);
  assertNoStackTrace(r.stderr);
});

Deno.test("strata explain: ${nope} shows the layers and the override that set the key, then the error; JSON has it as data", async () => {
  const dir = await writeTree(TREE);
  const args = ["explain", "-d", "conf", "db.url", "db.url=${nope}"];
  const r = await strata(args, { cwd: dir });
  assert.equal(r.code, 1);
  assert.match(r.stdout, /1\. db\/pg @ db: "\$\{nope\}" {2}\(conf\/db\/pg\.yaml:1:6\)/);
  assert.match(r.stdout, /2\. set by override #1 'db\.url=\$\{nope\}'/);
  assert.match(r.stderr, /Interpolation key 'nope' not found\n {4}full key: db\.url/);
  const j = await strata([...args, "-f", "json"], { cwd: dir });
  assert.equal(j.code, 1);
  const out = JSON.parse(j.stdout);
  assert.equal(out.layers.length, 2);
  assert.equal(out.value, undefined);
  assert.equal(out.error.code, "interpolation-key");
  assert.equal(out.error.key, "db.url");
  assert.match(j.stderr, /Interpolation key 'nope' not found/);
});

Deno.test("explain: a relative interpolation with one dot too many names no key it never reaches (checker y18)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "data:\n  batch_size: 64\ntrain:\n  bs: ${...data.batch_size}\n",
  });
  try {
    const r = await strata(["explain", "-d", "conf", "train.bs"], { cwd: dir });
    assert.match(r.stdout, /value: does not resolve/);
    // data.batch_size is no step of it: `...` climbs past the root, OmegaConf's error says so
    assert.doesNotMatch(r.stdout, /data\.batch_size = 64/);
    assert.match(r.stderr, /Error resolving key '\.\.\.data\.batch_size'/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

/**
 * `strata explain KEY` where KEY is reached through a node interpolation
 * (`server.replica: ${db}`, KEY `server.replica.host`): `compose -p` prints
 * the value (OmegaConf.select reads db.host there), so explain shows the
 * `${db}` step and db.host's layers, never "not in the composed config".
 */
import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

const FILES = {
  "conf/config.yaml": "defaults:\n  - db: mysql\n  - server: base\n  - _self_\n" +
    "made: '${oc.create:{host: made}}'\nbroken: ${nope}\n",
  "conf/db/mysql.yaml": "driver: mysql\nhost: localhost\n",
  "conf/db/pg.yaml": "driver: postgres\nhost: pg.local\n",
  "conf/server/base.yaml": "defaults:\n  - /db@replica: pg\nport: 80\n",
};

Deno.test("explain: a key reached through a node interpolation shows the ${db} step, then db.host's layers", async () => {
  const dir = await confTree(FILES);
  try {
    const over = "server.replica=${db}";
    const p = await strata(["compose", "-d", "conf", "-p", "server.replica.host", over], {
      cwd: dir,
    });
    assert.equal(p.stdout.trim(), "localhost", p.stderr);
    const r = await strata(["explain", "-d", "conf", "server.replica.host", over], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      "server.replica.host\n" +
        '  1. db/pg @ server.replica: "pg.local"  (conf/db/pg.yaml:2:7)\n' +
        "     defaults entry conf/server/base.yaml:2:18\n" +
        "  2. set by override #1 'server.replica=${db}'\n" +
        "  through server.replica = \"${db}\"  (override #1 'server.replica=${db}')\n" +
        "db.host\n" +
        '  1. db/mysql @ db: "localhost"  (conf/db/mysql.yaml:2:7)\n' +
        "     defaults entry conf/config.yaml:2:9\n" +
        '  composed: "localhost"  (conf/db/mysql.yaml:2:7)\n' +
        '  value: "localhost"\n',
    );
    // two steps: each interpolation on the way, in order
    const two = await strata(
      ["explain", "-d", "conf", "-f", "json", "r2.host", over, "+r2=${server.replica}"],
      { cwd: dir },
    );
    assert.equal(two.code, 0, two.stderr);
    const j = JSON.parse(two.stdout);
    assert.deepEqual(
      j.through.map((
        s: { key: string; value: string; target: string },
      ) => [s.key, s.value, s.target]),
      [["r2", "${server.replica}", "server.replica.host"], ["server.replica", "${db}", "db.host"]],
    );
    assert.equal(j.through[1].layers[0].config, "db/mysql");
    assert.deepEqual(j.composed, { value: "localhost", origin: "conf/db/mysql.yaml:2:7" });
    assert.equal(j.value, "localhost");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("explain through a node interpolation: a resolver's node, one that does not resolve, a key not in the target", async () => {
  const dir = await confTree(FILES);
  try {
    // oc.create makes the node: no key of the config to show layers of
    const made = await strata(["explain", "-d", "conf", "made.host"], { cwd: dir });
    assert.equal(made.code, 0, made.stderr);
    assert.match(
      made.stdout,
      /through made = "\$\{oc\.create:\{host: made\}\}" {2}\(conf\/config\.yaml:5:7\)\n/,
    );
    assert.match(made.stdout, /value: "made"\n$/);
    // the interpolation fails: its error, after the step (exit 1, invalid config)
    const broken = await strata(["explain", "-d", "conf", "broken.x"], { cwd: dir });
    assertNoStackTrace(broken.stderr);
    assert.equal(broken.code, 1, broken.stderr);
    assert.match(broken.stdout, /through broken = "\$\{nope\}"/);
    assert.match(broken.stderr, /Interpolation key 'nope' not found/);
    // a key the target has not: still not in the config, saying where it was looked for
    const nope = await strata([
      "explain",
      "-d",
      "conf",
      "server.replica.nope",
      "server.replica=${db}",
    ], {
      cwd: dir,
    });
    assert.equal(nope.code, 2, nope.stderr);
    assert.match(
      nope.stderr,
      /Key 'server\.replica\.nope' is not in the composed config \(it would be db\.nope, through server\.replica = '\$\{db\}'\)/,
    );
    assert.doesNotMatch(nope.stderr, /Did you mean/);
    // a misspelt key there: did-you-mean, said the way it was reached
    const typo = await strata([
      "explain",
      "-d",
      "conf",
      "server.replica.hots",
      "server.replica=${db}",
    ], {
      cwd: dir,
    });
    assert.equal(typo.code, 2, typo.stderr);
    assert.match(typo.stderr, /\n {4}Did you mean 'server\.replica\.host'\?\n/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

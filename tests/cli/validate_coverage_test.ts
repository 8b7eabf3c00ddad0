import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

Deno.test("validate: a primary composition that fails still has every other option tried", async () => {
  const dir = writeTree({
    "conf/config.yaml":
      "defaults:\n  - db: mysql\n  - server: apache\n  - _self_\napp:\n  url: http://${app.host}\n",
    "conf/db/mysql.yaml": "driver: mysql\n",
    "conf/server/apache.yaml": "defaults:\n  - /db: oracle\nname: apache\n",
    "conf/server/nginx.yaml": "name: nginx\npath: ${db.nope}\n",
  });
  let r = await validateIn(dir);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines.filter((l) => l.startsWith("conf/")), [
    "conf/config.yaml:6:15: error: Interpolation key 'app.host' not found [key: app.url] (with server=nginx)",
    "conf/server/apache.yaml:2:10: error: In 'server/apache': Could not find 'db/oracle'",
    "conf/server/nginx.yaml:2:7: error: Interpolation key 'db.nope' not found [key: server.path] (with server=nginx)",
  ]);
  assert.equal(r.stderr, "3 errors in 4 files, 1 composition\n");
  // another group's options are tried beside the option that composes (db=pg with server=nginx)
  Deno.writeTextFileSync(`${dir}/conf/db/pg.yaml`, "driver: ${nope}\n");
  r = await validateIn(dir, ["conf/db/pg.yaml"]);
  assert.equal(r.code, 1);
  assert.ok(
    r.lines.includes(
      "conf/db/pg.yaml:1:9: error: Interpolation key 'nope' not found [key: db.driver] (with server=nginx db=pg)",
    ),
    r.stdout,
  );
  // db's options were tried beside server=nginx, validate's pick: said so
  assert.equal(
    r.stderr,
    "note: db's options were checked with server=nginx: the first composition found that composes " +
      "and chooses db (the primary config's own does not)\n4 errors in 1 file, 1 composition\n",
  );
});

Deno.test("validate: a key built by a nested interpolation that points nowhere is an error", async () => {
  const dir = writeTree({
    "conf/config.yaml": "a:\n  b: 1\nw: zz\nx: ${a.${w}}\ny: ${a.${v}}\nv: ${nope}\n",
  });
  const r = await validateIn(dir);
  assert.equal(r.code, 1);
  // y fails because v does: only v is reported.
  assert.deepEqual(r.lines, [
    "conf/config.yaml:4:4: error: Interpolation key 'a.zz' not found [key: x]",
    "conf/config.yaml:6:4: error: Interpolation key 'nope' not found [key: v]",
  ]);
});

Deno.test("validate: options found through hydra.searchpath and --search-path are parsed and composed", async () => {
  const dir = writeTree({
    "conf/config.yaml":
      "defaults:\n  - db: mysql\n  - _self_\nhydra:\n  searchpath:\n    - file://shared\n",
    "conf/db/mysql.yaml": "p: 1\n",
    "shared/db/ext.yaml": "p: ${nope}\n",
    "shared/db/broken.yaml": "p: [1\n",
    "extra/db/more.yaml": "p: ${gone}\n",
  });
  let r = await validateIn(dir);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "shared/db/broken.yaml:1:4: error: unclosed flow sequence: expected ',' or ']', but found the end of the file (at 2:1)",
    "shared/db/ext.yaml:1:4: error: Interpolation key 'nope' not found [key: db.p] (with db=ext)",
  ]);
  r = await validateIn(dir, ["shared/db/ext.yaml"]);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "shared/db/ext.yaml:1:4: error: Interpolation key 'nope' not found [key: db.p] (with db=ext)",
  ]);
  assert.equal(r.stderr, "1 error in 1 file, 1 composition\n");
  r = await validateIn(dir, ["--search-path", "extra"]);
  assert.equal(r.code, 1);
  assert.equal(
    r.lines[0],
    "extra/db/more.yaml:1:4: error: Interpolation key 'gone' not found [key: db.p] (with db=more)",
  );
  assert.equal(r.lines.length, 3);
});

Deno.test("validate FILES: a path that does not exist is bad usage; a directory stands for the files under it", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - db: a\n  - _self_\n",
    "conf/db/a.yaml": "p: ${nope}\n",
    "conf/server/s.yaml": "q: ${gone}\n",
  });
  let r = await validateIn(dir, ["conf/db/typo.yaml"]);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, "");
  assert.match(r.stderr, /file 'conf\/db\/typo\.yaml' not found/);
  r = await validateIn(dir, ["conf/db"]);
  assert.equal(r.code, 1);
  // conf/db/a.yaml is checked, and every composition it takes part in (+server=s too)
  assert.equal(
    r.lines[0],
    "conf/db/a.yaml:1:4: error: Interpolation key 'nope' not found [key: db.p]",
  );
  assert.equal(r.stderr, "2 errors in 1 file, 2 compositions\n");
  r = await validateIn(dir, ["conf/"]);
  assert.equal(r.code, 1);
  assert.equal(r.lines.length, 2);
  assert.equal(r.stderr, "2 errors in 3 files, 2 compositions\n");
  // a directory outside the config tree selects nothing, but exists
  Deno.mkdirSync(`${dir}/src`);
  r = await validateIn(dir, ["src"]);
  assert.equal(r.code, 0);
});

Deno.test("validate: a symlink to a sibling group is followed; only a link up the tree is a loop", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - model: a\n  - _self_\n",
    "conf/model/a.yaml": "size: 1\n",
    "conf/model/b.yaml": "size: ${nope}\n",
  });
  Deno.symlinkSync("model", `${dir}/conf/teacher`);
  let r = await validateIn(dir);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "conf/model/b.yaml:1:7: error: Interpolation key 'nope' not found [key: model.size] (with model=b)",
    "conf/teacher/b.yaml:1:7: error: Interpolation key 'nope' not found [key: teacher.size] (with +teacher=b)",
  ]);
  Deno.writeTextFileSync(`${dir}/conf/model/b.yaml`, "size: 2\n");
  r = await validateIn(dir);
  assert.equal(r.code, 0, r.stdout);
  Deno.symlinkSync("..", `${dir}/conf/model/up`);
  r = await validateIn(dir);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "conf/model/up: error: cannot read: a symlink back into the config tree (a loop)",
    "conf/teacher/up: error: cannot read: a symlink back into the config tree (a loop)",
  ]);
});

Deno.test("validate: a schema file that matches no group, or is not named .schema.yaml, is an error", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - optimizer: adam\n  - _self_\n",
    "conf/train.yaml": "a: 1\n",
    "conf/optimizer/adam.yaml": "lr: fast\n",
    "conf/_schema/optimiser.schema.yaml": "type: object\nproperties:\n  lr: {type: number}\n",
    "conf/_schema/train.schema.yaml": "type: object\n",
  });
  let r = await validateIn(dir);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "conf/_schema/optimiser.schema.yaml: error: schema 'optimiser' matches no config group or config. Did you mean 'optimizer.schema.yaml'?",
  ]);
  Deno.renameSync(
    `${dir}/conf/_schema/optimiser.schema.yaml`,
    `${dir}/conf/_schema/optimizer.schema.yml`,
  );
  r = await validateIn(dir);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "conf/_schema/optimizer.schema.yml: error: not read as a schema: schema files are named <group>.schema.yaml. Did you mean 'optimizer.schema.yaml'?",
  ]);
  // a JSON schema under its JSON name is not read either (JSON is YAML: only the name is wrong)
  Deno.renameSync(
    `${dir}/conf/_schema/optimizer.schema.yml`,
    `${dir}/conf/_schema/optimizer.schema.json`,
  );
  r = await validateIn(dir);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "conf/_schema/optimizer.schema.json: error: not read as a schema: schema files are named <group>.schema.yaml. Did you mean 'optimizer.schema.yaml'?",
  ]);
});

Deno.test("validate: the hydra values strata run resolves (run.dir, sweep dirs, env_set) are checked", async () => {
  const dir = writeTree({
    "conf/config.yaml":
      "x: 1\nhydra:\n  run:\n    dir: out/${nopex}\n  sweep:\n    subdir: ${hydra.job.num}_${x}\n  job:\n    env_set:\n      A: ${x}\n      B: ${oops}\n",
  });
  const r = await validateIn(dir);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "conf/config.yaml:4:10: error: Interpolation key 'nopex' not found [key: hydra.run.dir]",
    // env_set is resolved in the hydra node alone, as Hydra does: the job's `x` is not there
    "conf/config.yaml:9:10: error: Interpolation key 'x' not found [key: hydra.job.env_set.A]",
    "    'x' is a key of the job's config, which hydra.job.env_set does not see: Hydra resolves " +
    "env_set in the hydra node alone (HydraConfig's copy), so the app fails before its main " +
    "runs: write the value in env_set itself",
    "conf/config.yaml:10:10: error: Interpolation key 'oops' not found [key: hydra.job.env_set.B]",
  ]);
  const clean = await validateIn(dir, [
    "--override",
    "hydra.run.dir=out/${x}",
    "--override",
    "hydra.job.env_set.A=a",
    "--override",
    "hydra.job.env_set.B=b",
  ]);
  assert.equal(clean.code, 0, clean.stdout);
});

Deno.test("validate: ${hydra.job.name} in the job's config is a warning (Hydra removes the hydra node)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "run_name: ${hydra.job.name}\nok: ${hydra:job.name}\n",
  });
  let r = await validateIn(dir);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.lines, [
    "conf/config.yaml:1:11: warning: the job's config has no hydra node in a Hydra app (Hydra removes it): use the resolver, ${hydra:job.name}, not ${hydra.job.name} [key: run_name]",
    "1 warning in 1 file, 1 composition",
  ]);
  r = await validateIn(dir, ["--strict"]);
  assert.equal(r.code, 1);
});

Deno.test("validate: a search path directory holding the config directory is not walked", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - db: a\n  - _self_\nhydra:\n  searchpath: [file://.]\n",
    "conf/db/a.yaml": "p: 1\n",
    "notes/x.yaml": "a: [\n",
  });
  const r = await validateIn(dir);
  assert.equal(r.code, 0, r.stdout);
  assert.equal(r.stdout, "no problems in 2 files, 1 composition\n");
});

Deno.test("validate: a failed primary composition's option chosen at a package is tried as group@pkg=option", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - db@src: mysql\n  - _self_\nx: 1\n",
    "conf/db/mysql.yaml": "u: ${oops\n",
    "conf/db/pg.yaml": "u: ${nokey}\n",
  });
  const r = await validateIn(dir);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    // a file that does not load is checked on its own, at its group's package (not db@src's)
    "conf/db/mysql.yaml:1:4: error: no viable alternative at input '${oops' [key: db.u]",
    "    this '${' is never closed: a '}' is missing",
    "conf/db/pg.yaml:1:4: error: Interpolation key 'nokey' not found [key: src.u] (with db@src=pg)",
  ]);
  // the primary composition's defaults list is checked with mysql.yaml read as empty, not merged
  assert.equal(
    r.stderr,
    "note: 1 composition includes conf/db/mysql.yaml, which does not load: its defaults list " +
      "was checked, its values will be once it loads\n" +
      "2 errors in 3 files, 1 composition\n",
  );
  // the JSON report says what the note says, for a program reading it
  const json = await validateIn(dir, ["-d", "conf", "-f", "json"]);
  assert.equal(json.code, 1);
  assert.deepEqual(JSON.parse(json.stdout).unmerged, [{
    file: "conf/db/mysql.yaml",
    compositions: 1,
  }]);
});

Deno.test("validate: a failed primary composition's option at its group's own package is tried as group=option", async () => {
  const dir = writeTree({
    // Hydra's override key of `db/x@db.x: mysql` is `db/x` (the package is the group's default)
    "conf/config.yaml": "defaults:\n  - db/x@db.x: mysql\n  - _self_\n",
    "conf/db/x/mysql.yaml": "u: ${oops\n",
    "conf/db/x/pg.yaml": "u: ${nokey}\n",
  });
  const r = await validateIn(dir);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "conf/db/x/mysql.yaml:1:4: error: no viable alternative at input '${oops' [key: db.x.u]",
    "    this '${' is never closed: a '}' is missing",
    "conf/db/x/pg.yaml:1:4: error: Interpolation key 'nokey' not found [key: db.x.u] (with db/x=pg)",
  ]);
});

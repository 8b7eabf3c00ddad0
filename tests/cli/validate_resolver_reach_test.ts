import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

// s4's model/layer/s4.yaml reads `${oc.select:dataset.__l_max,null}`, and only
// dataset/pathfinder.yaml calls `${eval:...}`: one call, at one place.
Deno.test("validate: an unknown resolver is counted and listed where it is called, not at values that read one that calls it", async () => {
  const dir = writeTree({
    "conf/config.yaml":
      "defaults:\n  - ds: pf\n  - _self_\nlayer:\n  l_max: ${oc.select:ds.l_max,null}\n  twice: ${ds.l_max}\n",
    "conf/ds/pf.yaml": "res: 32\nl_max: ${eval:${.res}**2}\n",
  });
  const r = await validateIn(dir, ["-d", "conf"]);
  assert.equal(r.code, 1, r.stderr);
  const eval_ = r.lines.filter((l) => l.includes("eval"));
  assert.equal(eval_.length, 1, r.lines.join("\n"));
  assert.match(
    eval_[0],
    /^conf\/ds\/pf\.yaml:2:8: error: Unsupported interpolation type eval: declare it/,
  );
  assert.ok(!r.stdout.includes("also at"), r.stdout);
  assert.ok(!r.stdout.includes("called at"), r.stdout);
  // two values that call it are still counted and listed
  Deno.writeTextFileSync(
    `${dir}/conf/config.yaml`,
    "defaults:\n  - ds: pf\n  - _self_\nb: ${eval:1}\n",
  );
  const two = await validateIn(dir, ["-d", "conf"]);
  assert.match(two.stdout, /Unsupported interpolation type eval \(called at 2 places\)/);
  assert.match(two.stdout, /also at conf\/ds\/pf\.yaml:2:8 \[key: ds\.l_max\]/);
});

// pyannote's hydra/train.yaml: `dir: ${protocol}/...${env:HOSTNAME}` with `protocol: ???`.
// Resolution stops at the `???`, but every run fails at `env` (gone since OmegaConf 2.2).
Deno.test("validate: an unknown resolver is reported where resolution stops earlier at ???; env names oc.env", async () => {
  const dir = writeTree({
    "conf/config.yaml": "p: ???\na: ${p}/${env:HOME}/${foo:1}\n" +
      "hydra:\n  run:\n    dir: out/${p}/${env:HOSTNAME}\n",
  });
  const r = await validateIn(dir, ["-d", "conf"]);
  assert.equal(r.code, 1, r.stdout);
  const env = r.lines.filter((l) => l.includes("type env"));
  assert.equal(env.length, 1, r.lines.join("\n"));
  assert.equal(
    env[0],
    // (each at its call's ${, checker v48)
    "conf/config.yaml:2:9: error: Unsupported interpolation type env (called at 2 places): " +
      "it is OmegaConf's old name of oc.env, deprecated in OmegaConf 2.1 and removed in 2.2 (Hydra 1.3 fails on it): " +
      "call oc.env instead [key: a] Did you mean 'oc.env'?",
  );
  assert.ok(r.lines.includes("    also at conf/config.yaml:5:19 [key: hydra.run.dir]"), r.stdout);
  assert.ok(
    r.lines.some((l) =>
      /^conf\/config\.yaml:2:21: error: Unsupported interpolation type foo: declare it/.test(l)
    ),
    r.stdout,
  );
  // the ??? itself stays a warning
  assert.ok(
    r.lines.some((l) => l.startsWith("conf/config.yaml:2:4: warning: MissingMandatoryValue")),
  );
  Deno.removeSync(dir, { recursive: true });
});

// ami's hydra/default.yaml: `run: {dir: ${paths.log_dir}/...}` with paths/default.yaml's
// `root_dir: ${oc.env:PROJECT_ROOT}` misspelt: one call, in paths/default.yaml (checker w60 #1).
Deno.test("validate: a hydra value that reads a key calling an unknown resolver is no place of the call", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - paths: default\n  - _self_\n" +
      "hydra:\n  job:\n    name: ${paths.log_dir}\n  run:\n    dir: ${paths.log_dir}/run\n" +
      "out: ${paths.log_dir}/x\n",
    "conf/paths/default.yaml": "root_dir: ${oc.evn:HOME}\nlog_dir: ${.root_dir}/logs\n",
  });
  const r = await validateIn(dir, ["-d", "conf"]);
  assert.equal(r.code, 1, r.stdout);
  assert.deepEqual(r.lines.filter((l) => l.includes("oc.evn")), [
    "conf/paths/default.yaml:1:11: error: Unsupported interpolation type oc.evn: declare it in " +
    ".strata.yaml (resolvers: {opaque: [oc.evn]} to leave its results unchecked, or resolvers: " +
    "{module: FILE.ts} to implement it) or pass --resolvers FILE.ts [key: paths.root_dir] " +
    "Did you mean 'oc.env'?",
  ]);
  assert.ok(!r.stdout.includes("hydra."), r.stdout);
  // a hydra value that calls it itself is one of its places
  Deno.writeTextFileSync(
    `${dir}/conf/config.yaml`,
    "defaults:\n  - paths: default\n  - _self_\nhydra:\n  job:\n    name: ${oc.evn:X}\n",
  );
  const own = await validateIn(dir, ["-d", "conf"]);
  assert.match(own.stdout, /Unsupported interpolation type oc\.evn \(called at 2 places\)/);
  assert.match(own.stdout, /^conf\/config\.yaml:6:11: error: .*\[key: hydra\.job\.name\]/);
  assert.match(
    own.stdout,
    /\n {4}also at conf\/paths\/default\.yaml:1:11 \[key: paths\.root_dir\]/,
  );
});

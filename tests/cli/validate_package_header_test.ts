/**
 * `# @package` headers as Hydra 1.3 reads them: any package is accepted (read
 * as absolute, what follows its last `_global_` kept, other `_x_` words literal
 * keys), so validate reports no error for one and composes with it as compose
 * does; it warns about a likely misspelled `_global_`. Headers written for
 * Hydra 1.0/1.1 (`_group_`, `_name_`) are literal keys in version_base 1.3,
 * which strata composes as: compose, validate, run and sweep say so at the header.
 */
import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { validateIn, writeTree } from "./_tree.ts";

const CONFIG = "defaults:\n  - db: a\n  - _self_\nx: 1\n";

Deno.test("validate: '# @package __global__' and '_x_' are accepted and composed, as compose does", async () => {
  // __global__ is global (audiocraft relies on it); _x_ a literal key
  for (
    const [header, composed] of [
      ["__global__", "port: 1\nx: 1\n"],
      ["_x_", "_x_:\n  port: 1\nx: 1\n"],
      ["a._x_", "a:\n  _x_:\n    port: 1\nx: 1\n"],
    ]
  ) {
    const dir = writeTree({
      "conf/config.yaml": CONFIG,
      "conf/db/a.yaml": `# @package ${header}\nport: 1\n`,
    });
    try {
      const compose = await strata(["compose", "-d", "conf"], { cwd: dir });
      assert.equal(compose.code, 0, compose.stderr);
      assert.equal(compose.stdout, composed);
      const r = await validateIn(dir, ["-d", "conf"]);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.deepEqual(r.lines, ["no problems in 2 files, 1 composition"], header);
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  }
});

Deno.test("validate: a misspelled '_global_' in a header is a warning, a literal key as compose has it", async () => {
  const dir = writeTree({
    "conf/config.yaml": CONFIG,
    "conf/db/a.yaml": "# @package _globl_\nport: ${x}\n",
  });
  try {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(r.lines, [
      "conf/db/a.yaml:1:12: warning: '_globl_' is a literal key in a header (its only keyword is '_global_'). Did you mean '_global_'?",
      // the composition is checked
      "1 warning in 2 files, 1 composition",
    ]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

const GROUP_WARNING =
  "'# @package _group_': strata composes as Hydra's version_base 1.2 and later do, " +
  "where '_group_' is a literal key; Hydra apps that omit version_base (1.1's rules; version_base=None is 1.3's) read it as the " +
  "group's package, 'db': drop the header to get that (a group's package is the default), " +
  'or set version_base: "1.1" in .strata.yaml to compose as such an app does';

Deno.test("compose, validate, run and sweep warn about '# @package _group_' at the header", async () => {
  const dir = writeTree({
    "conf/config.yaml": CONFIG + "hydra:\n  run:\n    dir: out\n  sweep:\n    dir: multi\n",
    "conf/db/a.yaml": "\n# @package _group_\nport: 1\n",
    "conf/db/b.yaml": "# @package _group_\nport: 2\n",
    "conf/opt/c.yaml": "# @package opt._name_\nlr: 1\n",
  });
  try {
    const line = `conf/db/a.yaml:2:12: warning: ${GROUP_WARNING}\n`;
    const compose = await strata(["compose", "-d", "conf"], { cwd: dir });
    assert.equal(compose.code, 0, compose.stderr);
    assert.equal(compose.stdout, "_group_:\n  port: 1\nx: 1\n");
    assert.equal(compose.stderr, line);
    const run = await strata(["run", "-d", "conf", "--", "true"], { cwd: dir });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, line);
    const sweep = await strata(["sweep", "-d", "conf", "x=1,2"], { cwd: dir });
    assert.equal(sweep.code, 0, sweep.stderr);
    assert.equal(sweep.stderr, line);
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(r.lines, [
      `conf/db/a.yaml:2:12: warning: ${GROUP_WARNING}`,
      `conf/db/b.yaml:1:12: warning: ${GROUP_WARNING}`,
      "conf/opt/c.yaml:1:16: warning: '# @package opt._name_': strata composes as Hydra's " +
      "version_base 1.2 and later do, where '_name_' is a literal key; Hydra apps that omit version_base (1.1's rules; version_base=None is 1.3's) " +
      "read it as the config's name, 'opt.c': write '# @package opt.c' to get that, or set version_base: \"1.1\" in .strata.yaml to compose as such an app does",
      "3 warnings in 4 files, 3 compositions",
    ]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("compose: the '_group_' warning of an option in a sub-directory names its group's package", async () => {
  // experiment=sub/g: Hydra's group is `experiment` (the option is `sub/g`), not `experiment.sub`
  const dir = writeTree({
    "conf/config.yaml": CONFIG,
    "conf/db/a.yaml": "port: 1\n",
    "conf/experiment/sub/g.yaml": "# @package _group_\nq: 1\n",
  });
  try {
    const r = await strata(["compose", "-d", "conf", "+experiment=sub/g"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /conf\/experiment\/sub\/g\.yaml:1:12: .*group's package, 'experiment':/);
    assert.doesNotMatch(r.stderr, /experiment\.sub/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate: group schemas are not run at a literal '_group_' package, where every group's options meet (checker v31)", async () => {
  const schema = (key: string, type: string) =>
    `type: object\nproperties:\n  ${key}: {type: ${type}}\nadditionalProperties: false\n`;
  const files = {
    "conf/config.yaml": "defaults:\n  - model: a\n  - optimizer: sgd\n  - _self_\n",
    "conf/model/a.yaml": "# @package _group_\nlayers: 3\n",
    "conf/optimizer/sgd.yaml": "# @package _group_\nlr: 0.1\n",
    "conf/_schema/model.schema.yaml": schema("layers", "integer"),
    "conf/_schema/optimizer.schema.yaml": schema("lr", "number"),
  };
  const dir = writeTree(files);
  try {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    // the headers' warnings say what is wrong; no schema refuses another group's keys
    assert.deepEqual(r.lines, [
      `conf/model/a.yaml:1:12: warning: ${GROUP_WARNING.replace("'db'", "'model'")}`,
      `conf/optimizer/sgd.yaml:1:12: warning: ${GROUP_WARNING.replace("'db'", "'optimizer'")}`,
      "2 warnings in 5 files, 1 composition",
    ]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
  // composed as version_base 1.1 does, each option is at its group's package and checked there
  const legacy = writeTree({
    ...files,
    ".strata.yaml": 'version_base: "1.1"\n',
    "conf/model/a.yaml": "# @package _group_\nlayers: 3.5\n",
  });
  try {
    const r = await validateIn(legacy, ["-d", "conf"]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.ok(
      r.lines.some((l) => /^conf\/model\/a\.yaml:2:9: error: must be integer/.test(l)),
      r.lines.join("\n"),
    );
    assert.ok(!r.lines.some((l) => /unknown key/.test(l)), r.lines.join("\n"));
  } finally {
    Deno.removeSync(legacy, { recursive: true });
  }
});

Deno.test("compose and validate: Hydra 1.0's '# @package: foo' is ignored by Hydra 1.1+, a warning at the line; the file's values are checked (checker w28)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - g: a\n  - _self_\n",
    "conf/g/a.yaml": "# @package: foo\n# @author someone\nx: ${nope}\n",
  });
  const warning = "conf/g/a.yaml:1:3: warning: Hydra reads the key '@package:' here, not " +
    "'@package', and ignores the line: the config lands at its group's package. " +
    "Did you mean '# @package foo'?";
  try {
    const c = await strata(["compose", "-d", "conf"], { cwd: dir });
    assert.equal(c.code, 0, c.stderr);
    assert.equal(c.stdout, "g:\n  x: ${nope}\n");
    assert.equal(c.stderr, warning + "\n");
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.deepEqual(r.lines, [
      warning,
      "conf/g/a.yaml:2:3: warning: unknown header '@author': Hydra reads only '@package', and ignores this line",
      "conf/g/a.yaml:3:4: error: Interpolation key 'nope' not found [key: g.x]",
    ]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

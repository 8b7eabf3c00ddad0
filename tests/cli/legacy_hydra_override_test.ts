// A Hydra 1.0 config chooses Hydra's own groups without `override` (`- hydra/job_logging:
// colorlog`, facebookresearch/denoiser). Hydra 1.3 reads it as an override, with a deprecation
// warning, under version_base 1.1 only (defaults_list.py `_update_overrides`); with 1.2 and later
// it is a second choice for the group, "Multiple values for hydra/job_logging", which is the
// user's line to fix, not Hydra's own entry (structured:///hydra/config.yaml).
import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { validateIn, writeTree } from "./_tree.ts";

const TREE = {
  "conf/config.yaml": "defaults:\n  - hydra/job_logging: colorlog\n  - db: a\n  - _self_\n\nx: 1\n",
  "conf/db/a.yaml": "port: 1\n",
  "conf/hydra/job_logging/colorlog.yaml": "version: 1\nroot:\n  level: DEBUG\n",
};

const MULTIPLE = "Multiple values for hydra/job_logging. To override a value use " +
  "'override hydra/job_logging: colorlog'";
const HYDRA_ENTRY = "structured://hydra/config: Hydra's own " +
  "'hydra/job_logging: default' is chosen here";

Deno.test("hydra/x: y without override (version_base 1.3): the error is at the user's entry", async () => {
  const dir = writeTree(TREE);
  try {
    const c = await strata(["compose", "-d", "conf"], { cwd: dir });
    assertNoStackTrace(c.stderr);
    assert.equal(c.code, 1, c.stderr);
    const lines = c.stderr.split("\n");
    assert.equal(lines[0], `conf/config.yaml:2:24: ${MULTIPLE}`, c.stderr);
    assert.equal(lines[1].trim(), HYDRA_ENTRY, c.stderr);
    assert.match(c.stderr, /only under version_base 1\.1/);

    const text = await validateIn(dir, ["-d", "conf"]);
    assert.equal(text.code, 1, text.stdout + text.stderr);
    assert.equal(text.lines[0], `conf/config.yaml:2:24: error: ${MULTIPLE}`, text.stdout);
    assert.equal(text.lines.filter((l) => l.includes("error:")).length, 1, text.stdout);

    const gh = await validateIn(dir, ["-d", "conf", "--format", "github"]);
    assert.ok(
      gh.lines[0].startsWith("::error file=conf/config.yaml,line=2,col=24,title=strata validate::"),
      gh.stdout,
    );

    const json = await validateIn(dir, ["-d", "conf", "--format", "json"]);
    const [p] = JSON.parse(json.stdout).problems;
    assert.deepEqual(p.origin, { file: "conf/config.yaml", line: 2, col: 24 });
    assert.deepEqual(p.related, [{
      message: "Hydra's own 'hydra/job_logging: default' is chosen here",
      origin: { file: "structured:///hydra/config.yaml", line: 8, col: 18 },
    }]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("hydra/x: y without override (version_base 1.1): an override, with Hydra's warning", async () => {
  const dir = writeTree({ ...TREE, ".strata.yaml": 'version_base: "1.1"\n' });
  const warning = "conf/config.yaml:2:24: warning: In config: Invalid overriding of " +
    "hydra/job_logging:\nDefault list overrides requires 'override' keyword.\n" +
    "See https://hydra.cc/docs/1.2/upgrades/1.0_to_1.1/defaults_list_override for more information.";
  try {
    const c = await strata(["compose", "-d", "conf"], { cwd: dir });
    assertNoStackTrace(c.stderr);
    assert.equal(c.code, 0, c.stderr);
    assert.equal(c.stdout, "db:\n  port: 1\nx: 1\n");
    // once, though the entry comes before a plain choice (it does not end the list's choices)
    assert.equal(c.stderr.split(warning).length, 2, c.stderr);
    const hydra = await strata(
      ["compose", "-d", "conf", "-c", "hydra", "-p", "hydra.job_logging"],
      {
        cwd: dir,
      },
    );
    assert.equal(hydra.code, 0, hydra.stderr);
    assert.equal(hydra.stdout, "# @package hydra.job_logging\nversion: 1\nroot:\n  level: DEBUG\n");

    const v = await validateIn(dir, ["-d", "conf"]);
    assert.equal(v.code, 0, v.stdout + v.stderr);
    assert.match(v.stdout, /conf\/config\.yaml:2:24: warning: In config: Invalid overriding of/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate reports a group chosen twice once, as compose does", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - db: a\n  - db: b\n",
    "conf/db/a.yaml": "port: 1\n",
    "conf/db/b.yaml": "port: 2\n",
  });
  try {
    const v = await validateIn(dir, ["-d", "conf", "--format", "json"]);
    assert.equal(v.code, 1, v.stdout + v.stderr);
    const out = JSON.parse(v.stdout);
    assert.equal(out.errors, 1, v.stdout);
    assert.equal(
      out.problems[0].message,
      "Multiple values for db. To override a value use 'override db: b'\n" +
        "to choose db for two packages (as Hydra 1.0 read a group listed twice), give each " +
        "entry its package: '- db@PACKAGE: a'",
    );
    assert.deepEqual(out.problems[0].origin, { file: "conf/config.yaml", line: 2, col: 9 });
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("a hydra group's missing option: no chain line at Hydra's own schema (structured://), the user's place leads", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - override hydra/launcher: nope\n  - _self_\na: 1\n",
  });
  try {
    for (const args of [["compose"], ["compose", "hydra/launcher=nope2"]]) {
      const r = await strata([...args, "-d", "conf"], { cwd: dir });
      assert.equal(r.code, 1, r.stderr);
      assert.doesNotMatch(r.stderr, /structured:\/\/\/hydra\/config\.yaml/, r.stderr);
    }
    const c = await strata(["compose", "-d", "conf"], { cwd: dir });
    assert.match(
      c.stderr,
      /^conf\/config\.yaml:2:30: In 'hydra\/config': Could not find 'hydra\/launcher\/nope'/,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

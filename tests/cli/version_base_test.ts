// `version_base` in .strata.yaml: an app whose @hydra.main passes none composes with Hydra 1.1's
// semantics, as Hydra 1.3's own code does below 1.2 (set_package_header, run_job).
import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

const TREE = {
  "conf/main.yaml": "defaults:\n  - algorithm: pets\n  - opt: adam\n  - _self_\n\nseed: 0\n" +
    "hydra:\n  run:\n    dir: out/${algorithm.name}\n",
  "conf/algorithm/pets.yaml": "# @package _group_\nname: pets\n",
  "conf/opt/adam.yaml": "# @package x._group_._name_\nlr: 1\n",
};

const DEPRECATED = "conf/algorithm/pets.yaml:1:12: warning: In 'algorithm/pets': Usage of " +
  "deprecated keyword in package header '# @package _group_'. See " +
  "https://hydra.cc/docs/1.2/upgrades/1.0_to_1.1/changes_to_package_header for more information";

Deno.test("version_base 1.1: '# @package _group_' is the group's package, with Hydra's warning", async () => {
  const dir = writeTree({ ...TREE, ".strata.yaml": "version_base: 1.1\n" });
  try {
    const r = await strata(["compose", "-d", "conf", "-n", "main"], { cwd: dir });
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      "algorithm:\n  name: pets\nx:\n  opt:\n    adam:\n      lr: 1\nseed: 0\n",
    );
    assert.equal(r.stderr.split("\n").filter((l) => l.includes(DEPRECATED)).length, 1, r.stderr);
    assert.doesNotMatch(r.stderr, /drop the header/);
    const base = await strata(
      ["compose", "-d", "conf", "-n", "main", "-c", "hydra", "-p", "hydra.runtime.version_base"],
      { cwd: dir },
    );
    assert.equal(base.stdout.trim(), "1.1", base.stderr);
    // validate reads the headers alike: Hydra's warning, the option at its group's package
    const v = await strata(["validate", "-d", "conf", "-n", "main"], { cwd: dir });
    assert.equal(v.code, 0, v.stdout + v.stderr);
    assert.match(v.stdout, /In 'algorithm\/pets': Usage of deprecated keyword/);
    assert.doesNotMatch(v.stdout, /drop the header/);
    // run: hydra.job.chdir left null changes directory, as Hydra's run_job does below 1.2
    const run = await strata(["run", "-d", "conf", "-n", "main", "--", "pwd"], { cwd: dir });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout.trim(), Deno.realPathSync(`${dir}/out/pets`));
    // with Hydra's warning, once, when a job starts (not for -c, which runs nothing)
    const said = "warning: Future Hydra versions will no longer change working directory at job " +
      "runtime by default.\nSee https://hydra.cc/docs/1.2/upgrades/1.1_to_1.2/" +
      "changes_to_job_working_dir/ for more information.\n";
    assert.equal(run.stderr.split(said).length, 2, run.stderr);
    const shown = await strata(["run", "-d", "conf", "-n", "main", "-c", "job", "--", "pwd"], {
      cwd: dir,
    });
    assert.doesNotMatch(shown.stderr, /Future Hydra versions/);
    const chosen = await strata(
      ["run", "-d", "conf", "-n", "main", "hydra.job.chdir=true", "--", "pwd"],
      { cwd: dir },
    );
    assert.doesNotMatch(chosen.stderr, /Future Hydra versions/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("version_base: 1.3 by default, and as '1.3'; the literal '_group_' stays", async () => {
  for (const settings of [undefined, 'version_base: "1.3"\n']) {
    const dir = writeTree({ ...TREE, ...(settings ? { ".strata.yaml": settings } : {}) });
    try {
      const r = await strata(["compose", "-d", "conf", "-n", "main"], { cwd: dir });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(
        r.stdout,
        "_group_:\n  name: pets\nx:\n  _group_:\n    _name_:\n      lr: 1\nseed: 0\n",
      );
      assert.match(r.stderr, /set version_base: "1\.1" in \.strata\.yaml/);
      const base = await strata(
        ["compose", "-d", "conf", "-n", "main", "-c", "hydra", "-p", "hydra.runtime.version_base"],
        { cwd: dir },
      );
      assert.equal(base.stdout.trim(), "1.3");
      const run = await strata(
        ["run", "-d", "conf", "-n", "main", "hydra.run.dir=o", "--", "pwd"],
        { cwd: dir },
      );
      assert.equal(run.stdout.trim(), Deno.realPathSync(dir), run.stderr);
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  }
});

Deno.test("version_base: a bad value is an error at its line", async () => {
  const dir = writeTree({ ...TREE, ".strata.yaml": "config_name: main\nversion_base: 1.0\n" });
  try {
    const r = await strata(["compose", "-d", "conf"], { cwd: dir });
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 1, r.stderr);
    assert.match(
      r.stderr,
      /\.strata\.yaml:2:15: version_base must be one of "1\.1", "1\.2", "1\.3"/,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("version_base 1.1: Hydra 1.0's ${defaults.0.db} choice is warned of and resolved; 1.3 refuses it", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - db: mysql\n  - schema: ${defaults.0.db}_v1\n",
    "conf/db/mysql.yaml": "host: localhost\n",
    "conf/db/pg.yaml": "host: pg\n",
    "conf/schema/mysql_v1.yaml": "tables: 3\n",
    "conf/schema/pg_v1.yaml": "tables: 5\n",
  });
  const MESSAGE = "Defaults list element 'schema=${defaults.0.db}_v1' is using a deprecated " +
    "interpolation form.\nSee http://hydra.cc/docs/1.1/upgrades/1.0_to_1.1/" +
    "defaults_list_interpolation for migration information.";
  try {
    const strict = await strata(["compose", "-d", "conf"], { cwd: dir });
    assert.equal(strict.code, 1);
    assert.equal(strict.stderr, `conf/config.yaml:3:13: ${MESSAGE}\n`);
    Deno.writeTextFileSync(`${dir}/.strata.yaml`, 'version_base: "1.1"\n');
    const old = await strata(["compose", "-d", "conf", "db=pg"], { cwd: dir });
    assert.equal(old.code, 0, old.stderr);
    assert.equal(old.stdout, "db:\n  host: pg\nschema:\n  tables: 5\n");
    assert.equal(old.stderr, `conf/config.yaml:3:13: warning: ${MESSAGE}\n`);
    assertNoStackTrace(old.stderr);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("version_base 1.2 and null (Python's None): composed as 1.3 reads headers, and said so", async () => {
  for (const [given, recorded] of [["'1.2'", "1.2"], ["null", "1.3"]]) {
    const dir = writeTree({ ...TREE, ".strata.yaml": `version_base: ${given}\n` });
    try {
      const r = await strata(["compose", "-d", "conf", "-n", "main"], { cwd: dir });
      assertNoStackTrace(r.stderr);
      assert.equal(r.code, 0, `${given}: ${r.stderr}`);
      assert.match(r.stdout, /^_group_:\n/m, given);
      // the warning names the bases that read `_group_` so, never "1.3" alone under 1.2
      assert.match(r.stderr, /strata composes as Hydra's version_base 1\.2 and later do/, given);
      assert.doesNotMatch(r.stderr, /version_base 1\.3,/, given);
      const base = await strata(
        ["compose", "-d", "conf", "-n", "main", "-c", "hydra", "-p", "hydra.runtime.version_base"],
        { cwd: dir },
      );
      assert.equal(base.stdout.trim(), recorded, given);
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  }
});

Deno.test("compose --version-base 1.1: a load error in a `# @package _group_` file is at the key as composed (db.host), not _group_.host (checker w26)", async () => {
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - db: mysql\n  - _self_\n",
    "conf/db/mysql.yaml": "# @package _group_\nhost: a\nhost: b\n",
  });
  try {
    const old = await strata(["compose", "-d", "conf", "--version-base", "1.1"], { cwd: dir });
    assert.equal(old.code, 1);
    assert.match(old.stderr, /found duplicate key host\n {4}full key: db\.host\n/);
    // from 1.2 on `_group_` is a literal key, as Hydra 1.3 composes it
    const now = await strata(["compose", "-d", "conf"], { cwd: dir });
    assert.match(now.stderr, /full key: _group_\.host\n/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("version_base 1.1: a config named with its .yml extension is read, with Hydra's deprecation warning; from 1.2 on it is x.yml.yaml", async () => {
  const dir = writeTree({
    "conf/main.yml": "defaults:\n  - db: a\n  - _self_\nx: 1\n",
    "conf/other.yaml": "defaults:\n  - db: a\n  - _self_\nx: 2\n",
    "conf/db/a.yaml": "n: 1\n",
    "conf/db/b.yml": "n: 2.0\n",
  });
  const said =
    "warning: Support for .yml files is deprecated. Use .yaml extension for Hydra config files";
  try {
    const primary = await strata([
      "compose",
      "-d",
      "conf",
      "-n",
      "main.yml",
      "--version-base",
      "1.1",
    ], {
      cwd: dir,
    });
    assertNoStackTrace(primary.stderr);
    assert.equal(primary.code, 0, primary.stderr);
    assert.equal(primary.stdout, "db:\n  'n': 1\nx: 1\n");
    assert.equal(primary.stderr.split(said).length, 2, primary.stderr);
    assert.match(primary.stderr, /^conf\/main\.yml: warning: Support for \.yml/m);
    const option = await strata(
      ["compose", "-d", "conf", "-n", "other", "db=b.yml", "--version-base", "1.1"],
      { cwd: dir },
    );
    assert.equal(option.code, 0, option.stderr);
    assert.equal(option.stdout, "db:\n  'n': 2.0\nx: 2\n");
    // placed where the .yml name was written: here the override
    assert.match(option.stderr, /^override #1 'db=b\.yml': warning: Support for \.yml/m);
    // a .yaml config says nothing of it
    const plain = await strata(["compose", "-d", "conf", "-n", "other", "--version-base", "1.1"], {
      cwd: dir,
    });
    assert.equal(plain.code, 0, plain.stderr);
    assert.doesNotMatch(plain.stderr, /\.yml files/);
    // 1.2 and on: the name gets `.yaml` appended, as Hydra 1.3 does
    const later = await strata(["compose", "-d", "conf", "-n", "other", "db=b.yml"], { cwd: dir });
    assert.equal(later.code, 1, later.stderr);
    assert.match(later.stderr, /Could not find 'db\/b\.yml'/);
    const laterPrimary = await strata(["compose", "-d", "conf", "-n", "main.yml"], { cwd: dir });
    assert.equal(laterPrimary.code, 1, laterPrimary.stderr);
    assert.match(laterPrimary.stderr, /Cannot find primary config 'main\.yml'/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("compose --version-base 1.4: a usage error that suggests the nearest version, 1.3, not 1.1 (checker v41)", async () => {
  const dir = await confTree({ "conf/config.yaml": "a: 1\n" });
  try {
    for (const [given, near] of [["1.4", "1.3"], ["1.0", "1.1"], ["2", "1.3"]]) {
      const r = await strata(["compose", "-d", "conf", "--version-base", given], { cwd: dir });
      assertNoStackTrace(r.stderr);
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stdout, "");
      assert.match(r.stderr, new RegExp(`\\(Did you mean ${near.replace(".", "\\.")}\\?\\)\\n$`));
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

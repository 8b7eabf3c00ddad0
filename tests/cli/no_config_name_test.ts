/**
 * An app with no primary config (Hydra's tutorial `@hydra.main(config_path="conf")`
 * without config_name, composed from overrides alone: `+db=mysql`):
 * `--no-config-name`, or `config_name: null` in .strata.yaml, on every command
 * that composes; without it such a tree says how to compose it.
 */
import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

const TREE = {
  "conf/db/mysql.yaml": "driver: mysql\nport: 3306\n",
  "conf/db/postgresql.yaml": "driver: postgresql\nport: ${nope}\n",
};

Deno.test("--no-config-name: compose, validate, run and sweep manifests with no primary config", async () => {
  const dir = writeTree(TREE);
  try {
    const plain = await strata(["compose", "+db=mysql"], { cwd: dir });
    assert.equal(plain.code, 1);
    assert.match(plain.stderr, /Cannot find primary config 'config'/);
    assert.match(plain.stderr, /--no-config-name \(or config_name: null in \.strata\.yaml\)/);

    const c = await strata(["compose", "--no-config-name", "+db=mysql"], { cwd: dir });
    assert.equal(c.code, 0, c.stderr);
    assert.equal(c.stdout, "db:\n  driver: mysql\n  port: 3306\n");
    const job = await strata(
      ["compose", "--no-config-name", "-c", "hydra", "-p", "hydra.job"],
      { cwd: dir },
    );
    assert.equal(job.code, 0, job.stderr);
    assert.match(job.stdout, /\nconfig_name: null\n/);
    // Hydra's --config-name '' is the file conf/.yaml, not "none"
    const empty = await strata(["compose", "-n", "", "+db=mysql"], { cwd: dir });
    assert.equal(empty.code, 1);
    assert.match(empty.stderr, /Cannot find primary config ''/);

    // each option is tried alone: the broken one is found, at its line
    const v = await strata(["validate", "--no-config-name"], { cwd: dir });
    assert.equal(v.code, 1, v.stdout + v.stderr);
    assert.match(
      v.stdout + v.stderr,
      /conf\/db\/postgresql\.yaml:2:7: error: .*'nope'.*\(with \+db=postgresql\)/,
    );
    assert.doesNotMatch(v.stdout + v.stderr, /Cannot find primary config/);

    const run = await strata(
      ["run", "--no-config-name", "+db=mysql", "hydra.run.dir=out", "--", "true"],
      { cwd: dir },
    );
    assert.equal(run.code, 0, run.stderr);
    assert.equal(
      Deno.readTextFileSync(`${dir}/out/.hydra/config.yaml`),
      "db:\n  driver: mysql\n  port: 3306\n",
    );
    assert.match(Deno.readTextFileSync(`${dir}/out/.hydra/hydra.yaml`), /config_name: null/);

    const sweep = await strata(
      [
        "sweep",
        "-f",
        "slurm",
        "-o",
        "sweep",
        "--no-config-name",
        "+db=mysql",
        "+x=1,2",
        "--",
        "true",
      ],
      { cwd: dir },
    );
    assert.equal(sweep.code, 0, `${sweep.code} ${sweep.stderr}`);
    const script = [...Deno.readDirSync(`${dir}/sweep`)].filter((e) => e.name.endsWith(".sbatch"))
      .map((e) => Deno.readTextFileSync(`${dir}/sweep/${e.name}`)).join("");
    assert.match(script, /--no-config-name/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("config_name: null in .strata.yaml is no primary config; -n on the command line wins", async () => {
  const dir = writeTree({
    ...TREE,
    ".strata.yaml": "config_name: null\n",
    "conf/app.yaml": "a: 1\n",
  });
  try {
    const c = await strata(["compose", "+db=mysql"], { cwd: dir });
    assert.equal(c.code, 0, c.stderr);
    assert.equal(c.stdout, "db:\n  driver: mysql\n  port: 3306\n");
    const named = await strata(["compose", "-n", "app"], { cwd: dir });
    assert.equal(named.code, 0, named.stderr);
    assert.equal(named.stdout, "a: 1\n");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("--no-config-name beside -n is bad usage; errors never name Hydra's internal empty primary", async () => {
  const dir = writeTree(TREE);
  try {
    for (
      const args of [
        ["compose", "--no-config-name", "-n", "foo", "+db=mysql"],
        ["compose", "-n", "foo", "--no-config-name"],
        ["validate", "--no-config-name", "--config-name", "foo"],
      ]
    ) {
      const r = await strata(args, { cwd: dir });
      assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
      assert.match(r.stderr, /-n\/--config-name and --no-config-name were both given/);
    }
    for (const cmd of ["compose", "sweep"]) {
      const r = await strata([cmd, "--no-config-name", "+db=nope"], { cwd: dir });
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /Could not find 'db\/nope'/);
      assert.doesNotMatch(r.stderr, /_dummy_empty_config_/);
    }
    Deno.writeTextFileSync(`${dir}/.strata.yaml`, "config_name: 5\n");
    const five = await strata(["compose"], { cwd: dir });
    assert.equal(five.code, 1, five.stderr);
    assert.match(five.stderr, /config_name must be a string or null/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate on groups alone, no config name given: validated as --no-config-name, with a note", async () => {
  const dir = writeTree(TREE);
  try {
    const v = await strata(["validate"], { cwd: dir });
    const out = v.stdout + v.stderr;
    assert.equal(v.code, 1, out);
    assert.doesNotMatch(out, /Cannot find primary config/);
    assert.match(out, /conf\/db\/postgresql\.yaml:2:7: error: .*'nope'.*\(with \+db=postgresql\)/);
    assert.match(
      v.stderr,
      /^note: conf has no config\.yaml, no top-level config .*validated as --no-config-name does/m,
    );
    assert.match(out, /1 error in 2 files, 3 compositions/);
    // named, the missing primary stays an error
    const named = await strata(["validate", "-n", "config"], { cwd: dir });
    assert.match(named.stdout, /Cannot find primary config 'config'/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

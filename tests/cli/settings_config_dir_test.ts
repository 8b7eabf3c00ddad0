/**
 * A `config_dir` in `.strata.yaml` that names no directory is reported at
 * its value in `.strata.yaml` (file:line:col), as the file's other mistakes
 * are, by every command that reads it; `-d` on the command line is still
 * Hydra's bad usage.
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

const TREE = {
  "conf/config.yaml": "defaults:\n  - db: mysql\n  - _self_\nlr: 0.1\n",
  "conf/db/mysql.yaml": "host: localhost\n",
  ".strata.yaml": "config_dir: nope\n",
  "afile": "",
};

Deno.test(".strata.yaml config_dir naming no directory: located at its value, exit 1", async () => {
  const dir = Deno.realPathSync(writeTree(TREE));
  try {
    // the file named from where the user is, as validate names it (checker v29)
    const at = `.strata.yaml:1:13: Primary config directory not found: `;
    for (const args of [["compose"], ["hash"], ["run", "--", "true"], ["sweep"], ["schema"]]) {
      const r = await strata(args, { cwd: dir });
      assertNoStackTrace(r.stderr);
      assert.equal(r.code, 1, `${args}: ${r.stderr}`);
      assert.equal(
        r.stderr,
        `${at}no such file or directory: ${dir}/nope\n    full key: config_dir\n`,
        args.join(" "),
      );
    }
    const v = await strata(["validate"], { cwd: dir });
    assert.equal(v.code, 1, v.stderr);
    assert.match(v.stdout, /^\.strata\.yaml:1:13: error: Primary config directory not found: /);
    Deno.writeTextFileSync(`${dir}/.strata.yaml`, "# the project\nconfig_dir: afile\n");
    const f = await strata(["compose"], { cwd: dir });
    assert.equal(f.code, 1, f.stderr);
    assert.match(
      f.stderr,
      new RegExp(`^\\.strata\\.yaml:2:13: .*not a directory: ${dir}/afile\\n`),
    );
    // the command line's -d: .strata.yaml's config_dir is not used, Hydra's words
    const d = await strata(["compose", "-d", "conf2"], { cwd: dir });
    assert.equal(d.code, 2, d.stderr);
    assert.match(d.stderr, /^conf2: Primary config directory not found/);
    Deno.writeTextFileSync(`${dir}/.strata.yaml`, "config_dir: conf\n");
    const ok = await strata(["compose"], { cwd: dir });
    assert.equal(ok.code, 0, ok.stderr);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test(".strata.yaml config_name naming no config: located at its value, exit 1", async () => {
  const dir = Deno.realPathSync(writeTree({
    "conf/config.yaml": "a: 1\n",
    "conf/train.yaml": "b: 1\n",
    ".strata.yaml": "config_dir: conf\nconfig_name: trian\n",
  }));
  try {
    const at = `${dir}/.strata.yaml:2:14: Cannot find primary config 'trian'.`;
    for (
      const args of [
        ["compose"],
        ["hash"],
        ["run", "--", "true"],
        ["run", "-m", "--", "true"],
        ["sweep"],
        ["schema"],
        ["explain", "a"],
      ]
    ) {
      const r = await strata(args, { cwd: dir });
      assertNoStackTrace(r.stderr);
      assert.equal(r.code, 1, `${args}: ${r.stderr}`);
      assert.ok(r.stderr.startsWith(at), `${args}: ${r.stderr}`);
      assert.match(r.stderr, /Did you mean 'train'\?/);
    }
    const v = await strata(["validate"], { cwd: dir });
    assert.equal(v.code, 1, v.stderr);
    assert.match(v.stdout, /^\.strata\.yaml:2:14: error: Cannot find primary config 'trian'/);
    // -n on the command line: its own name, Hydra's place (no .strata.yaml line)
    const n = await strata(["compose", "-n", "nope"], { cwd: dir });
    assert.equal(n.code, 1, n.stderr);
    assert.match(n.stderr, /^conf: Cannot find primary config 'nope'/);
    Deno.writeTextFileSync(`${dir}/.strata.yaml`, "config_dir: conf\nconfig_name: train\n");
    const ok = await strata(["compose"], { cwd: dir });
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(ok.stdout, "b: 1\n");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

// range-view-3d-detection's `config_dir: ml/cnf` and `search_path: [vendor/submitit_cnf]`
// (checker w62 #5): the directory near it, as the settings file would write it
Deno.test(".strata.yaml config_dir and search_path with a typo: did-you-mean, relative to the settings file", async () => {
  const dir = Deno.realPathSync(writeTree({
    "ml/conf/config.yaml": "a: 1\n",
    "vendor/submitit_conf/x.yaml": "b: 1\n",
    "sub/README": "x\n",
    ".strata.yaml": "config_dir: ml/cnf\n",
  }));
  try {
    const r = await strata(["compose"], { cwd: `${dir}/sub` });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /\n {4}Did you mean 'ml\/conf'\?\n$/);
    Deno.writeTextFileSync(
      `${dir}/.strata.yaml`,
      "config_dir: ml/conf\nsearch_path: [vendor/submitit_cnf]\n",
    );
    const s = await strata(["compose"], { cwd: dir });
    assert.equal(s.code, 1, s.stderr);
    assert.match(s.stderr, /\n {4}Did you mean 'vendor\/submitit_conf'\?\n$/);
    assertNoStackTrace(s.stderr);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

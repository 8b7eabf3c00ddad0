/**
 * `.strata.yaml`'s `search_path`: more config directories (a plugin's YAML,
 * hydra-colorlog's `hydra/job_logging/colorlog.yaml`), relative to the
 * settings file, read by every command that reads a conf/ tree, completion
 * included, so none needs `--search-path` each time. Searched after the
 * command line's `--search-path` (as Hydra searches `--config-dir` before a
 * config's `hydra.searchpath`). A mistake is located in `.strata.yaml`.
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

const TREE = {
  "conf/config.yaml":
    "defaults:\n  - db: a\n  - _self_\n  - override hydra/job_logging: colorlog\n" +
    "optim:\n  lr: 0.1\n  loss: l1\n",
  "conf/db/a.yaml": "host: main\n",
  "plugin/hydra/job_logging/colorlog.yaml": "version: 1\nformatters:\n  colorlog:\n    format: x\n",
  "plugin/db/b.yaml": "host: plugin\n",
  "extra/db/b.yaml": "host: extra\n",
  ".strata.yaml": "# the project\nsearch_path: [plugin]\n",
};

Deno.test(".strata.yaml search_path: every command that reads the tree finds the plugin's YAML", async () => {
  const dir = Deno.realPathSync(writeTree(TREE));
  try {
    const commands = [
      ["compose", "-d", "conf"],
      ["hash", "-d", "conf"],
      ["schema", "-d", "conf"],
      ["explain", "-d", "conf", "optim.lr"],
      ["sweep", "-d", "conf", "optim.lr=1,2"],
      ["run", "-d", "conf", "hydra.run.dir=out", "--", "true"],
      ["run", "-d", "conf", "-m", "hydra.sweep.dir=sw", "optim.lr=1,2", "--", "true"],
      ["validate", "-d", "conf"],
      ["compose"], // no -d: the settings are found from the working directory
    ];
    for (const args of commands) {
      const r = await strata(args, { cwd: dir });
      assertNoStackTrace(r.stderr);
      assert.equal(r.code, 0, `${args.join(" ")}: ${r.stderr}`);
    }
    // diff exits 1 when the sides differ, as diff(1) does
    const d = await strata(["diff", "-d", "conf", "--a", "", "--b", "optim.lr=0.2"], { cwd: dir });
    assert.equal(d.code, 1, d.stderr);
    assert.match(d.stdout, /~ optim\.lr: 0\.1 -> 0\.2/);
    const logging = await strata([
      "compose",
      "-d",
      "conf",
      "--cfg",
      "hydra",
      "-p",
      "hydra.job_logging",
    ], {
      cwd: dir,
    });
    assert.match(logging.stdout, /colorlog:\n {4}format: x/);
    // completion composes the tree as the command would
    const c = await strata(["complete", "--", "explain", "-d", "conf", "optim.l"], { cwd: dir });
    assert.equal(c.code, 0, c.stderr);
    assert.match(c.stdout, /^optim\.lr\t/m);
    assert.match(c.stdout, /^optim\.loss\t/m);
    // searched after the primary directory and after --search-path: theirs win
    const plugin = await strata(["compose", "-d", "conf", "db=b"], { cwd: dir });
    assert.match(plugin.stdout, /host: plugin/, plugin.stderr);
    const extra = await strata(["compose", "-d", "conf", "--search-path", "extra", "db=b"], {
      cwd: dir,
    });
    assert.match(extra.stdout, /host: extra/, extra.stderr);
    const info = await strata(["compose", "-d", "conf", "-i", "searchpath"], { cwd: dir });
    assert.match(
      info.stdout,
      /\| main +\| file:\/\/.*\/conf +\|\n\| command-line \| file:\/\/.*\/plugin /,
    );
    // relative to .strata.yaml, not to where strata runs
    const sub = await strata(["compose", "-d", "../conf"], { cwd: `${dir}/extra` });
    assert.equal(sub.code, 0, sub.stderr);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test(".strata.yaml search_path: a directory that is not there, or not a list, is located there", async () => {
  const dir = Deno.realPathSync(writeTree({
    ...TREE,
    ".strata.yaml": "search_path: [plugin, nope]\n",
  }));
  try {
    for (
      const args of [["compose", "-d", "conf"], ["sweep", "-d", "conf"], [
        "run",
        "-d",
        "conf",
        "--",
        "true",
      ]]
    ) {
      const r = await strata(args, { cwd: dir });
      assertNoStackTrace(r.stderr);
      assert.equal(r.code, 1, `${args}: ${r.stderr}`);
      assert.equal(
        r.stderr,
        // the file named from where the user is, as validate names it (checker v29)
        `.strata.yaml:1:23: Search path directory not found: no such file or directory: ` +
          `${dir}/nope\n    full key: search_path\n`,
      );
    }
    const v = await strata(["validate", "-d", "conf"], { cwd: dir });
    assert.equal(v.code, 1, v.stderr);
    assert.match(v.stdout, /^\.strata\.yaml:1:23: error: Search path directory not found: /);
    Deno.writeTextFileSync(`${dir}/.strata.yaml`, "search_path: plugin\n");
    const s = await strata(["compose", "-d", "conf"], { cwd: dir });
    assert.equal(s.code, 1, s.stderr);
    assert.equal(
      s.stderr,
      `.strata.yaml:1:14: search_path must be a list of directories\n    full key: search_path\n`,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

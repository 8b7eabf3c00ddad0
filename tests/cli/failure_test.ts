/**
 * Every failure of the CLI is an exit code and a message, never a stack
 * trace: a reader that went away, a full disk, a permission Deno was not
 * given, a file the user may not read, output JSON parsers accept.
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, SHELL_COMMAND, strata } from "./_cli.ts";

async function sh(script: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command("bash", { args: ["-c", script], env: { NO_COLOR: "1" } })
    .output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

Deno.test("CLI: a reader that goes away (| head -1) ends quietly with exit 141", async () => {
  const dir = await confTree({ "config.yaml": "x: 1\n" });
  const r = await sh(
    `${SHELL_COMMAND} sweep -d ${dir} 'x=range(100000)' --no-validate | head -n 1; ` +
      `echo "exit=\${PIPESTATUS[0]}"`,
  );
  assert.match(
    r.stdout,
    /^\{"index":0,"id":"[0-9a-f]{16}","overrides":\["x=0"\],"override_dirname":"x=0"\}\nexit=141\n$/,
  );
  assert.equal(r.stderr, "");
});

Deno.test("CLI: a full disk (> /dev/full) is a clear error, exit 1", async () => {
  const dir = await confTree({ "config.yaml": "x: 1\n" });
  const r = await sh(`${SHELL_COMMAND} compose -d ${dir} > /dev/full; echo "exit=$?"`);
  assert.equal(r.stdout, "exit=1\n");
  assert.equal(r.stderr, "strata: cannot write to stdout: no space left on device\n");
  assertNoStackTrace(r.stderr);
});

Deno.test("CLI: diff's report lost to a full disk is trouble, exit 2 (1 would say the configs differ)", async () => {
  const dir = await confTree({ "a.yaml": "x: 1\n", "b.yaml": "x: 2\n" });
  for (const args of ["a.yaml b.yaml", "a.yaml a.yaml -f json"]) {
    const r = await sh(`cd ${dir} && ${SHELL_COMMAND} diff ${args} > /dev/full; echo "exit=$?"`);
    assert.equal(r.stdout, "exit=2\n", args);
    assert.equal(r.stderr, "strata: cannot write to stdout: no space left on device\n");
  }
});

Deno.test("CLI: a permission Deno was not given names it and how to grant it, exit 1", async () => {
  const dir = await confTree({ "config.yaml": "x: 1\n" });
  const r = await strata(["compose", "-d", dir, "--cfg", "hydra", "hydra.job.env_copy=[HOME]"], {
    permissions: ["--allow-read"],
  });
  assert.equal(r.code, 1);
  assert.equal(r.stdout, "");
  assert.match(
    r.stderr,
    /^strata: permission denied: env access to "HOME" was not granted; grant it with --allow-env/m,
  );
  assertNoStackTrace(r.stderr);
});

Deno.test("CLI: a config file the user may not read is a located error, exit 1", async () => {
  const dir = await confTree({
    "config.yaml": "defaults:\n  - db: a\n  - _self_\n",
    "db/a.yaml": "",
  });
  await Deno.chmod(`${dir}/db/a.yaml`, 0o000);
  // Tests run as root: drop the capabilities that let root read any file.
  const r = await strata(["compose", "-d", dir], {
    wrapper: ["setpriv", "--bounding-set=-dac_override,-dac_read_search"],
  });
  assert.equal(r.code, 1);
  assert.match(
    r.stderr,
    new RegExp(`^${dir}/db/a\\.yaml: cannot read config file: permission denied`),
  );
  assertNoStackTrace(r.stderr);
});

Deno.test("CLI: a config directory the user may not search is named, not said missing, exit 1", async () => {
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - db: a\n  - _self_\n",
    "conf/db/a.yaml": "x: 1\n",
  });
  // Tests run as root: drop the capabilities that let root read any directory.
  const wrapper = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"];
  try {
    // was "In 'config': Could not find 'db/a'", and "Cannot find primary config" one level up
    for (
      const [unreadable, said] of [
        // with the defaults entry that needed it
        [
          "conf/db",
          "conf/db: cannot read the config directory: permission denied\n" +
          "    conf/config.yaml:2:9: included by 'config'\n",
        ],
        ["conf", "conf: cannot read the config directory: permission denied\n"],
      ]
    ) {
      await Deno.chmod(`${dir}/${unreadable}`, 0o000);
      const r = await strata(["compose", "-d", "conf"], { cwd: dir, wrapper });
      await Deno.chmod(`${dir}/${unreadable}`, 0o755);
      assert.equal(r.code, 1, r.stderr);
      assert.equal(r.stderr, said);
    }
    // validate says it once, from its walk of the tree, not again from each composition
    await Deno.chmod(`${dir}/conf/db`, 0o000);
    const v = await strata(["validate", "-d", "conf"], { cwd: dir, wrapper });
    await Deno.chmod(`${dir}/conf/db`, 0o755);
    assert.equal(v.code, 1);
    assert.equal(v.stdout, "conf/db: error: cannot read: Permission denied\n");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("CLI: -f json is valid JSON; non-finite floats are the strings nan, inf, -inf", async () => {
  const dir = await confTree({ "config.yaml": "a: .nan\nb: .inf\nc: -.inf\nd: [1.5, 1.0e-05]\n" });
  const r = await strata(["compose", "-d", dir, "-f", "json"]);
  assert.equal(r.code, 0);
  // JSON.parse is a strict RFC 8259 parser: it refuses NaN and Infinity.
  assert.deepEqual(JSON.parse(r.stdout), { a: "nan", b: "inf", c: "-inf", d: [1.5, 1e-5] });
});

Deno.test("CLI: an empty --config-dir is bad usage (exit 2), not the working directory", async () => {
  // (an empty --config-name stays Hydra's: the file conf/.yaml, tests/cli/no_config_name_test.ts)
  for (const args of [["-d", ""], ["--config-dir="]]) {
    for (const command of ["compose", "validate"]) {
      const r = await strata([command, ...args]);
      assert.equal(r.code, 2, `${command} ${args}: ${r.stderr}`);
      assert.match(r.stderr, /^--config-dir is empty: give /);
    }
  }
});

Deno.test("CLI: a .strata.yaml anyone may write (or a link into a world-writable directory) is refused, not read", async () => {
  const dir = await confTree({
    "repo/conf/config.yaml": "x: 1\n",
    "repo/.strata.yaml": "config_dir: conf\n",
  });
  const repo = `${dir}/repo`;
  try {
    Deno.mkdirSync(`${repo}/.git`);
    Deno.chmodSync(dir, 0o755);
    Deno.chmodSync(`${repo}/.strata.yaml`, 0o666);
    const r = await strata(["compose"], { cwd: repo });
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stderr, /^\S*\.strata\.yaml: writable by anyone: strata does not read/);
    // a symlink to one kept in a world-writable directory
    Deno.chmodSync(`${repo}/.strata.yaml`, 0o644);
    const shared = Deno.makeTempDirSync();
    Deno.chmodSync(shared, 0o777);
    Deno.renameSync(`${repo}/.strata.yaml`, `${shared}/s.yaml`);
    Deno.symlinkSync(`${shared}/s.yaml`, `${repo}/.strata.yaml`);
    const linked = await strata(["compose"], { cwd: repo });
    assert.equal(linked.code, 1, linked.stdout);
    assert.match(linked.stderr, /writable by anyone \(it is /);
    Deno.removeSync(shared, { recursive: true });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("CLI: a .strata.yaml in a directory anyone may write is not read, and a note says so (checker v73 #1)", async () => {
  const dir = await confTree({
    "proj/confx/config.yaml": "x: 1\n",
    "proj/.strata.yaml": "config_dir: confx\n",
  });
  const proj = `${dir}/proj`;
  try {
    Deno.chmodSync(proj, 0o777);
    const r = await strata(["compose"], { cwd: proj });
    assert.equal(r.code, 2, r.stdout);
    assert.match(
      r.stderr,
      /^note: \.strata\.yaml is not read: its directory is writable by anyone, and strata reads no settings file others may have written \(chmod o-w the directory\)\n/,
    );
    Deno.chmodSync(proj, 0o755);
    const ok = await strata(["compose"], { cwd: proj });
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(ok.stderr, "");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

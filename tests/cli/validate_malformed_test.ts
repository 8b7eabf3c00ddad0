/**
 * Malformed input of every kind gives a located problem, never a hang or a
 * stack trace.
 */
import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { SMALL_TREE, writeTree } from "./_tree.ts";

function aliasBomb(): string {
  const lines = ["a: &a [x, x, x, x, x, x, x, x, x]"];
  const names = "bcdefghi";
  for (let i = 0; i < names.length; i++) {
    const prev = i === 0 ? "a" : names[i - 1];
    lines.push(`${names[i]}: &${names[i]} [${Array(9).fill("*" + prev).join(", ")}]`);
  }
  return lines.join("\n") + "\n";
}

Deno.test("validate: binary, empty, alias bomb, 50 MB, symlink loops, ../../etc/passwd", async () => {
  const dir = writeTree({
    ...SMALL_TREE,
    "conf/config.yaml": "defaults:\n  - db: mysql\n  - server: ../../etc/passwd\n",
    "conf/db/binary.yaml": new Uint8Array([
      0x89,
      0x50,
      0x4e,
      0x47,
      0x0d,
      0x0a,
      0x1a,
      0x0a,
      0xff,
      0x00,
    ]),
    "conf/db/nul.yaml": "host: a\u0000b\n",
    "conf/db/empty.yaml": "",
    "conf/db/bomb.yaml": aliasBomb(),
  });
  // 50 MB (sparse: refused by its size, never read)
  const big = Deno.openSync(`${dir}/conf/db/huge.yaml`, { write: true, create: true });
  big.truncateSync(50 * 1024 * 1024);
  big.close();
  Deno.symlinkSync("loop2", `${dir}/conf/loop1`);
  Deno.symlinkSync("loop1", `${dir}/conf/loop2`);
  Deno.symlinkSync(".", `${dir}/conf/server/self`);

  const r = await strata(["validate"], { cwd: dir });
  assertNoStackTrace(r.stderr);
  assert.equal(r.code, 1);
  assert.deepEqual(r.stdout.trim().split("\n"), [
    "conf/config.yaml:3:13: error: '../../etc/passwd' points outside the config directory [key: defaults]",
    "conf/db/binary.yaml:1:1: error: not a UTF-8 text file",
    "conf/db/bomb.yaml:7:8: error: aliases copy more than 1000000 nodes that are copies themselves " +
    "in this file (the limit): '*f' (anchor at 6:4) copies 597870 more after 672462: aliases " +
    'inside an anchored node are copied with it, so they multiply ("billion laughs"); set ' +
    "STRATA_MAX_ALIAS_NODES to raise it (now 5000000, this limit a fifth of it) [key: db.g[0]]",
    "conf/db/huge.yaml:1:1: error: file is 50.0 MiB; configs over 8.0 MiB are refused",
    "conf/db/nul.yaml:1:8: error: unacceptable character #x0000: a binary file?",
    "conf/loop1: error: cannot read: a symlink loop",
    "conf/loop2: error: cannot read: a symlink loop",
    "conf/server/self: error: cannot read: a symlink back into the config tree (a loop)",
  ]);
  assert.equal(r.stderr, "8 errors in 10 files, no composition built\n");
});

Deno.test("validate: an override naming ../../etc/passwd is a located error; a missing dir is usage (2)", async () => {
  const dir = writeTree(SMALL_TREE);
  const r = await strata(["validate", "--override", "db=../../etc/passwd"], { cwd: dir });
  assertNoStackTrace(r.stderr);
  assert.equal(r.code, 1);
  assert.match(
    r.stdout,
    /^override #1 'db=\.\.\/\.\.\/etc\/passwd': error: config path 'db\/\.\.\/\.\.\/etc\/passwd' leads outside the config directories/,
  );
  const usage = await strata(["validate", "-d", "nope"], { cwd: dir });
  assert.equal(usage.code, 2);
  // with the tree that is here
  assert.equal(
    usage.stderr,
    "config directory 'nope' not found (YAML configs are in conf/: give -d conf (in " +
      ".pre-commit-config.yaml, args: [-d, conf]), or config_dir: conf in a .strata.yaml)\n",
  );
  // the primary config's file where its directory goes: said, with what was meant
  const file = await strata(["validate", "-d", "conf/config.yaml"], { cwd: dir });
  assert.equal(file.code, 2);
  assert.equal(
    file.stderr,
    "config directory 'conf/config.yaml' is a file, not a directory: did you mean -d conf -n config?\n",
  );
  const badFormat = await strata(["validate", "--format", "xml"], { cwd: dir });
  assert.equal(badFormat.code, 2);
});

Deno.test("validate FILES: a primary config that does not compose is reported even when not passed", async () => {
  const dir = writeTree({
    ...SMALL_TREE,
    "conf/config.yaml": "defaults:\n  - db: mysql\n  - server: nginx\n",
  });
  const r = await strata(["validate", "conf/db/postgres.yaml"], { cwd: dir });
  assertNoStackTrace(r.stderr);
  assert.equal(r.code, 1);
  assert.match(
    r.stdout,
    /^conf\/config\.yaml:3:13: error: In 'config': Could not find 'server\/nginx'/,
  );
});

Deno.test("validate: a primary config too big to check is not parsed for its hydra.searchpath either (it took minutes)", async () => {
  const dir = writeTree({ "extra/db/broken.yaml": "a: [1\n" });
  try {
    Deno.mkdirSync(`${dir}/conf`);
    // the search path is read from the primary (when it is parsed): extra/'s broken option would
    // then be checked too; the primary is refused by its size, so nothing is read from it
    const head = `hydra:\n  searchpath: [file://${dir}/extra]\nkeys:\n`;
    const lines = Array.from(
      { length: 240_000 },
      (_, i) => `  k${i}: 1  # padding padding padding`,
    );
    Deno.writeTextFileSync(`${dir}/conf/config.yaml`, head + lines.join("\n") + "\n");
    const r = await strata(["validate"], { cwd: dir });
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 1);
    assert.match(
      r.stdout,
      /^conf\/config\.yaml:1:1: error: file is \d+\.\d MiB; configs over 8\.0 MiB/,
    );
    assert.doesNotMatch(r.stdout, /broken\.yaml/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate FILES: a monorepo's nested project (apps/tab/.strata.yaml) run from the root names the -d to give", async () => {
  const dir = writeTree({
    "apps/tab/.strata.yaml": "config_dir: configs\n",
    "apps/tab/configs/config.yaml": "a: 1\n",
  });
  Deno.mkdirSync(`${dir}/.git`);
  const r = await strata(["validate", "apps/tab/configs/config.yaml"], { cwd: dir });
  assertNoStackTrace(r.stderr);
  assert.equal(r.code, 2, r.stderr);
  assert.match(
    r.stderr,
    /^config directory 'conf' not found \(no \.strata\.yaml here, .*, or above it names one; the files given are in the project of apps\/tab\/\.strata\.yaml, which a run from here does not read: give -d apps\/tab\/configs; in \.pre-commit-config\.yaml, args: \[-d, apps\/tab\/configs\]\)\n$/,
  );
  const given = await strata(
    ["validate", "-d", "apps/tab/configs", "apps/tab/configs/config.yaml"],
    {
      cwd: dir,
    },
  );
  assert.equal(given.code, 0, given.stdout + given.stderr);
});

Deno.test("validate FILES: .strata.yaml here naming no config_dir points at the tree the files are in, not -d . (checker v27)", async () => {
  const dir = writeTree({
    ".strata.yaml": 'version_base: "1.3"\n',
    "configs/train.yaml": "defaults:\n  - data: a\n  - _self_\nlr: 1\n",
    "configs/data/a.yaml": "x: ${data.nope}\n",
  });
  try {
    const r = await strata(["validate", "configs/data/a.yaml"], { cwd: dir });
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(
      r.stderr,
      "config directory 'conf' not found (.strata.yaml names no config_dir: give -d configs, or " +
        "set config_dir: configs there)\n",
    );
    // what it says finds the broken file
    const given = await strata(["validate", "-d", "configs", "configs/data/a.yaml"], { cwd: dir });
    assert.equal(given.code, 1, given.stdout + given.stderr);
    assert.match(given.stdout, /Interpolation key 'data\.nope' not found/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate: no conf/ and no .strata.yaml anywhere: the error names the directory holding the files given, or the configs here (checker w25)", async () => {
  const dir = writeTree({
    "configs/main.yaml": "defaults:\n  - data: a\n  - _self_\n",
    "configs/data/a.yaml": "x: 1\n",
    "docs/notes.md": "notes\n",
  });
  Deno.mkdirSync(`${dir}/.git`);
  try {
    const hint = "give -d configs (in .pre-commit-config.yaml, args: [-d, configs]), or " +
      "config_dir: configs in a .strata.yaml)\n";
    const files = await strata(["validate", "configs/data/a.yaml"], { cwd: dir });
    assertNoStackTrace(files.stderr);
    assert.equal(files.code, 2, files.stderr);
    assert.equal(
      files.stderr,
      `config directory 'conf' not found (the files given are in configs/: ${hint}`,
    );
    const none = await strata(["validate"], { cwd: dir });
    assert.equal(none.code, 2, none.stderr);
    assert.equal(
      none.stderr,
      `config directory 'conf' not found (YAML configs are in configs/: ${hint}`,
    );
    assert.equal((await strata(["validate", "-d", "configs"], { cwd: dir })).code, 0);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

// range-view-3d-detection's layout: configs in ml/conf, named by ml/.strata.yaml, a docs/ of
// YAML beside; run at the repository's root (checker w62 #1: "give -d docs", or "-d ml", which
// made every config of ml/conf a primary)
Deno.test("validate: at a monorepo's root, the hint names the project's settings below, else the dir holding config.yaml", async () => {
  const dir = writeTree({
    "ml/.strata.yaml": "config_dir: conf\n",
    "ml/conf/config.yaml": "defaults:\n  - data: a\n  - _self_\n",
    "ml/conf/data/a.yaml": "x: 1\n",
    "docs/x.yaml": "x: 1\n",
  });
  Deno.mkdirSync(`${dir}/.git`);
  try {
    const r = await strata(["validate"], { cwd: dir });
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 2, r.stderr);
    assert.match(
      r.stderr,
      /^config directory 'conf' not found \(no \.strata\.yaml here, .*, or above it; ml\/\.strata\.yaml names config_dir conf: run strata in ml, or give -d ml\/conf \(in \.pre-commit-config\.yaml, args: \[-d, ml\/conf\]\)\)\n$/,
    );
    // what it says works
    assert.equal((await strata(["validate", "-d", "ml/conf"], { cwd: dir })).code, 0);
    assert.equal((await strata(["validate"], { cwd: `${dir}/ml` })).code, 0);
    // without the settings: the directory holding config.yaml, not docs/
    Deno.removeSync(`${dir}/ml/.strata.yaml`);
    const bare = await strata(["validate"], { cwd: dir });
    assert.equal(bare.code, 2, bare.stderr);
    assert.match(bare.stderr, /\(YAML configs are in ml\/conf\/: give -d ml\/conf /);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

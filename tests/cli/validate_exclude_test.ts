import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

// audiocraft's shape: `teams/*.yaml` and `dset/info.yaml` sit in the config directory but are
// read by the app with OmegaConf.load, not composed by Hydra.
const TREE: Record<string, string> = {
  "conf/config.yaml": "defaults:\n  - dset: audio\n  - _self_\n",
  "conf/dset/audio.yaml": "path: /data\n",
  "conf/dset/info.yaml": "fields: ${not_a_hydra_key}\n",
  "conf/teams/labs.yaml": "default:\n  dora_dir: /checkpoint/${oc.env:STRATA_TEST_UNSET_VAR}\n",
};

Deno.test("validate: .strata.yaml's validate.exclude leaves files that are not Hydra options unchecked and uncomposed", async () => {
  const before = await validateIn(writeTree(TREE));
  assert.equal(before.code, 1, before.stdout);
  assert.ok(before.lines.some((l) => l.startsWith("conf/dset/info.yaml:1:9:")), before.stdout);
  const dir = writeTree({
    ...TREE,
    ".strata.yaml": "validate:\n  exclude: [teams/**, dset/info.yaml]\n",
  });
  const r = await validateIn(dir);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(r.stdout, "no problems in 2 files, 1 composition\n");
  // one passed by name (pre-commit) says why it is not checked
  const given = await validateIn(dir, ["conf/teams/labs.yaml"]);
  assert.equal(given.code, 0, given.stdout + given.stderr);
  assert.match(
    given.stderr,
    /^note: conf\/teams\/labs.yaml: excluded by validate.exclude: not checked\n/,
  );
});

Deno.test("validate: a validate.exclude glob that matches no file is a located warning", async () => {
  const dir = writeTree({
    ...TREE,
    ".strata.yaml":
      "validate:\n  exclude:\n    - teams/*\n    - dset/infos.yaml\n    - dset/info.yaml\n",
  });
  const r = await validateIn(dir);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.deepEqual(
    r.lines,
    [
      ".strata.yaml:4:7: warning: validate.exclude: 'dset/infos.yaml' matches no file under the config directory or its search path [key: validate.exclude]",
      "1 warning in 2 files, 1 composition",
    ],
  );
});

Deno.test("validate.exclude reaches a hydra.searchpath directory's files, relative to it (checker x32)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - system: a\n  - _self_\nhydra:\n  searchpath:\n" +
      "    - file://extra\nseed: 1\n",
    "extra/system/a.yaml": "lr: 1\nuse: ${seed}\n",
    "extra/system/search_spaces/x.yaml": "x: ${system.seed_none}\n",
  });
  try {
    const before = await validateIn(dir, ["-d", "conf"]);
    assert.equal(before.code, 1, before.stdout + before.stderr);
    Deno.writeTextFileSync(
      `${dir}/.strata.yaml`,
      "config_dir: conf\nvalidate:\n  exclude: [system/search_spaces/**]\n",
    );
    const after = await validateIn(dir);
    assert.equal(after.code, 0, after.stdout + after.stderr);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

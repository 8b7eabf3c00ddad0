import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

// "x: 1\ny: caf" then a Latin-1 é (0xe9): line 2, column 7
const LATIN1 = new Uint8Array([...new TextEncoder().encode("x: 1\ny: caf"), 0xe9, 0x0a]);

// 37acc6f's test covers a group option the primary chooses; these are the other ways a primary's
// defaults list reaches a file: each one is reported once, by the file check, at its bad byte.
Deno.test("validate: a non-UTF-8 file the primary's defaults reach is reported once, by the file check", async () => {
  const cases: [string, Record<string, string | Uint8Array>, string[]][] = [
    ["a config without a group", {
      "conf/config.yaml": "defaults:\n  - extra\n  - _self_\na: 1\n",
      "conf/extra.yaml": LATIN1,
    }, []],
    ["a default of a default", {
      "conf/config.yaml": "defaults:\n  - db: mysql\n  - _self_\n",
      "conf/db/mysql.yaml": "defaults:\n  - /extra\nhost: h\n",
      "conf/extra.yaml": LATIN1,
    }, []],
    ["a Hydra group option", {
      "conf/config.yaml": "defaults:\n  - override hydra/job_logging: custom\n  - _self_\na: 1\n",
      "conf/hydra/job_logging/custom.yaml": LATIN1,
    }, []],
    ["a search path's option", {
      "conf/config.yaml": "defaults:\n  - db: mysql\n  - _self_\n",
      "other/db/mysql.yaml": LATIN1,
    }, ["--search-path", "other"]],
  ];
  for (const [what, files, args] of cases) {
    const dir = writeTree(files);
    try {
      const r = await validateIn(dir, ["-d", "conf", ...args]);
      assert.equal(r.code, 1, what);
      const bad = Object.keys(files).find((f) => files[f] instanceof Uint8Array);
      assert.deepEqual(r.lines, [`${bad}:2:7: error: not a UTF-8 text file`], what);
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  }
});

// flash-attention: `gpt2m-hf` includes `- /experiment/owt/gpt2s-hf.yaml`, users also run
// `experiment=owt/gpt2s-hf`; Hydra's message names the parent as it was spelt.
Deno.test("validate: a defect reached by entries spelt 'small' and 'small.yaml' is reported once", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - callbacks: a\n  - experiment: null\n  - _self_\n",
    "conf/callbacks/a.yaml": "k: 1\n",
    "conf/callbacks/b.yaml": "k: 2\n",
    "conf/experiment/small.yaml": "# @package _global_\ndefaults:\n  - override /callback: b\n",
    "conf/experiment/big.yaml": "# @package _global_\ndefaults:\n  - /experiment/small.yaml\n",
  });
  try {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.equal(r.lines.length, 1, r.stdout);
    assert.match(
      r.lines[0],
      /^conf\/experiment\/small\.yaml:3:5: error: In 'experiment\/small(\.yaml)?': Could not override 'callback'\. No match in the defaults list\./,
    );
    assert.match(r.stderr, /1 error in 5 files/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

// mbrl-lib: no config.yaml, one top-level config (`main`) that every run uses. Inferred as the
// primary, it is validated as `-n main` validates it: each option swapped in, labels without
// `--config-name=main`. (Several top-level configs: validate_default_primary_test.ts.)
const ONE_TOP_LEVEL = {
  "conf/main.yaml": "defaults:\n  - algorithm: pets\n  - _self_\n\nseed: 0\n",
  "conf/algorithm/pets.yaml": "name: pets\n",
  "conf/algorithm/mbpo.yaml": "name: mbpo\nlr: ${overrides.lr}\n",
};

Deno.test("validate with no config.yaml and one top-level config: validated as -n NAME does", async () => {
  const dir = writeTree(ONE_TOP_LEVEL);
  try {
    const r = await validateIn(dir, ["-d", "conf"]);
    const named = await validateIn(dir, ["-d", "conf", "-n", "main"]);
    assert.equal(named.code, 1, named.stdout + named.stderr);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.deepEqual(r.lines, named.lines);
    assert.match(
      r.stdout,
      /conf\/algorithm\/mbpo\.yaml:2:5: error: Interpolation key 'overrides\.lr' not found \[key: algorithm\.lr\] \(with algorithm=mbpo\)$/m,
    );
    assert.doesNotMatch(r.stdout, /--config-name/);
    assert.match(
      r.stderr,
      /^note: conf has no config\.yaml and no config name was given \(-n, \.strata\.yaml config_name\): validated its one top-level config as the primary, as -n main does$/m,
    );
    const json = await validateIn(dir, ["-d", "conf", "-f", "json"]);
    assert.deepEqual(JSON.parse(json.stdout).primaries, ["main"]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate: with no top-level config, the one deep config composed as the primary is not called top-level (pest-monitoring)", async () => {
  const dir = writeTree({
    "conf/experiments/a/run.yaml": "defaults:\n  - /model: x\n  - _self_\nseed: 1\n",
    "conf/model/x.yaml": "n: 1\n",
  });
  try {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(
      r.stderr,
      /^note: conf has no config\.yaml and no config name was given \(-n, \.strata\.yaml config_name\): no top-level config either: validated experiments\/a\/run as the primary, as -n experiments\/a\/run does/m,
    );
    assert.doesNotMatch(r.stderr, /one top-level config/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

// Hydra's show_cfg: `OmegaConf.select(cfg, package)` is None for a null, a `???` and a missing key
// alike, all "not found" (exit 1). A key that is there is no typo: no did-you-mean that leaves it out.
Deno.test("compose -p KEY: a null or ??? KEY is Hydra's not found, saying what KEY is instead of a did-you-mean", async () => {
  const dir = writeTree({
    "conf/config.yaml":
      "train:\n  name: null\n  nam: 1\n  ema: 2\n  state: ???\n  alias: ${train.name}\n",
  });
  const cases: [string, string][] = [
    [
      "train.name",
      "conf/config.yaml:2:9: train.name is null: Hydra prints such a package as not found",
    ],
    [
      "train.state",
      "conf/config.yaml:5:10: train.state is ??? (missing): Hydra prints such a package as not found",
    ],
    [
      "train.alias",
      "conf/config.yaml:6:10: train.alias resolves to null: Hydra prints such a package as not found",
    ],
  ];
  for (const [key, note] of cases) {
    const r = await strata(["compose", "-d", "conf", "-p", key], { cwd: dir });
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      `package '${key}' not found in config\n    full key: ${key}\n    ${note}\n`,
    );
  }
  // a key that is not there keeps its did-you-mean
  const r = await strata(["compose", "-d", "conf", "-p", "train.nme"], { cwd: dir });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /Did you mean one of: 'train\.name'/);
});

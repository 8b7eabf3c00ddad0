// An override whose key runs through a str or bool field of Hydra's config
// (`+hydra.sweeper.params.local.alpha=...`, `local` an entry of a Dict[str, str]) fails as
// Hydra's OmegaConf.update fails: it puts `{}` there on its way (checker v50 F2).
import assert from "node:assert/strict";
import { confTree, strata } from "./_cli.ts";

const FILES = {
  "conf/config.yaml": "defaults:\n  - override hydra/sweeper: basic\n  - _self_\nseed: 0\n" +
    "hydra:\n  sweeper:\n    params:\n      seed: 0,1\n",
};

Deno.test("an override through a typed leaf of the hydra node is Hydra's merge error, at the override", async () => {
  const dir = await confTree(FILES);
  const cases: [string, string, string][] = [
    [
      "+hydra.sweeper.params.local.alpha='0.1,0.2'",
      "hydra.sweeper.params.local",
      "Cannot convert 'dict' to string: '{}'",
    ],
    [
      "hydra.sweeper.params.seed.x=1",
      "hydra.sweeper.params.seed",
      "Cannot convert 'dict' to string: '{}'",
    ],
    ["+hydra.job.env_set.A.B=1", "hydra.job.env_set.A", "Cannot convert 'dict' to string: '{}'"],
    ["+hydra.job.chdir.x=1", "hydra.job.chdir", "Value '{}' is not a valid bool (type dict)"],
  ];
  for (const [override, key, why] of cases) {
    for (const command of ["compose", "sweep"]) {
      const r = await strata([command, override], { cwd: dir });
      assert.equal(r.code, 1, `${command} ${override}: ${r.stderr}`);
      assert.equal(
        r.stderr,
        `override #1 '${override}': Error merging override ${override}\n` +
          `    full key: ${key}\n    ${why}\n`,
        command,
      );
    }
  }
  // without `+`, a key that is not there is the struct error first, as in Hydra
  const absent = await strata(["compose", "hydra.sweeper.params.local.alpha=1"], { cwd: dir });
  assert.equal(absent.code, 1);
  assert.match(absent.stderr, /Key 'local' is not in struct/);
  // a str entry set as a whole is fine
  const whole = await strata([
    "compose",
    "--cfg",
    "hydra",
    "-p",
    "hydra.sweeper.params",
    "++hydra.sweeper.params.seed=5",
  ], {
    cwd: dir,
  });
  assert.equal(whole.code, 0, whole.stderr);
  assert.equal(whole.stdout, "# @package hydra.sweeper.params\nseed: '5'\n");
});

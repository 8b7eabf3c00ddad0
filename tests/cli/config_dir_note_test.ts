/**
 * A Hydra user's `--config-dir DIR` adds DIR to the app's config_path; strata's
 * `-d/--config-dir` replaces the primary directory, which `.strata.yaml`'s
 * `config_dir` names. When the primary config is then not in DIR, a note says
 * how to write Hydra's meaning (pyannote's tutorial: `--config-dir custom`).
 */
import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("--config-dir over .strata.yaml's config_dir without the primary: a note gives -cp X --config-dir DIR", async () => {
  const dir = writeTree({
    ".strata.yaml": "config_dir: train_config\n",
    "train_config/config.yaml": "defaults:\n  - _self_\na: 1\n",
    "custom/augmentation/noise.yaml": "snr: 5\n",
  });
  try {
    const r = await strata(["compose", "--config-dir", "custom", "+augmentation=noise"], {
      cwd: dir,
    });
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /^note: --config-dir custom replaces \.strata\.yaml's config_dir train_config as the primary config directory; Hydra's --config-dir adds one to the app's: -cp train_config --config-dir custom\n/,
    );
    const hydra = await strata(
      ["compose", "-cp", "train_config", "--config-dir", "custom", "+augmentation=noise"],
      { cwd: dir },
    );
    assert.equal(hydra.code, 0, hydra.stderr);
    assert.equal(hydra.stdout, "a: 1\naugmentation:\n  snr: 5\n");
    assert.doesNotMatch(hydra.stderr, /note:/);
    // -d at the project whose .strata.yaml names the config dir below it: that dir was meant
    const root = await strata(["compose", "-d", "."], { cwd: dir });
    assert.equal(root.code, 1);
    assert.match(
      root.stderr,
      /^note: \.strata\.yaml sets config_dir train_config: give -d train_config, or leave -d out\n/,
    );
    // a primary that is there: no note
    const other = await strata(["compose", "-d", "train_config"], { cwd: dir });
    assert.equal(other.stderr, "");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

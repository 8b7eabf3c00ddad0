/**
 * Two Hydra 1.0 → 1.3 pitfalls (denoiser's `@hydra.main(config_path="conf/config.yaml")`
 * and its header-less `dset/*.yaml`): `--config-path` naming a config file is
 * refused as Hydra 1.3 refuses it, with the flags that say it now (exit 2); an
 * override of a key that a header-less option put one level deeper
 * (`dset.train`, composed at `dset.dset.train`) gets a did-you-mean.
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

const TREE = {
  "conf/config.yaml": "defaults:\n  - dset: debug\n  - _self_\nlr: 0.1\n",
  // no `# @package _global_`, which Hydra 1.0 did not need
  "conf/dset/debug.yaml": "dset:\n  train: egs/tr\n  valid: egs/cv\n  opts:\n    workers: 1\n",
};

Deno.test("--config-path conf/config.yaml: Hydra 1.3's refusal, with -d conf -n config (exit 2)", async () => {
  const dir = writeTree(TREE);
  try {
    for (
      const args of [
        ["compose", "--config-path", "conf/config.yaml"],
        ["compose", "-cp=conf/config.yaml"],
        ["run", "-cp", "conf/config.yaml", "--", "true"],
        ["sweep", "--config-path", "conf/config.yaml", "lr=1,2"],
      ]
    ) {
      const r = await strata(args, { cwd: dir });
      assertNoStackTrace(r.stderr);
      assert.equal(r.code, 2, `${args}: ${r.stderr}`);
      assert.equal(
        r.stderr,
        "Using config_path to specify the config name is not supported, specify the config " +
          "name via config_name.\nSee https://hydra.cc/docs/1.2/upgrades/0.11_to_1.0/" +
          "config_path_changes\n    hint: --config-path conf/config.yaml is -d conf -n config " +
          "(--config-path conf --config-name config)\n",
        args.join(" "),
      );
    }
    const yml = await strata(["compose", "-cp", "train.yml"], { cwd: dir });
    assert.equal(yml.code, 2);
    assert.match(yml.stderr, /hint: --config-path train\.yml is -d \. -n train /);
    // a tab on such a line stays quiet: the command says it when it runs
    const tab = await strata(["complete", "--", "compose", "-cp", "conf/config.yaml", ""], {
      cwd: dir,
    });
    assert.equal(tab.code, 0, tab.stderr);
    assert.equal(tab.stderr, "");
    // the directory is Hydra's config_path
    const ok = await strata(["compose", "--config-path", "conf", "--config-name", "config"], {
      cwd: dir,
    });
    assert.equal(ok.code, 0, ok.stderr);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("dset.train=... where a header-less option composed dset.dset.train: did you mean it", async () => {
  const dir = writeTree(TREE);
  try {
    const r = await strata(["compose", "-d", "conf", "dset.train=/data/tr"], { cwd: dir });
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /Key 'train' is not in struct\n {4}full key: dset\.train\n/);
    assert.match(r.stderr, /Did you mean 'dset\.dset\.train'\?/);
    // only a key that is there: `dset.dset.train` is a string, which holds no `x` (mtrl's
    // `setup.seed` was offered `_group_.setup.seed` where `_group_.setup` is a string)
    const sub = await strata(["compose", "-d", "conf", "dset.train.x=1"], { cwd: dir });
    assert.equal(sub.code, 1, sub.stderr);
    assert.doesNotMatch(sub.stderr, /Did you mean/);
    const deeper = await strata(["compose", "-d", "conf", "dset.opts.workers=2"], { cwd: dir });
    assert.equal(deeper.code, 1, deeper.stderr);
    assert.match(deeper.stderr, /Did you mean 'dset\.dset\.opts\.workers'\?/);
    // a typo's neighbour still comes first
    const typo = await strata(["compose", "-d", "conf", "lrr=1"], { cwd: dir });
    assert.match(typo.stderr, /Did you mean 'lr'\?/);
    // a job key is not offered Hydra's own (`mode=sync`: hydra.mode is RUN or MULTIRUN)
    const mode = await strata(["compose", "-d", "conf", "mode=sync"], { cwd: dir });
    assert.equal(mode.code, 1, mode.stderr);
    assert.doesNotMatch(mode.stderr, /hydra\.mode/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

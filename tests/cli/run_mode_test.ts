/**
 * `hydra.mode` as Hydra ≥ 1.2 reads it (`_run_app`): MULTIRUN in the config
 * or an override runs a sweep without -m, and `hydra.mode=...` is appended
 * to `overrides.hydra` only when the mode is unset.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { strata } from "./_cli.ts";

function tree(config: string): string {
  const dir = Deno.realPathSync(Deno.makeTempDirSync({ prefix: "strata-mode-" }));
  Deno.mkdirSync(join(dir, "conf"));
  Deno.writeTextFileSync(join(dir, "conf/config.yaml"), config);
  return dir;
}

const hydraOverrides = (dir: string) => {
  const text = Deno.readTextFileSync(join(dir, ".hydra/hydra.yaml"));
  return text.slice(text.indexOf("  overrides:\n"), text.indexOf("    task:"));
};

Deno.test("hydra.mode: MULTIRUN in the config runs the sweep without -m, nothing appended", async () => {
  const dir = tree("lr: 0.1\nhydra:\n  mode: MULTIRUN\n  sweep:\n    dir: sw\n");
  try {
    const r = await strata(["run", "lr=1,2", "--", "sh", "-c", "echo $STRATA_JOB_NUM"], {
      cwd: dir,
    });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "[#0] 0\n[#1] 1\n");
    assert.equal(hydraOverrides(join(dir, "sw/1")), "  overrides:\n    hydra: []\n");
    assert.match(
      Deno.readTextFileSync(join(dir, "sw/1/.hydra/hydra.yaml")),
      /\n {2}mode: MULTIRUN\n/,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("the override hydra.mode=MULTIRUN runs a sweep, recorded once; unset, -m appends it", async () => {
  const dir = tree("lr: 0.1\n");
  try {
    const r = await strata([
      "run",
      "hydra.mode=MULTIRUN",
      "hydra.sweep.dir=a",
      "lr=3,4",
      "--",
      "true",
    ], {
      cwd: dir,
    });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      hydraOverrides(join(dir, "a/1")),
      "  overrides:\n    hydra:\n    - hydra.mode=MULTIRUN\n    - hydra.sweep.dir=a\n",
    );
    const m = await strata(["run", "-m", "hydra.sweep.dir=b", "lr=3,4", "--", "true"], {
      cwd: dir,
    });
    assert.equal(m.code, 0, m.stderr);
    assert.equal(
      hydraOverrides(join(dir, "b/1")),
      "  overrides:\n    hydra:\n    - hydra.sweep.dir=b\n    - hydra.mode=MULTIRUN\n",
    );
    const one = await strata(["run", "hydra.mode=RUN", "hydra.run.dir=c", "--", "true"], {
      cwd: dir,
    });
    assert.equal(one.code, 0, one.stderr);
    assert.equal(
      hydraOverrides(join(dir, "c")),
      "  overrides:\n    hydra:\n    - hydra.mode=RUN\n    - hydra.run.dir=c\n",
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

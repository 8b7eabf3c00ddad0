/**
 * Hydra's schema types `hydra.job.env_set` as `Dict[str, str]` and
 * `hydra.run.dir`, `hydra.sweep.dir`/`subdir`, `hydra.output_subdir` and
 * `hydra.job.name` as `str`: a number or a bool set there is the string
 * Python's `str()` makes of it (OmegaConf's StringNode), so `hydra.yaml` and
 * `--cfg hydra` write `'0'`, `'False'`, `'0.001'`, as Hydra 1.3 does; `hydra.job.chdir`
 * (`Optional[bool]`) is a bool as OmegaConf converts one (`yes`, `'false'`, `0`).
 */

import assert from "node:assert/strict";
import { confTree, strata } from "./_cli.ts";

const CONFIG = `lr: 0.1
hydra:
  job:
    env_set:
      CUDA_VISIBLE_DEVICES: 0
      TOKENIZERS_PARALLELISM: false
      LR: 1e-3
      NUM: 1_000
      REF: \${hydra:job.name}
      S: text
`;

Deno.test("run: numbers and bools in hydra's str fields are written as Hydra's strings", async () => {
  const dir = await confTree({ "conf/config.yaml": CONFIG });
  try {
    const r = await strata([
      "run",
      "-q",
      "hydra.run.dir=7",
      "hydra.job.name=123",
      "+hydra.job.env_set.B=true",
      "--",
      "sh",
      "-c",
      'echo "$CUDA_VISIBLE_DEVICES $TOKENIZERS_PARALLELISM $LR $NUM $REF $S $B" > "$STRATA_RUN_DIR/env"',
    ], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const hydra = Deno.readTextFileSync(`${dir}/7/.hydra/hydra.yaml`);
    assert.ok(hydra.includes("  run:\n    dir: '7'\n"), hydra);
    assert.ok(hydra.includes("    name: '123'\n"), hydra);
    assert.ok(
      hydra.includes(
        "    env_set:\n      CUDA_VISIBLE_DEVICES: '0'\n      TOKENIZERS_PARALLELISM: 'False'\n" +
          "      LR: '0.001'\n      NUM: '1000'\n      REF: ${hydra:job.name}\n      S: text\n" +
          "      B: 'True'\n",
      ),
      hydra,
    );
    assert.equal(Deno.readTextFileSync(`${dir}/7/env`), "0 False 0.001 1000 123 text True\n");
    assert.ok(Deno.statSync(`${dir}/7/123.log`).isFile);
    const cfg = await strata(["compose", "-d", "conf", "-c", "hydra", "-p", "hydra.job.env_set"], {
      cwd: dir,
    });
    assert.equal(cfg.code, 0, cfg.stderr);
    assert.match(cfg.stdout, /^CUDA_VISIBLE_DEVICES: '0'$/m);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("run: hydra.job.chdir is read as a bool the way OmegaConf converts one", async () => {
  const dir = await confTree({ "conf/config.yaml": "x: 1\nhydra:\n  job:\n    chdir: true\n" });
  try {
    const cases: [string, boolean][] = [
      ["yes", true],
      ["'false'", false],
      ["0", false],
      ["On", true],
      ["${oc.env:CD}", true],
    ];
    for (const [value, chdir] of cases) {
      try {
        Deno.removeSync(`${dir}/out`, { recursive: true });
      } catch { /* the first run */ }
      const r = await strata(
        [
          "run",
          "-q",
          "hydra.run.dir=out",
          `hydra.job.chdir=${value}`,
          "--",
          "sh",
          "-c",
          "pwd > $STRATA_RUN_DIR/pwd",
        ],
        { cwd: dir, env: { CD: "Y" } },
      );
      assert.equal(r.code, 0, r.stderr);
      const pwd = Deno.readTextFileSync(`${dir}/out/pwd`).trim();
      assert.equal(pwd, chdir ? Deno.realPathSync(`${dir}/out`) : Deno.realPathSync(dir), value);
      const hydra = Deno.readTextFileSync(`${dir}/out/.hydra/hydra.yaml`);
      const written = value.startsWith("$") ? value : String(chdir);
      assert.ok(hydra.includes(`    chdir: ${written}\n`), `${value}: ${hydra}`);
    }
    Deno.removeSync(`${dir}/out`, { recursive: true });
    const bad = await strata(["run", "hydra.job.chdir=maybe", "--", "true"], { cwd: dir });
    assert.equal(bad.code, 1, bad.stderr);
    assert.match(bad.stderr, /Value 'maybe' is not a valid bool \(type str\)/);
    assert.match(bad.stderr, /full key: hydra\.job\.chdir/);
    assert.equal([...Deno.readDirSync(dir)].some((e) => e.name === "outputs"), false);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

/**
 * `hydra.job.name` when nothing sets it: strata's rule for a command that runs
 * no script is the primary config's name (its last part for `-n exp/big`), as
 * `strata run` without a script names the job. compose, hash and explain follow
 * it, so a `${hydra:job.name}` reads the same through each and in run's config.yaml.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

const TREE = {
  "conf/train.yaml": "x: ${hydra:job.name}\n",
  "conf/exp/big.yaml": "# @package _global_\nx: ${hydra:job.name}\n",
};

Deno.test("compose, hash and explain default hydra.job.name to the config name, as run without a script", async () => {
  const dir = writeTree(TREE);
  try {
    for (const [name, job] of [["train", "train"], ["exp/big", "big"]]) {
      const run = await strata([
        "run",
        "-d",
        "conf",
        "-n",
        name,
        "hydra.run.dir=out",
        "--",
        "sh",
        "-c",
        "true",
      ], {
        cwd: dir,
      });
      assert.equal(run.code, 0, run.stderr);
      assert.equal(Deno.readTextFileSync(join(dir, "out/config.yaml")), `x: ${job}\n`);
      const hash = await strata(["hash", "-d", "conf", "-n", name, "--canonical"], { cwd: dir });
      assert.equal(hash.code, 0, hash.stderr);
      assert.equal(hash.stdout, `{"x":"${job}"}`);
      const compose = await strata(["compose", "-d", "conf", "-n", name, "--resolve"], {
        cwd: dir,
      });
      assert.equal(compose.code, 0, compose.stderr);
      assert.equal(compose.stdout, `x: ${job}\n`);
      const explain = await strata(["explain", "-d", "conf", "-n", name, "x"], { cwd: dir });
      assert.equal(explain.code, 0, explain.stderr);
      assert.match(explain.stdout, new RegExp(`\\n {2}value: "${job}"\\n$`));
      const named = await strata(["explain", "-d", "conf", "-n", name, "hydra.job.name"], {
        cwd: dir,
      });
      assert.equal(named.code, 0, named.stderr);
      assert.match(named.stdout, new RegExp(`\\n {2}value: "${job}"\\n$`));
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("compose --job-name sets hydra.job.name as hash and run do (--cfg hydra, ${hydra:job.name})", async () => {
  // Hydra's `python train.py --cfg hydra` shows job.name: train
  const dir = writeTree(TREE);
  try {
    const compose = (...args: string[]) =>
      strata(["compose", "-d", "conf", "-n", "train", "--job-name", "app", ...args], { cwd: dir });
    const hydra = await compose("-c", "hydra", "-p", "hydra.job.name");
    assert.deepEqual([hydra.code, hydra.stdout, hydra.stderr], [0, "app\n", ""]);
    const job = await compose("--resolve");
    assert.deepEqual([job.code, job.stdout], [0, "x: app\n"]);
    const hash = await strata(
      ["hash", "-d", "conf", "-n", "train", "--job-name", "app", "--canonical"],
      { cwd: dir },
    );
    assert.equal(hash.stdout, '{"x":"app"}');
    // the override still wins over it, as in run and hash
    const over = await compose("--resolve", "hydra.job.name=other");
    assert.equal(over.stdout, "x: other\n");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("-n NAME.yaml gives the job the name -n NAME gives it: hydra.job.name and the log file", async () => {
  // sam2 names its primaries with the extension (`-n configs/sam2.1/sam2.1_hiera_l.yaml`)
  const dir = writeTree(TREE);
  try {
    const run = await strata(
      ["run", "-d", "conf", "-n", "exp/big.yaml", "hydra.run.dir=out", "--", "sh", "-c", "true"],
      { cwd: dir },
    );
    assert.equal(run.code, 0, run.stderr);
    assert.equal(Deno.readTextFileSync(join(dir, "out/config.yaml")), "x: big\n");
    assert.ok(Deno.statSync(join(dir, "out/big.log")).isFile);
    for (const name of ["train", "train.yaml"]) {
      const hydra = await strata(
        ["compose", "-d", "conf", "-n", name, "-c", "hydra", "-p", "hydra.job.name"],
        { cwd: dir },
      );
      assert.deepEqual([hydra.code, hydra.stdout], [0, "train\n"], name);
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

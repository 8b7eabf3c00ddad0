/**
 * With `hydra.job.chdir=true` a job starts in its run dir, where Hydra's app
 * only moves after Python has loaded it: `python -m pkg.train` still imports
 * `pkg` from the launch directory (it is put on PYTHONPATH), and a
 * launcher's script (`torchrun --nproc_per_node 2 train.py`) is still found
 * (a Python file of the launch directory is named absolutely).
 */

import assert from "node:assert/strict";
import { confTree, strata } from "./_cli.ts";
import { PYTHON } from "./_run.ts";

const TRAIN = 'import os\nprint("trained in", os.getcwd())\n';
/** A stand-in for torchrun: options, then the script it runs. */
const LAUNCH = `import runpy, sys
args = sys.argv[1:]
while args[0].startswith("-"):
    args = args[2:]
sys.argv = args
runpy.run_path(args[0], run_name="__main__")
`;

Deno.test("run with hydra.job.chdir: python -m and a launcher's script still start", async () => {
  const dir = await confTree({
    "conf/config.yaml": "x: 1\nhydra:\n  job:\n    chdir: true\n",
    "pkg/__init__.py": "",
    "pkg/train.py": TRAIN,
    "train.py": TRAIN,
    "launch.py": LAUNCH,
  });
  try {
    const commands = [
      [PYTHON, "-u", "-m", "pkg.train"],
      [PYTHON, "launch.py", "--nproc_per_node", "2", "train.py"],
    ];
    for (const [i, cmd] of commands.entries()) {
      const r = await strata(["run", "-q", `hydra.run.dir=o${i}`, "--", ...cmd], {
        cwd: dir,
        env: { PYTHONPATH: "/nonexistent" },
      });
      assert.equal(r.code, 0, r.stderr);
      const log = [...Deno.readDirSync(`${dir}/o${i}`)].find((e) => e.name.endsWith(".log"))!;
      const out = Deno.readTextFileSync(`${dir}/o${i}/${log.name}`);
      assert.equal(out, `trained in ${Deno.realPathSync(`${dir}/o${i}`)}\n`, cmd.join(" "));
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("run with hydra.job.chdir: a Hydra app given its run dir starts where strata did (it changes directory itself)", async () => {
  // latent_quantization's train_ae.yaml: `hydra.job.chdir: True`, run with the Hydra-app recipe;
  // the app records os.getcwd() as hydra.runtime.cwd before it changes into its run dir
  const dir = await confTree({
    "conf/config.yaml": "x: 1\nhydra:\n  job:\n    chdir: true\n",
    "app.py": 'import os, sys\nprint("started in", os.getcwd(), sys.argv[-1])\n',
  });
  try {
    const r = await strata(
      [
        "run",
        "-q",
        "hydra.run.dir=o",
        "--",
        PYTHON,
        "app.py",
        "{overrides}",
        "hydra.run.dir={run_dir}",
      ],
      { cwd: dir },
    );
    assert.equal(r.code, 0, r.stderr);
    const out = Deno.readTextFileSync(`${dir}/o/.strata/output.log`);
    const root = Deno.realPathSync(dir);
    assert.equal(out, `started in ${root} hydra.run.dir=${root}/o\n`);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

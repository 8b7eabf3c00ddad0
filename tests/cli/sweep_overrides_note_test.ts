// A sweep whose CMD runs a Python script but hands the jobs neither {overrides} nor anything
// of strata's ($STRATA_...): a Hydra app would compose its default config in every job
// (IsaacGymEnvs' `-- python train.py`). A one-line note on stderr; the manifest is still
// written, exit 0. `run -m` says the same.
import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

const NOTE = "note: CMD passes the jobs no {overrides}: a Hydra app (@hydra.main) would compose " +
  "its default config in every job; add {overrides} to CMD (or read $STRATA_CONFIG)\n";
const TREE = {
  "conf/config.yaml": "seed: 0\n",
  "app.py":
    "import hydra\n@hydra.main(config_path='conf', config_name='config')\ndef main(cfg): pass\n",
  "reader.py": "import os\nprint(os.environ['STRATA_CONFIG'])\n",
};

Deno.test("sweep -f slurm|k8s|github -- python app.py: a note that the app gets no {overrides}", async () => {
  const dir = await confTree(TREE);
  try {
    for (const format of ["slurm", "k8s", "github"]) {
      const out = `${dir}/out-${format}`;
      const r = await strata(
        [
          ...["sweep", "-d", "conf", "seed=1,2", "-f", format, "--out", out],
          ...(format === "k8s" ? ["--image", "img:1"] : []),
          ...["--", "python", "app.py"],
        ],
        { cwd: dir },
      );
      assertNoStackTrace(r.stderr);
      assert.equal(r.code, 0, r.stderr);
      assert.ok(r.stderr.includes(NOTE), `${format}: ${r.stderr}`);
      assert.equal(r.stderr.split(NOTE).length, 2, "once");
      assert.ok(Deno.statSync(out).size > 0);
    }
    // the same for a script that is not here, and `python -m`
    for (const cmd of [["python3", "missing/train.py"], ["python", "-m", "pkg.train"]]) {
      const r = await strata(["sweep", "-d", "conf", "seed=1,2", "-f", "slurm", "--", ...cmd], {
        cwd: dir,
      });
      assert.equal(r.code, 0, r.stderr);
      assert.ok(r.stderr.includes(NOTE), r.stderr);
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("sweep -f slurm: no note with {overrides}, $STRATA_..., a script reading STRATA_CONFIG, or no Python", async () => {
  const dir = await confTree(TREE);
  try {
    const cmds = [
      ["python", "app.py", "{overrides}"],
      ["sh", "-c", 'eval "set -- $STRATA_JOB_OVERRIDES"; python app.py "$@"'],
      ["python", "reader.py"],
      ["./train.sh"],
      ["python3", "-c", "print(1)"],
    ];
    for (const cmd of cmds) {
      const r = await strata(["sweep", "-d", "conf", "seed=1,2", "-f", "slurm", "--", ...cmd], {
        cwd: dir,
      });
      assert.equal(r.code, 0, r.stderr);
      assert.ok(!r.stderr.includes("note: CMD"), `${cmd.join(" ")}: ${r.stderr}`);
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("run -m -- python app.py: the same note, once, before the jobs run; none for --job-index", async () => {
  const dir = await confTree({ ...TREE, "app.py": "# @hydra.main app\nprint('ran')\n" });
  try {
    const base = ["run", "-d", "conf", "seed=1,2", "hydra.sweep.dir=m", "-q"];
    const r = await strata([...base, "-m", "--", "python3", "app.py"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stderr.startsWith(NOTE), r.stderr);
    assert.equal(r.stderr.split(NOTE).length, 2, "once");
    // a manifest's task: the manifest said it
    const task = await strata([...base, "--job-index", "0", "--", "python3", "app.py"], {
      cwd: dir,
    });
    assert.equal(task.code, 0, task.stderr);
    assert.ok(!task.stderr.includes("note: CMD"), task.stderr);
    const given = await strata([...base, "-m", "--", "python3", "app.py", "{overrides}"], {
      cwd: dir,
    });
    assert.ok(!given.stderr.includes("note: CMD"), given.stderr);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

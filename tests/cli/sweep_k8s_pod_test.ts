/**
 * `strata sweep -f k8s --env ... --pvc ...`: what a pod needs besides its
 * command. Without a volume each pod's run dir is written inside its
 * container and lost when it ends (the manifest says so); without the
 * variables a config reads (`${oc.env:PROJECT_ROOT}`) the task fails.
 */

import assert from "node:assert/strict";
import { k8sProblems } from "../core/manifest/_k8s_check.ts";
import { confTree, yamlDocuments } from "./_manifest.ts";
import { assertNoStackTrace, strata } from "./_cli.ts";

const K8S = ["sweep", "-f", "k8s", "--image", "registry/app:1", "seed=1,2"];

// deno-lint-ignore no-explicit-any
function podOf(stdout: string): any {
  const objects = yamlDocuments(stdout);
  assert.deepEqual(k8sProblems(objects), []);
  return objects.at(-1).spec.template.spec;
}

Deno.test("sweep -f k8s --env: NAME=VALUE as written ($ kept), NAME with its value here", async () => {
  const dir = confTree();
  try {
    const r = await strata(
      [...K8S, "--env", "PROJECT_ROOT", "--env", "WANDB_MODE=offline", "--env", "X=$(HOME) a=b"]
        .concat("--", "python", "train.py"),
      { cwd: dir, env: { PROJECT_ROOT: "/workspace/app" } },
    );
    assert.equal(r.code, 0, r.stderr);
    const env = podOf(r.stdout).containers[0].env;
    assert.deepEqual(env.slice(2), [
      { name: "PROJECT_ROOT", value: "/workspace/app" },
      { name: "WANDB_MODE", value: "offline" },
      { name: "X", value: "$$(HOME) a=b" }, // Kubernetes reads $$ as $: no expansion
    ]);
    assert.deepEqual(env.slice(0, 2).map((e: { name: string }) => e.name), [
      "JOB_COMPLETION_INDEX",
      "STRATA_JOB_OVERRIDES_FILE",
    ]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("sweep -f k8s --pvc: the claim mounted where the run dirs go; without, the manifest says they are lost", async () => {
  const dir = confTree();
  try {
    const at = await strata(
      [...K8S, "--pvc", "runs:/data/", "hydra.sweep.dir=/data/sweeps/a", "--", "./t"],
      { cwd: dir },
    );
    assert.equal(at.code, 0, at.stderr);
    const pod = podOf(at.stdout);
    assert.deepEqual(pod.volumes[1], {
      name: "strata-runs",
      persistentVolumeClaim: { claimName: "runs" },
    });
    assert.deepEqual(pod.containers[0].volumeMounts[1], {
      name: "strata-runs",
      mountPath: "/data",
    });
    assert.match(
      at.stdout,
      /^# The run dirs go to PersistentVolumeClaim runs, mounted at \/data\.$/m,
    );
    // no mount path: at the sweep dir, when it is absolute
    const sweepDir = await strata(
      [...K8S, "--pvc", "runs", "hydra.sweep.dir=/out/s", "--", "./t"],
      {
        cwd: dir,
      },
    );
    assert.equal(sweepDir.code, 0, sweepDir.stderr);
    assert.equal(podOf(sweepDir.stdout).containers[0].volumeMounts[1].mountPath, "/out/s");
    // a dated sweep dir: at its part that reads no clock, so the next sweep's dated dir is
    // another on the volume, not the same mount point over this one's job dirs (checker x32)
    const dated = await strata(
      [...K8S, "--pvc", "runs", "hydra.sweep.dir=/data/sweeps/${now:%Y-%m-%d}/${now:%H-%M-%S}"]
        .concat("--", "./t"),
      { cwd: dir },
    );
    assert.equal(dated.code, 0, dated.stderr);
    assert.equal(podOf(dated.stdout).containers[0].volumeMounts[1].mountPath, "/data/sweeps");
    assert.match(
      dated.stdout,
      /^# The run dirs go to PersistentVolumeClaim runs, mounted at \/data\/sweeps\.$/m,
    );
    const none = await strata([...K8S, "--", "./t"], { cwd: dir });
    assert.equal(none.code, 0, none.stderr);
    assert.equal(podOf(none.stdout).volumes.length, 1);
    assert.match(
      none.stdout,
      /^# Each pod writes its run dir .* lost\n# when the pod ends: .*--pvc CLAIM/m,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("sweep -f k8s --env NAME=VALUE: the manifest resolves ${oc.env:NAME} as the pods will, not as this shell has it", async () => {
  const dir = confTree();
  try {
    const args = [...K8S, "hydra.sweep.dir=${oc.env:PROJECT_ROOT}/sweeps", "--pvc", "runs:/data"]
      .concat("--env", "PROJECT_ROOT=/data", "--", "./t");
    // set otherwise here: the sweep dir is the pods' (it was refused as not under /data)
    const other = await strata(args, { cwd: dir, env: { PROJECT_ROOT: "/home/me/proj" } });
    assert.equal(other.code, 0, other.stderr);
    assert.equal(podOf(other.stdout).containers[0].volumeMounts[1].mountPath, "/data");
    // unset here (as where the tests run): no KeyError, the pods have it
    if (Deno.env.get("PROJECT_ROOT") === undefined) {
      const unset = await strata(args, { cwd: dir });
      assert.equal(unset.code, 0, unset.stderr);
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("sweep -f k8s: a ${oc.env:NAME} no --env gives is unset in the pods, not read from this shell", async () => {
  const dir = confTree();
  try {
    const args = [...K8S, "hydra.sweep.dir=${oc.env:SWEEP_ROOT}/s", "--pvc", "runs", "--", "./t"];
    const r = await strata(args, { cwd: dir, env: { SWEEP_ROOT: "/local/only" } });
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 1, r.stdout);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /Environment variable 'SWEEP_ROOT' not found/);
    assert.match(r.stderr, /give --env SWEEP_ROOT=VALUE/);
    // given (by value, or as this shell's with --env NAME), it is the pods'
    for (const env of [["--env", "SWEEP_ROOT=/data"], ["--env", "SWEEP_ROOT"]]) {
      const ok = await strata([...args.slice(0, -2), ...env, "--", "./t"], {
        cwd: dir,
        env: { SWEEP_ROOT: "/data" },
      });
      assert.equal(ok.code, 0, ok.stderr);
      assert.equal(podOf(ok.stdout).containers[0].volumeMounts[1].mountPath, "/data/s");
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("sweep -f k8s: a sweep dir under ${hydra:runtime.cwd} is under the pod's working directory, not this one's", async () => {
  const dir = confTree();
  try {
    const r = await strata(
      [...K8S, "hydra.sweep.dir=${hydra:runtime.cwd}/out", "--pvc", "runs", "--", "./t"],
      { cwd: dir },
    );
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 2, r.stdout);
    assert.match(
      r.stderr,
      /hydra\.sweep\.dir is '\.\/out', relative to the image's working directory/,
    );
    assert.doesNotMatch(r.stderr, new RegExp(dir));
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("sweep -f k8s: a bad --env or --pvc is bad usage (exit 2), nothing written", async () => {
  const dir = confTree();
  const cases: [string[], RegExp][] = [
    [["--env", "1X=a"], /^Cannot use --env '1X=a': give NAME=VALUE/],
    [["--env", "A-B=1"], /^Cannot use --env 'A-B=1'/],
    [["--env", "UNSET_HERE_X"], /^Cannot use --env UNSET_HERE_X: it is not set here/],
    [["--env", "A=1", "--env", "A=2"], /^Cannot use --env A twice/],
    [["--env", "JOB_COMPLETION_INDEX=3"], /the Job sets JOB_COMPLETION_INDEX itself/],
    [["--pvc", "Runs"], /^Cannot use --pvc 'Runs': give CLAIM\[:MOUNT_PATH\]/],
    [["--pvc", "runs:data"], /^Cannot use --pvc 'runs:data': the mount path must be absolute/],
    [["--pvc", "runs:/a/../b"], /without '\.\.'/],
    [["--pvc", "runs:/strata/jobs/x"], /\/strata\/jobs holds the job override lists/],
    [
      ["--pvc", "runs"],
      /^Cannot mount --pvc runs at the sweep dir: hydra\.sweep\.dir is 'multirun\//,
    ],
    [["--pvc", "runs:/data", "hydra.sweep.dir=/scratch/s"], /would not be on the volume/],
    // a relative sweep dir is under the image's working directory, not the mount
    [
      ["--pvc", "runs:/data"],
      /^Cannot use --pvc 'runs:\/data': hydra\.sweep\.dir is 'multirun\/.*relative.*absolute hydra\.sweep\.dir under the mount \(hydra\.sweep\.dir=\/data\/\.\.\.\)/,
    ],
    [
      ["--pvc", "a:/data", "--pvc", "b:/data/sw", "hydra.sweep.dir=/data/sw/x"],
      /^--pvc is given twice \('a:\/data', then 'b:\/data\/sw'\): give --pvc once/,
    ],
    [["--image", "other:2"], /^--image is given twice .*: give --image once/],
  ];
  try {
    for (const [args, message] of cases) {
      const r = await strata([...K8S, ...args, "-o", "m.yaml", "--", "./t"], { cwd: dir });
      assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
      assert.match(r.stderr, message);
      assertNoStackTrace(r.stderr);
      assert.throws(() => Deno.statSync(`${dir}/m.yaml`));
    }
    const slurm = await strata(["sweep", "-f", "slurm", "--env", "A=1", "seed=1,2", "--", "./t"], {
      cwd: dir,
    });
    assert.equal(slurm.code, 2);
    assert.match(slurm.stderr, /--env is for --format k8s, not slurm/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

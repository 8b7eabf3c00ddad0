/**
 * `strata sweep -f slurm|k8s|github` with a config that chooses
 * hydra-submitit-launcher's SlurmLauncher (eai-vc's habitat2:
 * `override hydra/launcher: slurm_train_base`): the manifest takes the
 * launcher's resources as the flags' defaults (the command line's flags win)
 * and says, at the launcher's `_target_`, what it took and what it could not.
 */
import assert from "node:assert/strict";
import { sweepIn, yamlDocuments } from "./_manifest.ts";
import { writeTree } from "./_tree.ts";

/** submitit's `submitit_slurm` as a file (SlurmQueueConf's fields and defaults). */
const SUBMITIT_SLURM = `# @package hydra.launcher
_target_: hydra_plugins.hydra_submitit_launcher.submitit_launcher.SlurmLauncher
submitit_folder: \${hydra.sweep.dir}/.submitit/%j
timeout_min: 60
cpus_per_task: null
gpus_per_node: null
tasks_per_node: 1
mem_gb: null
nodes: 1
name: \${hydra.job.name}
partition: null
qos: null
comment: null
constraint: null
exclude: null
gres: null
cpus_per_gpu: null
gpus_per_task: null
mem_per_gpu: null
mem_per_cpu: null
account: null
signal_delay_s: 120
max_num_timeout: 0
additional_parameters: {}
array_parallelism: 256
setup: null
`;

/** A team's launcher over it, as habitat2's slurm_train_base. */
const TRAIN_BASE = `defaults:
  - submitit_slurm
timeout_min: 2160
nodes: 8
gpus_per_node: 8
cpus_per_task: 10
mem_gb: 64
partition: learnlab,learnfair
constraint: volta16gb
account: \${team}
additional_parameters:
  mail_type: END
  requeue: true
array_parallelism: 4
setup:
  - module load cuda/11.7
`;

function tree(primary: string, extra: Record<string, string> = {}): string {
  return writeTree({
    "conf/config.yaml": primary,
    "conf/hydra/launcher/submitit_slurm.yaml": SUBMITIT_SLURM,
    "conf/hydra/launcher/slurm_train_base.yaml": TRAIN_BASE,
    ...extra,
  });
}

const CHOOSES =
  "defaults:\n  - override hydra/launcher: slurm_train_base\n  - _self_\nlr: 1\nteam: vision\n";
const SLURM = "--max-array-size 1001 -f slurm lr=1,2";

Deno.test("sweep -f slurm takes submitit's SlurmLauncher settings as #SBATCH lines and says so at its _target_", async () => {
  const dir = tree(CHOOSES);
  try {
    const r = await sweepIn(dir, `${SLURM} -- python app.py {overrides}`);
    assert.equal(r.code, 0, r.stderr);
    const script = r.stdout;
    for (
      const line of [
        "#SBATCH --array=0-1%4",
        "#SBATCH --partition=learnlab,learnfair",
        "#SBATCH --time=2160",
        "#SBATCH --gpus=8",
        "#SBATCH --cpus-per-task=10",
        "#SBATCH --mem=64G",
        "#SBATCH --constraint=volta16gb",
        "#SBATCH --account=vision",
        "#SBATCH --mail-type=END",
        "#SBATCH --requeue",
      ]
    ) assert.ok(script.includes(`${line}\n`), `${line} missing:\n${script}`);
    // setup runs before the job, as submitit's script runs it
    assert.match(script, /\nmodule load cuda\/11\.7\nset -euo pipefail\n/);
    // the warning: at the _target_ line of submitit_slurm.yaml, what was taken and what not
    const warning = r.stderr.split("\n").find((l) => l.includes("SlurmLauncher"));
    assert.ok(warning, r.stderr);
    assert.match(warning, /conf\/hydra\/launcher\/submitit_slurm\.yaml:2:11: warning: /);
    assert.match(warning, /timeout_min=2160 as --time 2160/);
    assert.match(warning, /gpus_per_node=8 as --gpus 8/);
    assert.match(warning, /array_parallelism=4 as --parallel 4/);
    assert.match(warning, /not taken: nodes=8 \(each job is one task on one node/);
    // what submitit does that a manifest does not: SIGUSR1 before the limit, its own log folder
    assert.match(
      warning,
      /signal_delay_s=120 \(no SIGUSR1 before the time limit: --sbatch --signal=USR1@120 asks for it\)/,
    );
    assert.match(warning, /submitit_folder \(the jobs' logs are in their run dirs/);
    assert.doesNotMatch(warning, /flags win/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("sweep -f slurm: the command line's flags and --sbatch options win over the launcher's", async () => {
  const dir = tree(CHOOSES);
  try {
    const r = await sweepIn(
      dir,
      `${SLURM} --time 30 --partition debug --mem 8G --parallel 2 --sbatch constraint=a100 -- ./train`,
    );
    assert.equal(r.code, 0, r.stderr);
    const sbatch = r.stdout.split("\n").filter((l) => l.startsWith("#SBATCH"));
    assert.ok(sbatch.includes("#SBATCH --time=30"), sbatch.join("\n"));
    assert.ok(sbatch.includes("#SBATCH --partition=debug"));
    assert.ok(sbatch.includes("#SBATCH --mem=8G"));
    assert.ok(sbatch.includes("#SBATCH --array=0-1%2"));
    assert.ok(sbatch.includes("#SBATCH --constraint=a100"));
    assert.ok(!sbatch.some((l) => /2160|learnlab|volta16gb|64G/.test(l)), sbatch.join("\n"));
    assert.ok(sbatch.includes("#SBATCH --gpus=8")); // not given: the launcher's
    assert.match(r.stderr, /the command line's flags win: --time 30 over timeout_min=2160/);
    assert.match(r.stderr, /--sbatch constraint=a100 over constraint=volta16gb/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("sweep -f k8s takes the launcher's time, GPUs, CPUs and memory; SLURM-only settings are named as not taken", async () => {
  const dir = tree("lr: 1\nteam: vision\n");
  try {
    // chosen on the command line, as `-m hydra/launcher=slurm_train_base` was
    const r = await sweepIn(
      dir,
      "-f k8s --image app:1 lr=1,2 hydra/launcher=slurm_train_base -- python app.py {overrides}",
    );
    assert.equal(r.code, 0, r.stderr);
    const job = yamlDocuments(r.stdout).find((d) => d.kind === "Job");
    const pod = job.spec.template.spec;
    assert.equal(pod.activeDeadlineSeconds, 2160 * 60);
    assert.deepEqual(pod.containers[0].resources, {
      requests: { cpu: "10", memory: "64Gi" },
      limits: { memory: "64Gi", "nvidia.com/gpu": 8 },
    });
    assert.equal(job.spec.parallelism, 4);
    assert.match(r.stderr, /warning: hydra\.launcher\._target_ is .*SlurmLauncher/);
    assert.match(r.stderr, /partition=learnlab,learnfair \(no --partition in a k8s manifest\)/);
    assert.match(r.stderr, /constraint=volta16gb \(SLURM only: --constraint\)/);
    assert.match(r.stderr, /setup \(1 line\(s\): a k8s job runs no script of them\)/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("sweep -f slurm: a launcher value submitit would not take stops the manifest at its line", async () => {
  const dir = tree(CHOOSES, {
    "conf/hydra/launcher/slurm_train_base.yaml":
      "defaults:\n  - submitit_slurm\ntimeout_min: soon\n",
  });
  try {
    const r = await sweepIn(dir, `${SLURM} -- ./train`);
    assert.equal(r.code, 1, r.stderr);
    assert.match(
      r.stderr,
      /slurm_train_base\.yaml:3:14: hydra\.launcher\.timeout_min must be a positive integer/,
    );
    assert.match(r.stderr, /full key: hydra\.launcher\.timeout_min/);
    assert.doesNotMatch(r.stderr, /at .*\.ts:\d+/); // no stack trace
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("sweep -f slurm: another launcher plugin's settings are not taken, and it says so; Hydra's basic, nothing", async () => {
  const dir = tree("lr: 1\n", {
    "conf/hydra/launcher/local.yaml":
      "_target_: hydra_plugins.hydra_submitit_launcher.submitit_launcher.LocalLauncher\ntimeout_min: 5\n",
  });
  try {
    const local = await sweepIn(dir, `${SLURM} hydra/launcher=local -- ./train`);
    assert.equal(local.code, 0, local.stderr);
    assert.match(
      local.stderr,
      /local\.yaml:1:11: warning: .*LocalLauncher: the slurm manifest takes none of its settings/,
    );
    assert.doesNotMatch(local.stdout, /--time/);
    const basic = await sweepIn(dir, `${SLURM} -- ./train`);
    assert.equal(basic.code, 0, basic.stderr);
    assert.doesNotMatch(basic.stderr, /launcher/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("sweep -f slurm: the launcher's own name is the jobs' --job-name (--name wins); an empty extra is said", async () => {
  const named = "defaults:\n  - override hydra/launcher: slurm_train_base\n  - _self_\nlr: 1\n" +
    "team: vision\nhydra:\n  launcher:\n    name: uair-custom\n    additional_parameters:\n" +
    "      wckey: ''\n";
  const dir = tree(named);
  try {
    const r = await sweepIn(dir, `${SLURM} -- python app.py {overrides}`);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /\n#SBATCH --job-name=uair-custom\n/);
    const warning = r.stderr.split("\n").find((l) => l.includes("SlurmLauncher"))!;
    assert.match(warning, /name=uair-custom as #SBATCH --job-name=uair-custom/);
    assert.match(warning, /additional_parameters\.wckey="" \(empty: no #SBATCH line\)/);
    const given = await sweepIn(dir, `${SLURM} --name mine -- python app.py {overrides}`);
    assert.match(given.stdout, /\n#SBATCH --job-name=mine\n/);
    assert.match(given.stderr, /--name mine over name=uair-custom/);
    // submitit's default name, ${hydra.job.name}, leaves strata's sweep name
    const plain = tree(CHOOSES);
    const d = await sweepIn(plain, `${SLURM} -- python app.py {overrides}`);
    assert.match(d.stdout, /\n#SBATCH --job-name=strata-[0-9a-f]+\n/);
    Deno.removeSync(plain, { recursive: true });
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("sweep -f slurm: a launcher name that is no job name (sde_sampler's run dir path) becomes one", async () => {
  const named = "defaults:\n  - override hydra/launcher: slurm_train_base\n  - _self_\nlr: 1\n" +
    "team: vision\nhydra:\n  launcher:\n    name: logs/${hydra.job.override_dirname}\n";
  const dir = tree(named);
  try {
    const r = await sweepIn(dir, `${SLURM} -- python app.py {overrides}`);
    assert.equal(r.code, 0, r.stderr);
    // `%x` in --output would be a path into logs/, which does not exist: every task failed
    assert.match(r.stdout, /\n#SBATCH --job-name=logs-lr-1-2\n/);
    assert.match(
      r.stderr,
      /name=logs\/lr=1,2 as #SBATCH --job-name=logs-lr-1-2 \(a job name holds letters, digits, '\.', '_' and '-': it names the scripts' --output files\)/,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("sweep -f k8s: a GPU request in the launcher's gres is not taken, and the warning names the --gpus that asks for it (checker x23: hfmt's gres: gpu:a100:1)", async () => {
  const dir = tree("lr: 1\n", {
    "conf/hydra/launcher/gres.yaml": "defaults:\n  - submitit_slurm\ngres: gpu:a100:1\n",
  });
  try {
    const r = await sweepIn(
      dir,
      "-f k8s --image app:1 lr=1,2 hydra/launcher=gres -- python app.py",
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stderr,
      /gres=gpu:a100:1 \(SLURM only: --gres; --gpus a100:1 asks for the same GPUs\)/,
    );
    const limits = yamlDocuments(r.stdout).find((d) => d.kind === "Job").spec.template.spec
      .containers[0].resources?.limits ?? {};
    assert.equal(limits["nvidia.com/gpu"], undefined, "gres is not taken");
    // given, the hint is not said again
    const given = await sweepIn(
      dir,
      "-f k8s --image app:1 --gpus a100:1 lr=1,2 hydra/launcher=gres -- python app.py",
    );
    assert.match(given.stderr, /gres=gpu:a100:1 \(SLURM only: --gres\)/);
    assert.equal(
      yamlDocuments(given.stdout).find((d) => d.kind === "Job").spec.template.spec.containers[0]
        .resources.limits["nvidia.com/gpu"],
      1,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("sweep -f slurm: a launcher's array_parallelism above hydra.sweeper.max_batch_size still warns of the batches; one at or below does not (checker v33)", async () => {
  const dir = tree(CHOOSES);
  try {
    const wide = await sweepIn(dir, `${SLURM} hydra.sweeper.max_batch_size=2 -- ./train`);
    assert.equal(wide.code, 0, wide.stderr);
    assert.match(wide.stdout, /#SBATCH --array=0-1%4\n/);
    assert.match(
      wide.stderr,
      /warning: hydra\.sweeper\.max_batch_size is 2: the manifest submits every job at once/,
    );
    const within = await sweepIn(dir, `${SLURM} hydra.sweeper.max_batch_size=4 -- ./train`);
    assert.equal(within.code, 0, within.stderr);
    assert.doesNotMatch(within.stderr, /max_batch_size/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("sweep -f slurm: a project's submitit_slurm.yaml without _target_ (merged over the plugin's by Hydra) is the SlurmLauncher; mem_gb as written (checker x37)", async () => {
  const dir = writeTree({
    "conf/config.yaml":
      "defaults:\n  - override hydra/launcher: submitit_slurm\n  - _self_\nlr: 1\n",
    "conf/hydra/launcher/submitit_slurm.yaml": "# @package hydra.launcher\ntimeout_min: 1440\n" +
      "cpus_per_task: 16\nmem_gb: 64\npartition: cpu\n",
  });
  try {
    const r = await sweepIn(dir, `${SLURM} -- python app.py {overrides}`);
    assert.equal(r.code, 0, r.stderr);
    for (
      const line of [
        "#SBATCH --partition=cpu",
        "#SBATCH --time=1440",
        "#SBATCH --cpus-per-task=16",
        "#SBATCH --mem=64G",
      ]
    ) {
      assert.ok(r.stdout.split("\n").includes(line), line);
    }
    assert.match(
      r.stderr,
      /hydra\/launcher is submitit_slurm: the slurm manifest runs no launcher plugin; taken: /,
    );
    assert.match(r.stderr, /mem_gb=64 as --mem 64G/);
    assert.doesNotMatch(r.stderr, /takes none of its settings/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("sweep -f slurm: --gpus stands for a GPU-only gres of the launcher, one GPU request on the #SBATCH lines (checker w50 #2)", async () => {
  const dir = tree("lr: 1\n", {
    "conf/hydra/launcher/gres.yaml": "defaults:\n  - submitit_slurm\ngres: gpu:a100:1\n",
  });
  try {
    const r = await sweepIn(dir, "-f slurm --gpus 2 lr=1,2 hydra/launcher=gres -- python app.py");
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^#SBATCH --gpus=2$/m);
    assert.doesNotMatch(r.stdout, /--gres/);
    assert.match(r.stderr, /--gpus 2 over gres=gpu:a100:1/);
    // without --gpus, the launcher's gres is taken
    const own = await sweepIn(dir, "-f slurm lr=1,2 hydra/launcher=gres -- python app.py");
    assert.match(own.stdout, /^#SBATCH --gres=gpu:a100:1$/m);
    assert.doesNotMatch(own.stdout, /--gpus=/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("sweep -f slurm: mem_gb beside mem_per_cpu (or --mem beside --sbatch mem-per-gpu) is said to be refused by sbatch, array_parallelism: 0 said not taken (checker x62 #3, #4)", async () => {
  const dir = tree(CHOOSES);
  try {
    const r = await sweepIn(dir, `${SLURM} hydra.launcher.mem_per_cpu=2G -- true`);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stdout.includes("#SBATCH --mem=64G\n") && r.stdout.includes("--mem-per-cpu=2G"));
    assert.match(
      r.stderr,
      /the script would hold --mem and --mem-per-cpu, which sbatch refuses together \(mutually exclusive\): keep one/,
    );
    const flags = await sweepIn(dir, `${SLURM} --sbatch mem-per-gpu=8G -- true`);
    assert.match(flags.stderr, /--mem and --mem-per-gpu, which sbatch refuses together/);
    const alone = await sweepIn(dir, `${SLURM} -- true`);
    assert.doesNotMatch(alone.stderr, /refuses together/);
    // array_parallelism: 0 is no throttle, said as the other fields not taken (x62 #3)
    const zero = await sweepIn(dir, `${SLURM} hydra.launcher.array_parallelism=0 -- true`);
    assert.equal(zero.code, 0, zero.stderr);
    assert.match(zero.stderr, /not taken: .*array_parallelism=0 \(no %P throttle/);
    assert.match(zero.stdout, /^#SBATCH --array=0-1$/m);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

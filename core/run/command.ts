/**
 * The job's command line: its job name (Hydra names a job after its
 * script), the placeholders `{overrides}`, `{run_dir}` and `{job_num}`, and
 * the environment strata hands every job.
 *
 * @module
 */

import { basename, join } from "../path.ts";
import { shellScriptIndexes, shellScripts, shellWords } from "./shell_words.ts";
import { expandScript, OVERRIDE_KEY } from "./script_expand.ts";
import { OUTPUT_FILE } from "./write.ts";

export { configJobName } from "./config_job_name.ts";

/**
 * Programs that run a script named by their first non-option argument: for
 * each, its subcommands that come before the script (`deno run`), the
 * options that take the next argument as their value (`python -W ignore`),
 * and those after which no script follows (`python -c CODE`).
 */
interface Interpreter {
  subcommands?: string[];
  withValue: string[];
  noScript: string[];
}

const SHELL: Interpreter = {
  withValue: ["-o", "-O", "+O", "--rcfile", "--init-file"],
  noScript: ["-c", "-s"],
};
const INTERPRETERS: [RegExp, Interpreter][] = [
  [/^(python|pypy)[\d.]*$/, {
    withValue: ["-W", "-X", "--check-hash-based-pycs"],
    noScript: ["-c", "-m", "-"],
  }],
  [/^(bash|sh|zsh|dash|ksh)$/, SHELL],
  [/^node$/, {
    withValue: [
      "-r",
      "--require",
      "--import",
      "--loader",
      "--experimental-loader",
      "-C",
      "--conditions",
      "--title",
      "--env-file",
      "--input-type",
    ],
    noScript: ["-e", "--eval", "-p", "--print", "-"],
  }],
  [/^deno$/, {
    subcommands: ["run"],
    withValue: [
      "-c",
      "--config",
      "--import-map",
      "--lock",
      "--cert",
      "--location",
      "--seed",
      "-L",
      "--log-level",
    ],
    noScript: ["eval", "-"],
  }],
  [/^bun$/, {
    subcommands: ["run"],
    withValue: ["-r", "--preload", "--cwd", "--env-file", "--config", "-c"],
    noScript: ["-e", "--eval", "-p", "--print"],
  }],
  [/^Rscript$/, { withValue: [], noScript: ["-e"] }],
  [/^julia$/, {
    withValue: [
      "-p",
      "--procs",
      "-t",
      "--threads",
      "-L",
      "--load",
      "-J",
      "--sysimage",
      "-C",
      "--cpu-target",
      "-O",
    ],
    noScript: ["-e", "--eval", "-E", "--print"],
  }],
  [/^ruby$/, { withValue: ["-I", "-r", "-C", "-E", "--encoding"], noScript: ["-e"] }],
  [/^perl$/, { withValue: ["-I", "-M", "-m"], noScript: ["-e", "-E"] }],
];

function interpreter(program: string): Interpreter | undefined {
  const name = basename(program);
  return INTERPRETERS.find(([re]) => re.test(name))?.[1];
}

function stem(path: string): string {
  const base = basename(path);
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(0, dot) : base;
}

/**
 * Where the script of a command line is: `python -u train.py` → 2,
 * `python -W ignore train.py` → 3, `deno run -A train.ts` → 3, `./eval` → 0;
 * -1 when it runs none (`python -c ...`, `python -m pkg`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { scriptIndex } from "./command.ts";
 * assert.equal(scriptIndex(["python", "-u", "src/train.py", "lr=1"]), 2);
 * assert.equal(scriptIndex(["python3", "-W", "ignore", "-X", "dev", "train.py"]), 5);
 * assert.equal(scriptIndex(["deno", "run", "-A", "train.ts"]), 3);
 * assert.equal(scriptIndex(["python", "-m", "pkg.train"]), -1);
 * ```
 */
export function scriptIndex(argv: readonly string[]): number {
  if (argv.length === 0 || argv[0].startsWith("{")) return -1;
  const it = interpreter(argv[0]);
  if (!it) return 0;
  let i = 1;
  if (it.subcommands) {
    // `deno run ...`, `bun run ...`; `bun train.ts` runs it as well
    if (i < argv.length && it.subcommands.includes(argv[i])) i++;
    // `deno task`, `deno test`: no script; `deno train.ts` runs it
    else if (basename(argv[0]) === "deno" && !/^[^-].*\.[cm]?[jt]sx?$/.test(argv[i] ?? "")) {
      return -1;
    }
  }
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (it.noScript.includes(a)) return -1;
    if (a === "--") return i + 1 < argv.length && !argv[i + 1].startsWith("{") ? i + 1 : -1;
    if (!a.startsWith("-")) return a.startsWith("{") ? -1 : i;
    if (it.withValue.includes(a)) i++;
  }
  return -1;
}

/**
 * Hydra's `get_valid_filename`, which it applies to the job name it takes
 * from the script: spaces become `_`, characters other than letters,
 * digits, `_`, `-` and `.` are dropped.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { validFilename } from "./command.ts";
 * assert.equal(validFilename("my train(v2)"), "my_trainv2");
 * ```
 */
export function validFilename(s: string): string {
  return s.trim().replaceAll(" ", "_").replace(/[^-\p{L}\p{N}_.]/gu, "");
}

/** A Python interpreter's name (`python`, `python3.11`, `pypy3`). */
const PYTHON = /^(python|pypy)[\d.]*$/;
/** Programs that start a Python script given later on their command line (`accelerate launch x.py`). */
const LAUNCHERS = /^(accelerate|accelerate-launch|torchrun|deepspeed)$/;
/** Programs that run another command (`srun python train.py`): its own job name counts. */
const WRAPPERS =
  /^(srun|mpirun|mpiexec|horovodrun|env|nohup|time|nice|ionice|taskset|numactl|stdbuf|timeout|xvfb-run|sudo)$/;
/** Environment managers whose `run` subcommand runs another command (`uv run python train.py`). */
const RUNNERS = /^(uv|poetry|pipenv|pdm|hatch|rye|conda|mamba|micromamba|pixi)$/;

/**
 * The stem of the script a launcher runs (`accelerate launch ... train.py`,
 * `torchrun ... train.py`, `python -m torch.distributed.run ... train.py`)
 * or a wrapper's command runs (`srun python train.py`): Hydra names the job
 * after the script the Python process runs, not the launcher. A launcher's
 * `-m pkg.train` gives `train`. Undefined when the command is neither, or its
 * script is not found.
 */
function launchedScript(argv: readonly string[]): string | undefined {
  if (argv.length === 0) return undefined;
  const first = basename(argv[0]);
  if (WRAPPERS.test(first) || (RUNNERS.test(first) && argv[1] === "run")) {
    // the wrapped command: from its interpreter, the first script, or a program named by a path
    // (`nohup ./train.sh`); its options' values (`srun -m block`) are not taken for one
    const k = argv.findIndex((a, j) => j > 0 && PYTHON.test(basename(a)));
    if (k > 0) return scriptStem(argv.slice(k)) ?? undefined;
    const py = argv.find((a, j) => j > 0 && !a.startsWith("-") && /\.py$/.test(a));
    if (py !== undefined) return validFilename(stem(py));
    const path = argv.find((a, j) =>
      j > 0 && !a.startsWith("-") && !a.includes("=") && a.includes("/")
    );
    return path === undefined ? undefined : validFilename(stem(path));
  }
  let from = 1;
  if (!LAUNCHERS.test(basename(argv[0]))) {
    // `python -m torch.distributed.run ...` (and `.launch`)
    const m = argv.indexOf("-m");
    if (
      !PYTHON.test(basename(argv[0])) || m < 0 ||
      !/^torch\.distributed\.(run|launch)$/.test(argv[m + 1] ?? "")
    ) return undefined;
    from = m + 2;
  }
  for (let j = from; j < argv.length; j++) {
    const a = argv[j];
    if (a === "--") break;
    if ((a === "-m" || a === "--module") && j + 1 < argv.length && !argv[j + 1].startsWith("-")) {
      const mod = argv[j + 1];
      return mod.slice(mod.lastIndexOf(".") + 1);
    }
    if (!a.startsWith("-") && /\.py$/.test(a)) return validFilename(stem(a));
  }
  return undefined;
}

/**
 * The job name Hydra would give: the script's stem (`python train.py` →
 * `train`, `./sweep.sh` → `sweep`) as Hydra sanitises it, the module's last
 * part (`python -m pkg.train` → `train`), or null when the command runs no
 * script.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { scriptStem } from "./command.ts";
 * assert.equal(scriptStem(["python", "-u", "src/train.py", "lr=1"]), "train");
 * assert.equal(scriptStem(["python3", "-W", "ignore", "train.py"]), "train");
 * assert.equal(scriptStem(["./bin/eval"]), "eval");
 * assert.equal(scriptStem(["python", "-m", "pkg.train"]), "train");
 * assert.equal(scriptStem(["python", "-c", "print(1)"]), null);
 * assert.equal(scriptStem(["accelerate", "launch", "--num_processes", "2", "trainer/train.py"]), "train");
 * assert.equal(scriptStem(["torchrun", "--nproc_per_node=8", "-m", "pkg.train"]), "train");
 * assert.equal(scriptStem(["srun", "-m", "block", "python", "-u", "src/eval.py"]), "eval");
 * assert.equal(scriptStem(["uv", "run", "python3", "happ.py"]), "happ");
 * assert.equal(scriptStem(["env", "CUDA_VISIBLE_DEVICES=0", "python", "train.py"]), "train");
 * assert.equal(scriptStem(["nohup", "./train.sh"]), "train");
 * assert.equal(scriptStem(["conda", "run", "-n", "ml", "python", "-m", "pkg.fit"]), "fit");
 * ```
 */
export function scriptStem(argv: readonly string[]): string | null {
  const launched = launchedScript(argv);
  if (launched !== undefined) return launched;
  const i = scriptIndex(argv);
  if (i >= 0) return validFilename(stem(argv[i]));
  if (argv.length > 0 && PYTHON.test(basename(argv[0]))) {
    const m = argv.indexOf("-m");
    const mod = m > 0 ? argv[m + 1] : undefined;
    if (mod && !mod.startsWith("{")) return mod.slice(mod.lastIndexOf(".") + 1);
  }
  return null;
}

/**
 * Whether the command runs a Python module (`python -u -m pkg.train`): Python
 * then imports it from its working directory, which a job with
 * `hydra.job.chdir` does not start in (Hydra changes directory only after
 * the import), so the job is given the launch directory on `PYTHONPATH`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { runsPythonModule } from "./command.ts";
 * assert.equal(runsPythonModule(["python3", "-u", "-m", "pkg.train", "lr=1"]), true);
 * assert.equal(runsPythonModule(["python", "train.py", "-m"]), false);
 * assert.equal(runsPythonModule(["./train.sh", "-m"]), false);
 * ```
 */
export function runsPythonModule(argv: readonly string[]): boolean {
  if (argv.length === 0 || !PYTHON.test(basename(argv[0]))) return false;
  const it = interpreter(argv[0])!;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === "-m" || /^-m[^-]/.test(a)) return true;
    if (!a.startsWith("-") || it.noScript.includes(a)) return false;
    if (it.withValue.includes(a)) i++;
  }
  return false;
}

/** What the placeholders of a job's command line stand for. */
export interface JobFields {
  /** The job's task overrides (`hydra.overrides.task`). */
  overrides: string[];
  /**
   * The `hydra.*` overrides it was composed with (`hydra.overrides.hydra`,
   * without `hydra.mode`); `{overrides}` puts them before the task's.
   */
  hydraOverrides?: string[];
  /**
   * `hydra.mode=RUN` when the job's config sets MULTIRUN (JobPlan.runMode);
   * `{overrides}` ends with it, so the app runs this one job.
   */
  runMode?: string[];
  /**
   * A job of a sweep: `hydra.job.num=N` and `hydra.job.id=N`, which Hydra's launcher sets on
   * the job's config; a Hydra app handed `{overrides}` composes as a single run, where they
   * would be `???` (`${hydra:job.num}` fails, checker x33). None for a single run.
   */
  identity?: string[];
  /** `{run_dir}`: the job's run directory. */
  runDir: string;
  /** `{job_num}`: the job number. */
  num: number;
}

/**
 * Expands `{overrides}` (an argument of its own: one argument per override;
 * in a shell's `-c` script anywhere, shell-quoted), `{run_dir}` and
 * `{job_num}` (anywhere in an argument; in a shell's `-c` script quoted as
 * the shell reads them back, ./script_expand.ts). `{overrides}` is
 * what a Hydra app needs to compose the job's config again, as Hydra's own
 * launchers rebuild a job (`load_sweep_config`): the `hydra.*` overrides
 * (`hydra.job.chdir=true`, `hydra/job_logging=disabled`), then the task's,
 * then, for a job of a sweep, `hydra.job.num` and `hydra.job.id` (which the
 * launcher sets), then `hydra.mode=RUN` when the config sets `hydra.mode: MULTIRUN` (the app
 * reads its mode from the config; Hydra's launchers never start it again).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { expandCommand } from "./command.ts";
 * assert.deepEqual(
 *   expandCommand(["python", "app.py", "{overrides}", "hydra.run.dir={run_dir}"], {
 *     overrides: ["lr=0.1", "db=mysql"], hydraOverrides: ["hydra.job.chdir=true"],
 *     runDir: "/out/3", num: 3,
 *   }),
 *   ["python", "app.py", "hydra.job.chdir=true", "lr=0.1", "db=mysql", "hydra.run.dir=/out/3"],
 * );
 * assert.deepEqual(
 *   expandCommand(["python", "app.py", "{overrides}"], {
 *     overrides: ["lr=0.1"], runMode: ["hydra.mode=RUN"], runDir: "/out/0", num: 0,
 *   }),
 *   ["python", "app.py", "lr=0.1", "hydra.mode=RUN"],
 * );
 * ```
 */
export function expandCommand(argv: readonly string[], job: JobFields): string[] {
  const scripts = new Set(shellScriptIndexes(argv));
  const overrides = [
    ...(job.hydraOverrides ?? []),
    ...job.overrides,
    ...(job.identity ?? []),
    ...(job.runMode ?? []),
  ];
  return argv.flatMap((a, i) => {
    if (a === "{overrides}") return overrides;
    // a shell script (`sh -c '...'`): put in as the shell reads it back
    if (scripts.has(i)) return [expandScript(a, job.runDir, job.num, hydraValue, overrides)];
    // an override whose value is the run dir (`hydra.run.dir={run_dir}`) is read by
    // Hydra's grammar: a dir named after override_dirname (`db=mysql,seed=1`) is quoted
    const key = OVERRIDE_OF_RUN_DIR.exec(a)?.[1];
    if (key !== undefined) return [`${key}=${hydraValue(job.runDir)}`];
    return [a.replaceAll("{run_dir}", job.runDir).replaceAll("{job_num}", String(job.num))];
  });
}

const OVERRIDE_OF_RUN_DIR = new RegExp(String.raw`^(${OVERRIDE_KEY})=\{run_dir\}$`);

/** Such an override in a shell script: the run dir is also `$STRATA_RUN_DIR` there. */
const SHELL_OVERRIDE_OF_RUN_DIR = new RegExp(
  String.raw`^(${OVERRIDE_KEY})=(?:\{run_dir\}|\$STRATA_RUN_DIR|\$\{STRATA_RUN_DIR\})$`,
);

/**
 * Whether the command hands the run dir to a Hydra app as its output dir (an
 * argument `hydra.run.dir={run_dir}`, or `+`/`++hydra.run.dir={run_dir}`, or
 * such a word in a script run with `sh -c`, where `$STRATA_RUN_DIR` is the
 * run dir too). Such an app's file handler (`hydra/job_logging: default`)
 * writes `<run dir>/<job name>.log` itself, so strata keeps the job's stdout
 * and stderr in a file of its own ({@link jobLogPath}), as Hydra's submitit
 * launcher keeps them apart from the app's log.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { handsRunDirToHydra } from "./command.ts";
 * assert.equal(handsRunDirToHydra(["python", "app.py", "{overrides}", "hydra.run.dir={run_dir}"]), true);
 * assert.equal(handsRunDirToHydra(["sh", "-c", "python app.py hydra.run.dir={run_dir}"]), true);
 * assert.equal(handsRunDirToHydra(["bash", "-c", 'python app.py hydra.run.dir="$STRATA_RUN_DIR"']), true);
 * assert.equal(handsRunDirToHydra(["./train.sh", "out={run_dir}"]), false);
 * ```
 */
export function handsRunDirToHydra(argv: readonly string[]): boolean {
  const isRunDir = (word: string, re: RegExp) =>
    re.exec(word)?.[1].replace(/^\+{1,2}/, "") === "hydra.run.dir";
  return argv.some((a) => isRunDir(a, OVERRIDE_OF_RUN_DIR)) ||
    shellScripts(argv).some((script) =>
      shellWords(script).some((w) => isRunDir(w, SHELL_OVERRIDE_OF_RUN_DIR))
    );
}

/**
 * Where strata writes a job's stdout and stderr: the file the job's
 * `hydra.job_logging` names (`logFile`, in the run dir: `<job name>.log` by
 * default, as a Hydra app's log is named), or `<run dir>/.strata/output.log`
 * when it names none (`hydra/job_logging=disabled`) or when the command
 * hands the run dir to a Hydra app, which writes that file itself: each
 * record would otherwise be in it twice (the app's file handler and its
 * console handler, which strata copies).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { jobLogPath } from "./command.ts";
 * assert.equal(jobLogPath("/o/0", "train.log", ["python", "train.py"]), "/o/0/train.log");
 * assert.equal(jobLogPath("/o/0", null, ["python", "train.py"]), "/o/0/.strata/output.log");
 * assert.equal(
 *   jobLogPath("/o/0", "train.log", ["python", "train.py", "hydra.run.dir={run_dir}"]),
 *   "/o/0/.strata/output.log",
 * );
 * ```
 */
export function jobLogPath(dir: string, logFile: string | null, argv: readonly string[]): string {
  return join(dir, logFile === null || handsRunDirToHydra(argv) ? OUTPUT_FILE : logFile);
}

/**
 * `text` as a value Hydra's override grammar reads back as that string: as
 * it is when every character may stand unquoted, else single-quoted (a quote
 * escaped, and the backslashes before a quote or the closing one doubled).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { hydraValue } from "./command.ts";
 * assert.equal(hydraValue("/out/2024-01-05/10-00-00/0"), "/out/2024-01-05/10-00-00/0");
 * assert.equal(hydraValue("/sw/db=mysql,seed=1"), "'/sw/db=mysql,seed=1'");
 * assert.equal(hydraValue("/sw/it's"), "'/sw/it\\'s'");
 * ```
 */
export function hydraValue(text: string): string {
  if (/^[A-Za-z0-9_/.\-+@%*?|:]+$/.test(text)) return text;
  const body = text.replace(
    /(\\*)('|$)/g,
    (_, slashes: string, end: string) =>
      end === "'" ? `${slashes}${slashes}\\'` : `${slashes}${slashes}`,
  );
  return `'${body}'`;
}

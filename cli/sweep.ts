/**
 * `strata sweep`: expand a multirun (Hydra's BasicSweeper, plus linked sweeps)
 * into its jobs, one per line, or into a scheduler's manifest (SLURM arrays,
 * a Kubernetes Indexed Job, GitHub Actions matrices). With `--no-validate` the
 * plain formats stream: a 10^6-job sweep never sits in memory.
 *
 * @module
 */

import { type Command, InvalidArgumentError, Option } from "npm:@commander-js/extra-typings@15.1.0";
import { ErrorCode, StrataError } from "../core/errors.ts";
import { parseLinkSpec } from "../core/sweep/link.ts";
import {
  configDirOption,
  configNameOption,
  noConfigNameOption,
  searchPathOption,
  versionBaseOption,
} from "./compose.ts";
import { outPathOption } from "./output.ts";
import { resolversOption } from "./settings.ts";

/** `--runs-on a,b`: the labels, each non-empty. */
function runnerLabels(value: string): string[] {
  const labels = value.split(",").map((s) => s.trim());
  if (labels.some((l) => l === "")) {
    throw new InvalidArgumentError("give runner labels separated by commas, e.g. self-hosted,gpu");
  }
  return labels;
}

/**
 * An option's parser that refuses it given twice (usage): a second `--pvc`
 * or `--image` would otherwise replace the first without a word.
 */
function once(flag: string) {
  return (v: string, prev: string | undefined): string => {
    if (prev !== undefined) {
      throw new StrataError(
        ErrorCode.Usage,
        `${flag} is given twice ('${prev}', then '${v}'): give ${flag} once`,
      );
    }
    return v;
  };
}

const FORMATS = ["jsonl", "text", "slurm", "k8s", "github"] as const;

/** An option's parser for an integer ≥ `min` (a usage error otherwise). */
function count(min: number) {
  return (v: string) => {
    const n = Number(v);
    if (!/^\d+$/.test(v) || n < min) throw new InvalidArgumentError(`expected an integer ≥ ${min}`);
    return n;
  };
}

/**
 * `--link KEYS`: sweep these keys together (zip) instead of crossing them (repeatable).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Command } from "npm:@commander-js/extra-typings@15.1.0";
 * import { linkOption } from "./sweep.ts";
 * const cmd = new Command().addOption(linkOption());
 * cmd.parse(["--link", "model,optimizer"], { from: "user" });
 * assert.deepEqual(cmd.opts().link, [["model", "optimizer"]]);
 * ```
 */
export function linkOption() {
  return new Option(
    "--link <keys>",
    "sweep these keys together (zip) instead of crossing them, e.g. model,optimizer (repeatable)",
  ).argParser((v: string, prev: string[][] | undefined) => [...(prev ?? []), parseLinkSpec(v)]);
}

/** The `sweep` command's arguments and options. */
function sweepCommand(program: Command) {
  return program
    .command("sweep")
    .description(
      "expand a multirun sweep into jobs (JSON lines: index, id, overrides, override_dirname), " +
        "or into a SLURM array, Kubernetes Indexed Job or GitHub Actions matrix that runs " +
        "CMD for each job through `strata run --job-index`",
    )
    .usage("[options] [overrides...] [-- CMD ARGS...]")
    .argument("[overrides...]", "overrides with sweeps: lr=1e-3,1e-4 model=glob(*) seed=range(3)")
    .addOption(configDirOption())
    .addOption(configNameOption())
    .addOption(noConfigNameOption())
    .addOption(searchPathOption())
    .addOption(versionBaseOption())
    // jobs' dirs and the sweeper's params may call the project's resolvers
    .addOption(resolversOption())
    .addOption(linkOption())
    // a Hydra command line (`python train.py -m lr=...`) pasted as it is
    .option("-m, --multirun", "accepted as Hydra spells it: a sweep is always a multirun")
    .option("--no-validate", "do not compose each job's config (faster for huge sweeps)")
    .addOption(
      new Option(
        "-f, --format <format>",
        "jsonl, text (overrides only), slurm (sbatch array scripts), k8s (Indexed Job YAML), " +
          "github (Actions matrices)",
      ).choices(FORMATS).default("jsonl" as const),
    )
    .option(
      "--count",
      "print only the number of jobs (each job is composed first, unless --no-validate)",
      false,
    )
    .addHelpText(
      "after",
      `
Examples:
  strata sweep -cd conf lr=1e-4,1e-3 model='glob(*)'        4+ jobs, one JSON line each
  strata sweep -d conf seed='range(3)' -f text               one override list per line
  strata sweep -d conf model=a,b optimizer=x,y --link model,optimizer   zipped: 2 jobs
  strata sweep -d conf lr=1e-4,1e-3 -f slurm --partition gpu --gpus 1 -- python train.py
  strata sweep -d conf lr=1e-4,1e-3 -f k8s --image ghcr.io/me/train:1 -- python train.py
  strata sweep -d conf lr=1e-4,1e-3 -f github -o sweep/ -- python train.py`,
    )
    .addOption(
      outPathOption(
        "-o, --out <path>",
        "write here (slurm, github: a directory) instead of stdout (- is stdout)",
      ),
    )
    .option(
      "--dry-run",
      "print what would be written (jobs, arrays, shards, limits); write nothing",
    )
    .option(
      "--strata-cmd <cmd>",
      "how tasks call strata, words split on spaces (default for slurm: as this process was " +
        "started; k8s, github: strata)",
    )
    .option(
      "--strata-action <repo@ref>",
      "github: the action that installs strata on the runners (default OWNER/strata@v0.1.0, " +
        "a placeholder)",
    )
    .option("--name <name>", "the scheduler's job name (default strata-<sweep hash>)")
    .option("--parallel <n>", "at most N jobs at once", count(1))
    .option("--time <limit>", "each job's time limit, SLURM's form (90, 2:00:00, 1-00:00:00)")
    .option("--gpus <n>", "GPUs per job (SLURM's N or TYPE:N)")
    .option("--cpus-per-task <n>", "CPUs per job", count(1))
    .option("--mem <size>", "memory per job, SLURM's form (16G)")
    .option("--partition <name>", "slurm: the partition")
    .option(
      "--sbatch <option>",
      "slurm: another #SBATCH line, e.g. --sbatch=--account=ml (repeatable)",
      (v: string, prev: string[] | undefined) => [...(prev ?? []), v],
    )
    .option(
      "--max-array-size <n>",
      "slurm: MaxArraySize (default: scontrol show config, else 1001)",
      count(1),
    )
    .option(
      "--runs-on <labels>",
      "github: the runner labels of the jobs, comma-separated (default ubuntu-latest), " +
        "e.g. self-hosted,gpu",
      runnerLabels,
    )
    .option("--image <image>", "k8s: the container image (required for k8s)", once("--image"))
    .option(
      "--backoff-limit-per-index <n>",
      "k8s: retries of each job (default 0: each runs once)",
      count(0),
    )
    .option(
      "--env <NAME=VALUE>",
      "k8s: an environment variable of every pod; NAME alone: its value here (repeatable)",
      (v: string, prev: string[] | undefined) => [...(prev ?? []), v],
    )
    .option(
      "--pvc <claim[:path]>",
      "k8s: a PersistentVolumeClaim every pod mounts at PATH (default: the sweep dir, if " +
        "absolute), so the run dirs outlive the pods",
      once("--pvc"),
    );
}

/** The parsed options of `sweep`. */
export type SweepOpts = ReturnType<ReturnType<typeof sweepCommand>["opts"]>;

/**
 * Registers the `sweep` command on the program. Its action loads the
 * expanding and writing code (./sweep_action.ts) only when `sweep` runs.
 *
 * @example
 * ```ts ignore
 * import { buildProgram } from "./main.ts";
 * buildProgram().parse(["sweep", "-d", "conf", "db=mysql,postgresql"], { from: "user" });
 * ```
 */
export function registerSweep(program: Command): void {
  sweepCommand(program).action(async (args, opts, cmd) => {
    const { sweepAction } = await import("./sweep_action.ts");
    await sweepAction(args, opts, cmd);
  });
}

/**
 * A sweep's manifest from the launcher its config chooses: a user moving from
 * `python app.py -m hydra/launcher=submitit_slurm` expects the jobs to get
 * the launcher's resources. The fields of hydra-submitit-launcher's
 * `SlurmQueueConf` that a manifest has a flag for become that flag's default
 * (`timeout_min` → `--time`, `partition`, `gpus_per_node` → `--gpus`, ...),
 * SLURM's own options become `#SBATCH` lines, `setup` the script's first
 * lines; the command line's flags win. One warning at the launcher says
 * which were taken and which could not be.
 *
 * @module
 */

import type { Composition } from "../compose/compose.ts";
import { ErrorCode, formatWarning, StrataError } from "../errors.ts";
import { type Node, type Origin, originOf } from "../node.ts";
import { pyStrOfLeaf } from "../pyformat.ts";
import type { ResolverFn } from "../resolve/mod.ts";
import { child } from "../run/hydra_values.ts";
import { resolveInMaster } from "../sweep/master.ts";
import type { Resources } from "./types.ts";
import { SWEEP_NAME, sweepNameLike } from "./sweep_name.ts";

/** The flags a launcher field can stand in for, as the request names them. */
export interface LauncherResources extends Resources {
  /** slurm: `--partition`. */
  partition?: string;
}

/** What a manifest takes from the launcher of the sweep's master config. */
export interface LauncherSettings {
  /** Defaults of the flags the command line did not give. */
  resources: LauncherResources;
  /** slurm: `#SBATCH` options (`--constraint=volta16gb`), before `--sbatch`'s. */
  sbatch: string[];
  /** slurm: `setup`, the lines submitit runs in the script before the job. */
  setup: string[];
  /** slurm: `name`, the jobs' name (`--job-name`) when it is not submitit's default. */
  name?: string;
  /** What was taken and what was not, at the launcher's `_target_` (or its choice). */
  warning?: string;
}

/** The request's flags the launcher may stand in for (given: the command line's, which win). */
export type GivenFlags = LauncherResources & { sbatch?: string[]; name?: string };

/** A format's flags, as `strata sweep` takes them. */
const FLAGS_OF: Record<string, readonly (keyof LauncherResources)[]> = {
  slurm: ["time", "gpus", "cpusPerTask", "mem", "partition", "parallel"],
  k8s: ["time", "gpus", "cpusPerTask", "mem", "parallel"],
  github: ["time", "parallel"],
};

/** The flag each resource is, for the warning. */
const FLAG: Record<keyof LauncherResources, string> = {
  time: "--time",
  gpus: "--gpus",
  cpusPerTask: "--cpus-per-task",
  mem: "--mem",
  partition: "--partition",
  parallel: "--parallel",
};

/** SlurmQueueConf's fields that are SLURM options of the same name (`#SBATCH --qos=...`). */
const SBATCH_FIELDS = [
  "qos",
  "comment",
  "constraint",
  "exclude",
  "account",
  "gres",
  "cpus_per_gpu",
  "mem_per_gpu",
  "mem_per_cpu",
];

/** Reads the launcher's fields, resolved against the master config, each error at its key. */
class LauncherNode {
  constructor(
    private readonly master: Composition,
    private readonly resolvers?: Record<string, ResolverFn>,
  ) {}

  /** Whether `field` is set (not absent, not null). */
  has(field: string): boolean {
    const node = this.raw(field);
    return node !== undefined && !(node.kind === "value" && node.type === "null");
  }

  raw(field: string): Node | undefined {
    return child(child(this.master.hydra, "launcher"), field);
  }

  origin(field: string): Origin | undefined {
    return originOf(this.raw(field)?.origin);
  }

  resolved(path: string[]): Node {
    return resolveInMaster(this.master, ["hydra", "launcher", ...path], undefined, this.resolvers);
  }

  /** A field as submitit reads it: undefined for null (and, as submitit skips them, 0 and ""). */
  scalar(field: string, path = [field]): string | number | boolean | undefined {
    if (!this.has(field)) return undefined;
    const got = this.resolved(path);
    const key = `hydra.launcher.${path.join(".")}`;
    if (got.kind !== "value" || got.type === "missing") {
      throw this.error(
        key,
        path,
        `${key} must be a value, got ${got.kind === "value" ? "???" : got.kind}`,
      );
    }
    if (got.type === "null") return undefined;
    if (got.type === "str" || got.type === "int" || got.type === "bool") {
      const value = got.value as string | number | boolean;
      return value === "" || value === 0 || value === false ? undefined : value;
    }
    return pyStrOfLeaf(got);
  }

  /** An `Optional[int]` field of SlurmQueueConf (OmegaConf converts a string of digits). */
  int(field: string): number | undefined {
    const value = this.scalar(field);
    if (value === undefined) return undefined;
    if (typeof value === "number" && Number.isInteger(value) && value > 0) return value;
    if (typeof value === "string" && /^\d+$/.test(value) && Number(value) > 0) return Number(value);
    throw this.error(
      `hydra.launcher.${field}`,
      [field],
      `hydra.launcher.${field} must be a positive integer (submitit's SlurmQueueConf), got ` +
        JSON.stringify(value),
    );
  }

  /** A field that goes on an `#SBATCH` line as written. */
  text(field: string, path = [field]): string | undefined {
    const value = this.scalar(field, path);
    if (value === undefined) return undefined;
    const text = String(value);
    if (/[\n\r]/.test(text) || /^\s|\s$/.test(text) || text.trim() === "") {
      throw this.error(
        `hydra.launcher.${path.join(".")}`,
        path,
        `Cannot put hydra.launcher.${path.join(".")} ${JSON.stringify(text)} on an #SBATCH ` +
          "line: it holds a line break or starts or ends with a space",
      );
    }
    return text;
  }

  error(key: string, path: string[], message: string): StrataError {
    let node = this.raw(path[0]);
    for (const k of path.slice(1)) node = child(node, k);
    return new StrataError(ErrorCode.Validation, message, {
      fullKey: key,
      origin: node?.origin ?? this.origin(path[0]),
    });
  }
}

/** The option an `#SBATCH` word sets (`--mem-per-cpu=3G` → `mem-per-cpu`). */
const optionName = (option: string) =>
  option.replace(/^-+/, "").split(/[=\s]/, 1)[0].replaceAll("_", "-");

/** The options each request flag is on an `#SBATCH` line (`--mem` excludes `--mem-per-cpu`). */
const SBATCH_OF_FLAG: Record<string, readonly string[]> = {
  time: ["time", "t"],
  gpus: ["gpus", "gpus-per-node", "gpus-per-task", "G"],
  cpusPerTask: ["cpus-per-task", "c"],
  mem: ["mem", "mem-per-cpu", "mem-per-gpu"],
  partition: ["partition", "p"],
};

/**
 * What the `-f FORMAT` manifest takes from `hydra.launcher` of the sweep's
 * master config: for submitit's SlurmLauncher, its fields as the flags'
 * defaults (`given` wins), `#SBATCH` lines and setup lines (slurm); for
 * another launcher plugin, nothing, with a warning saying so. Hydra's
 * BasicLauncher, or none: nothing, silently.
 *
 * @throws {StrataError} `validation`: a field that does not resolve, or of a
 *   type submitit would not take, at its key and origin.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml } from "../../engine.ts";
 * import { dict, type DictNode } from "../node.ts";
 * import { launcherSettings } from "./launcher.ts";
 * const hydra = loadYaml(
 *   "launcher: {_target_: hydra_plugins.hydra_submitit_launcher.submitit_launcher.SlurmLauncher, " +
 *     "timeout_min: 90, partition: gpu, constraint: volta, nodes: 2}",
 * ) as DictNode;
 * const got = launcherSettings({ config: dict(), hydra } as never, "slurm", { time: "10" });
 * assert.deepEqual(got.resources, { partition: "gpu" });
 * assert.deepEqual(got.sbatch, ["--constraint=volta"]);
 * assert.match(got.warning!, /not taken: nodes=2/);
 * ```
 */
export function launcherSettings(
  master: Composition,
  format: string,
  given: GivenFlags,
  resolvers?: Record<string, ResolverFn>,
): LauncherSettings {
  const none: LauncherSettings = { resources: {}, sbatch: [], setup: [] };
  const launcher = new LauncherNode(master, resolvers);
  const targetNode = launcher.raw("_target_");
  const target = targetNode?.kind === "value" && targetNode.type === "str"
    ? String(targetNode.value)
    : undefined;
  const choice = child(child(child(master.hydra, "runtime"), "choices"), "hydra/launcher");
  const chosen = choice?.kind === "value" && choice.type === "str" ? String(choice.value) : "";
  const what = target !== undefined
    ? `hydra.launcher._target_ is ${target}`
    : `hydra/launcher is ${chosen}`;
  // the choices node is built, not read: the place that chose it is the defaults entry
  const entry = master.defaults?.find((d) => d.configPath === `hydra/launcher/${chosen}`);
  const at = target !== undefined
    ? originOf(targetNode!.origin)
    : entry?.overriddenBy ?? entry?.origin;
  const located = at?.file !== undefined || at?.override !== undefined ? at : undefined;
  if (
    target === undefined ? chosen === "" || chosen === "basic" : target.endsWith(".BasicLauncher")
  ) {
    return none;
  }
  // `hydra/launcher: submitit_slurm` is the plugin's own option: a project's file of that name
  // without `_target_` is merged over the plugin's config, which supplies it (checker x37)
  const slurm = target === undefined
    ? chosen === "submitit_slurm"
    : target.endsWith(".SlurmLauncher");
  if (!slurm) {
    return {
      ...none,
      warning: formatWarning(
        `${what}: the ${format} manifest takes none of its settings (strata maps only ` +
          "hydra-submitit-launcher's SlurmLauncher's onto the scheduler's); give the " +
          "resources as flags (--time, --gpus, ...)",
        located,
      ),
    };
  }
  const flags = FLAGS_OF[format] ?? [];
  const taken: string[] = [];
  const notTaken: string[] = [];
  const overruled: string[] = [];
  const resources: LauncherResources = {};
  const offer = <K extends keyof LauncherResources>(
    field: string,
    flag: K,
    value: LauncherResources[K] | undefined,
    written: unknown = value,
  ) => {
    if (value === undefined) return;
    // the field as the config writes it (`mem_gb=64`), then the flag's value (`--mem 64G`)
    const shown = `${field}=${written}`;
    if (!flags.includes(flag)) notTaken.push(`${shown} (no ${FLAG[flag]} in a ${format} manifest)`);
    else if (given[flag] !== undefined) {
      overruled.push(`${FLAG[flag]} ${given[flag]} over ${shown}`);
    } else {
      resources[flag] = value;
      taken.push(`${shown} as ${FLAG[flag]} ${value}`);
    }
  };
  const timeout = launcher.int("timeout_min");
  offer("timeout_min", "time", timeout === undefined ? undefined : String(timeout));
  offer("partition", "partition", launcher.text("partition"));
  const gpusPerNode = launcher.int("gpus_per_node");
  const gpusField = gpusPerNode !== undefined ? "gpus_per_node" : "gpus_per_task";
  const gpus = gpusPerNode ?? launcher.int("gpus_per_task");
  offer(gpusField, "gpus", gpus === undefined ? undefined : String(gpus));
  offer("cpus_per_task", "cpusPerTask", launcher.int("cpus_per_task"));
  const memGb = launcher.int("mem_gb");
  offer("mem_gb", "mem", memGb === undefined ? undefined : `${memGb}G`, memGb);
  offer("array_parallelism", "parallel", launcher.int("array_parallelism"));
  // 0 is skipped as submitit skips a 0 (no throttle): said, as every other field is (x62 #3)
  const parallelNode = launcher.raw("array_parallelism");
  if (parallelNode?.kind === "value" && parallelNode.value === 0) {
    notTaken.push("array_parallelism=0 (no %P throttle: --parallel sets one)");
  }

  // SLURM's own options: #SBATCH lines, unless the command line sets the same one
  const lines: [string, string][] = [];
  for (const field of SBATCH_FIELDS) {
    const value = launcher.text(field);
    if (value !== undefined) lines.push([field, `--${field.replaceAll("_", "-")}=${value}`]);
  }
  const extra = launcher.raw("additional_parameters");
  if (extra?.kind === "dict") {
    for (const e of extra.entries.values()) {
      const key = String(e.key);
      const value = launcher.scalar("additional_parameters", ["additional_parameters", key]);
      // submitit writes True as a bare flag, and skips what is null
      if (value === undefined) {
        const raw = e.node.kind === "value" ? e.node.value : undefined;
        if (raw === "") notTaken.push(`additional_parameters.${key}="" (empty: no #SBATCH line)`);
        continue;
      }
      const option = `--${key.replaceAll("_", "-")}`;
      if (option === "--array") {
        throw launcher.error(
          `hydra.launcher.additional_parameters.${key}`,
          ["additional_parameters", key],
          "Cannot take hydra.launcher.additional_parameters.array: strata writes each " +
            "script's --array itself (--parallel for %P, --max-array-size to split)",
        );
      }
      const text = value === true
        ? option
        : `${option}=${launcher.text("additional_parameters", ["additional_parameters", key])}`;
      lines.push([`additional_parameters.${key}`, text]);
    }
  }
  // the option each flag given sets, as the command line wrote it (`--mem 16G`, `--sbatch qos=x`)
  const givenOptions = new Map<string, string>();
  for (const extra of given.sbatch ?? []) givenOptions.set(optionName(extra), `--sbatch ${extra}`);
  for (const [flag, options] of Object.entries(SBATCH_OF_FLAG)) {
    const value = given[flag as keyof LauncherResources];
    if (value === undefined) continue;
    for (const o of options) {
      givenOptions.set(o, `${FLAG[flag as keyof LauncherResources]} ${value}`);
    }
  }
  const sbatch: string[] = [];
  for (const [field, line] of lines) {
    const shown = `${field}=${line.replace(/^--[^=]*=?/, "") || "true"}`;
    if (format !== "slurm") {
      // a GPU request in gres (`gpu:a100:1`): the pods ask for none unless --gpus says so
      const gpu = /^--gres=gpu(?::([^:,]+))?:(\d+)$/.exec(line);
      const same = gpu && format === "k8s" && given.gpus === undefined
        ? `; --gpus ${gpu[1] ? `${gpu[1]}:` : ""}${gpu[2]} asks for the same GPUs`
        : "";
      notTaken.push(`${shown} (SLURM only: ${line.split("=")[0]}${same})`);
    } else if (givenOptions.has(optionName(line))) {
      overruled.push(`${givenOptions.get(optionName(line))} over ${shown}`);
    } else if (given.gpus !== undefined && /^--gres=gpu(:[^:,]+)?(:\d+)?$/.test(line)) {
      // a GPU-only gres asks for the GPUs --gpus asks for: one request, the command line's
      // (both on #SBATCH lines, some sites refuse the mix: checker w50 #2)
      overruled.push(`--gpus ${given.gpus} over ${shown}`);
    } else {
      sbatch.push(line);
      taken.push(`${shown} as #SBATCH ${line}`);
    }
  }

  // submitit names the jobs `name` (`${hydra.job.name}` unless set: strata's sweep name then)
  let name: string | undefined;
  const nameNode = launcher.raw("name");
  const ownName = nameNode?.kind === "value" && nameNode.value !== "${hydra.job.name}"
    ? launcher.text("name")
    : undefined;
  if (ownName !== undefined) {
    if (format !== "slurm") notTaken.push(`name=${ownName} (SLURM only: --job-name)`);
    else if (given.name !== undefined) overruled.push(`--name ${given.name} over name=${ownName}`);
    else {
      // a `/` in it (sde_sampler's `${hydra.run.dir}/${hydra.job.override_dirname}`) would make
      // the scripts' `--output=%x_...` a path into directories that do not exist
      name = SWEEP_NAME.test(ownName) ? ownName : sweepNameLike(ownName);
      taken.push(
        name === ownName
          ? `name=${ownName} as #SBATCH --job-name=${name}`
          : `name=${ownName} as #SBATCH --job-name=${name} (a job name holds letters, digits, ` +
            "'.', '_' and '-': it names the scripts' --output files)",
      );
    }
  }

  const setup: string[] = [];
  if (launcher.has("setup")) {
    const got = launcher.resolved(["setup"]);
    const lines = got.kind === "list" ? got.items : [];
    if (got.kind !== "list" || lines.some((l) => l.kind !== "value")) {
      throw launcher.error(
        "hydra.launcher.setup",
        ["setup"],
        "hydra.launcher.setup must be a list of shell lines (submitit's List[str])",
      );
    }
    for (const l of lines) {
      if (l.kind === "value" && l.type !== "null") setup.push(pyStrOfLeaf(l));
    }
    if (setup.length && format === "slurm") {
      taken.push(`setup (${setup.length} line(s), run before the job as submitit runs them)`);
    } else if (setup.length) {
      notTaken.push(`setup (${setup.length} line(s): a ${format} job runs no script of them)`);
    }
  }

  // what a task of strata's manifest cannot be: one process on one node, run once
  const nodes = launcher.int("nodes");
  if (nodes !== undefined && nodes > 1) {
    notTaken.push(
      `nodes=${nodes} (each job is one task on one node: strata run starts one process)`,
    );
  }
  const perNode = launcher.int("tasks_per_node");
  if (perNode !== undefined && perNode > 1) {
    notTaken.push(`tasks_per_node=${perNode} (the job's command runs once, not under srun)`);
  }
  const requeue = launcher.int("max_num_timeout");
  if (requeue !== undefined) {
    notTaken.push(`max_num_timeout=${requeue} (a job that times out is not requeued)`);
  }
  // submitit asks SLURM for SIGUSR1 this long before the time limit (an app may checkpoint on it)
  const signalDelay = launcher.int("signal_delay_s");
  if (signalDelay !== undefined && signalDelay > 0) {
    notTaken.push(
      `signal_delay_s=${signalDelay} (no SIGUSR1 before the time limit` +
        (format === "slurm" ? `: --sbatch --signal=USR1@${signalDelay} asks for it)` : ")"),
    );
  }
  if (launcher.has("submitit_folder")) {
    notTaken.push(
      "submitit_folder (the jobs' logs are in their run dirs, and the scripts' output)",
    );
  }
  // sbatch refuses --mem beside --mem-per-cpu/--mem-per-gpu (submitit writes both all the same)
  const memLine = resources.mem !== undefined || given.mem !== undefined ||
    (given.sbatch ?? []).some((o) => optionName(o) === "mem");
  const perUnit = [...sbatch, ...(given.sbatch ?? [])].map(optionName)
    .find((o) => o === "mem-per-cpu" || o === "mem-per-gpu");
  const clash = format === "slurm" && memLine && perUnit !== undefined
    ? [
      `the script would hold --mem and --${perUnit}, which sbatch refuses together (mutually ` +
      "exclusive): keep one",
    ]
    : [];
  const said = [
    taken.length ? `taken: ${taken.join(", ")}` : "none of its settings is taken",
    ...(overruled.length ? [`the command line's flags win: ${overruled.join(", ")}`] : []),
    ...(notTaken.length ? [`not taken: ${notTaken.join(", ")}`] : []),
    ...clash,
  ];
  return {
    resources,
    sbatch: format === "slurm" ? sbatch : [],
    setup: format === "slurm" ? setup : [],
    ...(name === undefined ? {} : { name }),
    warning: formatWarning(
      `${what}: the ${format} manifest runs no launcher plugin; ${said.join("; ")}`,
      located,
    ),
  };
}

/**
 * A word for a sweep whose jobs' command runs a Python script but hands the
 * job nothing of its own: a Hydra app (`@hydra.main`) composes its config
 * from its command line, so without `{overrides}` every job would run the
 * app's default config.
 *
 * @module
 */

import { runsPythonModule, scriptIndex } from "./command.ts";
import type { Node } from "../node.ts";
import { nodeAt } from "../ops/walk.ts";

/** Hydra's own `hydra.run.dir`. */
const HYDRA_RUN_DIR = "outputs/${now:%Y-%m-%d}/${now:%H-%M-%S}";

/** A `*.py` script, as an argument or a word of a shell script. */
const PY_SCRIPT = /\.py(?=$|[\s;&|)'"])/;

/**
 * The one-line note `strata sweep -f slurm|k8s|github` and `strata run -m`
 * print (and a single `strata run` given task overrides, `runOverrides`:
 * the app would run without them, while the run dir records them) when CMD runs a Python script (`python train.py`, `./train.py`,
 * `python -m pkg.train`, a `*.py` in a `sh -c` script; not `python -c CODE`) and mentions neither `{overrides}` nor a `STRATA_` variable
 * (`$STRATA_JOB_OVERRIDES`, `$STRATA_CONFIG`); undefined otherwise. A script
 * that can be read here and names neither `hydra` nor `STRATA_` is no Hydra
 * app that misses its overrides, and one that reads `STRATA_` is given its
 * config: no note for either.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { defaultConfigNote } from "./overrides_note.ts";
 * assert.match(defaultConfigNote(["python", "nope/train.py"])!, /^note: .*\{overrides\}/);
 * assert.equal(defaultConfigNote(["python", "train.py", "{overrides}"]), undefined);
 * assert.equal(defaultConfigNote(["sh", "-c", 'python t.py "$STRATA_JOB_OVERRIDES"']), undefined);
 * assert.match(defaultConfigNote(["python3", "-m", "pkg.train"])!, /^note: /);
 * assert.equal(defaultConfigNote(["./train.sh"]), undefined);
 * assert.equal(defaultConfigNote(["python3", "-c", "print(1)"]), undefined);
 * assert.match(defaultConfigNote(["python", "nope/train.py"], ["seed=5"])!, /passes the run no .* seed=5/);
 * ```
 */
export function defaultConfigNote(
  argv: readonly string[],
  runOverrides?: readonly string[],
): string | undefined {
  const runsPython = runsPythonModule(argv) || argv.some((a) => PY_SCRIPT.test(a));
  if (!runsPython || argv.some((a) => a.includes("{overrides}") || a.includes("STRATA_"))) {
    return undefined;
  }
  const script = scriptText(argv);
  if (script !== undefined && (!script.includes("hydra") || script.includes("STRATA_"))) {
    return undefined;
  }
  const fix = "add {overrides} to CMD (or read $STRATA_CONFIG)\n";
  if (runOverrides !== undefined) {
    return "note: CMD passes the run no {overrides}: a Hydra app (@hydra.main) would compose its " +
      `default config, without ${runOverrides.join(" ")}, which the run dir records; ${fix}`;
  }
  return "note: CMD passes the jobs no {overrides}: a Hydra app (@hydra.main) would compose its " +
    `default config in every job; ${fix}`;
}

/**
 * A warning when CMD hands a Hydra app `{overrides}` but not the config strata composed: the
 * app's `@hydra.main(config_name="experiment")` composes `experiment`, not `-n grid_search`,
 * so every job would run another config than the run dir records (checker w32). Undefined when
 * CMD names a config (`--config-name`, `-cn`, `{config_name}`), the script cannot be read or
 * names no literal `config_name`, or it is the one composed.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { configNameNote } from "./overrides_note.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(`${dir}/main.py`,
 *   '@hydra.main(config_path="conf", config_name="experiment", version_base=None)\ndef main(cfg): ...\n');
 * const argv = ["python", `${dir}/main.py`, "{overrides}"];
 * assert.match(configNameNote(argv, "grid_search")!, /composes 'experiment'.*--config-name=grid_search/);
 * assert.equal(configNameNote(argv, "experiment"), undefined);
 * assert.equal(configNameNote([...argv, "-cn", "grid_search"], "grid_search"), undefined);
 * ```
 */
export function configNameNote(
  argv: readonly string[],
  configName: string | null,
): string | undefined {
  if (configName === null || !argv.some((a) => a.includes("{overrides}"))) return undefined;
  if (argv.some((a) => /^(--config-name|-cn)(=|$)|\{config_name\}/.test(a))) return undefined;
  const script = scriptText(argv);
  if (script === undefined) return undefined;
  const main = /@hydra\.main\(([^)]*)\)/s.exec(script)?.[1];
  const own = main && /\bconfig_name\s*=\s*(["'])([^"'\n]+)\1/.exec(main)?.[2];
  if (!own || own === configName || own === `${configName}.yaml`) return undefined;
  return `warning: CMD hands the app {overrides} but not the config: its @hydra.main composes ` +
    `'${own}', not ${configName}, which strata composed and the run dir records; add ` +
    `--config-name=${configName} to CMD\n`;
}

/**
 * A warning when CMD hands a Hydra app `{overrides}` but no `hydra.run.dir`: the app runs its
 * job in the run dir its own config sets (`configRunDir`, as written; `outputs/${now:...}` by
 * default, read from its own clock), not in the job's run dir strata made and records, and the
 * tasks of an array started in one second share one (checker x32). Undefined when CMD sets
 * `hydra.run.dir`, or `passed`
 * does (the overrides `{overrides}` hands on: a single run's, given to strata), or the script
 * cannot be read or has no `@hydra.main`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { runDirNote } from "./overrides_note.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(`${dir}/main.py`, '@hydra.main(config_path="conf", version_base=None)\ndef main(cfg): ...\n');
 * const argv = ["python", `${dir}/main.py`, "{overrides}"];
 * assert.match(runDirNote(argv)!, /hydra\.run\.dir=\{run_dir\}/);
 * assert.equal(runDirNote([...argv, "hydra.run.dir={run_dir}"]), undefined);
 * assert.equal(runDirNote(argv, ["hydra.run.dir=out"]), undefined);
 * assert.match(runDirNote(argv, [], "runs/${hydra.job.name}")!, /sets \(runs\/\$\{hydra\.job\.name\}, resolved by the app/);
 * ```
 */
export function runDirNote(
  argv: readonly string[],
  passed: readonly string[] = [],
  configRunDir?: string,
): string | undefined {
  if (!argv.some((a) => a.includes("{overrides}"))) return undefined;
  const setsRunDir = (a: string) => /(^|[\s'"])\+{0,2}hydra\.run\.dir=/.test(a);
  if (argv.some(setsRunDir) || passed.some(setsRunDir)) return undefined;
  const script = scriptText(argv);
  if (script === undefined || !/@hydra\.main\(/.test(script)) return undefined;
  // the config's own pattern when it sets one (checker x60 #2: outputs/${hydra.job.name}/...)
  const sets = configRunDir === undefined || configRunDir === HYDRA_RUN_DIR
    ? "outputs/<date>/<time> by default, from its own clock"
    : `${configRunDir}, resolved by the app`;
  return "warning: CMD hands the app {overrides} but no hydra.run.dir: it would write its " +
    `.hydra/, its log and its outputs to the run dir its own config sets (${sets} and ` +
    "relative to where it starts), not the job's run dir, and jobs started in the same second " +
    "would share one; add hydra.run.dir={run_dir} to CMD\n";
}

/**
 * A warning when the jobs' config sets `hydra.mode: MULTIRUN`, so `{overrides}` ends with
 * `hydra.mode=RUN` (the app would otherwise sweep its one job again), and the script CMD runs
 * reads the mode: its `HydraConfig.get().mode` is RUN where a job of Hydra's multirun sees
 * MULTIRUN, so a branch on it (unifloral's `run + job.num`) takes the single-run way (checker
 * x35). Undefined when the config sets no MULTIRUN, CMD hands no `{overrides}`, or the script
 * cannot be read, has no `@hydra.main` or never reads `.mode`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { modeNote } from "./overrides_note.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(`${dir}/main.py`, '@hydra.main(config_path="conf", version_base=None)\n' +
 *   "def main(cfg):\n    if HydraConfig.get().mode == RunMode.MULTIRUN: ...\n");
 * const argv = ["python", `${dir}/main.py`, "{overrides}"];
 * assert.match(modeNote(argv, "MULTIRUN")!, /main\.py:3 reads HydraConfig's mode/);
 * assert.equal(modeNote(argv, null), undefined);
 * ```
 */
export function modeNote(argv: readonly string[], configMode: string | null): string | undefined {
  if (configMode !== "MULTIRUN" || !argv.some((a) => a.includes("{overrides}"))) return undefined;
  const script = scriptText(argv);
  if (script === undefined || !/@hydra\.main\(/.test(script)) return undefined;
  if (!/\bHydraConfig\b|\bRunMode\b/.test(script)) return undefined;
  const line = script.split("\n").findIndex((l) => /\.mode\b|\bRunMode\b/.test(l));
  if (line < 0) return undefined;
  return `warning: the config sets hydra.mode: MULTIRUN, so each job's {overrides} ends with ` +
    `hydra.mode=RUN (else the app would sweep its one job again): the app's ` +
    `HydraConfig.get().mode is RUN, where a job of Hydra's own multirun sees MULTIRUN, and ` +
    `${argv[scriptIndex(argv)]}:${line + 1} reads HydraConfig's mode; hydra.job.num and ` +
    `hydra.job.id are passed as Hydra's launcher sets them\n`;
}

/** The text of the script CMD runs, when it is a file that can be read from here. */
function scriptText(argv: readonly string[]): string | undefined {
  const i = scriptIndex(argv);
  if (i < 0) return undefined;
  try {
    return Deno.readTextFileSync(argv[i]);
  } catch {
    return undefined;
  }
}

/**
 * `hydra.run.dir` as the config writes it (for {@link runDirNote}), when it is a string.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { configRunDir } from "./overrides_note.ts";
 * import { dict, str } from "../node.ts";
 * assert.equal(configRunDir(dict([["run", dict([["dir", str("out/${now:%H}")]])]])), "out/${now:%H}");
 * assert.equal(configRunDir(dict()), undefined);
 * ```
 */
export function configRunDir(hydra: Node): string | undefined {
  const dir = nodeAt(hydra, ["run", "dir"]);
  return dir?.kind === "value" && dir.type === "str" ? dir.value as string : undefined;
}

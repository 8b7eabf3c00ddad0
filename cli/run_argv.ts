/**
 * What `strata run`'s arguments say beyond commander's parsing: the job's
 * command line after `--` (its program checked and made absolute), the
 * `--job-overrides` of a pinned job, and a warning for sweep-only options
 * given to a single run.
 *
 * @module
 */

import { isAbsolute, join, resolve } from "../core/path.ts";
import { ErrorCode, formatWarning, StrataError } from "../core/errors.ts";
import { scriptIndex } from "../core/run/command.ts";
import { findProgram } from "../core/run/process.ts";
import { writeErr } from "./output.ts";
import { readStdin } from "./stdin.ts";
import { osErrorMessage, osReason } from "../core/os_error.ts";
import { isFile } from "../core/fs_stat.ts";

/**
 * A usage error (exit 2) with `message`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { usage } from "./run_argv.ts";
 * assert.equal(usage("bad").code, "usage");
 * ```
 */
export function usage(message: string): StrataError {
  return new StrataError(ErrorCode.Usage, message);
}

/**
 * The part of argv after `--`: the job's command line. commander hands it to
 * the action mixed into the overrides; the program's raw argv (commander's
 * `rawArgs`, untyped in extra-typings) says where it starts.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { commandOf } from "./run_argv.ts";
 * const cmd = { parent: { rawArgs: ["node", "strata", "run", "a=1", "--", "echo", "hi"] } };
 * assert.deepEqual(commandOf(cmd), ["echo", "hi"]);
 * ```
 */
export function commandOf(cmd: { parent: unknown }): string[] {
  const raw = (cmd.parent as { rawArgs?: string[] } | null)?.rawArgs ?? [];
  const dash = raw.indexOf("--");
  return dash < 0 ? [] : raw.slice(dash + 1);
}

/**
 * The program to run, checked before anything is written. The program and
 * the script it runs are made absolute when they are relative paths that
 * exist, so that `hydra.job.chdir` (the job runs in its run dir) does not
 * change what they name: Python reads its script before Hydra changes
 * directory.
 *
 * @example
 * ```ts ignore
 * resolvedProgram(["python", "train.py"]); // ["/usr/bin/python", "/abs/cwd/train.py"]
 * ```
 */
export function resolvedProgram(argv: string[]): string[] {
  const cwd = Deno.cwd();
  const program = findProgram(argv[0], cwd);
  if (program === null) {
    // a path to a file that is there, but not executable: what a shell says (Permission denied)
    if (argv[0].includes("/") && isFile(resolve(cwd, argv[0]))) {
      const interpreter = argv[0].endsWith(".py")
        ? "python3 "
        : argv[0].endsWith(".sh")
        ? "sh "
        : "";
      throw usage(
        `cannot run '${argv[0]}': permission denied (the file is not executable: chmod +x ` +
          `${argv[0]}${
            interpreter ? `, or run it with its interpreter: -- ${interpreter}${argv[0]}` : ""
          })`,
      );
    }
    throw usage(`cannot run '${argv[0]}': no such program (not found on PATH or not executable)`);
  }
  // the program strata's own PATH finds: the job's environment may set another PATH
  // (`hydra.job.env_set.PATH`, a config's), which in Hydra reaches only what the app starts,
  // never the app itself
  const out = [program, ...argv.slice(1)];
  const script = scriptIndex(argv);
  if (script > 0 && !isAbsolute(out[script]) && isFile(join(cwd, out[script]))) {
    out[script] = join(cwd, out[script]);
  }
  // A launcher's script (`torchrun --nproc_per_node 2 train.py`, `accelerate
  // launch train.py`, `python -m torch.distributed.run train.py`) is read
  // where the launcher starts too: a Python file of this directory is named
  // absolutely, as its script is.
  for (let i = 1; i < out.length; i++) {
    const a = out[i];
    if (i === script || !a.endsWith(".py") || a.startsWith("-") || a.includes("=")) continue;
    if (!isAbsolute(a) && isFile(join(cwd, a))) out[i] = join(cwd, a);
  }
  return out;
}

/** The options that only a sweep reads, as `--help` names them, by commander's key. */
const SWEEP_ONLY: [string, string][] = [
  ["jobs", "-j/--jobs"],
  ["failFast", "--fail-fast"],
  ["resume", "--resume"],
];

/**
 * Warns of sweep-only options given to a single run: it would ignore them. A
 * warning, not a usage error: the run still does what was asked, and Hydra
 * ignores `hydra.launcher.n_jobs` outside a multirun the same way, so a
 * script that passes `-j` with or without `-m` keeps working.
 *
 * @example
 * ```ts ignore
 * if (!sweep) warnSweepOnly(cmd);
 * ```
 */
export function warnSweepOnly(
  cmd: { getOptionValueSource(key: string): string | undefined },
): void {
  const given = SWEEP_ONLY.filter(([key]) => {
    const source = cmd.getOptionValueSource(key);
    return source !== undefined && source !== "default";
  }).map(([, flag]) => flag);
  if (given.length === 0) return;
  writeErr(formatWarning(
    `${given.join(", ")} ${given.length > 1 ? "apply" : "applies"} to a sweep only ` +
      "(-m, --job-index or hydra.mode=MULTIRUN): this run is a single job and ignores " +
      (given.length > 1 ? "them" : "it"),
  ));
}

/** `--job-overrides @-`: stdin's text, read whole (as curl's `@-`); else undefined. *
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { stdinText } from "./run_argv.ts";
 * assert.equal(await stdinText('["a=1"]'), undefined);
 * ```
 */
export async function stdinText(value: string): Promise<string | undefined> {
  if (value !== "@-") return undefined;
  try {
    return new TextDecoder().decode(await readStdin());
  } catch (e) {
    throw usage(`--job-overrides: cannot read stdin: ${osReason(e)}`);
  }
}

/**
 * `--job-overrides`: a JSON array of strings, or `@FILE` holding one (a
 * Kubernetes pod's projected ConfigMap entry), or `@-` (`stdin`: its text).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { pinnedOverrides } from "./run_argv.ts";
 * assert.deepEqual(pinnedOverrides('["lr=0.1"]', undefined), ["lr=0.1"]);
 * assert.deepEqual(pinnedOverrides("@-", '["a=1"]'), ["a=1"]);
 * ```
 */
export function pinnedOverrides(value: string, stdin: string | undefined): string[] {
  let text = stdin ?? value;
  if (stdin === undefined && value.startsWith("@")) {
    try {
      text = Deno.readTextFileSync(value.slice(1));
    } catch (e) {
      throw usage(`--job-overrides ${value}: ${osErrorMessage(e, value.slice(1))}`);
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || !parsed.every((o) => typeof o === "string")) {
    throw usage(
      `--job-overrides must be a JSON array of strings (or @FILE holding one), got '${
        text.length > 200 ? text.slice(0, 200) + "…" : text
      }'`,
    );
  }
  return parsed;
}

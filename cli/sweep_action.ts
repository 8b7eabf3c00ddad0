/**
 * What `strata sweep` does once its arguments are parsed (./sweep.ts defines
 * the command): expand the sweep, write its jobs or a scheduler's manifest.
 *
 * @module
 */

import { setEnvOverlay } from "../core/env.ts";
import { ErrorCode, StrataError } from "../core/errors.ts";
import {
  buildK8sStream,
  buildManifest,
  checkRequest,
  gitRoot,
  type ManifestFormat,
} from "../core/manifest/build.ts";
import { STRATA_ACTION } from "../core/manifest/github.ts";
import { readClusterLimits, SCONTROL_TIMEOUT_MS } from "../core/manifest/slurm_cluster.ts";
import { jsonlChunks, textLines } from "../core/manifest/jsonl.ts";
import type { Manifest } from "../core/manifest/types.ts";
import { checkOutPath, writeDirAtomic, writeFileAtomic } from "../core/manifest/write.ts";
import { noJobsWarning } from "../core/sweep/entries.ts";
import { expandSweep } from "../core/sweep/expand.ts";
import { configIdentity, JobIds } from "../core/sweep/job_id.ts";
import { isStdoutPath, writeErr, writeOut } from "./output.ts";
import {
  configNameNote,
  defaultConfigNote,
  modeNote,
  runDirNote,
} from "../core/run/overrides_note.ts";
import { projectSettings } from "./settings.ts";
import type { SweepOpts } from "./sweep.ts";
import { existsAt } from "../core/fs_stat.ts";

/** Formats whose --out is a directory of files. */
const DIR_FORMATS: readonly string[] = ["slurm", "github"];
const SCHEDULERS: readonly string[] = ["slurm", "k8s", "github"];

/** Flags that only some formats take (the option's attribute name → its formats). */
const ONLY_FOR: Record<string, readonly string[]> = {
  strataCmd: SCHEDULERS,
  name: SCHEDULERS,
  parallel: SCHEDULERS,
  time: SCHEDULERS,
  gpus: ["slurm", "k8s"],
  cpusPerTask: ["slurm", "k8s"],
  mem: ["slurm", "k8s"],
  partition: ["slurm"],
  sbatch: ["slurm"],
  maxArraySize: ["slurm"],
  runsOn: ["github"],
  strataAction: ["github"],
  image: ["k8s"],
  backoffLimitPerIndex: ["k8s"],
  env: ["k8s"],
  pvc: ["k8s"],
};

const flagOf = (attr: string) => "--" + attr.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase());

/** The command after the first `--` of the command line (commander adds it to the overrides). */
function commandAfterDashes(cmd: { parent: unknown }): string[] {
  // commander keeps the program's argv in `rawArgs`, which its typings omit.
  const raw = (cmd.parent as { rawArgs?: string[] } | null)?.rawArgs ?? [];
  const at = raw.indexOf("--");
  return at < 0 ? [] : raw.slice(at + 1);
}

function usage(message: string): StrataError {
  return new StrataError(ErrorCode.Usage, message);
}

/** Lines joined in chunks of 4096. */
function* textChunks(lines: Iterable<string>): Generator<string> {
  let chunk: string[] = [];
  for (const line of lines) {
    chunk.push(line);
    if (chunk.length === 4096) {
      yield chunk.join("\n") + "\n";
      chunk = [];
    }
  }
  if (chunk.length) yield chunk.join("\n") + "\n";
}

/** Writes a plain format's chunks: to --out atomically, or to stdout (held when validating). */
function writeChunks(
  chunks: Iterable<string | Uint8Array>,
  out: string | undefined,
  hold: boolean,
) {
  if (out) return writeFileAtomic(out, chunks);
  // Validated jobs are composed as they are produced and any of them may
  // fail: their output is held until all passed, so a failure leaves
  // nothing half-written. Unvalidated jobs cannot fail: they stream.
  // (Byte chunks are views of a reused buffer: each held one is copied
  // before the next is asked for, which overwrites the buffer.)
  if (!hold) {
    for (const chunk of chunks) writeOut(chunk);
    return;
  }
  const held: (string | Uint8Array)[] = [];
  for (const c of chunks) held.push(typeof c === "string" ? c : c.slice());
  for (const chunk of held) writeOut(chunk);
}

function dryRun(summary: string[], files: string[], out: string | undefined): void {
  const target = out ? files.map((f) => `  ${f}`) : ["  stdout"];
  writeOut([...summary, "would write:", ...target, ""].join("\n"));
}

/** Refuses a manifest of several files without --out. */
function checkFitsStdout(m: Manifest, format: string, out: string | undefined): void {
  if (!out && m.single === undefined) {
    throw usage(
      `The ${format} manifest is ${m.files.length} files (${m.summary[1]}): give --out DIR`,
    );
  }
}

function writeManifest(m: Manifest, format: string, out: string | undefined): void {
  if (out && DIR_FORMATS.includes(format)) {
    const stale = writeDirAtomic(out, m.files);
    if (stale.length) {
      const shown = stale.length > 5 ? [...stale.slice(0, 5), "..."] : stale;
      writeErr(
        `removed ${stale.length} file(s) an earlier sweep wrote in ${out}: ${shown.join(", ")}\n`,
      );
    }
    return;
  }
  if (out) return writeFileAtomic(out, [m.files[0].text]);
  writeOut(m.single!);
}

/**
 * `--count` prints one number on stdout: what would ask it to write a file
 * or a manifest is refused, not silently dropped (`--count > FILE` writes it).
 */
function checkCount(opts: { format: string; out?: string; dryRun?: boolean }): void {
  if (opts.out) {
    throw usage(
      `--count and --out cannot be used together: --count prints the number of jobs on stdout ` +
        `(redirect it: --count > ${opts.out}), --out writes the jobs`,
    );
  }
  if (opts.dryRun) {
    throw usage("--count and --dry-run cannot be used together: --count writes nothing already");
  }
  if (SCHEDULERS.includes(opts.format)) {
    throw usage(
      `--count and --format ${opts.format} cannot be used together: --count prints only the ` +
        `number of jobs; --format ${opts.format} --dry-run describes the manifest's files`,
    );
  }
}

/**
 * Refuses, before any job is expanded: flags of another format, CMD where
 * none runs (or none where one must), a bad scheduler request, an --out
 * that cannot be written.
 */
function checkUsage(
  opts: { format: string; count?: boolean; out?: string } & Record<string, unknown>,
  command: string[],
): void {
  const { format } = opts;
  const scheduler = SCHEDULERS.includes(format);
  if (opts.count) checkCount(opts);
  for (const [attr, formats] of Object.entries(ONLY_FOR)) {
    if (opts[attr] !== undefined && !formats.includes(format)) {
      throw usage(`${flagOf(attr)} is for --format ${formats.join(", ")}, not ${format}`);
    }
  }
  if (command.length && !scheduler) throw usage(`-- CMD is for --format slurm, k8s, github`);
  // Without --out, -f github prints the matrix alone (for a workflow's own fromJSON): no job
  // command is written, so none is asked for (one given is refused below, not dropped).
  const matrixOnly = format === "github" && !opts.out && !opts.dryRun;
  if (scheduler && !matrixOnly && !command.length) {
    throw usage(`--format ${format} needs the command each job runs: ... -- CMD ARGS`);
  }
  // Words split on spaces: none would make every task run `run --job-index ...`.
  if (typeof opts.strataCmd === "string" && opts.strataCmd.trim() === "") {
    throw usage(
      `--strata-cmd needs the command that runs strata, e.g. --strata-cmd /opt/strata/bin/strata`,
    );
  }
  // what only the workflow holds would be dropped silently
  if (matrixOnly) {
    const dropped = ["runsOn", "parallel", "time", "strataAction", "strataCmd", "name"]
      .filter((a) => opts[a] !== undefined).map(flagOf);
    if (command.length) dropped.push("-- CMD");
    if (dropped.length) {
      throw usage(
        `${dropped.join(", ")} ${dropped.length > 1 ? "go" : "goes"} into the workflow, which ` +
          "is written with --out DIR only (without it, stdout gets the matrix alone): give --out DIR",
      );
    }
  }
  // `uses:` takes owner/repo[/path]@ref or a local ./path
  const action = opts.strataAction as string | undefined;
  if (action !== undefined && !/^(\.\/\S+|[\w.-]+\/[\w./-]+@[\w./-]+)$/.test(action)) {
    throw usage(
      `--strata-action '${action}' is not an action GitHub can use: give owner/repo@ref ` +
        `(e.g. my-org/strata@v0.1.0) or a local ./path`,
    );
  }
  if (scheduler) checkRequest({ ...opts, format: format as ManifestFormat });
  // `-o .github/workflows/sweep.yml` would make a directory of that name, which GitHub never
  // runs (checker w39): the workflow is written into the directory given
  if (
    format === "github" && opts.out && /\.ya?ml$/i.test(opts.out) &&
    !existsAt(opts.out, { links: true })
  ) {
    throw usage(
      `-o '${opts.out}' names a file, and -f github writes a directory (workflow.yml and the ` +
        "matrices in it): give a directory (-o .github/sweep), then copy its workflow.yml into " +
        ".github/workflows/",
    );
  }
  if (opts.out) checkOutPath(opts.out, DIR_FORMATS.includes(format) ? "dir" : "file");
  // the pods' environment: `--env PROJECT_ROOT=/data` is what their `${oc.env:PROJECT_ROOT}`
  // reads, so the manifest's dirs resolve and its jobs validate with it, not with this shell's;
  // `--env NAME` gives them this shell's value, and a name not given is not theirs
  if (format === "k8s") {
    const values = new Map<string, string>();
    for (const e of opts.env as string[] | undefined ?? []) {
      const eq = e.indexOf("=");
      const value = eq < 0 ? Deno.env.get(e) : e.slice(eq + 1);
      if (value !== undefined) values.set(eq < 0 ? e : e.slice(0, eq), value);
    }
    setEnvOverlay(
      values,
      (name) =>
        `the pods have the variables --env gives them, not this shell's: give --env ${name}=VALUE`,
    );
  }
}

/**
 * Expands the sweep and writes what `opts` ask for.
 *
 * @example
 * ```ts ignore
 * import { buildProgram } from "./main.ts";
 * buildProgram().parse(["sweep", "-d", "conf", "db=mysql,postgresql"], { from: "user" });
 * ```
 */
export async function sweepAction(
  args: string[],
  opts: SweepOpts,
  cmd: { parent: unknown; getOptionValueSource(key: string): string | undefined },
): Promise<void> {
  // `-o -` (and the names of stdout Deno's sandbox will not open) is stdout.
  if (opts.out !== undefined && isStdoutPath(opts.out)) opts = { ...opts, out: undefined };
  const command = commandAfterDashes(cmd);
  const overrides = args.slice(0, args.length - command.length);
  checkUsage(opts, command);
  // As compose and run -m do: -d/-n, else .strata.yaml, else conf/config; the resolvers of
  // .strata.yaml and --resolvers.
  const { configDir, configName, configNameAt, searchPath, versionBase, resolvers, settings } =
    await projectSettings(
      cmd,
      opts,
      opts.resolvers ?? [],
    );
  const sweepOptions = {
    configDir,
    configName,
    configNameAt,
    versionBase,
    overrides,
    link: opts.link,
    searchPath,
    resolvers,
    opaqueResolvers: settings.opaqueResolvers,
  };
  // a job's composition warnings as its job is validated (once each over the sweep)
  const sweep = expandSweep({ ...sweepOptions, validate: opts.validate, onJobWarning: writeErr });
  for (const w of sweep.warnings) writeErr(w);
  // a listing of no jobs is Hydra's (exit 0), with a word on why; a manifest fails, saying it
  const format = opts.format;
  if (opts.count || format === "jsonl" || format === "text") {
    for (const empty of sweep.empty) writeErr(noJobsWarning(empty));
  }
  if (opts.count) {
    // The count is checked as a listing is: every job composes (unless --no-validate).
    if (opts.validate !== false) { for (const job of sweep) void job; }
    return writeOut(`${sweep.count}\n`);
  }
  const identity = configIdentity(sweepOptions);
  if (format === "jsonl" || format === "text") {
    const chunks = format === "jsonl"
      ? jsonlChunks(sweep, new JobIds(identity))
      : textChunks(textLines(sweep));
    if (!opts.dryRun) return writeChunks(chunks, opts.out, opts.validate !== false);
    for (const _ of chunks) { /* compose every job, as writing would */ }
    return dryRun([`jobs: ${sweep.count}`], [opts.out ?? ""], opts.out);
  }
  // a config error in the first job is said first, not after scontrol's wait and the notes
  // (checker x56 #3); the manifest composes every job again as it is written
  if (format === "slurm" && opts.validate !== false && sweep.count > 0) void sweep.jobAt(0);
  // scontrol with a controller that does not answer waits ~9 s: it is given 2
  const cluster = format === "slurm" ? await readClusterLimits() : undefined;
  if (cluster?.timedOut) {
    // (with --max-array-size given, only the script size is SLURM's default: checker x32)
    const size = opts.maxArraySize === undefined ? `MaxArraySize ${cluster.size}, ` : "";
    writeErr(
      `note: scontrol show config did not answer in ${SCONTROL_TIMEOUT_MS / 1000} s (is the ` +
        `SLURM controller up?): the scripts assume SLURM's defaults (${size}max_script_size ` +
        `${cluster.scriptSize} bytes)\n`,
    );
  }
  // a Hydra app given no {overrides} would run its default config in every task
  const note = defaultConfigNote(command);
  if (note) writeErr(note);
  const named = configNameNote(command, sweepOptions.configName);
  if (named) writeErr(named);
  const runDir = runDirNote(command, [], sweep.configRunDir);
  if (runDir) writeErr(runDir);
  const mode = modeNote(command, sweep.configMode);
  if (mode) writeErr(mode);
  const request = {
    ...opts,
    cluster,
    format,
    sweep: sweepOptions,
    command,
    resolverFiles: opts.resolvers,
    identity,
    strataCmd: opts.strataCmd?.split(/\s+/).filter((w) => w !== ""),
  };
  if (format === "k8s") {
    // One file, written as it is produced: memory stays flat however many jobs.
    const stream = buildK8sStream(sweep, request);
    for (const w of stream.warnings ?? []) writeErr(w);
    // held on stdout even unvalidated: a job too big for a ConfigMap fails it midway, and
    // `| kubectl apply -f -` must get nothing then (with -o, the file is written atomically)
    if (!opts.dryRun) return writeChunks(stream.chunks, opts.out, true);
    for (const _ of stream.chunks) { /* compose every job, as writing would */ }
    return dryRun(stream.summary, [opts.out ?? ""], opts.out);
  }
  const manifest = buildManifest(sweep, request);
  // the config's launcher: what the manifest took of its settings, and what it could not
  for (const w of manifest.warnings ?? []) writeErr(w);
  if (!opts.dryRun) {
    checkFitsStdout(manifest, format, opts.out);
    writeManifest(manifest, format, opts.out);
    if (format === "github" && opts.out && gitRoot(Deno.cwd()) === undefined) {
      writeErr(
        `note: no git repository holds ${Deno.cwd()}: the workflow takes it for the root of ` +
          "the checkout it reads the matrices from (commit it as a repository's root, or run " +
          "strata sweep inside the repository)\n",
      );
    }
    if (format === "github" && opts.out && !opts.strataCmd && !opts.strataAction) {
      writeErr(
        `note: workflow.yml installs strata with ${STRATA_ACTION}, a placeholder: give ` +
          "--strata-action owner/repo@ref (where strata's action is) or --strata-cmd\n",
      );
    }
    return;
  }
  dryRunManifest(manifest, format, opts.out);
}

/**
 * What a manifest's dry run says it would write. Without --out, a manifest
 * of several files is described all the same (a dry run needs no
 * directory), with what writing it would need.
 */
function dryRunManifest(m: Manifest, format: string, out: string | undefined): void {
  const dir = DIR_FORMATS.includes(format);
  if (out) {
    return dryRun(m.summary, m.files.map((f) => dir ? `${out}/${f.name}` : out), out);
  }
  if (m.single !== undefined) return dryRun(m.summary, [], undefined);
  const files = m.files.map((f) => `  DIR/${f.name}`);
  writeOut(
    [...m.summary, `would write (with --out DIR: ${m.files.length} files):`, ...files, ""]
      .join("\n"),
  );
}

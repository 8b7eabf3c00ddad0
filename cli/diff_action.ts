/**
 * What `strata diff` does once its arguments are parsed (./diff.ts
 * defines the command).
 *
 * @module
 */

import { ONE_CONFIG_SWEEP_HINT } from "../core/compose/sweep_error.ts";
import { inlineValue, toJsonData } from "../core/container.ts";
import { ErrorCode, formatWarning, isStrataError, StrataError } from "../core/errors.ts";
import type { Node } from "../core/node.ts";
import {
  type Change,
  diffConfigs,
  type ResolvedChange,
  resolvedChanges,
  sharedInterpolations,
} from "../core/provenance/diff.ts";
import { type Resolved, resolvedOf } from "../core/provenance/resolved_side.ts";
import {
  deletedOn,
  loadSide,
  originOn,
  type Side,
  type SideSpec,
} from "../core/provenance/sides.ts";
import { decodeConfig } from "../core/yaml/text.ts";
import { configJobName } from "../core/run/config_job_name.ts";
import { pathText } from "../core/output/flat.ts";
import { readCapped, readStdin } from "./stdin.ts";
import { writeErr, WriteFailed, writeOut } from "./output.ts";
import { Exit } from "./failure.ts";
import type { DiffOpts } from "./diff.ts";
import { projectSettings } from "./settings.ts";

const MARK = { changed: "~", added: "+", removed: "-" } as const;

/** What a resolved change says after its value: the interpolation both sides write, and where. */
function resolvedNote(c: ResolvedChange): string {
  const at = c.writtenKey === c.key ? "" : ` at ${c.writtenKey}`;
  return ` (resolved; both write ${String(toJsonData(c.written.a))}${at})`;
}

function diffText(a: Side, b: Side, changes: Change[], resolved: ResolvedChange[]): string {
  const lines = [`--- a: ${a.label}`, `+++ b: ${b.label}`];
  for (const c of [...changes, ...resolved] as (Change | ResolvedChange)[]) {
    const value = c.change === "changed"
      ? `${inlineValue(c.a!)} -> ${inlineValue(c.b!)}`
      : inlineValue((c.a ?? c.b)!);
    if ("writtenKey" in c) {
      // where the interpolation is written: the resolved value has no place of its own
      lines.push(`${MARK[c.change]} ${c.key}: ${value}${resolvedNote(c)}`);
      lines.push(`    a: ${originOn(a, c.writtenKey, c.written.a)}`);
      lines.push(`    b: ${originOn(b, c.writtenKey, c.written.b)}`);
      continue;
    }
    lines.push(`${MARK[c.change]} ${c.key}: ${value}`);
    const gone = (s: Side) => {
      const by = deletedOn(s, c.key);
      return by && `deleted by ${deletion(by)}`;
    };
    if (c.a) lines.push(`    a: ${originOn(a, c.key, c.a)}`);
    else if (gone(a)) lines.push(`    a: ${gone(a)}`);
    if (c.b) lines.push(`    b: ${originOn(b, c.key, c.b)}`);
    else if (gone(b)) lines.push(`    b: ${gone(b)}`);
  }
  const count = (k: Change["change"]) => changes.filter((c) => c.change === k).length;
  const more = resolved.length > 0 ? `, ${resolved.length} resolved differently` : "";
  lines.push(
    `${count("changed")} changed, ${count("added")} added, ${count("removed")} removed${more}`,
  );
  return lines.join("\n") + "\n";
}

/** A deleting override as the report names it: `override ~db.user (run/.hydra/overrides.yaml)`. */
function deletion(by: { override: string; from: string }): string {
  return `override ${by.override} (${by.from})`;
}

function diffJson(
  a: Side,
  b: Side,
  changes: Change[],
  resolved: ResolvedChange[] | null,
): string {
  // a key the side's `~key` deleted keeps the shape of a value, typed "deleted", its origin the
  // override that deleted it
  const deleted = (s: Side, key: string) => {
    const by = deletedOn(s, key);
    return by === undefined ? null : { value: null, type: "deleted", origin: deletion(by) };
  };
  const side = (s: Side, key: string, n: Node | undefined) =>
    n === undefined ? deleted(s, key) : {
      value: toJsonData(n),
      type: n.kind === "value" ? n.type : n.kind,
      origin: originOn(s, key, n),
    };
  return JSON.stringify(
    {
      a: a.label,
      b: b.label,
      same: changes.length === 0 && !resolved?.length,
      changes: changes.map((c) => ({
        key: c.key,
        change: c.change,
        a: side(a, c.key, c.a),
        b: side(b, c.key, c.b),
      })),
      // null: a side has no resolved config (a run directory Hydra wrote)
      resolved: resolved && resolved.map((c) => ({
        key: c.key,
        change: c.change,
        written: toJsonData(c.written.a),
        writtenKey: c.writtenKey,
        a: c.a === undefined ? null : resolvedSide(a, c, c.a, c.written.a),
        b: c.b === undefined ? null : resolvedSide(b, c, c.b, c.written.b),
      })),
    },
    null,
    2,
  ) + "\n";
}

/** A resolved value in JSON: its origin is where its interpolation is written. */
function resolvedSide(s: Side, c: ResolvedChange, n: Node, written: Node) {
  return {
    value: toJsonData(n),
    type: n.kind === "value" ? n.type : n.kind,
    origin: originOn(s, c.writtenKey, written),
  };
}

/**
 * The keys both sides write as the same interpolation whose resolved values
 * differ, when both sides have a resolved config; else null, with a note
 * when such keys exist (they may differ, unseen).
 */
function compareResolved(
  a: Side,
  b: Side,
  resolve: () => [Resolved, Resolved],
): ResolvedChange[] | null {
  const shared = sharedInterpolations(a.config, b.config);
  if (shared.length === 0) return [];
  const [ra, rb] = resolve();
  if ("config" in ra && "config" in rb) {
    return resolvedChanges(a.config, b.config, ra.config, rb.config);
  }
  const why = "none" in ra ? ra.none : (rb as { none: string }).none;
  const keys = shared.slice(0, 3).map((s) => pathText(s.leaf)).join(", ");
  const more = shared.length > 3 ? `, ... (${shared.length})` : "";
  writeErr(
    `note: the values both sides write as the same interpolation (${keys}${more}) are ` +
      `compared as written: ${why}\n`,
  );
  return null;
}

/** A pipe or device a side is read from, and its read. */
interface Reading {
  file: Deno.FsFile;
  read: Promise<Uint8Array>;
}

/** The sides' open pipes, and whether their reader is done with them (finished or failed). */
interface Opened {
  readings: Reading[];
  done: boolean;
}

/**
 * A path of `-` is stdin, as in diff(1), and a path that is a pipe or a
 * device (`<(strata compose ...)`, `/dev/null`) is read as stdin is, to its
 * end or the size limit: read here, handed to core as text. The file it
 * opens goes into `open`, for the caller to close; a FIFO whose open
 * completes after the caller gave up (`open.done`) is closed at once.
 */
async function stdinSide(spec: SideSpec, open: Opened): Promise<SideSpec> {
  if (!("path" in spec)) return spec;
  if (spec.path === "-") {
    const file = "<stdin>";
    return { text: decodeConfig(await readStdin(), file), label: "-", file };
  }
  const info = await Deno.stat(spec.path).catch(() => undefined);
  if (info === undefined || info.isFile || info.isDirectory) return spec;
  const file = await Deno.open(spec.path);
  if (open.done) {
    // the other side failed while this FIFO waited for its writer: nobody reads it
    release(file);
    return spec;
  }
  const read = readCapped(file.readable);
  open.readings.push({ file, read });
  const text = decodeConfig(await read, spec.path);
  return { text, label: spec.path, file: spec.path };
}

/**
 * Both sides read by {@link stdinSide}, together (each may be a pipe whose
 * writer waits for it). When one fails, the pipe the other is reading is
 * closed, not left reading (`diff <(slow) bad.fifo`), and its read waited
 * for; a FIFO still waiting for a writer is not waited for, and closed as
 * soon as its open completes.
 */
async function readSides(specs: SideSpec[]): Promise<SideSpec[]> {
  const open: Opened = { readings: [], done: false };
  try {
    return await Promise.all(specs.map((s) => stdinSide(s, open)));
  } finally {
    open.done = true;
    for (const { file } of open.readings) release(file);
    await Promise.allSettled(open.readings.map((r) => r.read));
  }
}

/** Closes a side's file, unless its stream closed it (at its end or at the size limit). */
function release(file: Deno.FsFile): void {
  try {
    file.close();
  } catch (e) {
    if (!(e instanceof Deno.errors.BadResource)) throw e;
  }
}

/** diff(1)'s convention: any trouble is exit 2, since 1 means "different". */
function asTrouble<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (!isStrataError(e) || e.code === ErrorCode.Usage) throw e;
    throw new StrataError(ErrorCode.Usage, e.message, e);
  }
}

async function asTroubleAsync<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    return asTrouble(() => {
      throw e;
    });
  }
}

/**
 * Compares the two sides and prints the changes; sets exit code 1 when they differ.
 *
 * @example
 * ```ts ignore
 * import { buildProgram } from "./main.ts";
 * await buildProgram().parseAsync(["diff", "--help"], { from: "user" });
 * ```
 */
export async function diffAction(
  paths: string[],
  opts: DiffOpts,
  cmd: { getOptionValueSource(key: string): string | undefined },
): Promise<void> {
  const specs: (SideSpec | undefined)[] = [
    opts.a === undefined ? undefined : { overrides: opts.a, option: "--a" },
    opts.b === undefined ? undefined : { overrides: opts.b, option: "--b" },
  ];
  const rest = [...paths];
  for (let i = 0; i < 2; i++) {
    if (specs[i] === undefined && rest.length > 0) specs[i] = { path: rest.shift()! };
  }
  if (specs.includes(undefined) || rest.length > 0) {
    throw new StrataError(
      ErrorCode.Usage,
      "diff takes two sides: two paths, --a and --b, or one of each " +
        `(got ${paths.length} path(s)${opts.a !== undefined ? ", --a" : ""}${
          opts.b !== undefined ? ", --b" : ""
        })`,
    );
  }
  if (paths.filter((p) => p === "-").length > 1) {
    throw new StrataError(ErrorCode.Usage, "'-' (stdin) can be only one side of the diff");
  }
  const given = await asTroubleAsync(() => readSides(specs as SideSpec[]));
  // .strata.yaml's config_dir, config_name and resolvers, as compose reads them
  const { configDir, configName, configNameAt, searchPath, versionBase, resolvers, settings } =
    await projectSettings(cmd, opts, opts.resolvers ?? []);
  const base = {
    // (an app's resolver in hydra.run.dir leaves the run dir as written: checker v43)
    opaqueResolvers: settings.opaqueResolvers,
    configDir,
    configName,
    configNameAt,
    versionBase,
    searchPath,
    sweepHint: ONE_CONFIG_SWEEP_HINT,
    fromShell: true,
    // hydra.job.name of an override set's side, as `strata run --job-name` (a run of train.py
    // names it `train`): the config name, as run without a script, else
    jobName: opts.jobName ?? configJobName(configName),
  };
  const [a, b] = asTrouble(() => given.map((s) => loadSide(s, base)));
  for (const w of [...a.warnings ?? [], ...b.warnings ?? []]) {
    writeErr(formatWarning(w.message, w.origin));
  }
  const changes = diffConfigs(a.config, b.config);
  // compared as written, then resolved where both write the same interpolation:
  // one time for both sides' `${now:...}`
  const now = new Date();
  const resolved = compareResolved(a, b, () => {
    const r = (s: SideSpec, side: Side) => resolvedOf(s, side, { ...base, now, resolvers });
    return asTrouble(() => [r(given[0], a), r(given[1], b)]);
  });
  const different = changes.length > 0 || (resolved?.length ?? 0) > 0;
  // a run's job of a config that sweeps itself got its sweeper's params as overrides
  const [swept, run] = a.swept ? [a, b] : [b, a];
  if (different && swept.swept && run.recordedFile !== undefined) {
    writeErr(
      `note: ${swept === a ? "--a" : "--b"}'s config sets hydra.mode: MULTIRUN, so each job of ` +
        `its runs also gets hydra.sweeper.params (${swept.swept.join(", ")}) as overrides, ` +
        "which this side, composed as compose composes it, lacks: to compare with the run's " +
        `job, give the job's overrides (${run.recordedFile})`,
    );
  }
  try {
    if (opts.format === "json") writeOut(diffJson(a, b, changes, resolved));
    else if (different) writeOut(diffText(a, b, changes, resolved ?? []));
  } catch (e) {
    // a report that was not written is trouble (2), not "different" (1): a CI step reading
    // the exit code must not take a full disk for a change
    if (!(e instanceof WriteFailed)) throw e;
    writeErr(`strata: ${e.message}`);
    Deno.exitCode = Exit.Usage;
    return;
  }
  if (different) Deno.exitCode = 1;
}

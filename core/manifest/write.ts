/**
 * Writing output so that an error never leaves part of it: a file is written
 * under a temporary name in its own directory and renamed; a directory of
 * files is filled under a temporary name and renamed (or, when it exists, its
 * files are renamed into it once all are written).
 *
 * @module
 */

import { basename, dirname, join, resolve } from "../path.ts";
import { ErrorCode, StrataError } from "../errors.ts";
import type { ManifestFile } from "./types.ts";
import { osReason } from "../os_error.ts";

const encoder = new TextEncoder();

/**
 * `path`'s file info, or null when nothing is there. A path strata may not
 * look at is said to be so, not missing: Deno's sandbox refuses devices and
 * /proc (`/dev/stdout`), which ../os_error.ts words.
 */
function statOf(path: string, what: string, shown = path): Deno.FileInfo | null {
  try {
    return Deno.statSync(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound || e instanceof Deno.errors.NotADirectory) return null;
    // /dev/stdout is what a user may mean: stdout is one option away
    const hint = e instanceof Deno.errors.NotCapable
      ? "; to write to stdout, leave out -o or give -o -"
      : "";
    throw new StrataError(
      ErrorCode.Usage,
      `Cannot write ${what} '${shown}': ${osReason(e)}${hint}`,
    );
  }
}

/** Refuses an output path whose directory does not exist. */
function checkParent(path: string, what: string): string {
  const parent = dirname(resolve(path));
  const st = statOf(parent, what, path);
  if (!st?.isDirectory) {
    throw new StrataError(
      ErrorCode.Usage,
      `Cannot write ${what} '${path}': ` +
        (st
          ? `'${dirname(path)}' is not a directory`
          : `the directory '${dirname(path)}' does not exist`),
    );
  }
  return parent;
}

/**
 * Where writing `path` lands: through symlinks, at the file they point to, as
 * the shell's `>` does, so that a link into shared storage stays a link.
 */
function landing(path: string): string {
  let p = resolve(path);
  for (let hops = 0; hops < 40; hops++) {
    let st: Deno.FileInfo;
    try {
      st = Deno.lstatSync(p);
    } catch {
      return p; // missing, or out of reach: statOf says which
    }
    if (!st.isSymlink) return p;
    p = resolve(dirname(p), Deno.readLinkSync(p));
  }
  return p; // a symlink loop: opening it fails with the system's message
}

/** Runs a file-system call of writing `path`; its failure is an error naming `path`, exit 1. */
function io<T>(path: string, call: () => T, what = "the file"): T {
  try {
    return call();
  } catch (e) {
    const why = osReason(e);
    throw new StrataError(ErrorCode.Input, `Cannot write ${what} '${path}': ${why}`);
  }
}

function writeAll(file: Deno.FsFile, chunk: string | Uint8Array): void {
  const bytes = typeof chunk === "string" ? encoder.encode(chunk) : chunk;
  let off = 0;
  while (off < bytes.length) off += file.writeSync(bytes.subarray(off));
}

const tempName = (path: string) =>
  join(dirname(resolve(path)), `.${basename(path)}.tmp-${Deno.pid}-${Date.now().toString(36)}`);

/**
 * Checks that `path` can be written as a file or as a directory of files,
 * before anything is computed.
 *
 * @throws {StrataError} `usage` when its directory is missing, strata may not
 *   reach it, or the path is of the other kind.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkOutPath } from "./write.ts";
 * assert.throws(() => checkOutPath("/no/such/dir/out.yaml", "file"), /does not exist/);
 * ```
 */
export function checkOutPath(path: string, kind: "file" | "dir"): void {
  const what = kind === "file" ? "the file" : "into";
  checkParent(path, what);
  const st = statOf(path, what);
  if (st && (kind === "dir") !== st.isDirectory) {
    throw new StrataError(
      ErrorCode.Usage,
      `Cannot write ${kind === "dir" ? "into" : "the file"} '${path}': it is ${
        st.isDirectory ? "a directory" : "a file, and this format writes a directory"
      }`,
    );
  }
}

/**
 * Writes `chunks` (text, or bytes used before the next chunk is asked for) to `path` atomically: all of it, or nothing (and no temporary file).
 * A symlink is written through (its target replaced, the link kept); a FIFO
 * or device is written into, not replaced.
 *
 * @throws {StrataError} `usage` when the directory is missing; `input` when
 *   writing fails (permission, disk full); whatever `chunks` throws.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { writeFileAtomic } from "./write.ts";
 * const dir = Deno.makeTempDirSync();
 * assert.throws(() => writeFileAtomic(`${dir}/out.txt`, (function* () {
 *   yield "a\n";
 *   throw new Error("job 2 failed");
 * })()));
 * assert.deepEqual([...Deno.readDirSync(dir)], []);
 * writeFileAtomic(`${dir}/out.txt`, ["a\n", "b\n"]);
 * assert.equal(Deno.readTextFileSync(`${dir}/out.txt`), "a\nb\n");
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function writeFileAtomic(
  path: string,
  chunks: Iterable<string | Uint8Array>,
  mode?: number,
): void {
  checkOutPath(path, "file");
  const target = landing(path);
  const st = statOf(target, "the file", path);
  // a FIFO or a device cannot be replaced, only written: the whole text first,
  // so that a failing job still leaves nothing in it
  if (st && !st.isFile) return writeInPlace(target, [...chunks], path);
  const temp = tempName(target);
  const file = io(path, () => Deno.openSync(temp, { write: true, createNew: true, mode }));
  try {
    try {
      for (const chunk of chunks) io(path, () => writeAll(file, chunk));
    } finally {
      file.close();
    }
    io(path, () => Deno.renameSync(temp, target));
  } catch (e) {
    Deno.removeSync(temp);
    throw e;
  }
}

function writeInPlace(target: string, chunks: (string | Uint8Array)[], shown: string): void {
  const file = io(shown, () => Deno.openSync(target, { write: true }));
  try {
    for (const chunk of chunks) io(shown, () => writeAll(file, chunk));
  } finally {
    file.close();
  }
}

/**
 * Writes `files` into directory `dir` (created when missing; its parent must
 * exist): all of them, or none. In a directory that was there, the numbered
 * files an earlier sweep wrote that this one does not (`array_002.sbatch`,
 * `matrix_003.json`, `job_7.json`), and another format's `submit.sh` or
 * `workflow.yml` strata wrote, are removed, so that `sbatch dir/*.sbatch`
 * runs no stale job; their names are returned.
 *
 * @throws {StrataError} `usage` when the parent is missing or `dir` is a file.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { writeDirAtomic } from "./write.ts";
 * const dir = Deno.makeTempDirSync();
 * const sh = { name: "array_000.sbatch", text: "echo\n", executable: true };
 * writeDirAtomic(`${dir}/sweep`, [sh, { ...sh, name: "array_001.sbatch" }]);
 * assert.equal(Deno.readTextFileSync(`${dir}/sweep/array_000.sbatch`), "echo\n");
 * assert.equal(Deno.statSync(`${dir}/sweep/array_000.sbatch`).mode! & 0o111, 0o111);
 * assert.deepEqual(writeDirAtomic(`${dir}/sweep`, [sh]), ["array_001.sbatch"]);
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function writeDirAtomic(dir: string, files: ManifestFile[]): string[] {
  checkOutPath(dir, "dir");
  // Into a directory that exists, the files are staged inside it: it may be another file system
  // than its parent (a mount point, a container's volume), where a rename from beside it fails.
  const exists = statOf(dir, "into") !== null;
  const temp = exists ? tempName(join(dir, ".strata")) : tempName(dir);
  io(dir, () => Deno.mkdirSync(temp), "into");
  try {
    io(dir, () => {
      for (const f of files) {
        Deno.writeTextFileSync(join(temp, f.name), f.text, { mode: f.executable ? 0o755 : 0o644 });
      }
      if (exists || statOf(dir, "into")) {
        for (const f of files) Deno.renameSync(join(temp, f.name), join(dir, f.name));
        Deno.removeSync(temp);
      } else {
        Deno.renameSync(temp, dir);
      }
    }, "into");
  } catch (e) {
    Deno.removeSync(temp, { recursive: true });
    throw e;
  }
  if (!exists) return [];
  const written = new Set(files.map((f) => f.name));
  const stale: string[] = [];
  for (const e of Deno.readDirSync(dir)) {
    if (!e.isFile || written.has(e.name)) continue;
    if (GENERATED.test(e.name) || wroteOwn(join(dir, e.name), e.name)) stale.push(e.name);
  }
  stale.sort();
  for (const name of stale) io(join(dir, name), () => Deno.removeSync(join(dir, name)));
  return stale;
}

/** The numbered files a sweep's manifest writes (slurm's arrays, github's matrices, job files). */
const GENERATED = /^(array_\d+\.sbatch|matrix_\d+\.json|job_\d+\.json)$/;

/**
 * The other files of a format, by how strata begins them: a `submit.sh` left by a slurm sweep
 * would submit arrays that are gone; a file of the same name strata did not write stays.
 */
const OWN_START: Record<string, RegExp> = {
  "submit.sh": /^#!\/bin\/bash\n# Submits the \d+ job array\(s\) of strata sweep /,
  "workflow.yml": /^# strata sweep \S+: \d+ jobs in \d+ matrix chunk/,
};

function wroteOwn(path: string, name: string): boolean {
  const start = OWN_START[name];
  if (start === undefined) return false;
  try {
    const file = Deno.openSync(path);
    try {
      const head = new Uint8Array(200);
      const n = file.readSync(head) ?? 0;
      return start.test(new TextDecoder().decode(head.subarray(0, n)));
    } finally {
      file.close();
    }
  } catch {
    return false;
  }
}

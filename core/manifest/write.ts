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
 * assert.throws(() => checkOutPath("jobs/", "file"), /ending in '\/' names a directory/);
 * ```
 */
export function checkOutPath(path: string, kind: "file" | "dir"): void {
  const what = kind === "file" ? "the file" : "into";
  // `out/` names a directory: written as a file `out`, it would block a later `mkdir out`
  if (kind === "file" && /[/\\]$/.test(path)) {
    throw new StrataError(
      ErrorCode.Usage,
      `Cannot write the file '${path}': a path ending in '/' names a directory, and this format ` +
        `writes one file`,
    );
  }
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
 * exist): all of them, or none. In a directory that was there, the files an
 * earlier sweep wrote that this one does not (`array_002.sbatch`,
 * `matrix_003.json`, `job_7.json`, another format's `submit.sh` or
 * `workflow.yml`) are removed, so that `sbatch dir/*.sbatch` runs no stale
 * job; their names are returned. Strata knows its files by how they begin: a
 * file of such a name that begins otherwise is the user's, kept, and never
 * written over.
 *
 * @throws {StrataError} `usage` when the parent is missing, `dir` is a file,
 *   or a file there that strata did not write has the name of one to write.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { writeDirAtomic } from "./write.ts";
 * const dir = Deno.makeTempDirSync();
 * const text = "#!/bin/bash\n# strata sweep sw: jobs 0-1 of 2\n";
 * const sh = { name: "array_000.sbatch", text, executable: true };
 * writeDirAtomic(`${dir}/sweep`, [sh, { ...sh, name: "array_001.sbatch" }]);
 * assert.equal(Deno.readTextFileSync(`${dir}/sweep/array_000.sbatch`), text);
 * assert.equal(Deno.statSync(`${dir}/sweep/array_000.sbatch`).mode! & 0o111, 0o111);
 * assert.deepEqual(writeDirAtomic(`${dir}/sweep`, [sh]), ["array_001.sbatch"]);
 * Deno.writeTextFileSync(`${dir}/sweep/submit.sh`, "my notes\n");
 * assert.throws(() => writeDirAtomic(`${dir}/sweep`, [{ ...sh, name: "submit.sh" }]), /strata wrote/);
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function writeDirAtomic(dir: string, files: ManifestFile[]): string[] {
  checkOutPath(dir, "dir");
  const theirs = files.map((f) => f.name).filter((name) => {
    const st = statOf(join(dir, name), "into", dir);
    return st !== null && !(st.isFile && wroteOwn(join(dir, name), name));
  });
  if (theirs.length) {
    throw new StrataError(
      ErrorCode.Usage,
      `Cannot write into '${dir}': ${theirs.slice(0, 3).map((n) => `'${n}'`).join(", ")}${
        theirs.length > 3 ? ` and ${theirs.length - 3} more` : ""
      } there ${theirs.length === 1 ? "is not a file" : "are not files"} strata wrote (move ${
        theirs.length === 1 ? "it" : "them"
      } away, or give another --out)`,
    );
  }
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
    if (wroteOwn(join(dir, e.name), e.name)) stale.push(e.name);
  }
  stale.sort();
  for (const name of stale) io(join(dir, name), () => Deno.removeSync(join(dir, name)));
  return stale;
}

/**
 * The files a sweep's manifest writes, by name, and how strata begins each: a file of
 * such a name that begins otherwise is the user's (a `submit.sh` of their own, a
 * `matrix_007.json` they keep there).
 */
const OWN_FILES: [name: RegExp, start: RegExp][] = [
  [/^array_\d+\.sbatch$/, /^#!\/bin\/bash\n# strata sweep /],
  [/^matrix_\d+\.json$/, /^\{"include":\[/],
  [/^job_\d+\.json$/, /^\["/],
  [/^submit\.sh$/, /^#!\/bin\/bash\n# Submits the \d+ job array\(s\) of strata sweep /],
  [/^workflow\.yml$/, /^# strata sweep \S+: \d+ jobs in \d+ matrix chunk/],
];

function wroteOwn(path: string, name: string): boolean {
  const start = OWN_FILES.find(([n]) => n.test(name))?.[1];
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

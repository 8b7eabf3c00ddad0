/**
 * Config files read with other contents than the disk's: `validate --staged`
 * in a plain git hook (pre-commit stashes unstaged changes, a bare
 * `.git/hooks/pre-commit` does not) reads a file with unstaged edits as the
 * index holds it, which is what the commit holds. Every read of a config
 * file's text goes through {@link readFileText} or {@link readFileBytes}, so
 * the composition, the per-file checks and the positions of messages all see
 * the same text.
 *
 * @module
 */

import { resolve } from "./path.ts";

let overlay: ReadonlyMap<string, Uint8Array> | undefined;

/**
 * Runs `body` with the files of `files` (absolute paths) read as those bytes.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readFileText, withFileOverlay } from "./file_overlay.ts";
 * const bytes = new TextEncoder().encode("a: 1\n");
 * assert.equal(withFileOverlay(new Map([["/nowhere/c.yaml", bytes]]), () => readFileText("/nowhere/c.yaml")), "a: 1\n");
 * ```
 */
export function withFileOverlay<T>(
  files: ReadonlyMap<string, Uint8Array> | undefined,
  body: () => T,
): T {
  if (files === undefined || files.size === 0) return body();
  const outer = overlay;
  overlay = files;
  try {
    return body();
  } finally {
    overlay = outer;
  }
}

/**
 * The bytes `path` is read as in {@link withFileOverlay}, or undefined (read the disk).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { overlaid } from "./file_overlay.ts";
 * assert.equal(overlaid("/nowhere/c.yaml"), undefined);
 * ```
 */
export function overlaid(path: string): Uint8Array | undefined {
  return overlay === undefined ? undefined : overlay.get(resolve(path));
}

const lenient = new TextDecoder();

/**
 * A file's text, as `Deno.readTextFileSync` reads it (bytes that are not
 * UTF-8 become U+FFFD), or its overlaid bytes'.
 *
 * @throws Deno's errors for a file it cannot read.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readFileText } from "./file_overlay.ts";
 * const file = Deno.makeTempFileSync();
 * Deno.writeTextFileSync(file, "a: 1\n");
 * assert.equal(readFileText(file), "a: 1\n");
 * Deno.removeSync(file);
 * ```
 */
export function readFileText(path: string): string {
  const bytes = overlaid(path);
  return bytes === undefined ? Deno.readTextFileSync(path) : lenient.decode(bytes);
}

/**
 * A file's bytes, or its overlaid ones.
 *
 * @throws Deno's errors for a file it cannot read.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readFileBytes } from "./file_overlay.ts";
 * const file = Deno.makeTempFileSync();
 * Deno.writeTextFileSync(file, "a");
 * assert.deepEqual([...readFileBytes(file)], [97]);
 * Deno.removeSync(file);
 * ```
 */
export function readFileBytes(path: string): Uint8Array {
  return overlaid(path) ?? Deno.readFileSync(path);
}

/**
 * A file's size: its overlaid bytes', or the disk's.
 *
 * @throws Deno's errors for a file it cannot stat.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fileSize } from "./file_overlay.ts";
 * const file = Deno.makeTempFileSync();
 * Deno.writeTextFileSync(file, "abc");
 * assert.equal(fileSize(file), 3);
 * Deno.removeSync(file);
 * ```
 */
export function fileSize(path: string): number {
  return overlaid(path)?.length ?? Deno.statSync(path).size;
}

/**
 * The file info of a file known only by its overlaid bytes (deleted from the
 * disk, held by the index): a regular file of that size.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { overlaidFileInfo, withFileOverlay } from "./file_overlay.ts";
 * const info = withFileOverlay(new Map([["/nowhere/c.yaml", new Uint8Array(3)]]), () => overlaidFileInfo("/nowhere/c.yaml"));
 * assert.equal(info.isFile, true);
 * assert.equal(info.size, 3);
 * ```
 */
export function overlaidFileInfo(path: string): Deno.FileInfo {
  const size = overlaid(path)?.length ?? 0;
  return {
    isFile: true,
    isDirectory: false,
    isSymlink: false,
    size,
    mtime: null,
    atime: null,
    birthtime: null,
    ctime: null,
    dev: 0,
    ino: null,
    mode: null,
    nlink: null,
    uid: null,
    gid: null,
    rdev: null,
    blksize: null,
    blocks: null,
    isBlockDevice: null,
    isCharDevice: null,
    isFifo: null,
    isSocket: null,
  };
}

/**
 * The entries of directory `dir`, with the overlaid files directly in it that
 * the disk lacks (a config deleted from the working tree but not from git's
 * index: the commit holds it, checker w56 #1) as files. Throws as
 * `Deno.readDirSync` does when `dir` is not there and nothing is overlaid in it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readDirOverlaid, withFileOverlay } from "./file_overlay.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(`${dir}/a.yaml`, "x: 1\n");
 * const names = withFileOverlay(
 *   new Map([[`${dir}/b.yaml`, new TextEncoder().encode("x: 2\n")]]),
 *   () => readDirOverlaid(dir).map((e) => e.name).sort(),
 * );
 * assert.deepEqual(names, ["a.yaml", "b.yaml"]);
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function readDirOverlaid(dir: string): Deno.DirEntry[] {
  let entries: Deno.DirEntry[] = [];
  let unread: unknown;
  try {
    entries = [...Deno.readDirSync(dir)];
  } catch (e) {
    unread = e;
  }
  if (overlay !== undefined) {
    const base = resolve(dir).replace(/\/*$/, "/");
    const names = new Set(entries.map((e) => e.name));
    for (const path of overlay.keys()) {
      const name = path.startsWith(base) ? path.slice(base.length) : "";
      if (name === "" || name.includes("/") || names.has(name)) continue;
      names.add(name);
      entries.push({ name, isFile: true, isDirectory: false, isSymlink: false });
    }
  }
  if (unread !== undefined && entries.length === 0) throw unread;
  return entries;
}

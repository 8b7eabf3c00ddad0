/**
 * Where a run directory's Hydra files (config.yaml, hydra.yaml, overrides.yaml) are.
 *
 * @module
 */

import { isDir, usage } from "./_paths.ts";

/** How deep below a run dir, and how many directories, {@link hydraFilesBelow} looks. */
const BELOW_DEPTH = 3;
const BELOW_DIRS = 500;

/**
 * The directories below `root` (at most {@link BELOW_DEPTH} down, breadth first, the first
 * {@link BELOW_DIRS} read) that hold Hydra's files: a `hydra.yaml` beside a `config.yaml`.
 * An `hydra.output_subdir` inside the run dir under another name puts them there (navsim's
 * `${output_dir}/code/hydra`).
 */
function hydraFilesBelow(root: string): string[] {
  const found: string[] = [];
  let level = [root];
  let read = 0;
  for (let depth = 1; depth <= BELOW_DEPTH && level.length > 0; depth++) {
    const next: string[] = [];
    for (const dir of level) {
      if (read++ >= BELOW_DIRS) return found;
      let entries: Deno.DirEntry[];
      try {
        entries = [...Deno.readDirSync(dir)];
      } catch {
        continue; // one it may not read holds none that it could say
      }
      for (const e of entries) {
        if (!e.isDirectory || e.name === ".hydra") continue;
        const sub = `${dir}/${e.name}`;
        if (isDir(`${sub}/hydra.yaml`) === false && isDir(`${sub}/config.yaml`) === false) {
          found.push(sub);
        } else next.push(sub);
      }
    }
    level = next.sort();
  }
  return found;
}

/**
 * Where a run dir's Hydra files are: `.hydra/`, or the run dir itself when
 * `hydra.output_subdir: ""` put them there (pyannote's configs), which its
 * `hydra.yaml` beside `config.yaml` tells, or the one directory below it that
 * holds them (an `hydra.output_subdir` of another name: navsim's `code/hydra`).
 *
 * @throws {StrataError} `usage` for a directory that is none of these, or holds
 *   several such directories (each named).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { hydraFilesDir } from "./run_dir_files.ts";
 * const run = Deno.makeTempDirSync();
 * Deno.mkdirSync(`${run}/code/hydra`, { recursive: true });
 * for (const f of ["config.yaml", "hydra.yaml"]) Deno.writeTextFileSync(`${run}/code/hydra/${f}`, "{}\n");
 * assert.equal(hydraFilesDir(run), `${run}/code/hydra`);
 * ```
 */
export function hydraFilesDir(dir: string): string {
  const root = dir.replace(/\/+$/, "");
  const hydraDir = `${root}/.hydra`;
  if (isDir(hydraDir)) return hydraDir;
  // false: there and not a directory, Hydra's hydra.yaml written beside config.yaml
  if (isDir(`${root}/hydra.yaml`) === false) return root;
  const below = isDir(root) ? hydraFilesBelow(root) : [];
  if (below.length === 1) return below[0];
  if (below.length > 1) {
    return usage(
      `'${dir}' holds Hydra's files in ${below.length} directories (` +
        below.slice(0, 3).map((b) => `'${b}'`).join(", ") + (below.length > 3 ? ", ..." : "") +
        `): give the run directory of one`,
    );
  }
  // a run with hydra.output_subdir=null records no overrides: strata run's resolved config is
  // there, which diff reads as a file
  const written = isDir(`${root}/config.yaml`) === false
    ? `; it holds config.yaml (a run with hydra.output_subdir=null writes no .hydra/): ` +
      `compare it as a file, '${root}/config.yaml', with another run's config.yaml: it holds ` +
      "resolved values, where an override set's interpolations stay as written"
    : "";
  return usage(
    `'${dir}' is not a run directory: it has no .hydra/ ` +
      `(strata run and Hydra write .hydra/config.yaml and .hydra/overrides.yaml there, unless ` +
      `hydra.output_subdir is null), nor Hydra's hydra.yaml (with hydra.output_subdir: "", ` +
      `config.yaml and overrides.yaml beside it)${written}`,
  );
}

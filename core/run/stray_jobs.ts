/**
 * The job dirs an earlier sweep left in the sweep dir that are no job of
 * this one: `--resume` of a narrower sweep (two seeds where there were
 * three) runs its own jobs and rewrites `multirun.yaml`, and the others stay
 * beside them, which a user reading the dir should be told.
 *
 * @module
 */

import { join, resolve } from "../path.ts";
import { readStatus } from "./write.ts";

/**
 * The names of the dirs in `sweepDir` holding a job strata ran (its
 * `.strata/status.json`) that are not among `jobDirs` (nor above one of
 * them), sorted.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { strayJobDirs } from "./stray_jobs.ts";
 * const dir = Deno.makeTempDirSync();
 * for (const job of ["0", "1", "2"]) {
 *   Deno.mkdirSync(`${dir}/${job}/.strata`, { recursive: true });
 *   Deno.writeTextFileSync(`${dir}/${job}/.strata/status.json`, '{"state":"done"}');
 * }
 * Deno.mkdirSync(`${dir}/notes`);
 * assert.deepEqual(strayJobDirs(dir, [`${dir}/0`, `${dir}/1`]), ["2"]);
 * assert.deepEqual(strayJobDirs(`${dir}/nope`, []), []);
 * ```
 */
export function strayJobDirs(sweepDir: string, jobDirs: readonly string[]): string[] {
  const ours = jobDirs.map((d) => resolve(d));
  let entries: Deno.DirEntry[];
  try {
    entries = [...Deno.readDirSync(sweepDir)];
  } catch {
    return []; // no sweep dir yet: nothing was left there
  }
  const out: string[] = [];
  for (const e of entries) {
    if (!e.isDirectory) continue;
    const dir = resolve(join(sweepDir, e.name));
    if (ours.some((d) => d === dir || d.startsWith(dir + "/"))) continue;
    if (readStatus(dir) !== null) out.push(e.name);
  }
  return out.sort();
}

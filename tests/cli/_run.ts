/**
 * Helpers of the `strata run` tests: a workspace with the example's conf/
 * and job scripts, and what a run left in a job dir.
 *
 * @module
 */

import { join } from "node:path";
import { ROOT } from "./_cli.ts";

/** The Python that has OmegaConf (a PATH python3 may not). */
export const PYTHON = "/usr/bin/python3";

/** Copies a directory tree. */
export function copyTree(from: string, to: string): void {
  Deno.mkdirSync(to, { recursive: true });
  for (const e of Deno.readDirSync(from)) {
    if (e.isDirectory) copyTree(join(from, e.name), join(to, e.name));
    else Deno.copyFileSync(join(from, e.name), join(to, e.name));
  }
}

/** A temp dir holding a copy of the example's conf/ and the given scripts. */
export function workspace(scripts: Record<string, string> = {}): string {
  const dir = Deno.realPathSync(Deno.makeTempDirSync({ prefix: "strata-run-" }));
  copyTree(join(ROOT, "examples/llm-finetune/conf"), join(dir, "conf"));
  for (const [name, text] of Object.entries(scripts)) Deno.writeTextFileSync(join(dir, name), text);
  return dir;
}

/** Whether a path exists. */
export function exists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** The state a job recorded in its run dir (`done`, `failed`, `interrupted`), if any. */
export function status(dir: string): string | undefined {
  try {
    return JSON.parse(Deno.readTextFileSync(join(dir, ".strata/status.json"))).state;
  } catch {
    return undefined;
  }
}

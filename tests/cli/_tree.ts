/**
 * Writes conf/ trees into temp directories for CLI tests, and runs
 * `strata validate` on them.
 *
 * @module
 */

import { assertNoStackTrace, type CliResult, strata } from "./_cli.ts";

/**
 * Runs `strata validate ARGS` in `dir`: the result with the report's lines
 * (stack traces fail the test).
 *
 * @example
 * ```ts ignore
 * const { code, lines } = await validateIn(dir, ["--strict"]);
 * ```
 */
export async function validateIn(
  dir: string,
  args: string[] = [],
): Promise<CliResult & { lines: string[] }> {
  const r = await strata(["validate", ...args], { cwd: dir });
  assertNoStackTrace(r.stderr);
  return { ...r, lines: r.stdout.trim().split("\n").filter((l) => l !== "") };
}

/**
 * Writes `files` (relative path → text) under a new temp directory and returns it.
 *
 * @example
 * ```ts ignore
 * const dir = writeTree({ "conf/config.yaml": "a: 1\n" });
 * ```
 */
export function writeTree(files: Record<string, string | Uint8Array>): string {
  const dir = Deno.makeTempDirSync({ prefix: "strata-test-" });
  for (const [rel, text] of Object.entries(files)) {
    const path = `${dir}/${rel}`;
    Deno.mkdirSync(path.slice(0, path.lastIndexOf("/")), { recursive: true });
    if (typeof text === "string") Deno.writeTextFileSync(path, text);
    else Deno.writeFileSync(path, text);
  }
  return dir;
}

/**
 * Runs `check` in a new tree of `files` ({@link writeTree}), removed afterwards.
 *
 * @example
 * ```ts ignore
 * await inTree({ "conf/config.yaml": "a: 1\n" }, async (dir) => { ... });
 * ```
 */
export async function inTree(
  files: Record<string, string | Uint8Array>,
  check: (dir: string) => Promise<void>,
): Promise<void> {
  const dir = writeTree(files);
  try {
    await check(dir);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
}

/** A small valid tree: a primary config with two groups, two options each. */
export const SMALL_TREE: Record<string, string> = {
  "conf/config.yaml":
    "defaults:\n  - db: mysql\n  - server: web\n  - _self_\n\nname: app\nurl: ${db.host}:${db.port}\n",
  "conf/db/mysql.yaml": "host: localhost\nport: 3306\n",
  "conf/db/postgres.yaml": "host: pg.local\nport: 5432\n",
  "conf/server/web.yaml": "workers: 4\n",
  "conf/server/api.yaml": "workers: 8\n",
};

/**
 * The command every manifest's task runs: `strata run --job-index I` with the
 * sweep's own arguments, so the task composes job I's config and gets a
 * Hydra-style job dir, then runs the user's command.
 *
 * @module
 */

import { basename } from "../path.ts";
import type * as NodeUrl from "node:url";
import { nodeBuiltin } from "../node_builtin.ts";
import type { VersionBase } from "../compose/version_base.ts";

/**
 * The flags `deno task compile` gives the binary, which a task run from
 * source gets too: its permissions and the V8 heap flag it embeds (without
 * the flag a big sweep's task runs with V8's default young generation, as the
 * binary never does). tests/cli/sweep_strata_cmd_test.ts holds it to deno.json.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { BINARY_FLAGS } from "./command.ts";
 * assert.ok(BINARY_FLAGS.includes("--v8-flags=--max-semi-space-size=2,--min-semi-space-size=2"));
 * ```
 */
export const BINARY_FLAGS: readonly string[] = [
  "--allow-read",
  "--allow-env",
  "--allow-write",
  "--allow-run",
  "--v8-flags=--max-semi-space-size=2,--min-semi-space-size=2",
];

/**
 * The most a manifest puts in one argument or environment string of a task
 * (bytes): Linux refuses to start a program given a longer one than
 * MAX_ARG_STRLEN, 128 KiB. Half of that leaves room for GitHub's `toJSON`,
 * which indents what it prints. A job's overrides over it go to a file the
 * task reads (`--job-overrides @FILE`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { MAX_ARG_BYTES } from "./command.ts";
 * assert.ok(MAX_ARG_BYTES * 2 <= 128 * 1024);
 * ```
 */
export const MAX_ARG_BYTES = 65_536;

/** What a task needs to run its job of the sweep. */
export interface RunSpec {
  /** How strata is called (`/opt/strata`, or `deno run ... cli/main.ts`). */
  strata: string[];
  /** `--config-dir` as the task sees it. */
  configDir: string;
  /** `--config-name`; null: no primary config (`--no-config-name`). */
  configName: string | null;
  /** `--search-path` entries. */
  searchPath: string[];
  /** `--resolvers` modules, as the sweep was given them (the task loads them again). */
  resolvers?: string[];
  /** `--link` specs, each already joined (`model,optimizer`). */
  link: string[];
  /** The sweep's overrides as given. */
  overrides: string[];
  /**
   * `--now`: the time the manifest was written, which every task's
   * `${now:...}` formats (so all share one `hydra.sweep.dir`); none: each
   * task's own.
   */
  now?: string;
  /**
   * `--version-base`: the sweep's (`.strata.yaml`'s), pinned, so a task that
   * finds no `.strata.yaml` (an image holding `conf/` alone) composes as the
   * sweep did.
   */
  versionBase?: VersionBase;
  /** The user's command and its arguments (after `--`). */
  command: string[];
}

/**
 * How the current process calls strata: the compiled binary's absolute
 * path, or `deno run <the binary's flags> <main module>` when run from source
 * (with `--allow-sys`, `--allow-net` or `--allow-ffi` when this process has them).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { currentStrata } from "./command.ts";
 * // under `deno test`, the running deno and the test module:
 * assert.equal(currentStrata()[0], Deno.execPath());
 * assert.equal(currentStrata()[1], "run");
 * assert.ok(currentStrata().includes("--v8-flags=--max-semi-space-size=2,--min-semi-space-size=2"));
 * ```
 */
export function currentStrata(): string[] {
  const exe = Deno.execPath();
  if (!/^deno(\.exe)?$/.test(basename(exe))) return [exe];
  // node:url without an import: an import would start Deno's Node layer in every `sweep`
  const { fileURLToPath } = nodeBuiltin<typeof NodeUrl>("node:url");
  return [exe, "run", ...BINARY_FLAGS, ...morePermissions(), fileURLToPath(Deno.mainModule)];
}

/**
 * The permissions this process has beyond the binary's (`deno run -A`): the tasks get them too,
 * so a `--resolvers` module the sweep checked (one calling `Deno.hostname()` needs `sys`)
 * resolves in every task as it did here.
 */
function morePermissions(): string[] {
  const out: string[] = [];
  for (const name of ["sys", "net", "ffi"] as const) {
    if (Deno.permissions.querySync({ name }).state === "granted") out.push(`--allow-${name}`);
  }
  return out;
}

/**
 * A task's argv, split around the job index, which each scheduler spells its
 * own way (`$SLURM_ARRAY_TASK_ID`, `$(JOB_COMPLETION_INDEX)`, `${{ matrix.index }}`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { runArgv } from "./command.ts";
 * const { head, tail } = runArgv({
 *   strata: ["strata"], configDir: "conf", configName: "config", searchPath: [], link: [],
 *   overrides: ["lr=1,2"], command: ["python", "train.py"],
 * });
 * assert.deepEqual(head, ["strata", "run", "--job-index"]);
 * assert.deepEqual(tail, ["--config-dir", "conf", "--config-name", "config", "lr=1,2", "--", "python", "train.py"]);
 * ```
 */
export function runArgv(spec: RunSpec): { head: string[]; tail: string[] } {
  const tail = spec.now === undefined ? [] : ["--now", spec.now];
  tail.push("--config-dir", spec.configDir);
  // null is said, not left out: left out, the task would compose the default `config` (or
  // .strata.yaml's)
  if (spec.configName !== null) tail.push("--config-name", spec.configName);
  else tail.push("--no-config-name");
  if (spec.versionBase !== undefined) tail.push("--version-base", spec.versionBase);
  for (const dir of spec.searchPath) tail.push("--search-path", dir);
  for (const file of spec.resolvers ?? []) tail.push("--resolvers", file);
  for (const link of spec.link) tail.push("--link", link);
  tail.push(...spec.overrides, "--", ...spec.command);
  return { head: [...spec.strata, "run", "--job-index"], tail };
}

/** A C0 control character or DEL: what single quotes would keep raw, newlines included. */
// deno-lint-ignore no-control-regex
const CONTROL = /[\x00-\x1f\x7f]/;

/** A control character as ANSI-C quoting spells it. */
function cEscape(c: string): string {
  const named: Record<string, string> = { "\n": "\\n", "\t": "\\t", "\r": "\\r" };
  return named[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`;
}

/**
 * One word for a POSIX shell: left bare when it is plainly safe, else in
 * single quotes; a word with a control character (a newline, a tab) in
 * bash's `$'...'`, so that every word stays on one line (a line of a
 * heredoc is one task's overrides).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { shQuote } from "./command.ts";
 * assert.equal(shQuote("train.py"), "train.py");
 * assert.equal(shQuote("lr=1e-3,1e-4"), "lr=1e-3,1e-4");
 * assert.equal(shQuote("model=glob(*)"), "'model=glob(*)'");
 * assert.equal(shQuote("it's"), "'it'\\''s'");
 * assert.equal(shQuote("+msg=a\nb's"), "$'+msg=a\\nb\\'s'");
 * ```
 */
export function shQuote(word: string): string {
  if (!CONTROL.test(word)) return posixQuote(word);
  // deno-lint-ignore no-control-regex
  const special = /[\\'\x00-\x1f\x7f]/g;
  const escaped = word.replace(special, (c) => CONTROL.test(c) ? cEscape(c) : `\\${c}`);
  return `$'${escaped}'`;
}

/**
 * One word for any POSIX shell, dash (Debian's `/bin/sh`) included: left
 * bare when it is plainly safe, else in single quotes, which hold every
 * character but the quote itself as it is, a newline or a tab too (bash's
 * `$'...'` is not POSIX: dash reads it as `$` and a quoted string).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { posixQuote } from "./command.ts";
 * assert.equal(posixQuote("lr=0.1"), "lr=0.1");
 * assert.equal(posixQuote("+msg=a\nb's"), "'+msg=a\nb'\\''s'");
 * assert.equal(posixQuote(""), "''");
 * ```
 */
export function posixQuote(word: string): string {
  if (/^[-A-Za-z0-9_./=,:+@%]+$/.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/**
 * Words joined for a shell.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { shJoin } from "./command.ts";
 * assert.equal(shJoin(["echo", "a b"]), "echo 'a b'");
 * ```
 */
export function shJoin(words: readonly string[]): string {
  return words.map(shQuote).join(" ");
}

/**
 * The one place where a failure of the CLI becomes an exit code and a
 * message. Exit codes: 0 success, 1 an invalid config or an environment the
 * run cannot work in (unreadable file, missing permission, disk full), 2 bad
 * usage (a command-line override that does not parse included), 141
 * stdout's reader gone (quiet, as a Unix tool killed by SIGPIPE), 70 a bug in
 * strata (with its stack trace, to report).
 *
 * @module
 */

import { CommanderError } from "npm:@commander-js/extra-typings@15.1.0";
import { ErrorCode, isStrataError, renderError, StrataError } from "../core/errors.ts";
import { StdoutGone, warnedAlready, writeErr, WriteFailed } from "./output.ts";
import { isOsError, osErrorMessage } from "../core/os_error.ts";
import { unsupportedResolverName } from "../core/resolve/fail.ts";
import { declareHint } from "../core/validate/resolver_calls.ts";
import { parseOverride } from "../core/override/parse.ts";
import { warningLines } from "../core/compose/legacy_header.ts";

/** Exit codes of the CLI. */
export const Exit = { Ok: 0, InvalidConfig: 1, Usage: 2, Bug: 70, StdoutGone: 141 } as const;

/**
 * Reports `e` on stderr (unless quiet is right) and returns the exit code.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { exitCodeOf } from "./failure.ts";
 * import { StdoutGone } from "./output.ts";
 * assert.equal(exitCodeOf(new StdoutGone()), 141);
 * ```
 */
export function exitCodeOf(e: unknown): number {
  if (e instanceof CommanderError) {
    // help and version are exits with code 0; commander printed the message already
    return e.exitCode === 0 ? Exit.Ok : Exit.Usage;
  }
  if (isStrataError(e)) {
    // what the composition warned of (a header, a missing `_self_`) may be why it failed
    // (those said already, by the sweep before this job failed, are not said again)
    // (a `# @package _group_` header's warning in full once, short at each other file, as
    // after a composition that builds: checker x41)
    for (const text of warningLines(e.warnings ?? [])) {
      if (!warnedAlready(text)) writeErr(text);
    }
    writeErr(renderError(withResolverHint(e)));
    return isUsage(e) ? Exit.Usage : Exit.InvalidConfig;
  }
  if (e instanceof StdoutGone) return Exit.StdoutGone;
  if (e instanceof WriteFailed) {
    writeErr(`strata: ${e.message}`);
    return Exit.InvalidConfig;
  }
  if (isOsError(e)) {
    // the operating system refused (a file or directory outside the config tree's reads),
    // or Deno's sandbox did (a device, /proc): said alike, in words of the path
    writeErr(`strata: ${osErrorMessage(e)}`);
    return Exit.InvalidConfig;
  }
  if (e instanceof Deno.errors.NotCapable) {
    writeErr(`strata: ${notCapableMessage(e.message)}`);
    return Exit.InvalidConfig;
  }
  if (e instanceof RangeError && /string length|call stack|array length/i.test(e.message)) {
    writeErr(
      `strata: a value is too large for the JavaScript engine (${e.message}); ` +
        "a limit of strata should have caught it first: please report the config",
    );
    return Exit.InvalidConfig;
  }
  writeErr(`strata: internal error (a bug): ${e instanceof Error ? e.stack : String(e)}`);
  return Exit.Bug;
}

/**
 * Whether `e` is bad usage (exit 2): a usage error, or a command-line override
 * that does not parse (its grammar: the argv is malformed, as with a misspelt
 * flag). An override read from a file (a config's `hydra.sweeper.params`, a
 * run's `overrides.yaml`, located at its line there) or from `--job-overrides`
 * (what a manifest pinned) does not parse as an invalid config (exit 1).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ErrorCode, StrataError } from "../core/errors.ts";
 * import { isUsage } from "./failure.ts";
 * const bad = (origin: object) => new StrataError(ErrorCode.OverrideParse, "Error parsing override", { origin });
 * assert.ok(isUsage(bad({ override: 0, text: "a" })));
 * assert.ok(!isUsage(bad({ file: "conf/config.yaml", line: 6, col: 10 })));
 * assert.ok(!isUsage(bad({ override: 0, text: "a", list: "--job-overrides" })));
 * ```
 */
export function isUsage(e: StrataError): boolean {
  if (e.code === ErrorCode.Usage) return true;
  return e.code === ErrorCode.OverrideParse && e.origin?.override !== undefined &&
    e.origin.list === undefined;
}

/**
 * Deno's "Requires env access to "HOME", run again with the --allow-env flag"
 * as a user message: which permission, and how to grant it to `deno run` or
 * to a compiled binary.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { notCapableMessage } from "./failure.ts";
 * assert.match(
 *   notCapableMessage('Requires env access to "HOME", run again with the --allow-env flag'),
 *   /^permission denied: env access to "HOME" was not granted; grant it with --allow-env/,
 * );
 * ```
 */
export function notCapableMessage(denoMessage: string): string {
  const what = /Requires (.+?), run again with the (--allow-[a-z-]+)/.exec(denoMessage);
  if (!what) return `permission denied: ${denoMessage}`;
  return `permission denied: ${what[1]} was not granted; grant it with ${what[2]} ` +
    `(deno run ${what[2]} cli/main.ts, or deno compile ${what[2]} for the binary)`;
}

/** The resolvers this command's `.strata.yaml` declares opaque. */
let opaqueNames: readonly string[] = [];

/**
 * Records the resolvers the project declares opaque, for an error that calls
 * one where its value cannot be left unchecked.
 *
 * @example
 * ```ts
 * import { noteOpaqueResolvers } from "./failure.ts";
 * noteOpaqueResolvers(["get_free_gpu"]);
 * ```
 */
export function noteOpaqueResolvers(names: readonly string[]): void {
  opaqueNames = names;
}

/**
 * A resolver strata does not know (one the Python app registers): the error,
 * in OmegaConf's words, gains how to tell strata of it, as validate says; one
 * already declared opaque says why that is not enough where it failed (a run
 * dir, the job's environment: values strata computes itself).
 */
function withResolverHint(e: StrataError): StrataError {
  const name = unsupportedResolverName(e);
  if (name === undefined || e.related.some((r) => r.message.includes("--resolvers"))) return e;
  const hint = opaqueNames.includes(name)
    ? `${name} is declared opaque in .strata.yaml, which keeps a value of the job's config ` +
      `that calls it as written; ${e.fullKey ?? "this value"} is one strata computes itself ` +
      "(a run dir, the job's environment, as Hydra does when a job starts): implement it " +
      "(resolvers: {module: FILE.ts} in .strata.yaml, or --resolvers FILE.ts)"
    : declareHint(name);
  return new StrataError(e.code, e.message, {
    ...e,
    related: [...e.related, { message: hint, origin: {} }],
  });
}

/**
 * An override that ends too soon (`x=[1,`, `x="a b`) where the next argument goes on with it
 * (`2]`, `c"`): the shell split one override at a space. Said beside the parse error (checker
 * w51 #2), with the whole override quoted as it was meant.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ErrorCode, StrataError } from "../core/errors.ts";
 * import { withShellSplitHint } from "./failure.ts";
 * const e = new StrataError(ErrorCode.OverrideParse, "Error parsing override 'x=[1,': expected a value at column 6, got the end", {
 *   origin: { override: 0, text: "x=[1," },
 * });
 * const hinted = withShellSplitHint(e, ["compose", "x=[1,", "2]"]) as StrataError;
 * assert.match(hinted.related[0].message, /the shell split/);
 * assert.match(hinted.related[0].message, /'x=\[1, 2\]'/);
 * ```
 */
export function withShellSplitHint(e: unknown, argv: readonly string[]): unknown {
  if (!isStrataError(e) || e.code !== ErrorCode.OverrideParse) return e;
  const text = e.origin?.text;
  // (a bare word, `python3` of `strata run python3 train.py`, is no override the shell split)
  if (text === undefined || !text.includes("=") || !/got the end|is not closed/.test(e.message)) {
    return e;
  }
  // a shell's quote inside single quotes (`'it'\''s'`, written for sh) is none of Hydra's: a
  // quoted value takes `\'` (checker x56 #1)
  if (text.includes("'\\''")) {
    return new StrataError(e.code, e.message, {
      ...e,
      related: [...e.related, {
        message: `'\\'' is the shell's way to put a quote in a quoted word, not Hydra's: in a ` +
          `quoted value write \\' ('it\\'s'), or quote with the other kind ("it's")`,
        origin: {},
      }],
    });
  }
  const at = argv.indexOf(text);
  const next = at === -1 ? undefined : argv[at + 1];
  if (next === undefined || next.startsWith("-")) return e;
  const whole = `${text} ${next}`;
  // said only where the two together are one override (`seed=3` after it is no rest of it)
  try {
    parseOverride(whole);
  } catch {
    return e;
  }
  return new StrataError(e.code, e.message, {
    ...e,
    related: [...e.related, {
      message: `the shell split it at a space: '${text}' and '${next}' came as two ` +
        `arguments; quote the whole override: '${whole}'`,
      origin: {},
    }],
  });
}

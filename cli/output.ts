/**
 * Writing to stdout/stderr without partial output: each command builds its
 * whole text first and writes it once, so an error never leaves half a config.
 * A stdout whose reader went away (`strata sweep | head -1`) raises
 * {@link StdoutGone}; any other write error {@link WriteFailed}. (A stdout
 * closed before start, `>&-`, cannot be seen: the Rust runtime under Deno puts
 * /dev/null in its place, so the output is discarded as with `> /dev/null`.) The
 * CLI's one failure handler (./failure.ts) turns them into exit codes.
 *
 * @module
 */

import { Option } from "npm:@commander-js/extra-typings@15.1.0";
import { ErrorCode, StrataError } from "../core/errors.ts";
import { osReason } from "../core/os_error.ts";
const encoder = new TextEncoder();

/**
 * Nobody reads stdout any more (EPIPE): the CLI ends quietly with exit 141, as a Unix tool killed by
 * SIGPIPE does.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { StdoutGone } from "./output.ts";
 * assert.equal(new StdoutGone().name, "StdoutGone");
 * ```
 */
export class StdoutGone extends Error {
  constructor() {
    super("stdout is closed");
    this.name = "StdoutGone";
  }
}

/**
 * Writing to a stream failed for another reason (disk full, I/O error): a
 * clear error, exit 1.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { WriteFailed } from "./output.ts";
 * const e = new WriteFailed("stdout", new Error("No space left on device (os error 28)"));
 * assert.equal(e.message, "cannot write to stdout: no space left on device");
 * ```
 */
export class WriteFailed extends Error {
  constructor(stream: "stdout" | "stderr", cause: unknown) {
    super(`cannot write to ${stream}: ${osReason(cause)}`);
    this.name = "WriteFailed";
  }
}

/**
 * Whether an `--out`/`--output` path means stdout: `-`, as Unix tools take it,
 * or stdout's own names (which strata's permissions may not reach as files).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isStdoutPath } from "./output.ts";
 * assert.ok(isStdoutPath("-") && isStdoutPath("/dev/stdout") && !isStdoutPath("out.json"));
 * ```
 */
export function isStdoutPath(path: string): boolean {
  return ["-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"].includes(path);
}

/**
 * An `-o` option naming where to write (`-` is stdout). An empty path is a
 * usage error (exit 2): it names no file, and taking it as stdout would hide
 * an empty shell variable (`-o "$OUT"`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Command } from "npm:@commander-js/extra-typings@15.1.0";
 * import { outPathOption } from "./output.ts";
 * const cmd = new Command().addOption(outPathOption("-o, --out <path>", "write here"));
 * assert.throws(() => cmd.parse(["-o", ""], { from: "user" }), /--out needs a path/);
 * ```
 */
export const outPathOption = <F extends string>(flags: F, description: string) =>
  new Option(flags, description).argParser((v: string) => {
    if (v === "") {
      const long = /--[\w-]+/.exec(flags)?.[0] ?? flags;
      throw new StrataError(ErrorCode.Usage, `${long} needs a path ('-' is stdout), got ''`);
    }
    return v;
  });

/**
 * `-f, --format text|json` (default text), for commands that print a report.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Command } from "npm:@commander-js/extra-typings@15.1.0";
 * import { textOrJsonOption } from "./output.ts";
 * const cmd = new Command().addOption(textOrJsonOption());
 * cmd.parse(["-f", "json"], { from: "user" });
 * assert.equal(cmd.opts().format, "json");
 * ```
 */
export const textOrJsonOption = () =>
  new Option("-f, --format <format>", "output format").choices(["text", "json"] as const)
    .default("text" as const);

/**
 * Writes all of `text` (or its runs, one after the other, as text or UTF-8 bytes) to stdout.
 *
 * @throws {StdoutGone} when stdout's reader went away.
 * @throws {WriteFailed} for any other write error.
 * @example
 * ```ts ignore
 * writeOut("a: 1\n");
 * ```
 */
export function writeOut(text: string | Uint8Array | readonly (string | Uint8Array)[]): void {
  if (held) {
    // a caller may reuse its buffer once the write returns
    const copy = (t: string | Uint8Array) => typeof t === "string" ? t : t.slice();
    held.push({
      out: typeof text === "string" || text instanceof Uint8Array ? copy(text) : text.map(copy),
    });
    return;
  }
  if (capture) {
    const decode = (t: string | Uint8Array) =>
      typeof t === "string" ? t : new TextDecoder().decode(t);
    capture.stdout += typeof text === "string" || text instanceof Uint8Array
      ? decode(text)
      : text.map(decode).join("");
    return;
  }
  try {
    if (text instanceof Uint8Array) writeAll(Deno.stdout, text);
    else if (typeof text !== "string") {
      for (const run of text) typeof run === "string" ? writeText(run) : writeAll(Deno.stdout, run);
    } else writeText(text);
  } catch (e) {
    if (e instanceof Deno.errors.BrokenPipe) throw new StdoutGone();
    throw new WriteFailed("stdout", e);
  }
}

/**
 * Writes a line to stderr (a newline is added when missing). A stderr that
 * cannot be written is ignored: there is nowhere left to report it.
 *
 * @example
 * ```ts ignore
 * writeErr("warning: ...");
 * ```
 */
export function writeErr(text: string): void {
  if (warned.size < WARNED_KEPT && text.includes("warning: ")) warned.add(firstLine(text));
  if (held) {
    held.push({ err: text });
    return;
  }
  if (capture) {
    capture.stderr += text.endsWith("\n") ? text : text + "\n";
    return;
  }
  try {
    writeAll(Deno.stderr, encoder.encode(text.endsWith("\n") ? text : text + "\n"));
  } catch {
    // stderr closed or full: the exit code still tells
  }
}

let capture: { stdout: string; stderr: string } | undefined;

type Held = { out: string | Uint8Array | readonly (string | Uint8Array)[] } | { err: string };
let held: Held[] | undefined;

/**
 * Keeps what {@link writeOut} and {@link writeErr} are given, in order,
 * until {@link releaseOutput}: a run that may have to start over (the CLI's
 * deferred YAML reader) says nothing until it knows it will not.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { captureOutput, holdOutput, releaseOutput, writeOut } from "./output.ts";
 * const { stdout } = await captureOutput(async () => {
 *   holdOutput();
 *   writeOut("dropped\n");
 *   releaseOutput(false);
 *   holdOutput();
 *   writeOut("kept\n");
 *   releaseOutput(true);
 * });
 * assert.equal(stdout, "kept\n");
 * ```
 */
export function holdOutput(): void {
  held = [];
}

/**
 * Ends {@link holdOutput}: writes what was held when `keep`, else drops it.
 * A write's failure (stdout closed) is thrown as {@link writeOut} throws it.
 *
 * @example
 * ```ts
 * import { releaseOutput } from "./output.ts";
 * releaseOutput(true); // nothing held: nothing written
 * ```
 */
export function releaseOutput(keep: boolean): void {
  const writes = held;
  held = undefined;
  if (!keep || writes === undefined) return;
  for (const w of writes) "out" in w ? writeOut(w.out) : writeErr(w.err);
}

/** The first lines of the warnings written (Python's warnings filter says each once). */
const warned = new Set<string>();
/** How many are kept: a sweep of 10^6 jobs may warn of each, and memory stays flat. */
const WARNED_KEPT = 10_000;

function firstLine(text: string): string {
  const nl = text.indexOf("\n");
  return nl < 0 ? text : text.slice(0, nl);
}

/**
 * Whether a warning with this first line was written to stderr already (a
 * failure's warnings that the sweep's own said are not said again).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { captureOutput, warnedAlready, writeErr } from "./output.ts";
 * await captureOutput(() => Promise.resolve(writeErr("a.yaml:1:1: warning: once\n  a hint")));
 * assert.ok(warnedAlready("a.yaml:1:1: warning: once"));
 * assert.equal(warnedAlready("a.yaml:1:1: warning: other"), false);
 * ```
 */
export function warnedAlready(text: string): boolean {
  return warned.has(firstLine(text));
}

/**
 * Forgets the warnings written: a new command (main() run again in one process, as the fuzz
 * target and the tests do) says its own.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { captureOutput, forgetWarnings, warnedAlready, writeErr } from "./output.ts";
 * await captureOutput(() => Promise.resolve(writeErr("b.yaml:1:1: warning: x")));
 * forgetWarnings();
 * assert.equal(warnedAlready("b.yaml:1:1: warning: x"), false);
 * ```
 */
export function forgetWarnings(): void {
  warned.clear();
}

/**
 * Runs `body` with stdout and stderr captured instead of written (the
 * in-process CLI fuzz target runs main() 10^5 times this way).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { captureOutput, writeOut } from "./output.ts";
 * const r = await captureOutput(() => Promise.resolve(writeOut("a: 1\n")));
 * assert.equal(r.stdout, "a: 1\n");
 * ```
 */
export async function captureOutput<T>(
  body: () => Promise<T>,
): Promise<{ result: T; stdout: string; stderr: string }> {
  const outer = capture;
  const mine = { stdout: "", stderr: "" };
  capture = mine;
  try {
    const result = await body();
    return { result, ...mine };
  } finally {
    capture = outer;
  }
}

/** Text longer than this (in UTF-16 units) is encoded and written a chunk at a time. */
const CHUNK = 1 << 20;

function writeText(text: string): void {
  if (text.length <= CHUNK) writeAll(Deno.stdout, encoder.encode(text));
  else writeChunks(text);
}

/** Writes a long text without a second copy of it in UTF-8 (a 50 MB config, say). */
function writeChunks(text: string): void {
  const buf = new Uint8Array(CHUNK * 3);
  for (let at = 0; at < text.length;) {
    let end = Math.min(at + CHUNK, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last < 0xdc00) end--; // keep a surrogate pair whole
    const { written } = encoder.encodeInto(text.slice(at, end), buf);
    writeAll(Deno.stdout, buf.subarray(0, written));
    at = end;
  }
}

function writeAll(w: { writeSync(p: Uint8Array): number }, bytes: Uint8Array): void {
  let off = 0;
  while (off < bytes.length) off += w.writeSync(bytes.subarray(off));
}

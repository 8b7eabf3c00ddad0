/**
 * Errors are values: a stable code, a message, the full key, the origin and
 * related positions. They are rendered in one place ({@link renderError}).
 * The codes are ./error_codes.ts's.
 *
 * @module
 */

import { sliceWhole, splitsPair } from "./chars.ts";
import { type NodeOrigin, type Origin, originOf } from "./node.ts";
import { ErrorCode } from "./error_codes.ts";
import { escapeUnprintable } from "./pyformat.ts";
import { relative, resolve } from "./path.ts";

export { ErrorCode, pythonErrorClass } from "./error_codes.ts";

/** A position related to an error (e.g. the defaults entry that led to it). */
export interface Related {
  /** What happened there. */
  message: string;
  /** Where. */
  origin: Origin;
}

/** A related position as an error is made: the origin may be a node's packed one. */
export interface RelatedInit {
  /** What happened there. */
  message: string;
  /** Where (a node's origin, decoded when the error is made). */
  origin: NodeOrigin;
}

/** The data of an error, before it becomes a thrown {@link StrataError}. */
export interface ErrorInit {
  /** The full key (`model.layers[0]`), `""` for the root; absent when no key applies. */
  fullKey?: string;
  /** Where the failing node or entry came from (a node's origin; the error keeps it decoded). */
  origin?: NodeOrigin;
  /** Other positions that explain the error. */
  related?: RelatedInit[];
  /** Close matches offered as "Did you mean ...?" */
  suggestions?: string[];
  /** A source line and caret span for override and grammar errors. */
  snippet?: { text: string; start: number; end?: number };
  /** The object type OmegaConf names in its trailer (`dict` or `list`). */
  objectType?: string;
  /**
   * What the composition warned of before this error, met after it (resolving
   * `hydra.run.dir`, say): said before the error, as a composition that
   * succeeds says them.
   */
  warnings?: { message: string; origin?: Origin }[];
}

/** The brand of a {@link StrataError}, the same symbol in every copy of strata's modules. */
const STRATA_ERROR: unique symbol = Symbol.for("strata.StrataError");

/**
 * A user-facing error: invalid input, never a bug. The CLI renders it with
 * {@link renderError} and exits 1 (or 2 for {@link ErrorCode.Usage}).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ErrorCode, StrataError } from "../mod.ts";
 * const e = new StrataError(ErrorCode.Key, "Key 'lr' is not in struct", { fullKey: "lr" });
 * assert.equal(e.code, "key");
 * ```
 */
export class StrataError extends Error {
  /**
   * `instanceof StrataError` holds for a StrataError of any copy of strata's modules (a
   * resolvers module may import its own `mod.ts`, a program two versions): it checks a
   * `Symbol.for` brand, not the class, as `FloatKey` does. (No class extends StrataError:
   * a subclass would inherit this check.)
   *
   * @param x the value `instanceof` checks
   */
  static override [Symbol.hasInstance](x: unknown): boolean {
    return typeof x === "object" && x !== null &&
      (x as { [STRATA_ERROR]?: unknown })[STRATA_ERROR] === true;
  }

  /** The brand (on the prototype: not an own property). */
  get [STRATA_ERROR](): true {
    return true;
  }

  /** The stable error code. */
  readonly code: ErrorCode;
  /** The full key, when the error is about a key. */
  readonly fullKey?: string;
  /** Where the failing node came from. */
  readonly origin?: Origin;
  /** Related positions. */
  readonly related: Related[];
  /** Did-you-mean candidates. */
  readonly suggestions: string[];
  /** Source text and caret span. */
  readonly snippet?: { text: string; start: number; end?: number };
  /** `dict` or `list`, as in OmegaConf's message trailer. */
  readonly objectType?: string;
  /** The composition's warnings, said before the error ({@link ErrorInit.warnings}). */
  readonly warnings: { message: string; origin?: Origin }[];

  /**
   * A located error.
   *
   * @param code the stable error code
   * @param message the message, as OmegaConf or Hydra words it
   * @param init the full key, origin and related positions
   */
  constructor(code: ErrorCode, message: string, init: ErrorInit = {}) {
    super(message);
    this.name = "StrataError";
    this.code = code;
    this.fullKey = init.fullKey;
    // users and the library see objects, never a node's packed origin
    this.origin = originOf(init.origin);
    this.related = init.related?.map((r) => ({ message: r.message, origin: originOf(r.origin) })) ??
      [];
    this.suggestions = init.suggestions ?? [];
    this.snippet = init.snippet;
    this.objectType = init.objectType;
    this.warnings = init.warnings ?? [];
  }
}

/**
 * Whether a value is a {@link StrataError}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isStrataError } from "../mod.ts";
 * assert.equal(isStrataError(new Error("x")), false);
 * ```
 */
export function isStrataError(e: unknown): e is StrataError {
  return e instanceof StrataError;
}

/**
 * The text of whatever user code threw (a resolver, a resolvers module): an
 * Error's message, else `String(x)`; a value that cannot be made a string (a
 * null-prototype object, a Symbol-throwing `toString`) is named by its tag,
 * not a TypeError raised while reporting it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { thrownText } from "./errors.ts";
 * assert.equal(thrownText(new RangeError("bad")), "bad");
 * assert.equal(thrownText(42), "42");
 * assert.equal(thrownText(Object.create(null)), "[object Object]");
 * ```
 */
export function thrownText(e: unknown): string {
  try {
    return e instanceof Error ? String(e.message) : String(e);
  } catch {
    return Object.prototype.toString.call(e);
  }
}

/**
 * The suggestions a rendering adds to `message`: none when the message asks
 * already (Hydra's "Could not override 'task'.\nDid you mean to override
 * task@_global_?"); the suggestions stay on the error (JSON), not said twice.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { suggestionsToSay } from "./errors.ts";
 * assert.deepEqual(suggestionsToSay("Key 'lrr' is not in struct", ["lr"]), ["lr"]);
 * assert.deepEqual(suggestionsToSay("Did you mean to override task@_global_?", ["x"]), []);
 * ```
 */
export function suggestionsToSay(message: string, suggestions: readonly string[] = []): string[] {
  return message.includes("Did you mean") ? [] : [...suggestions];
}

/** How much of a long override, snippet or full key an error echoes. */
const ECHO_MAX = 200;

/**
 * `text` cut to about 200 characters (`…` marks the cut): an error echoes a
 * 65,000-character override once, briefly, not in full.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { clip } from "./errors.ts";
 * assert.equal(clip("x=1"), "x=1");
 * assert.equal(clip("[".repeat(1000)).length, 200);
 * ```
 */
export function clip(text: string): string {
  return text.length <= ECHO_MAX ? text : sliceWhole(text, 0, ECHO_MAX - 1) + "…";
}

/** The longest line of a message {@link renderError} prints whole. */
const LINE_MAX = 3 * ECHO_MAX;

/**
 * A message line cut in its middle to {@link LINE_MAX} characters: a message
 * that echoes a long override or key where {@link clip} was not applied still
 * prints briefly, keeping its start and its end (what went wrong).
 */
function clipLine(line: string): string {
  if (line.length <= LINE_MAX) return line;
  return sliceWhole(line, 0, 2 * ECHO_MAX) + "…" + sliceWhole(line, line.length - ECHO_MAX + 1);
}

/**
 * A message line as a terminal shows it: control characters a config's key or an override
 * may carry (an ESC that would recolour a CI log, a CR that would rewrite it) escaped as
 * Python's repr() does; the tabs of Hydra's own lists kept.
 */
function printable(line: string): string {
  return line.includes("\t")
    ? line.split("\t").map(escapeUnprintable).join("\t")
    : escapeUnprintable(line);
}

/** A message's lines, each {@link printable}. */
function printableLines(message: string): string {
  return message.split("\n").map(printable).join("\n");
}

/** A ~200-character window of a snippet around its caret, and the caret's new column. */
function window(text: string, start: number): { text: string; start: number } {
  if (text.length <= ECHO_MAX) return { text, start };
  let from = Math.max(0, Math.min(start - ECHO_MAX / 2, text.length - ECHO_MAX));
  if (splitsPair(text, from)) from++; // never half a character
  const to = splitsPair(text, from + ECHO_MAX) ? from + ECHO_MAX - 1 : from + ECHO_MAX;
  const head = from > 0 ? "…" : "";
  return {
    text: head + text.slice(from, to) + (to < text.length ? "…" : ""),
    start: start - from + head.length,
  };
}

/** A ConfigStore entry's origin: `structured:///hydra/config.yaml`, its config path captured. */
const STRUCTURED = /^structured:\/\/\/(.+?)(?:\.yaml)?$/;

/**
 * A file named through a directory above the working one that leads below it again (run inside
 * the config dir, whose path is `..`: `../trainer/train.yaml`) as named from here, `train.yaml`
 * (checker w62 #6); any other name as it is.
 */
function fromHere(file: string): string {
  if (!file.startsWith("../")) return file;
  try {
    const rel = relative(Deno.cwd(), resolve(file));
    return rel === "" || rel.startsWith("..") ? file : rel;
  } catch {
    return file; // (no permission to read the working directory's name)
  }
}

/**
 * An origin as `file:line:col`, or `override #N 'text'` (`override #N of
 * --job-overrides 'text'` for one of another list than the command line's).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatOrigin } from "../mod.ts";
 * assert.equal(formatOrigin({ file: "conf/config.yaml", line: 3, col: 5 }), "conf/config.yaml:3:5");
 * assert.equal(formatOrigin({ override: 0, text: "lr=1", list: "--job-overrides" }), "override #1 of --job-overrides 'lr=1'");
 * // Hydra's HydraConf is a dataclass in ConfigStore: no file to open at a line
 * assert.equal(formatOrigin({ file: "structured:///hydra/config.yaml", line: 14, col: 8 }),
 *   "structured://hydra/config");
 * ```
 */
export function formatOrigin(origin: Origin): string {
  if (typeof origin !== "object" || origin === null) throw notAn("formatOrigin", "origin", origin);
  let out = origin.file === undefined ? "<string>" : escapeUnprintable(fromHere(origin.file));
  const structured = STRUCTURED.exec(out);
  // a ConfigStore entry (Hydra's HydraConf dataclass) is no file: its config path, no line
  if (structured !== null) out = `structured://${structured[1]}`;
  else {
    if (origin.line !== undefined) out += `:${origin.line}`;
    if (origin.col !== undefined) out += `:${origin.col}`;
  }
  if (origin.override !== undefined) {
    const override = `override #${origin.override + 1}` +
      (origin.list ? ` of ${origin.list}` : "") +
      (origin.text ? ` '${clip(escapeUnprintable(origin.text))}'` : "");
    // one written in a file (.strata.yaml's validate.overrides): where, for an editor to jump to
    return origin.file === undefined || origin.line === undefined
      ? override
      : `${out}: ${override}`;
  }
  return out;
}

/**
 * The one rendering of a located diagnostic line, GCC's `origin: severity: message`, the origin
 * as errors give theirs (`conf/config.yaml:2:9`, `override #1 'env=glob(x*)'`), left out when
 * unknown. Every command's warnings and `strata validate`'s report share it, so a warning reads
 * the same (and editors jump to it the same way) whichever command printed it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatDiagnostic } from "./errors.ts";
 * assert.equal(formatDiagnostic("error", "bad", { file: "conf/a.yaml", line: 2, col: 9 }),
 *   "conf/a.yaml:2:9: error: bad");
 * assert.equal(formatDiagnostic("warning", "careful"), "warning: careful");
 * const listed = { file: ".strata.yaml", line: 4, col: 7, override: 0, list: "validate.overrides", text: "a=1" };
 * assert.equal(formatDiagnostic("error", "bad", listed),
 *   ".strata.yaml:4:7: error: override #1 of validate.overrides 'a=1': bad");
 * ```
 */
export function formatDiagnostic(
  severity: "error" | "warning",
  message: string,
  origin?: Origin,
): string {
  // an override written in a file (.strata.yaml's validate.overrides): the file's place first,
  // then the severity, as every other line has it (problem matchers key on `: error:` there)
  if (origin?.override !== undefined && origin.file !== undefined && origin.line !== undefined) {
    const { file, line, col, ...which } = origin;
    return `${formatOrigin({ file, line, col })}: ${severity}: ${formatOrigin(which)}: ` +
      printableLines(message);
  }
  return `${origin ? `${formatOrigin(origin)}: ` : ""}${severity}: ${printableLines(message)}`;
}

/**
 * A warning line: {@link formatDiagnostic} with the severity `warning`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatWarning } from "./errors.ts";
 * assert.equal(formatWarning("careful", { file: "conf/a.yaml", line: 2, col: 9 }),
 *   "conf/a.yaml:2:9: warning: careful");
 * assert.equal(formatWarning("careful"), "warning: careful");
 * ```
 */
export function formatWarning(message: string, origin?: Origin): string {
  return formatDiagnostic("warning", message, origin);
}

/**
 * The one renderer of errors: `origin: message`, the full key, a caret snippet,
 * did-you-mean and related positions.
 *
 * @example
 * ```ts
 * import { ErrorCode, renderError, StrataError } from "../mod.ts";
 * renderError(new StrataError(ErrorCode.Key, "Key 'lr' is not in struct", {
 *   fullKey: "optimizer.lr",
 *   origin: { file: "conf/config.yaml", line: 4, col: 3 },
 *   suggestions: ["optimizer.lr0"],
 * }));
 * // conf/config.yaml:4:3: Key 'lr' is not in struct
 * //     full key: optimizer.lr
 * //     Did you mean 'optimizer.lr0'?
 * ```
 */
export function renderError(e: StrataError): string {
  if (typeof e !== "object" || e === null) throw notAn("renderError", "error", e);
  const head = e.origin ? `${formatOrigin(e.origin)}: ${e.message}` : e.message;
  const said = suggestionsToSay(e.message, e.suggestions).map(escapeUnprintable);
  const didYouMean = said.length === 1
    ? [`    Did you mean '${said[0]}'?`]
    : said.length > 1
    ? [`    Did you mean one of: ${said.map((s) => `'${s}'`).join(", ")}?`]
    : [];
  const headLines = head.split("\n").map((l) => clipLine(printable(l)));
  // below Hydra's block of options and search path, a did-you-mean reads as the block's: it goes
  // right under the message's first line (checker x26)
  const early = headLines.length > 1 && headLines.includes("Config search path:");
  const lines = [
    (early ? [headLines[0], ...didYouMean, ...headLines.slice(1)] : headLines).join("\n"),
  ];
  if (e.fullKey !== undefined && e.fullKey !== "") {
    // the end of a very deep key says most: where it failed
    const full = escapeUnprintable(e.fullKey);
    const key = full.length <= ECHO_MAX ? full : "…" + full.slice(-ECHO_MAX + 1);
    lines.push(`    full key: ${key}`);
  }
  if (e.snippet) {
    const { text, start } = window(e.snippet.text, e.snippet.start);
    const width = Math.min(
      ECHO_MAX,
      Math.max(1, (e.snippet.end ?? e.snippet.start + 1) - e.snippet.start),
    );
    // escaped, the caret moves with what is before it and widens with what it marks
    const shown = escapeUnprintable(text);
    const at = shown === text ? start : escapeUnprintable(text.slice(0, start)).length;
    const wide = shown === text
      ? width
      : Math.min(ECHO_MAX, escapeUnprintable(text.slice(start, start + width)).length || 1);
    lines.push(`    ${shown}`);
    lines.push(`    ${" ".repeat(at)}${"^".repeat(wide)}`);
  }
  if (!early) lines.push(...didYouMean);
  // the related lines right after the head that are at the head's override (a cause) say it once
  let leading = true;
  for (const r of e.related) {
    // a position nothing located (a composed config's root) is not "<string>"
    const o = r.origin;
    const nowhere = o.file === undefined && o.line === undefined && o.override === undefined;
    // the override an error is at is said once, at its head (`override #1 'x=y': ...`); file
    // positions stay on every line (a list of places, a cycle's keys, reads as one), and an
    // override after other places is named again
    leading &&= o.override !== undefined && e.origin !== undefined &&
      formatOrigin(o) === formatOrigin(e.origin);
    lines.push(
      `    ${nowhere || leading ? "" : `${formatOrigin(o)}: `}${printableLines(r.message)}`,
    );
  }
  return lines.join("\n");
}

/** A plain JavaScript caller's non-object argument: a usage error, not a TypeError inside. */
function notAn(fn: string, arg: string, got: unknown): StrataError {
  return new StrataError(
    ErrorCode.Usage,
    `${fn}: ${arg} must be an object, not ${got === null ? "null" : typeof got}`,
    { fullKey: "" },
  );
}

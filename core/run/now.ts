/**
 * The time `${now:...}` formats, pinned by a manifest for all its tasks.
 *
 * Hydra resolves `${now:...}` once per multirun (the resolver is cached and
 * the cache copied into every job's config), so every job of a sweep sees
 * one time. A manifest's tasks are separate processes, started minutes or
 * days apart: each is given the time the manifest was written (`strata run
 * --now`), so each resolves `hydra.sweep.dir`, `hydra.sweep.subdir` and its
 * config exactly as job I of `strata run -m` would, with no extra override.
 * The time is the local wall clock, without a zone: `${now:%H}` is the same
 * hour on a node (a pod in UTC) as where the manifest was written, as a
 * pinned directory name would be.
 *
 * @module
 */

import { ErrorCode, StrataError } from "../errors.ts";
import { subMilliseconds, withSubMilliseconds } from "../strftime.ts";

const STAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/;

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/**
 * `d` as the local wall-clock stamp `--now` takes (`YYYY-MM-DDTHH:MM:SS.mmm`), with the
 * microseconds below the millisecond when it has them (`.mmmuuu`, a {@link clockNow}
 * reading): every task of a manifest formats `${now:%f}` as the manifest's own sweep dir did.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatNow } from "./now.ts";
 * import { withSubMilliseconds } from "../strftime.ts";
 * assert.equal(formatNow(new Date(2026, 0, 2, 3, 4, 5, 67)), "2026-01-02T03:04:05.067");
 * const us = withSubMilliseconds(new Date(2026, 0, 2, 3, 4, 5, 67), 8);
 * assert.equal(formatNow(us), "2026-01-02T03:04:05.067008");
 * ```
 */
export function formatNow(d: Date): string {
  const us = subMilliseconds(d);
  return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.` +
    pad(d.getMilliseconds(), 3) + (us === 0 ? "" : pad(us, 3));
}

/**
 * The local time a `--now` stamp names.
 *
 * A time the local clocks skip (a daylight-saving gap, which exists where the
 * manifest was written) keeps the stamp's fields: `${now:%H}` formats the
 * hour written, as on every other node.
 *
 * @throws {StrataError} `usage` when `text` is not `YYYY-MM-DDTHH:MM:SS[.ffffff]`
 *   or names no such calendar time.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatNow, parseNow } from "./now.ts";
 * const d = parseNow("2026-01-02T03:04:05.067");
 * assert.equal(formatNow(d), "2026-01-02T03:04:05.067");
 * assert.equal(parseNow("2026-01-02T03:04:05").getSeconds(), 5);
 * assert.equal(formatNow(parseNow("2026-01-02T03:04:05.067008")), "2026-01-02T03:04:05.067008");
 * assert.throws(() => parseNow("2026-13-02T03:04:05"), /--now/);
 * ```
 */
export function parseNow(text: string): Date {
  const m = STAMP.exec(text.trim());
  const bad = () =>
    new StrataError(
      ErrorCode.Usage,
      `--now must be a local time YYYY-MM-DDTHH:MM:SS[.ffffff], got '${text}'`,
    );
  if (!m) throw bad();
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  const us = m[7] === undefined ? 0 : Number(m[7].padEnd(6, "0"));
  const ms = Math.floor(us / 1000);
  // Date.UTC rolls 2026-13-02 over into 2027: a stamp must name itself
  const utc = new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms));
  if (utc.getUTCFullYear() !== y || utc.getUTCMonth() !== mo - 1 || utc.getUTCDate() !== d) {
    throw bad();
  }
  if (utc.getUTCHours() !== h || utc.getUTCMinutes() !== mi || utc.getUTCSeconds() !== s) {
    throw bad();
  }
  const date = new Date(y, mo - 1, d, h, mi, s, ms);
  if (date.getHours() === h && date.getMinutes() === mi && date.getDate() === d) {
    return withSubMilliseconds(date, us % 1000);
  }
  // A time this zone's clocks skip (a DST gap: written where it exists, run on a
  // node whose clocks jump over it): the stamp's wall clock, as written.
  return withSubMilliseconds(new WallClock(date.getTime(), utc), us % 1000);
}

/** A local time a DST gap skips here: its calendar fields are the stamp's. */
class WallClock extends Date {
  readonly #fields: Date;
  constructor(time: number, fields: Date) {
    super(time);
    this.#fields = fields;
  }
  override getFullYear(): number {
    return this.#fields.getUTCFullYear();
  }
  override getMonth(): number {
    return this.#fields.getUTCMonth();
  }
  override getDate(): number {
    return this.#fields.getUTCDate();
  }
  override getDay(): number {
    return this.#fields.getUTCDay();
  }
  override getHours(): number {
    return this.#fields.getUTCHours();
  }
  override getMinutes(): number {
    return this.#fields.getUTCMinutes();
  }
  override getSeconds(): number {
    return this.#fields.getUTCSeconds();
  }
  override getMilliseconds(): number {
    return this.#fields.getUTCMilliseconds();
  }
}

/**
 * The plain sweep formats, streamed: `jsonl` (one JSON object per job, with
 * its stable id) and `text` (one job's overrides per line).
 *
 * JSON lines are written straight into a reused byte buffer: at 10^6 jobs,
 * building each line as a string and encoding it costs several times the
 * expansion itself.
 *
 * @module
 */

import { SweepExpansion } from "../sweep/expand.ts";
import type { JobIds } from "../sweep/job_id.ts";
import type { JobSource } from "./types.ts";

const encoder = new TextEncoder();
const ascii = (s: string) => encoder.encode(s);
const INDEX = ascii('{"index":');
const ID = ascii(',"id":"');
const OVERRIDES = ascii('","overrides":[');
const OVERRIDES_NO_ID = ascii(',"overrides":[');
const DIRNAME = ascii('],"override_dirname":');
const END = ascii('"}\n');
/** Bytes a line needs besides its overrides and dirname (index, id, keys, punctuation). */
const FIXED = 128;

/** Copies `bytes` into `buf` at `off`; returns the new offset. */
function put(buf: Uint8Array, off: number, bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) buf[off + i] = bytes[i];
  return off + bytes.length;
}

/** Writes `s` JSON-escaped (no quotes): plain ASCII byte by byte, anything else through JSON.stringify. */
function putJsonChars(buf: Uint8Array, off: number, s: string): number {
  const start = off;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || c >= 0x80) {
      return start +
        encoder.encodeInto(JSON.stringify(s).slice(1, -1), buf.subarray(start)).written;
    }
    buf[off++] = c;
  }
  return off;
}

/** Bytes `s` can take JSON-escaped, at worst (`\u00XX` for a control character). */
const worst = (s: string) => 6 * s.length;

/** Writes a non-negative integer in decimal. */
function putIndex(buf: Uint8Array, off: number, n: number): number {
  const digits = n === 0 ? 1 : Math.floor(Math.log10(n)) + 1;
  for (let k = digits - 1; k >= 0; k--) {
    buf[off + k] = 0x30 + (n % 10);
    n = Math.floor(n / 10);
  }
  return off + digits;
}

/** Writes a line up to the opening quote of its override_dirname. */
function putHead(
  buf: Uint8Array,
  off: number,
  index: number,
  overrides: readonly string[],
  ids: JobIds | null,
): number {
  off = put(buf, off, INDEX);
  off = putIndex(buf, off, index);
  if (ids) {
    off = put(buf, off, ID);
    ids.writeId(overrides, buf, off);
    off = put(buf, off + 16, OVERRIDES);
  } else {
    off = put(buf, off, OVERRIDES_NO_ID);
  }
  for (let i = 0; i < overrides.length; i++) {
    if (i) buf[off++] = 0x2c;
    buf[off++] = 0x22;
    off = putJsonChars(buf, off, overrides[i]);
    buf[off++] = 0x22;
  }
  off = put(buf, off, DIRNAME);
  buf[off++] = 0x22;
  return off;
}

/** A reused output buffer, handed out in chunks. */
class Chunks {
  buf: Uint8Array;
  off = 0;

  constructor(readonly size: number) {
    this.buf = new Uint8Array(size + 4096);
  }

  /** Makes room for `need` more bytes; returns the chunk to hand out first, if any. */
  room(need: number): Uint8Array | null {
    let full: Uint8Array | null = null;
    if (this.off > 0 && (this.off >= this.size || this.off + need > this.buf.length)) {
      full = this.buf.subarray(0, this.off);
      this.off = 0;
    }
    // A fresh buffer when one line is larger: the chunk handed out keeps the old one.
    if (need > this.buf.length) this.buf = new Uint8Array(2 * need);
    return full;
  }
}

/**
 * The sweep as JSON lines, `{"index", "id", "overrides", "override_dirname"}`
 * per job (`id` when `ids` is given), in UTF-8 chunks of about `chunkBytes`.
 * Each chunk is a view of a reused buffer: use it before asking for the next.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { planSweep, SweepExpansion } from "../sweep/expand.ts";
 * import { JobIds } from "../sweep/job_id.ts";
 * import { jsonlChunks } from "./jsonl.ts";
 * const jobs = new SweepExpansion(planSweep({ overrides: ["a=1,2", "b=x"] }), null, null);
 * const ids = new JobIds("0123456789abcdef");
 * let text = "";
 * for (const chunk of jsonlChunks(jobs, ids)) text += new TextDecoder().decode(chunk);
 * const lines = text.trimEnd().split("\n").map((l) => JSON.parse(l));
 * assert.deepEqual(lines[1], {
 *   index: 1, id: ids.of(["a=2", "b=x"]), overrides: ["a=2", "b=x"], override_dirname: "a=2,b=x",
 * });
 * ```
 */
export function* jsonlChunks(
  source: JobSource,
  ids: JobIds | null,
  chunkBytes = 1 << 16,
): Generator<Uint8Array> {
  const out = new Chunks(chunkBytes);
  if (source instanceof SweepExpansion && !source.validates) {
    // Every job's override_dirname is the plan's: copy it from the plan's
    // strings instead of building (and flattening) a string per job.
    const plan = source.plan;
    const { order, lines, itemSep } = plan.dirnameLayout();
    let index = 0;
    for (const digits of plan.digits()) {
      const overrides = plan.overridesOf(digits);
      let need = FIXED;
      for (let i = 0; i < overrides.length; i++) need += worst(overrides[i]) + 3;
      for (let k = 0; k < order.length; k++) need += worst(lines[order[k]]!.at(digits[order[k]])!);
      need += worst(itemSep) * order.length;
      const full = out.room(need);
      if (full) yield full;
      const buf = out.buf;
      let off = putHead(buf, out.off, index++, overrides, ids);
      for (let k = 0; k < order.length; k++) {
        if (k > 0) off = putJsonChars(buf, off, itemSep);
        off = putJsonChars(buf, off, lines[order[k]]!.at(digits[order[k]])!);
      }
      off = put(buf, off, END);
      out.off = off;
    }
  } else {
    for (const job of source.jobs()) {
      let need = FIXED + worst(job.overrideDirname);
      for (let i = 0; i < job.overrides.length; i++) need += worst(job.overrides[i]) + 3;
      const full = out.room(need);
      if (full) yield full;
      const buf = out.buf;
      const off = putHead(buf, out.off, job.index, job.overrides, ids);
      out.off = put(buf, putJsonChars(buf, off, job.overrideDirname), END);
    }
  }
  if (out.off > 0) yield out.buf.subarray(0, out.off);
}

/**
 * The sweep's `text` lines: each job's overrides, space-joined.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { planSweep, SweepExpansion } from "../sweep/expand.ts";
 * import { textLines } from "./jsonl.ts";
 * const jobs = new SweepExpansion(planSweep({ overrides: ["a=1,2", "b=x"] }), null, null);
 * assert.deepEqual([...textLines(jobs)], ["a=1 b=x", "a=2 b=x"]);
 * ```
 */
export function* textLines(source: JobSource): Generator<string> {
  for (const job of source.jobs()) yield job.overrides.join(" ");
}

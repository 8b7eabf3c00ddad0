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

import type { JobIds } from "../sweep/job_id.ts";
import type { JobSource } from "./types.ts";

const encoder = new TextEncoder();
const ascii = (s: string) => encoder.encode(s);
const INDEX = ascii('{"index":');
const ID = ascii(',"id":"');
const OVERRIDES = ascii('","overrides":[');
const OVERRIDES_NO_ID = ascii(',"overrides":[');
const DIRNAME = ascii('],"override_dirname":');
/** Bytes a line needs besides its overrides and dirname (index, id, keys, punctuation). */
const FIXED = 128;

/** Copies `bytes` into `buf` at `off`; returns the new offset. */
function put(buf: Uint8Array, off: number, bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) buf[off + i] = bytes[i];
  return off + bytes.length;
}

/** Writes `s` as a JSON string; plain ASCII byte by byte, anything else through JSON.stringify. */
function putJsonString(buf: Uint8Array, off: number, s: string): number {
  const start = off;
  buf[off++] = 0x22;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || c >= 0x80) {
      return start + encoder.encodeInto(JSON.stringify(s), buf.subarray(start)).written;
    }
    buf[off++] = c;
  }
  buf[off++] = 0x22;
  return off;
}

/** Writes a non-negative integer in decimal. */
function putIndex(buf: Uint8Array, off: number, n: number): number {
  const digits = n === 0 ? 1 : Math.floor(Math.log10(n)) + 1;
  for (let k = digits - 1; k >= 0; k--) {
    buf[off + k] = 0x30 + (n % 10);
    n = Math.floor(n / 10);
  }
  return off + digits;
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
  // A sweep's override strings are few and repeat in every job: each is
  // JSON-encoded once (bounded, for callers with endless distinct ones).
  const quoted = new Map<string, Uint8Array>();
  const quote = (s: string) => {
    let q = quoted.get(s);
    if (q === undefined) {
      if (quoted.size === 1 << 16) quoted.clear();
      quoted.set(s, q = encoder.encode(JSON.stringify(s)));
    }
    return q;
  };
  let buf = new Uint8Array(chunkBytes + 4096);
  let off = 0;
  for (const job of source.jobs()) {
    let need = FIXED + 6 * job.overrideDirname.length + 2; // \u00XX escapes at worst
    const overrides = job.overrides;
    for (let i = 0; i < overrides.length; i++) need += quote(overrides[i]).length + 1;
    if (off > 0 && off + need > buf.length) {
      yield buf.subarray(0, off);
      off = 0;
    }
    if (need > buf.length) buf = new Uint8Array(2 * need);
    off = put(buf, off, INDEX);
    off = putIndex(buf, off, job.index);
    if (ids) {
      off = put(buf, off, ID);
      ids.writeId(job.overrides, buf, off);
      off = put(buf, off + 16, OVERRIDES);
    } else {
      off = put(buf, off, OVERRIDES_NO_ID);
    }
    for (let i = 0; i < overrides.length; i++) {
      if (i) buf[off++] = 0x2c;
      off = put(buf, off, quote(overrides[i]));
    }
    off = put(buf, off, DIRNAME);
    off = putJsonString(buf, off, job.overrideDirname);
    buf[off++] = 0x7d; // }
    buf[off++] = 0x0a;
    if (off >= chunkBytes) {
      yield buf.subarray(0, off);
      off = 0;
    }
  }
  if (off > 0) yield buf.subarray(0, off);
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

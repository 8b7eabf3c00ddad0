/**
 * Reading stdin whole, for the arguments that take `-` or `@-` for it
 * (`strata diff - b.yaml`, `strata run --job-overrides @-`).
 *
 * @module
 */

import { MAX_FILE_BYTES } from "../core/yaml/text.ts";

/**
 * All of stdin, read no further than one byte past the config file size
 * limit (so a caller that checks the size can refuse it, and `/dev/zero`
 * cannot fill the memory).
 *
 * @example
 * ```ts ignore
 * import { readStdin } from "./stdin.ts";
 * const bytes = await readStdin();
 * ```
 */
export function readStdin(): Promise<Uint8Array> {
  return readCapped(Deno.stdin.readable);
}

/**
 * A stream read whole as {@link readStdin} reads stdin, no further than one
 * byte past the config file size limit: what a pipe or a device named on
 * the command line (`strata diff <(...) run`, `/dev/null`) holds.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readCapped } from "./stdin.ts";
 * const bytes = await readCapped(new Blob(["a: 1\n"]).stream());
 * assert.equal(new TextDecoder().decode(bytes), "a: 1\n");
 * ```
 */
export async function readCapped(readable: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of readable) {
    chunks.push(chunk);
    size += chunk.length;
    if (size > MAX_FILE_BYTES) break;
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) bytes.set(c, (at += c.length) - c.length);
  return bytes;
}

/**
 * Writing to stdout/stderr without partial output: each command builds its
 * whole text first and writes it once, so an error never leaves half a config.
 *
 * @module
 */

const encoder = new TextEncoder();

/**
 * Writes all of `text` (or bytes) to stdout.
 *
 * @example
 * ```ts ignore
 * writeOut("a: 1\n");
 * ```
 */
export function writeOut(text: string | Uint8Array): void {
  writeAll(Deno.stdout, typeof text === "string" ? encoder.encode(text) : text);
}

/**
 * Writes a line to stderr (a newline is added when missing).
 *
 * @example
 * ```ts ignore
 * writeErr("warning: ...");
 * ```
 */
export function writeErr(text: string): void {
  writeAll(Deno.stderr, encoder.encode(text.endsWith("\n") ? text : text + "\n"));
}

function writeAll(w: { writeSync(p: Uint8Array): number }, bytes: Uint8Array): void {
  let off = 0;
  while (off < bytes.length) off += w.writeSync(bytes.subarray(off));
}

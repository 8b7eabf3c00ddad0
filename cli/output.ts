/**
 * Writing to stdout/stderr without partial output: each command builds its
 * whole text first and writes it once, so an error never leaves half a config.
 *
 * @module
 */

import { Option } from "npm:@commander-js/extra-typings@15.1.0";

const encoder = new TextEncoder();

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

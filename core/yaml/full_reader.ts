/**
 * Where load.ts finds the full YAML reader (full.ts, on npm:yaml). Most
 * config files are read by the fast reader alone, and npm:yaml is a fifth of
 * the code a small `strata compose` would otherwise load before its first
 * line of work. So nothing on the reading path imports full.ts: an entry
 * point installs it, at once (the library's entries, scripts and tests:
 * import `full_install.ts`) or when first wanted (the CLI: a command that
 * meets a file only the full reader reads is run again once it is loaded,
 * cli/deferred_yaml.ts).
 *
 * @module
 */

import type { readFull } from "./full.ts";

/** The full reader's signature (full.ts's `readFull`). */
export type FullRead = typeof readFull;

/**
 * Thrown when a text needs the full reader and it is not installed yet. Not
 * a config error: whoever deferred the reader loads it and starts over.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { FullReaderMissing } from "./full_reader.ts";
 * assert.equal(new FullReaderMissing().name, "FullReaderMissing");
 * ```
 */
export class FullReaderMissing extends Error {
  constructor() {
    super(
      "strata: the full YAML reader is not loaded (import core/yaml/full_install.ts in the entry " +
        "point, as mod.ts and engine.ts do)",
    );
    this.name = "FullReaderMissing";
  }
}

let installed: FullRead | undefined;
let wanted = false;

/**
 * Makes `read` the full reader (full_install.ts does it).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fullReaderInstalled, installFullReader } from "./full_reader.ts";
 * import { readFull } from "./full.ts";
 * installFullReader(readFull);
 * assert.equal(fullReaderInstalled(), true);
 * ```
 */
export function installFullReader(read: FullRead): void {
  installed = read;
}

/**
 * Whether the full reader is installed.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fullReaderInstalled } from "./full_reader.ts";
 * import "./full_install.ts";
 * assert.equal(fullReaderInstalled(), true);
 * ```
 */
export function fullReaderInstalled(): boolean {
  return installed !== undefined;
}

/**
 * The full reader; when it is not installed, notes that it was wanted and
 * throws {@link FullReaderMissing}. The note outlives the throw, so a caller
 * that swallowed the error is still found out ({@link fullReaderWanted}).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fullReader } from "./full_reader.ts";
 * import "./full_install.ts";
 * const r = fullReader()("a: &x 1\nb: *x\n", "c.yaml");
 * assert.equal(r.empty, false);
 * ```
 */
export function fullReader(): FullRead {
  if (installed !== undefined) return installed;
  wanted = true;
  throw new FullReaderMissing();
}

/**
 * Whether a text wanted the full reader while it was not installed (since the
 * last {@link forgetFullReaderWanted}).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { forgetFullReaderWanted, fullReaderWanted } from "./full_reader.ts";
 * forgetFullReaderWanted();
 * assert.equal(fullReaderWanted(), false);
 * ```
 */
export function fullReaderWanted(): boolean {
  return wanted;
}

/**
 * Clears {@link fullReaderWanted}'s note.
 *
 * @example
 * ```ts
 * import { forgetFullReaderWanted } from "./full_reader.ts";
 * forgetFullReaderWanted();
 * ```
 */
export function forgetFullReaderWanted(): void {
  wanted = false;
}

/**
 * Loads and installs the full reader (a separate chunk in the CLI's bundle).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fullReaderInstalled, loadFullReader } from "./full_reader.ts";
 * await loadFullReader();
 * assert.equal(fullReaderInstalled(), true);
 * ```
 */
export async function loadFullReader(): Promise<void> {
  if (installed === undefined) await import("./full_install.ts");
}

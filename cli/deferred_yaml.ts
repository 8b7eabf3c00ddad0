/**
 * The CLI loads the full YAML reader (npm:yaml, core/yaml/full_reader.ts)
 * only when a config file needs it: most trees are read by the fast reader
 * alone, and a small `strata compose` then starts without loading npm:yaml.
 * A command that does meet such a file is run again once the reader is
 * loaded; its first run's output is held and dropped, so nothing is said
 * twice. A command with effects beyond its output (`run` launches jobs,
 * `sweep` and `schema` write files) loads the reader first instead, and so
 * does `diff`: a report it could not write is its own exit code (2, where 1
 * says "different"), which a write after its run could not give. A command
 * that has read every config it will read says so ({@link readingDone}):
 * from then on its output goes straight out, so a big config's output is not
 * held whole in memory (nor written only at the end).
 *
 * @module
 */

import {
  forgetFullReaderWanted,
  fullReaderInstalled,
  fullReaderWanted,
  loadFullReader,
} from "../core/yaml/full_reader.ts";
import { holdOutput, releaseOutput } from "./output.ts";

/**
 * What may run twice: commands whose only effect is their output, and help and
 * version. Anything else loads the reader before it starts: `run`, `sweep`,
 * `schema`, `diff`, and a command line that starts with a global option
 * (`--no-env run ...`), whose command is not known before commander parses it.
 */
const MAY_RUN_TWICE = new Set([
  "compose",
  "validate",
  "hash",
  "explain",
  "completions",
  "complete",
  "help",
  "--help",
  "-h",
  "--version",
  "-V",
]);

/** Whether the running command said {@link readingDone} while its output was held. */
let done = false;

/**
 * Says that the running command reads no more config text (composition and
 * resolution are over; only printing is left). Unless a file wanted the full
 * reader already (the command will run again, its output dropped), what was
 * held is written and what follows is written as it comes. A no-op outside
 * {@link withDeferredYaml}'s held run.
 *
 * @example
 * ```ts
 * import { readingDone } from "./deferred_yaml.ts";
 * readingDone(); // outside a held run: nothing to do
 * ```
 */
export function readingDone(): void {
  if (!holding || fullReaderWanted()) return;
  holding = false;
  done = true;
  releaseOutput(true);
}

/** Whether {@link withDeferredYaml} holds the output of a run that may be run again. */
let holding = false;

/**
 * Runs `command`'s `run` with the full YAML reader deferred where that is
 * safe: when `run` wanted the reader, its output is dropped, the reader
 * loaded, and `run` called again. A failure to write held output (stdout
 * closed) is thrown as the write's.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { withDeferredYaml } from "./deferred_yaml.ts";
 * assert.equal(await withDeferredYaml("compose", () => Promise.resolve(0)), 0);
 * ```
 */
export async function withDeferredYaml(
  command: string | undefined,
  run: () => Promise<number>,
): Promise<number> {
  if (fullReaderInstalled()) return await run();
  if (command !== undefined && !MAY_RUN_TWICE.has(command)) {
    await loadFullReader();
    return await run();
  }
  forgetFullReaderWanted();
  holdOutput();
  holding = true;
  done = false;
  let code: number;
  try {
    code = await run();
  } catch (e) {
    releaseOutput(true);
    throw e;
  } finally {
    holding = false;
  }
  // wanted even where a caller swallowed the reader's absence: that run's answer is not to be
  // trusted. After readingDone, nothing reads config text (and what was written stays written).
  if (done || !fullReaderWanted()) {
    releaseOutput(true);
    return code;
  }
  releaseOutput(false);
  await loadFullReader();
  Deno.exitCode = 0;
  return await run();
}

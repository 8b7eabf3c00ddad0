/**
 * The flags `deno task compile` gives the binary (permissions and the V8
 * heap flags it embeds): the benchmarks run the CLI with exactly these, so
 * `deno run` measures what the binary would do.
 *
 * @module
 */

const root = new URL("../", import.meta.url).pathname;
const compileTask: string = JSON.parse(Deno.readTextFileSync(root + "deno.json")).tasks.compile;

/** `--allow-*` and `--v8-flags=...` of the compile task, in its order. */
export const BINARY_FLAGS: readonly string[] = compileTask.split(" ")
  .filter((a) => a.startsWith("--allow-") || a.startsWith("--v8-flags="));

/**
 * Writes a conf/ tree (or any files) into a fresh temp dir, for CLI tests.
 *
 * @module
 */

/**
 * Writes `files` (path → text, parents created) under a new temp dir and
 * returns the dir.
 */
export async function writeTree(files: Record<string, string>): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "strata_test_" });
  for (const [path, text] of Object.entries(files)) {
    const full = `${dir}/${path}`;
    await Deno.mkdir(full.slice(0, full.lastIndexOf("/")), { recursive: true });
    await Deno.writeTextFile(full, text);
  }
  return dir;
}

/**
 * Runs `strata completions bash` in a real bash: the script is sourced, and
 * its completion function called as readline would for each line.
 *
 * @module
 */

import assert from "node:assert/strict";
import { PERMISSIONS, ROOT, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

/**
 * Writes `tree` into a temp dir, sources `strata completions bash` there and
 * completes each line (cursor at the end), returning COMPREPLY for each.
 * `strata` is a shell function running this checkout.
 *
 * @example
 * ```ts ignore
 * const [groups] = await completeBash({ "conf/config.yaml": "x: 1\n" }, ["strata compose "]);
 * ```
 */
export async function completeBash(
  tree: Record<string, string>,
  lines: string[],
): Promise<string[][]> {
  const dir = writeTree(tree);
  const script = await strata(["completions", "bash"], { cwd: dir });
  assert.equal(script.code, 0, script.stderr);
  await Deno.writeTextFile(`${dir}/strata.bash`, script.stdout);
  const run = [Deno.execPath(), "run", ...PERMISSIONS, ROOT + "cli/main.ts"].join(" ");
  const body = [
    `strata() { ${run} "$@"; }`,
    "source ./strata.bash",
    "source ./strata.bash", // again, as a new .bashrc does
    ...lines.map((line) =>
      `COMP_LINE='${line}'; COMP_POINT=\${#COMP_LINE}; COMP_WORDS=($COMP_LINE); ` +
      `COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 )); COMPREPLY=(); __strata_complete 2>/dev/null; ` +
      `echo "\${COMPREPLY[*]}"`
    ),
  ].join("\n");
  const out = await new Deno.Command("bash", {
    args: ["--norc", "--noprofile", "-c", body],
    cwd: dir,
    env: { NO_COLOR: "1" },
  }).output();
  Deno.removeSync(dir, { recursive: true });
  assert.equal(out.code, 0);
  assert.equal(new TextDecoder().decode(out.stderr), "");
  return new TextDecoder().decode(out.stdout).split("\n").slice(0, lines.length).map((l) =>
    l === "" ? [] : l.split(" ")
  );
}

/**
 * What a job reads: strata's stdin when one job runs at a time (a single run, a sweep at `-j 1`,
 * a manifest's task with `--job-index`), as Hydra's BasicLauncher runs each job in the app's own
 * process (a `breakpoint()`, a login prompt read the terminal); nothing (/dev/null) when jobs run
 * side by side (checker w18).
 */
import assert from "node:assert/strict";
import { confTree, SHELL_COMMAND } from "./_cli.ts";

async function sh(script: string, cwd: string): Promise<number> {
  const out = await new Deno.Command("bash", { args: ["-c", script], cwd, stdout: "null" })
    .output();
  return out.code;
}

Deno.test("run: one job at a time reads strata's stdin; jobs side by side read nothing", async () => {
  const dir = await confTree({ "conf/config.yaml": "seed: 0\n" });
  try {
    const save = `-- sh -c 'cat > "$STRATA_RUN_DIR/in"'`;
    const runs: [string, string[], string][] = [
      ["-q hydra.run.dir=single", ["single"], "in\n"],
      ["-q -m hydra.sweep.dir=seq seed=1,2", ["seq/0"], "in\n"],
      ["-q --job-index 1 hydra.sweep.dir=task seed=1,2", ["task/1"], "in\n"],
      ["-q -m -j 2 hydra.sweep.dir=par seed=1,2", ["par/0", "par/1"], ""],
    ];
    for (const [args, dirs, want] of runs) {
      assert.equal(
        await sh(`echo in | ${SHELL_COMMAND} run -d conf ${args} ${save}`, dir),
        0,
        args,
      );
      for (const d of dirs) assert.equal(Deno.readTextFileSync(`${dir}/${d}/in`), want, args);
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

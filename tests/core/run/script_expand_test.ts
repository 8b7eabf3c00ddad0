import assert from "node:assert/strict";
import { expandScript } from "../../../core/run/script_expand.ts";
import { hydraValue } from "../../../core/run/command.ts";

/** The words /bin/sh (dash on Debian) gives `printf` for the expanded script. */
async function words(script: string, runDir: string): Promise<string[]> {
  const expanded = expandScript(script, runDir, 7, hydraValue);
  const out = await new Deno.Command("/bin/sh", {
    args: ["-c", `printf '%s\\n' ${expanded}`],
  }).output();
  assert.ok(out.success, new TextDecoder().decode(out.stderr));
  return new TextDecoder().decode(out.stdout).split("\n").slice(0, -1);
}

Deno.test("a script's {run_dir} reads back as the run dir, quoted for Hydra in an override of it", async () => {
  for (const dir of ["/o/0", "/sw/db=mysql,seed=1", "/o/my run", "/o/it's", '/o/a"b$c`d\\e']) {
    for (const written of ["{run_dir}", "'{run_dir}'", '"{run_dir}"']) {
      // an override whose whole value is the run dir: Hydra's grammar reads it back
      assert.deepEqual(await words(`hydra.run.dir=${written}`, dir), [
        `hydra.run.dir=${hydraValue(dir)}`,
      ], `${written} with ${dir}`);
      // anywhere else, the dir as it is
      assert.deepEqual(await words(`${written}/x.log`, dir), [`${dir}/x.log`], written);
    }
  }
  assert.deepEqual(await words("n={job_num} '{job_num}'", "/o"), ["n=7", "7"]);
});

Deno.test("a script's override of the run dir with more after it is not the run dir alone", () => {
  const q = (s: string) => `<${s}>`;
  assert.equal(expandScript("x.dir={run_dir}/sub", "/o", 0, q), "x.dir=/o/sub");
  assert.equal(expandScript("x.dir={run_dir} y", "/o", 0, q), "x.dir='</o>' y");
});

Deno.test("a script's {overrides} reads back as the overrides: a word each bare, one string in quotes", async () => {
  const overrides = ["lr=0.1", "+msg='a b'", "x=it's", 'y="$HOME"', "hydra.mode=RUN"];
  const run = async (script: string) => {
    const out = await new Deno.Command("/bin/sh", {
      args: ["-c", expandScript(script, "/o", 0, hydraValue, overrides)],
    }).output();
    assert.ok(out.success, new TextDecoder().decode(out.stderr));
    return new TextDecoder().decode(out.stdout).split("\n").slice(0, -1);
  };
  assert.deepEqual(await run(`printf '%s\\n' {overrides}`), overrides);
  assert.deepEqual(await run(`eval "printf '%s\\n' {overrides}"`), overrides);
  assert.deepEqual(await run(`eval 'printf "%s\\n" {overrides}'`), overrides);
  // no overrides: nothing (bare), an empty string (in quotes)
  assert.equal(expandScript("a {overrides} b", "/o", 0, hydraValue, []), "a  b");
  // without a list (a caller that has none), left as written
  assert.equal(expandScript("a {overrides}", "/o", 0, hydraValue), "a {overrides}");
});

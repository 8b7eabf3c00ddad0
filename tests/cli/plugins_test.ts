import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

// lightning-hydra-template's hydra/default.yaml: the colorlog plugin's options
const CONFIG = "defaults:\n  - override hydra/hydra_logging: colorlog\n" +
  "  - override hydra/job_logging: colorlog\n  - _self_\nx: 1\n";

Deno.test("a Hydra plugin's option: Hydra's error, then where the option can come from", async () => {
  const dir = await confTree({ "conf/config.yaml": CONFIG });
  let r = await strata(["compose", "-d", "conf"], { cwd: dir });
  assert.equal(r.code, 1);
  assertNoStackTrace(r.stderr);
  assert.match(r.stderr, /In 'hydra\/config': Could not find 'hydra\/job_logging\/colorlog'/);
  assert.match(r.stderr, /hydra-colorlog plugin/);
  assert.match(r.stderr, /--search-path/);
  // the plugin's config directory on the search path: composes
  const conf = "version: 1\nformatters:\n  colorlog:\n    format: '%(message)s'\n";
  for (const g of ["job_logging", "hydra_logging"]) {
    Deno.mkdirSync(`${dir}/plugin/hydra/${g}`, { recursive: true });
    Deno.writeTextFileSync(`${dir}/plugin/hydra/${g}/colorlog.yaml`, conf);
  }
  r = await strata(["compose", "-d", "conf", "--search-path", "plugin"], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, "x: 1\n");
  // a launcher plugin registers its config from Python: the hint says to write it
  Deno.writeTextFileSync(
    `${dir}/conf/config.yaml`,
    "defaults:\n  - override hydra/launcher: submitit_slurm\n",
  );
  r = await strata(["compose", "-d", "conf"], { cwd: dir });
  assert.equal(r.code, 1);
  assert.match(
    r.stderr,
    /hydra-submitit-launcher plugin.*write hydra\/launcher\/submitit_slurm\.yaml/s,
  );
  // any other missing option: no plugin talk
  Deno.writeTextFileSync(
    `${dir}/conf/config.yaml`,
    "defaults:\n  - override hydra/launcher: nope\n",
  );
  r = await strata(["compose", "-d", "conf"], { cwd: dir });
  assert.equal(r.code, 1);
  assert.doesNotMatch(r.stderr, /plugin/);
  Deno.removeSync(dir, { recursive: true });
});

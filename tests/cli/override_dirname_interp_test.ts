/**
 * `hydra.job.config.override_dirname`'s settings written as interpolations
 * (`kv_sep: ${sep}`): Hydra reads them from the whole config
 * (`cfg.hydra.job.config.override_dirname.kv_sep`), so they resolve, in
 * compose's `hydra.job.override_dirname`, in a sweep's listing (validated or
 * not) and in `run -m`'s job dirs.
 */

import assert from "node:assert/strict";
import { confTree, strata } from "./_cli.ts";

const CONFIG = `sep: ":"
isep: "__"
skip: seed
seed: 1
lr: 0.1
hydra:
  job:
    config:
      override_dirname:
        kv_sep: \${sep}
        item_sep: \${isep}
        exclude_keys: ["\${skip}"]
`;

Deno.test("override_dirname settings that are interpolations are read resolved, as Hydra reads them", async () => {
  const dir = await confTree({ "conf/config.yaml": CONFIG });
  try {
    const run = (...args: string[]) => strata(args, { cwd: dir });
    const c = await run(
      "compose",
      "-d",
      "conf",
      "lr=3",
      "seed=2",
      "+x=1",
      "-c",
      "hydra",
      "-p",
      "hydra.job.override_dirname",
    );
    assert.equal(c.code, 0, c.stderr);
    assert.equal(c.stdout.trim().split("\n").at(-1), "+x:1__lr:3");
    for (const validate of [[], ["--no-validate"]]) {
      const s = await run(
        "sweep",
        "-d",
        "conf",
        "seed=1,2",
        "lr=0.1,0.2",
        "-f",
        "jsonl",
        ...validate,
      );
      assert.equal(s.code, 0, s.stderr);
      const dirs = s.stdout.trim().split("\n").map((l) => JSON.parse(l).override_dirname);
      assert.deepEqual(dirs, ["lr:0.1", "lr:0.2", "lr:0.1", "lr:0.2"], validate.join(" "));
    }
    // one that does not resolve fails where it is written
    Deno.writeTextFileSync(`${dir}/conf/config.yaml`, CONFIG.replace("${sep}", "${nope}"));
    const bad = await run("compose", "-d", "conf", "lr=3", "-c", "hydra");
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /conf\/config\.yaml:10:17: Interpolation key 'nope' not found/);
    assert.match(bad.stderr, /full key: hydra\.job\.config\.override_dirname\.kv_sep/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("a hydra value read by ${hydra:...} resolves with every resolver: hydra's own and the project's", async () => {
  // `run_name: ${hydra:job.override_dirname}` with `+tag=${hydra:runtime.choices.db}` on the
  // command line: the override's text is in override_dirname, and Hydra's global `hydra`
  // resolver (and the app's) resolve it when the run name is read
  const dir = await confTree({
    "conf/config.yaml":
      "defaults:\n  - db: pg\n  - _self_\nrun_name: ${hydra:job.override_dirname}\n" +
      "hydra:\n  run:\n    dir: out/${shout:x}\nrun_dir: ${hydra:run.dir}\n",
    "conf/db/pg.yaml": "host: h\n",
    ".strata.yaml": "resolvers:\n  module: r.ts\n",
    "r.ts": "export default { shout: (args: unknown[]) => String(args[0]).toUpperCase() };\n",
  });
  try {
    const r = await strata(
      ["compose", "-d", "conf", "--resolve", "+tag=${hydra:runtime.choices.db}", "+u=${shout:y}"],
      { cwd: dir },
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^run_name: \+tag=pg,\+u=Y$/m);
    assert.match(r.stdout, /^run_dir: out\/X$/m);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

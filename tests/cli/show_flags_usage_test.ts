/**
 * Hydra's rules for its printing flags (`_run_hydra`): only one of
 * `--multirun`, `--cfg` and `--info`; `--resolve` only with `--cfg`. strata
 * ignored the losing flag silently (`run -c job -m lr=1,2` printed a config of
 * none of the jobs). Each is a usage error, exit 2, before anything runs.
 *
 * @module
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

const FILES = {
  "conf/config.yaml": "defaults:\n  - db: mysql\n  - _self_\nlr: 0.1\nseed: 1\n",
  "conf/db/mysql.yaml": "host: m\n",
};

const ONLY_ONE_RUN = "Only one of --multirun, --cfg and --info can be specified\n";
const RESOLVE = "The --resolve flag can only be used in conjunction with --cfg or --help (-r is " +
  "--resolve: Hydra's -r/--run, one job, is what strata run does without a flag)\n";

Deno.test("run: -m with -c or -i, -c with -i, --resolve or -p without -c: usage errors", async () => {
  const dir = await confTree(FILES);
  const cases: [string[], string][] = [
    [["-c", "job", "-m", "lr=1,2", "seed=7", "--", "echo"], ONLY_ONE_RUN],
    [["-m", "-i", "lr=1,2", "--", "echo"], ONLY_ONE_RUN],
    [["-i", "-c", "job", "--", "echo"], ONLY_ONE_RUN],
    [["--resolve", "--", "echo"], RESOLVE],
    [["-r", "--", "echo"], RESOLVE], // Hydra's -r is --run
    [["-c=job", "-m", "--", "echo"], "Only one of --multirun, --cfg and --info can be specified\n"],
    [["-i", "defaults", "--resolve", "--", "echo"], RESOLVE],
    [["-p", "db", "--", "echo"], "The --package flag can only be used in conjunction with --cfg\n"],
  ];
  for (const [args, message] of cases) {
    const r = await strata(["run", ...args], { cwd: dir });
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
    assert.equal(r.stderr, message, args.join(" "));
    assert.equal(r.stdout, "");
  }
  // nothing ran, nothing was written
  assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["conf"]);
  const ok = await strata(["run", "-c", "job", "--resolve", "-p", "db", "--", "echo"], {
    cwd: dir,
  });
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(ok.stdout, "# @package db\nhost: m\n");
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("compose: -c with -i, and --resolve or -p with -i, are usage errors; --resolve alone is not", async () => {
  const dir = await confTree(FILES);
  const cases: [string[], string][] = [
    [["-i", "-c", "job"], "Only one of --cfg and --info can be specified\n"],
    [
      ["-i", "--resolve"],
      "--resolve does not apply to --info all, which prints Hydra's information, not the config\n",
    ],
    [
      ["-i", "defaults", "-p", "db"],
      "--package does not apply to --info defaults, which prints Hydra's information, not the config\n",
    ],
  ];
  for (const [args, message] of cases) {
    const r = await strata(["compose", ...args], { cwd: dir });
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
    assert.equal(r.stderr, message, args.join(" "));
    assert.equal(r.stdout, "");
  }
  const resolved = await strata(["compose", "--resolve", "-p", "db"], { cwd: dir });
  assert.equal(resolved.code, 0, resolved.stderr);
  assert.equal(resolved.stdout, "# @package db\nhost: m\n");
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("compose: Hydra's -c=job, -p=KEY and -i=TOPIC spellings (argparse splits a short flag's '=')", async () => {
  const dir = await confTree({ "conf/config.yaml": "db:\n  host: h\n" });
  try {
    const p = await strata(["compose", "-d", "conf", "-c=job", "-p=db"], { cwd: dir });
    assert.equal(p.code, 0, p.stderr);
    assert.equal(p.stdout, "# @package db\nhost: h\n");
    const i = await strata(["compose", "-d", "conf", "-i=defaults"], { cwd: dir });
    assert.equal(i.code, 0, i.stderr);
    assert.match(i.stdout, /Defaults List/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

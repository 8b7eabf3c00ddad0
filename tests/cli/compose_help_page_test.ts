/**
 * `compose --app-help` and `compose --hydra-help`: the pages `python app.py
 * --help` and `--hydra-help` print, from the config's own templates
 * (hydra.help, hydra.hydra_help). Expected texts are Hydra 1.3's: its tests
 * (tests/test_hydra.py, the help cases) and its docs' example output.
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

/** Hydra's tutorial app with a db group, a nested group and a custom help page. */
function tree(): string {
  return writeTree({
    "conf/config.yaml": "defaults:\n  - db: mysql\n  - _self_\nlr: 0.1\nname: ${db.driver}\n",
    "conf/db/mysql.yaml": "driver: mysql\nuser: omry\n",
    "conf/db/postgresql.yaml": "driver: postgresql\nuser: postgres_user\n",
    "conf/experiment/big/a.yaml": "# @package _global_\nlr: 1.0\n",
    "conf/_schema/config.schema.yaml": "type: object\n",
    "conf/hydra/help/custom.yaml":
      "app_name: Trainer\nheader: '${hydra.help.app_name}, lr ${lr}'\ntemplate: |-\n  ${hydra.help.header}\n  Groups:\n  $APP_CONFIG_GROUPS\n  Costs $$5\n",
    "conf/hydra/launcher/local.yaml": "_target_: x\n",
  });
}

Deno.test("--app-help: Hydra's default page, the job's name, groups sorted (nested ones, no _schema), the config as written", async () => {
  const dir = tree();
  const r = await strata(["compose", "--app-help", "--job-name", "my_app"], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stdout,
    "my_app is powered by Hydra.\n\n== Configuration groups ==\n" +
      "Compose your configuration from those groups (group=option)\n\n" +
      "db: mysql, postgresql\nexperiment/big: a\n\n\n" +
      "== Config ==\nOverride anything in the config (foo.bar=value)\n\n" +
      "db:\n  driver: mysql\n  user: omry\nlr: 0.1\nname: ${db.driver}\n\n\n" +
      "Powered by Hydra (https://hydra.cc)\nUse --hydra-help to view Hydra specific help\n\n\n",
  );
  // --resolve: the config resolved, as `--help --resolve` prints it
  const resolved = await strata(["compose", "--app-help", "--resolve", "db=postgresql"], {
    cwd: dir,
  });
  assert.equal(resolved.code, 0, resolved.stderr);
  assert.match(resolved.stdout, /\nname: postgresql\n/);
  assert.match(resolved.stdout, /^config is powered by Hydra\./);
});

Deno.test("--app-help: a custom hydra/help page, its interpolations resolved, $$ a dollar; template overrides", async () => {
  const dir = tree();
  const r = await strata(["compose", "--app-help", "hydra/help=custom", "lr=0.5"], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stdout,
    "Trainer, lr 0.5\nGroups:\ndb: mysql, postgresql\nexperiment/big: a\n\nCosts $5\n",
  );
  // Hydra's own test cases: a template set by override
  for (
    const [override, want] of [
      ["hydra.help.template=foo", "foo\n"],
      ["hydra.help.template=$APP_CONFIG_GROUPS", "db: mysql, postgresql\nexperiment/big: a\n\n"],
      [
        "hydra.help.template=$CONFIG",
        "db:\n  driver: mysql\n  user: omry\nlr: 0.1\nname: ${db.driver}\n\n",
      ],
    ]
  ) {
    const o = await strata(["compose", "--app-help", override], { cwd: dir });
    assert.equal(o.code, 0, o.stderr);
    assert.equal(o.stdout, want, override);
  }
});

Deno.test("--hydra-help: Hydra's page, its groups (the tree's hydra/ options too), composed from no primary config", async () => {
  const dir = tree();
  const r = await strata(["compose", "--hydra-help"], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.match(
    r.stdout,
    /^Hydra \(1\.3\.2\)\nSee https:\/\/hydra\.cc for more info\.\n\n== Flags ==\n/,
  );
  assert.match(r.stdout, /\n--config-dir,-d : the primary config directory\n/);
  assert.ok(
    r.stdout.endsWith(
      "hydra: config\nhydra/env: default\nhydra/help: custom, default\nhydra/hydra_help: default\n" +
        "hydra/hydra_logging: default, disabled, hydra_debug, none\n" +
        "hydra/job_logging: default, disabled, none, stdout\nhydra/launcher: basic, local\n" +
        "hydra/output: default\nhydra/sweeper: basic\n\n\nUse '--cfg hydra' to Show the Hydra config.\n\n",
    ),
    r.stdout,
  );
  // the page's $CONFIG is the hydra node, composed without the primary (its db choice is not there)
  const c = await strata(["compose", "--hydra-help", "hydra.hydra_help.template=$CONFIG"], {
    cwd: dir,
  });
  assert.equal(c.code, 0, c.stderr);
  assert.match(c.stdout, /^hydra:\n {2}run:\n/);
  assert.doesNotMatch(c.stdout, /db: mysql|\n {2}hydra_help:|\n {2}help:/);
});

Deno.test("help pages: an unknown placeholder is an error at the template (exit 1), flags that do not apply are usage errors (exit 2)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - override hydra/help: bad\n  - _self_\na: 1\n",
    "conf/hydra/help/bad.yaml": "template: 'Usage: $APP_NAME'\n",
  });
  const r = await strata(["compose", "--app-help"], { cwd: dir });
  assert.equal(r.code, 1, r.stderr);
  assertNoStackTrace(r.stderr);
  assert.match(r.stderr, /hydra\/help\/bad\.yaml:1:11/);
  assert.match(r.stderr, /unknown placeholder \$APP_NAME/);
  assert.match(r.stderr, /KeyError: 'APP_NAME'/);
  assert.equal(r.stdout, "");
  const bad = await strata(["compose", "--app-help", "hydra.help.template=cost: $ 5"], {
    cwd: dir,
  });
  assert.equal(bad.code, 1, bad.stderr);
  assert.match(bad.stderr, /Invalid placeholder in string: line 1, col 7/);
  for (
    const [args, said] of [
      [["--app-help", "--hydra-help"], /Only one of --app-help and --hydra-help/],
      [["--app-help", "--cfg", "job"], /--cfg does not apply to --app-help/],
      [["--app-help", "-f", "json"], /--format json does not apply to --app-help/],
      [["--hydra-help", "--resolve"], /--resolve does not apply to --hydra-help.*--app-help/],
    ] as const
  ) {
    const u = await strata(["compose", ...args], { cwd: dir });
    assert.equal(u.code, 2, u.stderr);
    assert.match(u.stderr, said);
    assertNoStackTrace(u.stderr);
  }
  // other commands point at compose's pages
  const run = await strata(["run", "--hydra-help", "--", "true"], { cwd: dir });
  assert.equal(run.code, 2);
  assert.match(run.stderr, /strata compose --hydra-help/);
});

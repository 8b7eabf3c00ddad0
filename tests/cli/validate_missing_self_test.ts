/**
 * Hydra warns when a primary config with content has a defaults list without
 * `_self_` (its content then merges last, which changed in Hydra 1.1);
 * `compose`, `run` and `sweep` print it (Hydra's app does), `validate` reports it as a
 * warning; all of them at the list.
 */
import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { validateIn, writeTree } from "./_tree.ts";

const WARNING = "In 'config': Defaults list is missing `_self_`. See " +
  "https://hydra.cc/docs/1.2/upgrades/1.0_to_1.1/default_composition_order for more information";
// strata's line under it: what the order changes (here nothing the list sets)
const NONE = "its own values replace none its defaults list sets: `- _self_` last in the list " +
  "composes the same config without the warning";

Deno.test("validate: a primary defaults list without _self_ is a warning, as compose prints it", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - db: mysql\n\nlr: 0.1\n",
    "conf/db/mysql.yaml": "host: a\n",
    "conf/db/pg.yaml": "host: b\n",
  });
  const compose = await strata(["compose", "-d", "conf"], { cwd: dir });
  assert.equal(compose.code, 0, compose.stderr);
  // at the list, where validate reports it
  assert.equal(compose.stderr, `conf/config.yaml:2:9: warning: ${WARNING}\n    ${NONE}\n`);
  const r = await validateIn(dir, ["-d", "conf"]);
  assert.equal(r.code, 0);
  // Once, though every composition (db=pg too) shows it.
  assert.deepEqual(r.lines, [
    `conf/config.yaml:2:9: warning: ${WARNING}`,
    `        ${NONE}`,
    "1 warning in 3 files, 2 compositions",
  ]);
  const strict = await validateIn(dir, ["-d", "conf", "--strict"]);
  assert.equal(strict.code, 1);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("validate: no _self_ warning where Hydra gives none", async () => {
  for (
    const config of [
      "defaults:\n  - db: mysql\n  - _self_\nlr: 0.1\n", // has _self_
      "defaults:\n  - db: mysql\n", // no content of its own
      "defaults:\n  - db: mysql\nlr: ???\n", // only ??? values are no content either
      "defaults: []\nlr: 0.1\n", // an empty list
    ]
  ) {
    const dir = writeTree({ "conf/config.yaml": config, "conf/db/mysql.yaml": "host: a\n" });
    const compose = await strata(["compose", "-d", "conf"], { cwd: dir });
    assert.equal(compose.stderr, "", config);
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.ok(!r.lines.some((l) => l.includes("_self_")), `${config}\n${r.lines.join("\n")}`);
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("run, run -m and sweep print the _self_ warning once, at the list, as compose does", async () => {
  const dir = writeTree({
    "conf/nos.yaml":
      "defaults:\n  - g: a\nk: 1\nhydra:\n  run:\n    dir: out\n  sweep:\n    dir: multi\n",
    "conf/g/a.yaml": "v: 1\n",
    "conf/g/b.yaml": "v: 2\n",
  });
  try {
    const line = `conf/nos.yaml:2:8: warning: ${
      WARNING.replace("'config'", "'nos'")
    }\n    ${NONE}\n`;
    const compose = await strata(["compose", "-n", "nos"], { cwd: dir });
    assert.equal(compose.stderr, line);
    const run = await strata(["run", "-n", "nos", "--", "true"], { cwd: dir });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, line);
    // once for the sweep, not once per job
    const sweep = await strata(["sweep", "-n", "nos", "g=a,b"], { cwd: dir });
    assert.equal(sweep.code, 0, sweep.stderr);
    assert.equal(sweep.stderr, line);
    const multirun = await strata(["run", "-m", "-n", "nos", "g=a,b", "--", "true"], { cwd: dir });
    assert.equal(multirun.code, 0, multirun.stderr);
    assert.equal(
      multirun.stderr.split("\n").filter((l) => l.includes("missing `_self_`")).length,
      1,
    );
    assert.ok(multirun.stderr.startsWith(line), multirun.stderr);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

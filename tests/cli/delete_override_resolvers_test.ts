/**
 * `~key` reads the value before it deletes it, as Hydra does
 * (OmegaConf.select). In a Hydra app the app's resolvers are registered by
 * then (mdlm's `${cwd:}`), so strata reads it with the project's resolvers
 * (`--resolvers`, `.strata.yaml`'s module); a resolver declared opaque
 * deletes the key unread. Every command that composes does so.
 *
 * @module
 */
import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("~key whose value calls the app's resolver: read with --resolvers, by every command", async () => {
  const dir = writeTree({
    "conf/config.yaml": "save_dir: ${cwd:}\nb: 2\n",
    "r.ts": "export default { cwd: () => '/fake/cwd' };\n",
  });
  try {
    const without = await strata(["compose", "-d", "conf", "~save_dir"], { cwd: dir });
    assert.equal(without.code, 1);
    assertNoStackTrace(without.stderr);
    assert.match(
      without.stderr,
      /reads its value first, as Hydra does.*Unsupported interpolation type cwd/,
    );
    const withIt = ["-d", "conf", "--resolvers", "r.ts", "~save_dir"];
    const compose = await strata(["compose", ...withIt], { cwd: dir });
    assert.equal(compose.code, 0, compose.stderr);
    assert.equal(compose.stdout, "b: 2\n");
    for (const cmd of [["hash"], ["explain", "b"], ["sweep", "-f", "jsonl"]]) {
      const r = await strata([...cmd, ...withIt], { cwd: dir });
      assert.equal(r.code, 0, `${cmd.join(" ")}: ${r.stderr}`);
    }
    const run = await strata(["run", ...withIt, "hydra.run.dir=out", "--", "true"], { cwd: dir });
    assert.equal(run.code, 0, run.stderr);
    const validate = await strata(
      ["validate", "-d", "conf", "--resolvers", "r.ts", "--override", "~save_dir"],
      { cwd: dir },
    );
    assert.equal(validate.code, 0, validate.stdout + validate.stderr);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("~key whose value calls a resolver declared opaque deletes it unread", async () => {
  const dir = writeTree({
    "conf/config.yaml": "save_dir: ${cwd:}\nb: 2\n",
    ".strata.yaml": "config_dir: conf\nresolvers:\n  opaque: [cwd]\n",
  });
  try {
    const r = await strata(["compose", "~save_dir"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "b: 2\n");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

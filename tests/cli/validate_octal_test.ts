/**
 * validate warns at an int that YAML 1.1 reads as octal (`model_lr: 00143`
 * is 99 to PyYAML, so to OmegaConf and Hydra: mbrl-lib's
 * overrides/pets_inv_pendulum.yaml); compose reads it as they do.
 */
import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("validate: a leading-zero int read as octal is a warning at the value, with its full key", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - overrides: pend\n  - _self_\nport: 8080\n",
    "conf/overrides/pend.yaml": "model_lr: 00143\nsteps: [1, -010]\nfile_mode: 0755\nzero: 00\n" +
      "name: '0017'\n",
  });
  try {
    const v = await strata(["validate", "-d", "conf"], { cwd: dir });
    assert.equal(v.code, 0, v.stdout + v.stderr);
    const warnings = (v.stdout + v.stderr).split("\n").filter((l) => l.includes("octal"));
    assert.deepEqual(warnings, [
      "conf/overrides/pend.yaml:1:11: warning: '00143' is the int 99: YAML 1.1 (PyYAML, so " +
      "OmegaConf and Hydra) reads a leading 0 as octal; write 143 for the decimal, or quote it " +
      "for the text [key: overrides.model_lr]",
      "conf/overrides/pend.yaml:2:12: warning: '-010' is the int -8: YAML 1.1 (PyYAML, so " +
      "OmegaConf and Hydra) reads a leading 0 as octal; write -10 for the decimal, or quote it " +
      "for the text [key: overrides.steps[1]]",
    ]);
    const strict = await strata(["validate", "-d", "conf", "--strict"], { cwd: dir });
    assert.equal(strict.code, 1);
    const c = await strata(["compose", "-d", "conf", "-p", "overrides.model_lr"], { cwd: dir });
    assert.equal(c.stdout, "99\n");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate: an unquoted leading-zero number with an 8 or 9 (no octal int) is a warning: it is a string, as PyYAML reads it (checker w37)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "step_size: 08\nlist: [1, 019]\nquoted: '09'\nname: 08a\nf: 0.8\n",
  });
  try {
    const v = await strata(["validate", "-d", "conf"], { cwd: dir });
    assert.equal(v.code, 0, v.stdout + v.stderr);
    const warnings = (v.stdout + v.stderr).split("\n").filter((l) => l.includes("octal"));
    assert.deepEqual(warnings, [
      "conf/config.yaml:1:12: warning: '08' is the string '08': YAML 1.1 (PyYAML, so OmegaConf " +
      "and Hydra) reads a leading 0 as octal, and 8 and 9 are no octal digits, so it is no int; " +
      "write 8 for the int, or quote it for the text [key: step_size]",
      "conf/config.yaml:2:11: warning: '019' is the string '019': YAML 1.1 (PyYAML, so OmegaConf " +
      "and Hydra) reads a leading 0 as octal, and 8 and 9 are no octal digits, so it is no int; " +
      "write 19 for the int, or quote it for the text [key: list[1]]",
    ]);
    // composed as OmegaConf reads it: the string
    const c = await strata(["compose", "-d", "conf", "-f", "json"], { cwd: dir });
    assert.match(c.stdout, /"step_size": ?"08"/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate: an unquoted 0o17 (YAML 1.2's and Python's octal) is a warning: YAML 1.1 reads it as text (checker y8 #1)", async () => {
  const dir = writeTree({ "conf/config.yaml": "umask: 0o17\nquoted: '0o17'\nn: 17\n" });
  try {
    const v = await strata(["validate", "-d", "conf"], { cwd: dir });
    assert.equal(v.code, 0, v.stdout + v.stderr);
    assert.deepEqual((v.stdout + v.stderr).split("\n").filter((l) => l.includes("octal")), [
      "conf/config.yaml:1:8: warning: '0o17' is the string '0o17': YAML 1.1 (PyYAML, so " +
      "OmegaConf and Hydra) has no 0o prefix (YAML 1.2's and Python's octal); write 15 for the " +
      "int, or quote it for the text [key: umask]",
    ]);
    const c = await strata(["compose", "-d", "conf", "-f", "json"], { cwd: dir });
    assert.equal(JSON.parse(c.stdout).umask, "0o17");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

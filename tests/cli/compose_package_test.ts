/**
 * `--package/-p KEY` with `--resolve` resolves the selected node only, as
 * Hydra's `show_cfg` does (`OmegaConf.select`, then `OmegaConf.resolve`).
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

const CONFIG = "a: ${oc.env:STRATA_TEST_UNSET_KEY}\nmodel:\n  name: gpt2\n  n: ${.name}\n" +
  "  up: ${b}\n  m: ???\n  z: null\nb: 1\n";

Deno.test("-p KEY --resolve: an error elsewhere in the config does not fail it", async () => {
  const dir = await confTree({ "conf/config.yaml": CONFIG });
  try {
    const run = (...args: string[]) => strata(["compose", "-d", "conf", ...args], { cwd: dir });
    const node = await run("-c", "job", "-p", "model", "--resolve");
    assert.equal(node.stderr, "");
    assert.equal(node.code, 0);
    assert.equal(node.stdout, "# @package model\nname: gpt2\n'n': gpt2\nup: 1\nm: ???\nz: null\n");
    // a leaf is read (so resolved) even without --resolve, as OmegaConf.select does
    for (const extra of [[], ["--resolve"]]) {
      const leaf = await run("-p", "model.n", ...extra);
      assert.equal(leaf.stdout, "gpt2\n", `${extra}: ${leaf.stderr}`);
      assert.equal(leaf.code, 0);
    }
    // -f json prints the leaf as JSON
    assert.equal((await run("-p", "model.n", "-f", "json", "--resolve")).stdout, '"gpt2"\n');
    // without --resolve a container is printed as it is
    assert.match((await run("-p", "model")).stdout, /^'n': \$\{\.name\}$/m);
    // select gives None for ??? and null: Hydra's "not found"
    for (const key of ["model.m", "model.z"]) {
      const none = await run("-p", key);
      assert.equal(none.code, 1);
      assert.match(none.stderr, new RegExp(`package '${key}' not found in config`));
    }
    // the whole config still fails where it fails, located
    const all = await run("--resolve");
    assert.equal(all.code, 1);
    assert.match(all.stderr, /conf\/config\.yaml:1:4: .*STRATA_TEST_UNSET_KEY/);
    assertNoStackTrace(all.stderr);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("-p KEY on a leaf prints it as Hydra's print() does: Python's str, not JavaScript's", async () => {
  const dir = await confTree({
    "conf/config.yaml": "lr: 1.0\nbig: 1e10\nsmall: 2.5e-5\nflag: true\nref: ${lr}\ninf: .inf\n",
  });
  try {
    const want: Record<string, [string, string]> = {
      lr: ["1.0", "1.0"],
      big: ["10000000000.0", "10000000000.0"],
      small: ["2.5e-05", "2.5e-05"],
      flag: ["True", "true"],
      ref: ["1.0", "1.0"],
      inf: ["inf", '"inf"'],
    };
    for (const [key, [text, json]] of Object.entries(want)) {
      const r = await strata(["compose", "-d", "conf", "-c", "job", "-p", key], { cwd: dir });
      assert.equal(r.stdout, text + "\n", `${key}: ${r.stderr}`);
      const j = await strata(["compose", "-d", "conf", "-p", key, "-f", "json"], { cwd: dir });
      assert.equal(j.stdout, json + "\n", `${key} as JSON`);
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("--cfg hydra prints the hydra node without help and hydra_help (Hydra's get_sanitized_hydra_cfg)", async () => {
  const dir = await confTree({ "conf/config.yaml": "a: 1\n" });
  try {
    const run = (...args: string[]) => strata(["compose", "-d", "conf", ...args], { cwd: dir });
    const hydra = await run("-c", "hydra");
    assert.equal(hydra.code, 0, hydra.stderr);
    assert.match(hydra.stdout, /^hydra:\n {2}run:\n/);
    assert.doesNotMatch(hydra.stdout, /^ {2}(help|hydra_help):/m);
    assert.match((await run("-c", "all")).stdout, /^ {2}hydra_help:/m, "--cfg all keeps them");
    const help = await run("-c", "hydra", "-p", "hydra.help");
    assert.equal(help.code, 1);
    assert.match(help.stderr, /package 'hydra\.help' not found in config/);
    // --resolve resolves what it prints: the run dir's ${now:...}
    const dirs = await run("-c", "hydra", "-p", "hydra.run", "--resolve");
    assert.match(dirs.stdout, /^dir: outputs\/\d{4}-\d\d-\d\d\/\d\d-\d\d-\d\d$/m, dirs.stderr);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("-p takes OmegaConf.select's keys: list items and dict keys in brackets", async () => {
  const dir = await confTree({
    "conf/config.yaml": "optim:\n  betas: [0.9, 0.999]\nmodel:\n  enc: {layers: [1, 2]}\n",
  });
  try {
    const run = (...args: string[]) => strata(["compose", "-d", "conf", ...args], { cwd: dir });
    const item = await run("-p", "optim.betas[1]");
    assert.equal(item.code, 0, item.stderr);
    assert.equal(item.stdout, "0.999\n");
    assert.equal((await run("-p", "optim.betas.1")).stdout, "0.999\n");
    const node = await run("-p", "model[enc].layers", "--resolve");
    assert.equal(node.stdout, "# @package model[enc].layers\n- 1\n- 2\n");
    const none = await run("-p", "optim.betas[5]");
    assert.equal(none.code, 1);
    assert.match(none.stderr, /package 'optim.betas\[5\]' not found in config/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

// Hydra reads the header from the text as Python decodes it ("utf-8", not "utf-8-sig"): a BOM
// starts the first line, which then is not a `# @` line, so the header is not read at all.
Deno.test("a BOM before '# @package' hides the header, as in Hydra", async () => {
  const bom = "\ufeff";
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - db: mysql\n  - db@other: pg\n",
    "conf/db/mysql.yaml": `${bom}# @package foo\nhost: a\n`,
    "conf/db/pg.yaml": `${bom}\n# @package a b c\nhost: b\n`,
  });
  try {
    const r = await strata(["compose", "-d", "conf"], { cwd: dir });
    // said at each file: the header is hidden, as Hydra hides it
    assert.match(
      r.stderr,
      /^conf\/db\/mysql\.yaml:1:1: warning: a byte-order mark before '# @package foo' hides the header from Hydra/m,
    );
    // (pg.yaml's hidden header would be refused, were it read: it is not, and nothing is said)
    assert.doesNotMatch(r.stderr, /pg\.yaml/);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, "db:\n  host: a\nother:\n  host: b\n");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("--cfg job has no hydra key to interpolate: ${hydra.job.name} fails, ${hydra:job.name} reads; --cfg all has it", async () => {
  // Hydra's show_cfg deletes `hydra` from the config before --cfg job selects or resolves it
  const dir = await confTree({
    "conf/config.yaml": "x: ${hydra.job.name}\ny: ${hydra:job.name}\n",
  });
  try {
    const run = (...args: string[]) => strata(["compose", "-d", "conf", ...args], { cwd: dir });
    for (const args of [["--resolve"], ["-c", "job", "--resolve"], ["-c", "job", "-p", "x"]]) {
      const r = await run(...args);
      assert.equal(r.code, 1, `${args}: ${r.stdout}`);
      assert.match(
        r.stderr,
        /conf\/config\.yaml:1:4: Interpolation key 'hydra\.job\.name' not found/,
      );
      assertNoStackTrace(r.stderr);
    }
    const y = await run("-c", "job", "-p", "y");
    // the job name strata gives without a script: the config's name
    assert.equal(y.stdout, "config\n", y.stderr);
    for (const args of [["-c", "all", "-p", "x"], ["-c", "all", "--resolve"]]) {
      const r = await run(...args);
      assert.equal(r.code, 0, `${args}: ${r.stderr}`);
      assert.match(r.stdout, /^(x: )?config$/m);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

// Hydra reads the header from `f.read(512)`: 512 characters of the text (CRLF read as one), so a
// header line past them is a plain comment and one they cut is read cut.
Deno.test("'# @package' is read from the first 512 characters only, as in Hydra", async () => {
  // a header line of n characters, EOL included (an astral character is one, as in Python)
  const filler = (n: number, eol = "\n") => `# @note ${"𝄞".repeat(n - 9)}${eol}`;
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - db: late\n  - dc: cut\n  - dd: crlf\n",
    "conf/db/late.yaml": `${filler(520)}# @package foo\nhost: a\n`,
    // 500 + 12 = 512: the header line is cut to `# @package f`
    "conf/dc/cut.yaml": `${filler(500)}# @package foo.bar\nhost: b\n`,
    // the same with CRLF endings: `\r\n` is one character of the 512
    "conf/dd/crlf.yaml": `${filler(500, "\r\n")}# @package baz\r\nhost: c\r\n`,
  });
  try {
    const r = await strata(["compose", "-d", "conf"], { cwd: dir });
    assert.equal(r.stderr, "");
    assert.equal(r.code, 0);
    assert.equal(r.stdout, "db:\n  host: a\nf:\n  host: b\nb:\n  host: c\n");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

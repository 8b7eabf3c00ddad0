/**
 * The YAML reader as a user meets it: where the nesting limit is reported,
 * and dialect edge cases decided by PyYAML/OmegaConf.
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

Deno.test("compose: a flow collection nested past 500 levels fails where the limit is crossed", async () => {
  const deep = (n: number) => `a: ${"[".repeat(n)}${"]".repeat(n)}\n`;
  const dir = await confTree({
    "conf/d501.yaml": deep(501),
    "conf/d1000.yaml": deep(1000),
    "conf/d200000.yaml": deep(200_000),
    "conf/d500.yaml": deep(500),
  });
  try {
    for (const name of ["d501", "d1000", "d200000"]) {
      const r = await strata(["compose", "-d", "conf", "-n", name], { cwd: dir });
      assert.equal(r.code, 1, name);
      assert.match(
        r.stderr,
        new RegExp(
          `^conf/${name}\\.yaml:1:503: the document nests deeper than 500 levels\\n {4}full key: …\\]\\[0\\]`,
        ),
        name,
      );
      assertNoStackTrace(r.stderr);
    }
    const ok = await strata(["compose", "-d", "conf", "-n", "d500", "-f", "json"], { cwd: dir });
    assert.equal(ok.code, 0, ok.stderr);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("compose: YAML line breaks, tabs and BOMs as PyYAML/OmegaConf read them", async () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  const dir = await confTree({
    "conf/cr.yaml": "a: 1\rb: 2\r",
    "conf/crblock.yaml": "a: |\r  x\r  y\r",
    "conf/nel.yaml": "a: \u0085x\n",
    "conf/tab.yaml": "a:\t1\n",
    "conf/tabplain.yaml": "x: 1\na: x\ty\n",
    "conf/tabok.yaml": 'a: "x\ty"\nb: |\n  \tz\n# \tc\n',
    "conf/bom2.yaml": new Uint8Array([0xef, 0xbb, 0xbf, ...enc("\ufeffa: 1\n")]),
    "conf/bom1.yaml": new Uint8Array([0xef, 0xbb, 0xbf, ...enc("a: 1\n")]),
  });
  try {
    const json = async (name: string) => {
      const r = await strata(["compose", "-d", "conf", "-n", name, "-f", "json"], { cwd: dir });
      assert.equal(r.code, 0, `${name}: ${r.stderr}`);
      return JSON.parse(r.stdout);
    };
    const fails = async (name: string, want: RegExp) => {
      const r = await strata(["compose", "-d", "conf", "-n", name], { cwd: dir });
      assert.equal(r.code, 1, name);
      assert.match(r.stderr, want, name);
      assertNoStackTrace(r.stderr);
    };
    assert.deepEqual(await json("cr"), { a: 1, b: 2 });
    assert.deepEqual(await json("crblock"), { a: "x\ny\n" });
    await fails("nel", /^conf\/nel\.yaml:2:1: /);
    const tab = /found character '\\t' that cannot start any token/;
    await fails(
      "tab",
      new RegExp(`^conf/tab\\.yaml:1:3: while scanning for the next token: ${tab.source}`),
    );
    await fails("tabplain", new RegExp(`^conf/tabplain\\.yaml:2:5: .*${tab.source}`));
    // with its line and a caret at the tab, as the other syntax errors (checker x43 #3)
    await fails("tabplain", /\)\n {4}a: x\\ty\n {8}\^\^\n$/);
    assert.deepEqual(await json("tabok"), { a: "x\ty", b: "\tz\n" });
    assert.deepEqual(await json("bom2"), { "\ufeffa": 1 });
    assert.deepEqual(await json("bom1"), { a: 1 });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a plain scalar PyYAML takes for a number but cannot read (0b_, ._) is a located error, not a crash", async () => {
  for (
    const [value, message] of [
      ["0b_", "invalid literal for int() with base 2: ''"],
      ["-0x_", "invalid literal for int() with base 16: ''"],
      ["._", "could not convert string to float: '.'"],
    ]
  ) {
    const dir = await confTree({ "conf/config.yaml": `a: 1\nk: ${value}\n` });
    const r = await strata(["compose"], { cwd: dir });
    assert.equal(r.code, 1, `${value}: ${r.stderr}`);
    assert.equal(r.stderr, `conf/config.yaml:2:4: ${message}\n`);
    assertNoStackTrace(r.stderr);
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("compose: 100 aliases of a 10^4-item list compose; a billion laughs is a located limit error", async () => {
  const list = Array.from({ length: 10_000 }, (_, i) => `  - ${i}\n`).join("");
  const aliases = Array.from({ length: 100 }, (_, i) => `k${i}: *l\n`).join("");
  let lol = "a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1]\n";
  for (const [prev, name] of ["ab", "bc", "cd", "de", "ef", "fg", "gh"]) {
    lol += `${name}: &${name} [${Array(9).fill(`*${prev}`).join(", ")}]\n`;
  }
  const dir = await confTree({
    "conf/big.yaml": `base: &l\n${list}${aliases}`,
    "conf/lol.yaml": lol,
  });
  try {
    const ok = await strata(["compose", "-d", "conf", "-n", "big", "-f", "json"], { cwd: dir });
    assert.equal(ok.code, 0, ok.stderr);
    const cfg = JSON.parse(ok.stdout);
    assert.equal(cfg.k99.length, 10_000);
    assert.equal(cfg.k99[9_999], 9_999);
    const r = await strata(["compose", "-d", "conf", "-n", "lol"], { cwd: dir });
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      "conf/lol.yaml:7:8: aliases copy more than 1000000 nodes that are copies themselves in this " +
        "file (the limit): '*f' (anchor at 6:4) copies 597870 more after 672462: aliases inside " +
        'an anchored node are copied with it, so they multiply ("billion laughs"); set ' +
        "STRATA_MAX_ALIAS_NODES to raise it (now 5000000, this limit a fifth of it)\n" +
        "    full key: g[0]\n",
    );
    assertNoStackTrace(r.stderr);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("compose: U+2028/U+2029 are line breaks, as OmegaConf.load reads them, and its YAML reads back", async () => {
  const dir = await confTree({
    "conf/config.yaml": "lr: 0.1 # note\u2028epochs: 3\nname: 'gpt\u2028  2'\nplain: x\u2029\n",
    "conf/escaped.yaml": 'a: "x\\Ly"\nb: "\\P"\n',
  });
  try {
    const r = await strata(["compose", "-d", "conf", "-f", "json"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { lr: 0.1, epochs: 3, name: "gpt\u20282", plain: "x" });
    // compose's YAML writes them as PyYAML does, in single quotes with a break: read back the same
    const y = await strata(["compose", "-d", "conf", "-n", "escaped"], { cwd: dir });
    assert.equal(y.code, 0, y.stderr);
    await Deno.writeTextFile(`${dir}/conf/again.yaml`, y.stdout);
    const again = await strata(["compose", "-d", "conf", "-n", "again", "-f", "json"], {
      cwd: dir,
    });
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(JSON.parse(again.stdout), { a: "x\u2028y", b: "\u2029" });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("compose: an unrendered cookiecutter template ({{ x }}) is PyYAML's unhashable key, with its line and what it likely is", async () => {
  const dir = await confTree({
    "conf/config.yaml": "a: 1\nproject_name: {{ cookiecutter.repository_name }}\n",
    "conf/list_key.yaml": "a: {[1]: 2}\n",
  });
  try {
    const r = await strata(["compose", "-d", "conf"], { cwd: dir });
    assert.equal(r.code, 1);
    assertNoStackTrace(r.stderr);
    assert.equal(
      r.stderr,
      "conf/config.yaml:2:16: found unhashable key\n" +
        "    project_name: {{ cookiecutter.repository_name }}\n" +
        "                   ^\n" +
        "    '{{ ... }}' is a flow mapping to YAML, whose key is a mapping: an unrendered Jinja " +
        "(cookiecutter) template? Render it first, or quote the value ('{{ x }}')\n",
    );
    const list = await strata(["compose", "-d", "conf", "-n", "list_key"], { cwd: dir });
    assert.equal(list.code, 1);
    assert.equal(
      list.stderr,
      "conf/list_key.yaml:1:5: found unhashable key\n    a: {[1]: 2}\n        ^\n",
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

/**
 * A resolvers module that does not load is reported at the place Deno names
 * (a syntax error's line and column, a top-level throw's, a file it imports),
 * with the source line and a caret; not at the module's first line.
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

const TREE = {
  "conf/config.yaml": "defaults:\n  - db: mysql\n  - _self_\nlr: 0.1\n",
  "conf/db/mysql.yaml": "host: localhost\n",
  "tools/r2.ts": "export default {\n  a: (x: string) => x,\n  b: (x) => x +* ,\n};\n",
  "tools/r5.js": 'export default {\n  a: (x) => x,\n  b: (x) => "unterminated,\n};\n',
  "tools/r3.ts": "const table = {};\nundefinedFn();\nexport default table;\n",
  "tools/uses.ts": 'import "./r2.ts";\nexport default {};\n',
};

Deno.test("a resolvers module's syntax error: at its line and column, from .strata.yaml or --resolvers", async () => {
  const dir = Deno.realPathSync(writeTree(TREE));
  try {
    Deno.writeTextFileSync(`${dir}/.strata.yaml`, "resolvers:\n  module: tools/r2.ts\n");
    const r = await strata(["compose"], { cwd: dir });
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(
      r.stderr,
      `${dir}/tools/r2.ts:3:18: cannot load the resolvers module: SyntaxError: Expression expected\n` +
        "      b: (x) => x +* ,\n" +
        "                     ^\n",
    );
    Deno.removeSync(`${dir}/.strata.yaml`);
    const js = await strata(["hash", "--resolvers", "tools/r5.js"], { cwd: dir });
    assert.equal(js.code, 1, js.stderr);
    assert.match(
      js.stderr,
      /^tools\/r5\.js:3:13: cannot load the resolvers module: SyntaxError: Invalid or unexpected token\n/,
    );
    // validate's report (and its GitHub annotation) gets the line
    const v = await strata(["validate", "--resolvers", "tools/r2.ts", "-f", "github"], {
      cwd: dir,
    });
    assert.equal(v.code, 1, v.stderr);
    assert.match(v.stdout, /^::error file=tools\/r2\.ts,line=3,col=18,/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("a resolvers module that throws as it loads, or imports a broken file: that place", async () => {
  const dir = Deno.realPathSync(writeTree(TREE));
  try {
    const r = await strata(["hash", "--resolvers", "tools/r3.ts"], { cwd: dir });
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 1, r.stderr);
    assert.match(
      r.stderr,
      /^tools\/r3\.ts:2:1: cannot load the resolvers module: ReferenceError: undefinedFn is not defined\n/,
    );
    const u = await strata(["hash", "--resolvers", "tools/uses.ts"], { cwd: dir });
    assert.equal(u.code, 1, u.stderr);
    assert.match(
      u.stderr,
      new RegExp(`^${dir}/tools/r2\\.ts:3:18: cannot load the resolvers module`),
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("a throw with no string form (a null-prototype object): reported, not an internal error", async () => {
  const dir = Deno.realPathSync(writeTree({
    ...TREE,
    "conf/config.yaml": "a: 1\nb: ${boom:}\n",
    "tools/boom.ts": "export default { boom: () => { throw Object.create(null); } };\n",
    "tools/r9.ts": "throw Object.create(null);\n",
    ".strata.yaml": "resolvers:\n  module: tools/boom.ts\n",
  }));
  try {
    // a resolver's throw is OmegaConf's "X raised while resolving interpolation: ..."
    const r = await strata(["compose", "--resolve"], { cwd: dir });
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(
      r.stderr,
      "conf/config.yaml:2:4: Error raised while resolving interpolation: [object Object]\n" +
        "    full key: b\n",
    );
    const m = await strata(["hash", "--resolvers", "tools/r9.ts"], { cwd: dir });
    assertNoStackTrace(m.stderr);
    assert.equal(m.code, 1, m.stderr);
    assert.match(
      m.stderr,
      /^tools\/r9\.ts:1:1: cannot load the resolvers module: \[object Object\]/,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("a resolver that is not a function is reported at its key in the module, not at 1:1", async () => {
  // checker w52 #3
  const dir = writeTree({
    ...TREE,
    "tools/notfn.ts": "const mul = 3;\nexport default {\n  add: (a: number) => a,\n  mul,\n};\n",
  });
  try {
    const r = await strata(["compose", "--resolvers", "tools/notfn.ts"], { cwd: dir });
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /^tools\/notfn\.ts:4:3: resolver 'mul' is not a function\n/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("compose --resolve: a value calling a resolver .strata.yaml declares opaque is kept as written", async () => {
  const dir = writeTree({
    ".git/HEAD": "ref: refs/heads/main\n",
    ".strata.yaml": "resolvers:\n  opaque: [eq]\n",
    "conf/config.yaml": "a: 1\nb: ${a}\nsame: ${eq:${a},1}\nalias: ${same}\n",
  });
  let r = await strata(["compose", "--resolve"], { cwd: dir });
  assertNoStackTrace(r.stderr);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, "a: 1\nb: 1\nsame: ${eq:${a},1}\nalias: ${same}\n");
  // a value that only reads one calling the resolver is said to read it, not to call it
  assert.equal(
    r.stderr,
    "conf/config.yaml:3:7: warning: same calls 'eq', declared opaque in .strata.yaml: kept as written\n" +
      "conf/config.yaml:4:8: warning: alias reads a value that calls 'eq', declared opaque in .strata.yaml: kept as written\n",
  );
  // an undeclared resolver still fails
  Deno.writeTextFileSync(`${dir}/conf/config.yaml`, "a: 1\nb: ${nope:1}\n");
  r = await strata(["compose", "--resolve"], { cwd: dir });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /Unsupported interpolation type nope/);
});

Deno.test("compose/run -p KEY --resolve: a value calling an opaque resolver is kept as written, as without -p", async () => {
  const dir = writeTree({
    ".git/HEAD": "ref: refs/heads/main\n",
    ".strata.yaml": "resolvers:\n  opaque: [eval]\n",
    "conf/config.yaml":
      "ds:\n  res: 32\n  l_max: ${eval:${.res}**2}\nlayer:\n  l_max: ${oc.select:ds.l_max,null}\n  d: ${ds.res}\n",
  });
  const warn =
    "conf/config.yaml:3:10: warning: ds.l_max calls 'eval', declared opaque in .strata.yaml: kept as written\n";
  let r = await strata(["compose", "--resolve", "-p", "ds.l_max"], { cwd: dir });
  assertNoStackTrace(r.stderr);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, "${eval:${.res}**2}\n");
  assert.equal(r.stderr, warn);
  r = await strata(["compose", "--resolve", "-p", "ds"], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, "# @package ds\nres: 32\nl_max: ${eval:${.res}**2}\n");
  assert.equal(r.stderr, warn);
  // only the kept values under the package are said
  r = await strata(["compose", "--resolve", "-p", "layer"], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, "# @package layer\nl_max: ${oc.select:ds.l_max,null}\nd: 32\n");
  assert.equal(
    r.stderr,
    "conf/config.yaml:5:10: warning: layer.l_max reads a value that calls 'eval', declared opaque in .strata.yaml: kept as written\n",
  );
  for (const p of [["-p", "ds"], []]) {
    r = await strata(["run", "-c", "job", "--resolve", ...p, "--", "true"], { cwd: dir });
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /l_max: \$\{eval:\$\{\.res\}\*\*2\}/);
    assert.ok(r.stderr.startsWith(warn), r.stderr);
  }
  // an undeclared resolver under the package still fails
  Deno.writeTextFileSync(`${dir}/conf/config.yaml`, "ds:\n  a: ${eval:1}\n  b: ${nope:1}\n");
  r = await strata(["compose", "--resolve", "-p", "ds"], { cwd: dir });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /Unsupported interpolation type nope/);
});

Deno.test("hash / compose -f flat: values calling an opaque resolver are each warned of at their place, a key reading them first or not (checker w32)", async () => {
  const dir = writeTree({
    ".git/HEAD": "ref: refs/heads/main\n",
    ".strata.yaml": "resolvers:\n  opaque: [math]\n",
    "conf/config.yaml": 'b: ${a}\na:\n  x: "${math: 1}"\n  y: "${math: 2}"\n',
  });
  // (at each value's `${`, inside its quotes, whether a reader reached it first or not)
  const want =
    "conf/config.yaml:3:7: warning: a.x calls 'math', declared opaque in .strata.yaml: " +
    "kept as written\nconf/config.yaml:4:7: warning: a.y calls 'math', declared opaque in " +
    ".strata.yaml: kept as written\n";
  for (const args of [["hash"], ["compose", "-f", "flat"]]) {
    const r = await strata(args, { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, want);
  }
});

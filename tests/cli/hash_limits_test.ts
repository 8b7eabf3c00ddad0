// strata hash (and run, which resolves the same lenient way) stop at a crossed
// limit as compose --resolve does, instead of retrying value by value.
import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

Deno.test("strata hash: a doubling interpolation chain is one located limit error, exit 1", async () => {
  const chain = Array.from({ length: 40 }, (_, i) => `a${i + 1}: \${a${i}}\${a${i}}`).join("\n");
  const dir = await confTree({ "conf/config.yaml": `a0: xxxxxxxxxx\n${chain}\n` });
  try {
    const t0 = performance.now();
    const r = await strata(["hash", "-d", "conf"], { cwd: dir });
    assert.equal(r.code, 1, r.stdout);
    assert.equal(r.stdout, "");
    assert.match(
      r.stderr,
      /^conf\/config\.yaml:24:6: the resolved string has \d+ characters or more/,
    );
    assert.doesNotMatch(r.stderr, /warning/);
    assertNoStackTrace(r.stderr);
    assert.ok(performance.now() - t0 < 20_000);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("strata hash: copies of a big container past the node limit fail as compose --resolve does", async () => {
  const keys = Array.from({ length: 100_000 }, (_, i) => `  k${i}: ${i}`).join("\n");
  const refs = Array.from({ length: 12 }, (_, j) => `b${j}: \${a}`).join("\n");
  const dir = await confTree({ "conf/config.yaml": `a:\n${keys}\n${refs}\n` });
  try {
    for (const argv of [["hash"], ["compose", "--resolve"]]) {
      const r = await strata([...argv, "-d", "conf"], { cwd: dir });
      assert.equal(r.code, 1, argv.join(" "));
      assert.match(r.stderr, /resolving copies more than 1000000 nodes \(the limit\)/);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

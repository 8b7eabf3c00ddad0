// A value override past the end of a list: Hydra 1.3.2 says "Error merging override +l.2=3"
// caused by OmegaConf.update's ConfigIndexError "list index out of range" (full_key: l[2]);
// a key that is no index is Python's int() ValueError (python3-omegaconf's texts).
import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

Deno.test("compose l.N=V past a list's end: the cause, at the index's full key", async () => {
  const dir = await confTree({ "conf/config.yaml": "l: [1, 2]\n" });
  // Python's words, then what they mean (checker x24)
  const past = "the list l has no such index";
  const index = "a key of the list l is an index (0, 1, ...)";
  const cases: [string, string, string, string][] = [
    // OmegaConf's full_key spells a list's index in brackets
    ["+l.2=3", "list index out of range", "l[2]", past],
    ["l.2=3", "list index out of range", "l[2]", past],
    ["++l.2=3", "list index out of range", "l[2]", past],
    ["+l.5.x=1", "list index out of range", "l[5]", past],
    ["l.a=3", "invalid literal for int() with base 10: 'a'", "l.a", index],
  ];
  try {
    for (const [o, cause, key, why] of cases) {
      const r = await strata(["compose", "-d", "conf", o], { cwd: dir });
      assert.equal(r.code, 1, r.stdout);
      assert.equal(
        r.stderr,
        `override #1 '${o}': Error merging override ${o}\n${cause}\n    full key: ${key}\n` +
          `    ${why}\n`,
      );
      assertNoStackTrace(r.stderr);
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("compose: an override of a dict's int key suggests no path that fails the same way", async () => {
  // range-view-3d-detection's `model.tasks: {0: [...]}`: no override path names the int key 0
  const dir = await confTree({ "conf/config.yaml": "model:\n  tasks: {0: [a, b]}\n" });
  try {
    const r = await strata(["compose", "-d", "conf", "model.tasks.0=[A]"], { cwd: dir });
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stderr, /Key '0' is not in struct\n {4}full key: model\.tasks\.0\n/);
    assert.doesNotMatch(r.stderr, /Did you mean/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

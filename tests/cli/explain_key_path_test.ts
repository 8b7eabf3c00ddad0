/**
 * A key path OmegaConf's key syntax reads only part of (`[a.b]c]` is read as
 * `[a.b]`, the rest dropped) is a usage error for `strata explain` and
 * `--package`, not the node of the part read under the name asked for. A
 * key holding `]` reads where OmegaConf reads it (`n.a]b`).
 *
 * @module
 */

import assert from "node:assert/strict";
import { confTree, strata } from "./_cli.ts";

const FILES = { "conf/config.yaml": "'a.b': 5\n'a.b]c': 1\nn:\n  'a]b': 6\n" };

Deno.test("explain and --package refuse '[a.b]c]', which OmegaConf reads as '[a.b]'", async () => {
  const dir = await confTree(FILES);
  for (const args of [["explain", "[a.b]c]"], ["compose", "--cfg", "job", "-p", "[a.b]c]"]]) {
    const r = await strata(args, { cwd: dir });
    assert.equal(r.code, 2, r.stdout);
    assert.equal(r.stdout, "");
    assert.match(
      r.stderr,
      /Key '\[a\.b\]c\]' cannot be read: .* reads '\[a\.b\]' of it and drops 'c\]'/,
    );
  }
  const ok = await strata(["explain", "n.a]b"], { cwd: dir });
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /value: 6/);
  const dotted = await strata(["compose", "--cfg", "job", "-p", "[a.b]"], { cwd: dir });
  assert.equal(dotted.code, 0, dotted.stderr);
  assert.match(dotted.stdout, /^5$/m);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("explain of an index past a list's end says the list's length, not other indexes", async () => {
  const dir = await confTree({ "conf/config.yaml": "model:\n  n: [1, 2, 3, 4, 5, 6]\n" });
  for (const key of ["model.n.9", "model.n[9]"]) {
    const r = await strata(["explain", "-d", "conf", key], { cwd: dir });
    assert.equal(r.code, 2, r.stdout);
    assert.equal(
      r.stderr,
      `Key '${key}' is not in the composed config (the list has 6 items)\n    full key: ${key}\n`,
    );
  }
});

Deno.test("explain and -p suggest no key path through an int key, which no path names", async () => {
  const dir = await confTree({ "conf/config.yaml": "classes:\n  0: cat\n  1: dog\n" });
  for (const args of [["explain", "classes.0"], ["compose", "--cfg", "job", "-p", "classes.1"]]) {
    const r = await strata([...args.slice(0, 1), "-d", "conf", ...args.slice(1)], { cwd: dir });
    assert.notEqual(r.code, 0, r.stdout);
    assert.match(r.stderr, /\n {4}Did you mean 'classes'\?\n$/, args.join(" "));
  }
});

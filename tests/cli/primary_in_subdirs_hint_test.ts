// A tree with no top-level configs whose primaries sit in sub-directories and are named by path
// (sam2: `compose(config_name="configs/sam2.1/sam2.1_hiera_l.yaml")`): "Cannot find primary
// config" lists them to choose with -n, and a path missing its first directory gets the config
// whose path ends with it as its did-you-mean.
import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

const TREE = {
  "pkg/configs/v1/small.yaml": "size: 1\n",
  "pkg/configs/v2/large.yaml": "size: 3\n",
  "pkg/configs/v2/small.yaml": "size: 2\n",
};

Deno.test("Cannot find primary config: configs in sub-directories are listed as -n candidates", async () => {
  const dir = await confTree(TREE);
  try {
    // validate composes them as the primaries they are (validate_deep_primaries_test.ts)
    for (const cmd of ["compose"]) {
      const r = await strata([cmd, "-d", "pkg"], { cwd: dir });
      assertNoStackTrace(r.stderr);
      assert.equal(r.code, 1, r.stdout + r.stderr);
      const out = r.stdout + r.stderr;
      assert.match(out, /Cannot find primary config 'config'/);
      assert.match(
        out,
        /[Nn]o primary config there; configs in sub-directories: configs\/v1\/small, configs\/v2\/large, configs\/v2\/small \(choose one with --config-name\/-n: -n configs\/v1\/small\)/,
      );
      assert.doesNotMatch(out, /--no-config-name/, cmd);
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("Cannot find primary config: a path without its first directories gets did-you-mean", async () => {
  const dir = await confTree(TREE);
  try {
    for (const name of ["v2/large", "v2/large.yaml", "large"]) {
      const r = await strata(["compose", "-d", "pkg", "-n", name], { cwd: dir });
      assertNoStackTrace(r.stderr);
      assert.equal(r.code, 1, r.stdout);
      assert.match(r.stderr, /Cannot find primary config/);
      assert.match(r.stderr, /\n {4}Did you mean 'configs\/v2\/large'\?/, name);
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

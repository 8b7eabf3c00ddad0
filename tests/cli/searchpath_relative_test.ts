/**
 * A relative `hydra.searchpath` entry stays as written in the hydra node
 * (`hydra.runtime.config_sources`) and in `--info searchpath`, as Hydra's
 * FileConfigSource keeps it (`file://additional_conf` is `path:
 * additional_conf`); it is still read from the working directory.
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

const FILES = {
  "conf/config.yaml":
    "defaults:\n  - dataset: cifar10\n  - _self_\nhydra:\n  searchpath:\n    - file://additional_conf\n    - more\n",
  "conf/dataset/cifar10.yaml": "name: cifar10\n",
  "additional_conf/dataset/imagenet.yaml": "name: imagenet\n",
  "more/dataset/other.yaml": "name: other\n",
};

Deno.test("searchpath: relative entries keep their written path in config_sources and --info", async () => {
  const dir = writeTree(FILES);
  const sources = await strata(
    ["compose", "-c", "hydra", "-p", "hydra.runtime.config_sources", "-f", "json"],
    { cwd: dir },
  );
  assertNoStackTrace(sources.stderr);
  assert.equal(sources.code, 0, sources.stderr);
  const real = Deno.realPathSync(dir);
  assert.deepEqual(
    JSON.parse(sources.stdout).map((s: { path: string }) => s.path).map((p: string) =>
      p.replace(real, "DIR").replace(dir, "DIR")
    ),
    ["hydra.conf", "DIR/conf", "additional_conf", "more", ""],
  );
  const info = await strata(["compose", "--info", "searchpath"], { cwd: dir });
  assert.match(info.stdout, /\| hydra\.searchpath in main \| file:\/\/additional_conf +\|/);
  assert.match(info.stdout, /\| hydra\.searchpath in main \| file:\/\/more +\|/);
  // still read from the working directory
  const composed = await strata(["compose", "dataset=imagenet"], { cwd: dir });
  assert.equal(composed.code, 0, composed.stderr);
  assert.equal(composed.stdout, "dataset:\n  name: imagenet\n");
  const other = await strata(["compose", "dataset=other"], { cwd: dir });
  assert.equal(other.stdout, "dataset:\n  name: other\n");
  Deno.removeSync(dir, { recursive: true });
});

/**
 * `-n /recipes/fast`: a primary config path from the tree's top. Hydra 1.3's defaults tree drops
 * the leading `/` (ConfigDefault.get_config_path) and composes it as `-n recipes/fast` (hydra#2656),
 * while `hydra.job.config_name` keeps it as given; its search-path step joins the name to each
 * directory as a filesystem path and reads no `hydra.searchpath` from it (checker v55 #1: strata
 * refused it as a path leading outside the tree).
 */
import assert from "node:assert/strict";
import { confTree, strata } from "./_cli.ts";

Deno.test("compose -n /sub/name composes as -n sub/name, config_name as given", async () => {
  const dir = await confTree({
    "conf/config.yaml": "b: 1\n",
    "conf/recipes/fast.yaml": "a: 1\n",
  });
  try {
    const slash = await strata(["compose", "-d", "conf", "-n", "/recipes/fast"], { cwd: dir });
    const plain = await strata(["compose", "-d", "conf", "-n", "recipes/fast"], { cwd: dir });
    assert.equal(slash.code, 0, slash.stderr);
    assert.equal(slash.stdout, plain.stdout);
    assert.equal(slash.stdout, "recipes:\n  a: 1\n");
    const hydra = await strata(
      [
        "compose",
        "-d",
        "conf",
        "-n",
        "/recipes/fast",
        "-c",
        "hydra",
        "-p",
        "hydra.job.config_name",
      ],
      { cwd: dir },
    );
    assert.equal(hydra.stdout, "/recipes/fast\n");
    // a path that does leave the tree is still refused
    const out = await strata(["compose", "-d", "conf", "-n", "../x"], { cwd: dir });
    assert.equal(out.code, 1, out.stderr);
    assert.match(out.stderr, /leads outside the config directories/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

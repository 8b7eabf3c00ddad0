/**
 * Hydra's command-line behaviour at its edges: an unknown `--info` topic is
 * a usage error, a search path entry that does not exist is warned about.
 */

import assert from "node:assert/strict";
import { confTree, strata } from "./_cli.ts";

Deno.test("compose -i TOPIC: an unknown topic is a usage error; an override after -i is not one", async () => {
  const dir = await confTree({ "conf/config.yaml": "a: 1\n" });
  try {
    const bad = await strata(["compose", "-d", "conf", "-i", "bogus"], { cwd: dir });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /'bogus' is invalid\. Allowed choices are all, config, defaults/);
    assert.equal(bad.stdout, "");
    const over = await strata(["compose", "-d", "conf", "-i", "a=2"], { cwd: dir });
    assert.equal(over.code, 0, over.stderr);
    assert.match(over.stdout, /^Hydra 1\.3\.2\n/);
    assert.match(over.stdout, /^a: 2$/m);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("compose --search-path DIR that does not exist: warned on stderr, as Hydra does", async () => {
  const dir = await confTree({ "conf/config.yaml": "a: 1\n" });
  try {
    const r = await strata(["compose", "-d", "conf", "--search-path", "/nonexistent/strata"], {
      cwd: dir,
    });
    assert.equal(r.code, 0);
    assert.equal(r.stdout, "a: 1\n");
    assert.equal(
      r.stderr,
      "warning: provider=command-line, path=/nonexistent/strata is not available.\n",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

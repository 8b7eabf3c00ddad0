// strata sweep hashes the conf tree's YAML files into its job ids: a file no
// job reads (a dangling symlink, a device, a FIFO) must neither hang the sweep
// nor fail it, as compose ignores it.
import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

Deno.test("strata sweep: a dangling symlink, /dev/zero or a FIFO named *.yaml in the tree is no trouble", async () => {
  const dir = await confTree({ "conf/config.yaml": "a: 1\n" });
  try {
    await Deno.symlink("/nonexistent/x.yaml", `${dir}/conf/dangling.yaml`);
    await Deno.symlink("/dev/zero", `${dir}/conf/zero.yaml`);
    await new Deno.Command("mkfifo", { args: [`${dir}/conf/fifo.yaml`] }).output();
    for (const validate of [[], ["--no-validate"]]) {
      const r = await strata(["sweep", "-d", "conf", "a=1,2", ...validate], { cwd: dir });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout.trimEnd().split("\n").length, 2);
      assertNoStackTrace(r.stderr);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

/**
 * `strata sweep -f k8s --name 'My Job'`: the refusal suggests a name
 * Kubernetes takes, and following it works.
 */

import assert from "node:assert/strict";
import { strata } from "./_cli.ts";

Deno.test("strata sweep -f k8s --name 'My Job': following the advice works", async () => {
  const dir = Deno.makeTempDirSync({ prefix: "strata-name-" });
  try {
    Deno.mkdirSync(`${dir}/conf`);
    Deno.writeTextFileSync(`${dir}/conf/config.yaml`, "lr: 1\n");
    const args = (name: string) =>
      ["sweep", "-d", "conf", "lr=1,2", "-f", "k8s", "--image", "app:1", "--name", name]
        .concat("--", "python", "train.py");
    const bad = await strata(args("My Job"), { cwd: dir });
    assert.equal(bad.code, 2);
    const like = /try --name (\S+)\n$/.exec(bad.stderr)?.[1];
    assert.equal(like, "my-job", bad.stderr);
    const good = await strata(args(like), { cwd: dir });
    assert.equal(good.code, 0, good.stderr);
    assert.match(good.stdout, /name: my-job/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

/**
 * `sweep -f k8s` with overrides too big for what `kubectl apply` records of an
 * object (256 KiB): a located usage error and no file, never a ConfigMap or
 * Job the API server would refuse.
 *
 * @module
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";
import { yamlDocuments } from "./_manifest.ts";
import { k8sProblems } from "../core/manifest/_k8s_check.ts";

const k8s = ["-f", "k8s", "--image", "app:1", "-o", "sweep.yaml", "--", "./train"];

/** A tree whose sweeper params sweep `b` over two `size`-byte values. */
const paramsTree = (size: number) =>
  confTree({
    "conf/config.yaml": `a: 1\nb: x\nhydra:\n  sweeper:\n    params:\n      b: ${
      "y".repeat(size)
    },${"z".repeat(size)}\n`,
  });

Deno.test("sweep -f k8s: one job's overrides over a ConfigMap's budget are a usage error", async () => {
  const dir = await paramsTree(250_000);
  const r = await strata(["sweep", ...k8s], { cwd: dir });
  assertNoStackTrace(r.stderr);
  assert.equal(r.code, 2, r.stderr);
  assert.match(
    r.stderr,
    /Cannot put job 0 into a Kubernetes ConfigMap: its overrides take \d+ bytes/,
  );
  assert.match(r.stderr, /longest override, 'b'/);
  assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["conf"]);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("sweep -f k8s: a big job just under the budget gets its own ConfigMap", async () => {
  const dir = await paramsTree(200_000);
  const r = await strata(["sweep", ...k8s], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const objects = yamlDocuments(Deno.readTextFileSync(`${dir}/sweep.yaml`));
  assert.equal(objects.length, 3); // two jobs do not fit one ConfigMap
  assert.deepEqual(k8sProblems(objects), []);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("sweep -f k8s: a Job whose command passes 256 KiB is a usage error", async () => {
  const dir = await confTree({ "conf/config.yaml": "a: 1\nb: x\nc: x\nd: x\n" });
  const big = "y".repeat(100_000);
  const r = await strata(["sweep", "a=1,2", `b=${big}`, `c=${big}`, `d=${big}`, ...k8s], {
    cwd: dir,
  });
  assertNoStackTrace(r.stderr);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /Cannot write the Kubernetes Job: it takes \d+ bytes as JSON/);
  assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["conf"]);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("sweep -f k8s to stdout: a job over a ConfigMap's budget leaves stdout empty", async () => {
  const dir = await paramsTree(250_000);
  for (const validate of [[], ["--no-validate"]]) {
    const r = await strata(["sweep", ...validate, "-f", "k8s", "--image", "app:1", "--", "./t"], {
      cwd: dir,
    });
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stdout, "", validate.join(" "));
  }
  Deno.removeSync(dir, { recursive: true });
});

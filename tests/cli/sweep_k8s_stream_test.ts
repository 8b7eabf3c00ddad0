/**
 * `sweep -f k8s` writes its YAML a ConfigMap at a time: a big sweep runs in a
 * heap that could not hold all of its job override lists at once.
 */
import assert from "node:assert/strict";
import { PERMISSIONS, ROOT, V8_FLAGS } from "./_cli.ts";
import { confTree, yamlDocuments } from "./_manifest.ts";

Deno.test("sweep -f k8s: 3 x 10^5 jobs (12 MB of YAML) in a 32 MB old space", async () => {
  const dir = confTree();
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      ...PERMISSIONS,
      `${V8_FLAGS.join(",")},--max-old-space-size=32`,
      `${ROOT}cli/main.ts`,
      ...["sweep", "seed=range(1000)", "lr=range(300)", "--no-validate", "-f", "k8s"],
      ...["--image", "app:1", "-o", "sweep.yaml", "--", "./train"],
    ],
    cwd: dir,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stderr = new TextDecoder().decode(out.stderr);
  assert.equal(out.code, 0, stderr);
  assert.doesNotMatch(stderr, /out of memory/);
  const objects = yamlDocuments(Deno.readTextFileSync(`${dir}/sweep.yaml`));
  const job = objects.at(-1);
  assert.equal(job.spec.completions, 300_000);
  const maps = objects.slice(0, -1);
  assert.equal(maps.reduce((n, m) => n + Object.keys(m.data).length, 0), 300_000);
  assert.deepEqual(
    job.spec.template.spec.volumes[0].projected.sources.map((s: { configMap: { name: string } }) =>
      s.configMap.name
    ),
    maps.map((m) => m.metadata.name),
  );
  Deno.removeSync(dir, { recursive: true });
});

import assert from "node:assert/strict";
import { k8sManifest, k8sObjects } from "../../../core/manifest/k8s.ts";
import { planSweep, SweepExpansion } from "../../../core/sweep/expand.ts";
import { parseAllDocuments } from "yaml";
import { k8sProblems } from "./_k8s_check.ts";

const run = {
  strata: ["strata"],
  configDir: "conf",
  configName: "config",
  searchPath: [],
  link: [],
  overrides: ["seed=range(10)"],
  command: ["python", "train.py"],
};
const ten = () => new SweepExpansion(planSweep({ overrides: ["seed=range(10)"] }), null, null);
// deno-lint-ignore no-explicit-any
const fresh = (): any[] => k8sObjects(ten(), run, { name: "sweep", image: "app:1" });

Deno.test("k8s check: the generated objects pass", () => {
  assert.deepEqual(k8sProblems(fresh()), []);
});

Deno.test("k8s check: every planted mistake is caught", () => {
  const pod = (o: ReturnType<typeof fresh>) => o[1].spec.template.spec;
  const mistakes: [string, (o: ReturnType<typeof fresh>) => void, RegExp][] = [
    ["no image", (o) => delete pod(o).containers[0].image, /has no image/],
    ["blank image", (o) => pod(o).containers[0].image = " ", /has no image/],
    ["restartPolicy Always", (o) => pod(o).restartPolicy = "Always", /restartPolicy 'Always'/],
    ["negative parallelism", (o) => o[1].spec.parallelism = -1, /parallelism -1/],
    ["parallelism over 10^5", (o) => o[1].spec.parallelism = 100_001, /parallelism 100001/],
    ["uppercase Job name", (o) => o[1].metadata.name = "Sweep", /'Sweep' is not a DNS-1123/],
    [
      "64-character name",
      (o) => o[0].metadata.name = "a".repeat(64),
      /DNS-1123 name of at most 63/,
    ],
    ["bad container name", (o) => pod(o).containers[0].name = "my_job", /'my_job'/],
    ["mount without volume", (o) => pod(o).volumes = [], /volumeMount 'strata-jobs' has no volume/],
    ["bad ConfigMap key", (o) => o[0].data["a/b"] = "x", /key 'a\/b'/],
    ["ConfigMap over 1 MiB", (o) => o[0].data["big"] = "x".repeat(1_048_576), /holds \d+ bytes/],
    [
      "ConfigMap over kubectl apply's 256 KiB",
      (o) => o[0].data["big"] = "x".repeat(262_144),
      /last-applied annotation/,
    ],
    [
      "schema: completions as a string",
      (o) => o[1].spec.completions = "10",
      /schema:.*completions/,
    ],
    [
      "schema: completionMode typo",
      (o) => o[1].spec.completionMode = "Index",
      /schema:.*completionMode/,
    ],
  ];
  for (const [what, plant, expected] of mistakes) {
    const objects = fresh();
    plant(objects);
    const problems = k8sProblems(objects);
    assert.ok(problems.some((p) => expected.test(p)), `${what}: not caught in ${problems}`);
  }
});

Deno.test("k8s: ConfigMaps are sharded under kubectl apply's 256 KiB and project every index", () => {
  // 3 × 10^4 jobs with ~120-byte override lists: several shards.
  const long = "x".repeat(100);
  const sweep = new SweepExpansion(
    planSweep({ overrides: [`+tag=${long}a,${long}b,${long}c`, "seed=range(10000)"] }),
    null,
    null,
  );
  const objects = k8sObjects(sweep, run, { name: "big", image: "app:1" });
  assert.deepEqual(k8sProblems(objects), []);
  const maps = objects.slice(0, -1) as unknown as {
    metadata: { name: string };
    data: Record<string, string>;
  }[];
  assert.ok(maps.length >= 15, `${maps.length} shards`);
  const keys = maps.flatMap((m) => Object.keys(m.data)).map(Number).sort((a, b) => a - b);
  assert.deepEqual(keys, Array.from({ length: 30_000 }, (_, i) => i));
  assert.equal(maps[0].data["1"], `["+tag=${long}a","seed=1"]\n`);
  const job = objects[objects.length - 1] as unknown as {
    spec: {
      template: {
        spec: { volumes: { projected: { sources: { configMap: { name: string } }[] } }[] };
      };
    };
  };
  assert.deepEqual(
    job.spec.template.spec.volumes[0].projected.sources.map((s) => s.configMap.name),
    maps.map((m) => m.metadata.name),
  );
});

Deno.test("k8s: the YAML stream parses (JSON ConfigMaps included) to the same objects", () => {
  const m = k8sManifest(ten(), run, { name: "sweep", image: "app:1", backoffLimitPerIndex: 2 });
  const docs = parseAllDocuments(m.single!);
  assert.ok(Array.isArray(docs));
  for (const d of docs) assert.deepEqual(d.errors, []);
  const objects = docs.map((d) => d.toJS());
  assert.deepEqual(
    objects,
    JSON.parse(JSON.stringify(k8sObjects(ten(), run, {
      name: "sweep",
      image: "app:1",
      backoffLimitPerIndex: 2,
    }))),
  );
  assert.deepEqual(k8sProblems(objects), []);
});

Deno.test("k8s: $( in the user's command is kept literal, the index is expanded", () => {
  const [, job] = k8sObjects(ten(), { ...run, command: ["sh", "-c", "echo $(date)"] }, {
    name: "sweep",
    image: "app:1",
  });
  // deno-lint-ignore no-explicit-any
  const command: string[] = (job as any).spec.template.spec.containers[0].command;
  assert.deepEqual(command.slice(0, 4), [
    "strata",
    "run",
    "--job-index",
    "$(JOB_COMPLETION_INDEX)",
  ]);
  assert.equal(command[command.length - 1], "echo $$(date)");
});

/** Kubernetes' `$(VAR)` expansion, as its expansion package does it: `$$` is one `$`. */
function kubeExpand(s: string, env: Record<string, string>): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== "$" || i + 1 === s.length) {
      out += s[i];
      continue;
    }
    const next = s[i + 1];
    const close = s.indexOf(")", i + 2);
    if (next === "$") out += "$";
    else if (next === "(" && close >= 0) {
      const name = s.slice(i + 2, close);
      out += name in env ? env[name] : `$(${name})`;
      i = close - 1;
    } else out += "$" + next;
    i++;
  }
  return out;
}

Deno.test("k8s: every $ in the user's command and sweep arguments reaches the pod as written", () => {
  const args = ["sh", "-c", "echo $$ $(date) $HOME $"];
  const overrides = ["name=a$$b,c"];
  const [, job] = k8sObjects(ten(), { ...run, overrides, command: args }, {
    name: "sweep",
    image: "app:1",
  });
  // deno-lint-ignore no-explicit-any
  const command: string[] = (job as any).spec.template.spec.containers[0].command;
  const pod = command.map((a) => kubeExpand(a, { JOB_COMPLETION_INDEX: "3" }));
  assert.equal(pod[3], "3");
  assert.deepEqual(pod.slice(-3), args);
  assert.ok(pod.includes("name=a$$b,c"), pod.join(" "));
});

Deno.test("k8s: names that cannot be DNS-1123 labels with room for shard suffixes are refused", () => {
  for (const name of ["Sweep", "-a", "a".repeat(53)]) {
    assert.throws(() => k8sObjects(ten(), run, { name, image: "app:1" }), /Cannot name the Job/);
  }
});

Deno.test("k8s: over 10^5 jobs with retries per index, parallelism stays within 10^4", () => {
  const big = new SweepExpansion(planSweep({ overrides: ["seed=range(100001)"] }), null, null);
  const opts = { name: "big", image: "app:1", backoffLimitPerIndex: 1 };
  // deno-lint-ignore no-explicit-any
  const job: any = k8sObjects(big, run, opts).at(-1);
  assert.equal(job.spec.parallelism, 10_000);
  // ... and, as the API server requires there, a maxFailedIndexes of at most 10^4
  assert.equal(job.spec.maxFailedIndexes, 10_000);
  assert.deepEqual(k8sProblems([job]), []);
  assert.throws(() => k8sObjects(big, run, { ...opts, parallel: 10_001 }), /at most 10000/);
});

Deno.test("k8s: every job runs once and one's failure stops no other, as in a SLURM array", () => {
  // Unset, backoffLimitPerIndex leaves the Job one backoffLimit (6) for all its
  // pods: failed indexes are retried and the 7th failure kills the whole sweep.
  // deno-lint-ignore no-explicit-any
  const job: any = k8sObjects(ten(), run, { name: "sweep", image: "app:1" }).at(-1);
  assert.equal(job.spec.backoffLimitPerIndex, 0);
  assert.equal("backoffLimit" in job.spec, false);
  assert.equal("maxFailedIndexes" in job.spec, false);
  assert.deepEqual(k8sProblems([job]), []);
  // --backoff-limit-per-index still sets the retries
  // deno-lint-ignore no-explicit-any
  const retried: any = k8sObjects(ten(), run, { name: "s", image: "a:1", backoffLimitPerIndex: 3 })
    .at(-1);
  assert.equal(retried.spec.backoffLimitPerIndex, 3);
  // over 10^5 jobs, the API server's limits for retries per index hold without the flag too
  const big = new SweepExpansion(planSweep({ overrides: ["seed=range(100001)"] }), null, null);
  // deno-lint-ignore no-explicit-any
  const huge: any = k8sObjects(big, run, { name: "big", image: "app:1" }).at(-1);
  assert.equal(huge.spec.parallelism, 10_000);
  assert.equal(huge.spec.maxFailedIndexes, 10_000);
  assert.deepEqual(k8sProblems([huge]), []);
});

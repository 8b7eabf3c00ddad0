import assert from "node:assert/strict";
import fc from "fast-check";
import { BatchComposer } from "../../../core/compose/batch.ts";
import { compose, type Composition } from "../../../core/compose/compose.ts";
import { engineStats } from "../../../core/engine/merge.ts";
import { StrataError } from "../../../core/errors.ts";
import { toYaml } from "../../../core/yaml/emit.ts";
import { type Node, str } from "../../../core/node.ts";
import { jobComposer } from "../../../core/sweep/master.ts";
import { expandSweep } from "../../../core/sweep/expand.ts";
import { writeTree } from "../../cli/_tree.ts";

/** A tree with nested defaults, packages, interpolations and a `???` group default. */
const TREE = {
  "conf/config.yaml": [
    "defaults:",
    "  - db: mysql",
    "  - model: small",
    "  - optional extra: none",
    "  - _self_",
    "seed: 1",
    "name: ${model.name}-${db.driver}",
    "tags: [a, b]",
    "job_alias: ${hydra.job}",
    "",
  ].join("\n"),
  "conf/db/mysql.yaml": "driver: mysql\nport: 3306\nopts: {pool: 5}\n",
  "conf/db/postgres.yaml":
    "defaults:\n  - /model@db.model: large\n  - _self_\ndriver: pg\nport: 5432\n",
  "conf/model/small.yaml": "name: small\nlayers: 2\n",
  "conf/model/large.yaml": "# @package _global_.model\nname: large\nlayers: ${seed}\n",
  "conf/extra/none.yaml": "{}\n",
  "conf/extra/some.yaml": "extra_key: 1\n",
};

/** Overrides a sweep's jobs might carry, good and bad. */
const POOL = [
  "db=mysql",
  "db=postgres",
  "db=nope",
  "model=small",
  "model=large",
  "+model@other=large",
  "extra=some",
  "~extra",
  "~db",
  "seed=3",
  "seed=[1,2]",
  "db.port=1",
  "db.opts.pool=9",
  "~db.opts",
  "+db.opts.tls=true",
  "new_key=1",
  "+new_key=1",
  "++seed=4",
  "model.layers=${seed}",
  "hydra.job.name=j",
  "hydra.job.chdir=true",
  "hydra.job.chdir=maybe",
  "~hydra.job.env_set",
  "hydra.job_logging.root.level=DEBUG",
  "job_alias.name=q",
  "+job_alias.extra=1",
  "tags.0=c",
  "db.port=",
  "a=1,2",
  "model.name='x y'",
];

type Outcome = { config: string; hydra: string; choices: string } | { error: string };

function outcome(run: () => Composition): Outcome {
  try {
    const c = run();
    return {
      config: toYaml(c.config),
      hydra: toYaml(c.hydra),
      choices: JSON.stringify(c.choices),
    };
  } catch (e) {
    if (!(e instanceof StrataError)) throw e;
    return { error: JSON.stringify([e.code, e.message, e.fullKey, e.origin, e.related]) };
  }
}

/** Replaces every container's children (leaves are shared between copies, and never changed). */
function scribble(node: Node): void {
  if (node.kind === "dict") {
    for (const e of node.entries.values()) scribble(e.node);
    for (const [k, e] of node.entries) node.entries.set(k, { key: e.key, node: str("scribbled") });
    node.entries.set("scribbled", { key: "scribbled", node: str("x") });
  } else if (node.kind === "list") {
    node.items.forEach(scribble);
    node.items.push(str("scribbled"));
  }
}

Deno.test("batch composer: compose and composeOnce equal compose job by job, results and errors, over random sweeps", () => {
  const dir = writeTree(TREE);
  try {
    const base = { configDir: `${dir}/conf`, configName: "config" };
    const job = fc.array(fc.constantFrom(...POOL), { maxLength: 5 });
    fc.assert(
      fc.property(fc.array(job, { minLength: 1, maxLength: 12 }), (jobs) => {
        const batch = new BatchComposer(base);
        for (const overrides of jobs) {
          const alone = outcome(() => compose({ ...base, overrides }));
          let composed: Composition | undefined;
          const shared = outcome(() => composed = batch.compose(overrides));
          assert.deepEqual(shared, alone, overrides.join(" "));
          // a caller may change what it got: nothing of it reaches the next job
          if (composed) scribble(composed.hydra);
          // composeOnce shares the repository only: the same result, and nothing of
          // a job's (value overrides applied in place) leaks into the next job
          assert.deepEqual(outcome(() => batch.composeOnce(overrides)), alone, overrides.join(" "));
        }
      }),
      { numRuns: 60, seed: 20261201 },
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("batch composer: jobs that differ in values share one merge and one repository", () => {
  const dir = writeTree(TREE);
  try {
    const batch = jobComposer({ configDir: `${dir}/conf`, configName: "config" });
    for (let i = 0; i < 20; i++) batch.compose([`seed=${i}`, "db=postgres"]);
    for (let i = 0; i < 20; i++) batch.compose([`seed=${i}`, "db=mysql"]);
    assert.deepEqual(batch.stats, { jobs: 40, repositories: 1, merges: 2, fallbacks: 0 });
    // A job's value overrides never leak into the next job's shared tree.
    const next = batch.compose(["db=mysql"]);
    assert.match(toYaml(next.config), /^seed: 1$/m);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("batch composer: a validated sweep merges once per group choice", () => {
  const dir = writeTree(TREE);
  try {
    const before = engineStats.mergeCalls;
    const sweep = expandSweep({
      configDir: `${dir}/conf`,
      configName: "config",
      overrides: ["db=mysql,postgres", "seed=range(50)"],
    });
    assert.equal([...sweep].length, 100);
    assert.deepEqual(sweep.composeStats, { jobs: 100, repositories: 1, merges: 2, fallbacks: 0 });
    // The master config and the two group choices: each merged in the engine.
    assert.ok(engineStats.mergeCalls - before >= 3, "the sweep's merges ran in the engine");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("batch composer: past its 32 kept trees the oldest is merged again, results unchanged", () => {
  const files: Record<string, string> = {
    "conf/config.yaml": "defaults:\n  - opt: o0\n  - _self_\nname: ${opt.v}\n",
  };
  for (let i = 0; i < 40; i++) files[`conf/opt/o${i}.yaml`] = `v: ${i}\n`;
  const dir = writeTree(files);
  try {
    const base = { configDir: `${dir}/conf`, configName: "config" };
    const batch = new BatchComposer(base);
    const jobs = [...Array.from({ length: 40 }, (_, i) => `opt=o${i}`), "opt=o0", "opt=o39"];
    for (const o of jobs) {
      assert.equal(
        toYaml(batch.compose([o, "+x=1"]).config),
        toYaml(compose({ ...base, overrides: [o, "+x=1"] }).config),
      );
    }
    assert.equal(batch.stats.merges, 41, "o0 was evicted and merged again; o39 was kept");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

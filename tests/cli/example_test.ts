import assert from "node:assert/strict";
import { assertNoStackTrace, ROOT, strata } from "./_cli.ts";

const example = ROOT + "examples/llm-finetune";

Deno.test("example: the fine-tuning tree composes, resolves and keeps Hydra's types", async () => {
  const r = await strata(
    ["compose", "--resolve", "-f", "json", "model=mistral_7b", "optimizer=sgd", "training=quick"],
    { cwd: example },
  );
  assert.equal(r.code, 0, r.stderr);
  const cfg = JSON.parse(r.stdout);
  assert.equal(cfg.run_name, "mistral-7b-alpaca");
  assert.equal(cfg.output_dir, "outputs/mistral-7b-alpaca");
  assert.deepEqual(cfg.model.lora.target_modules, ["q_proj", "v_proj"]);
  assert.equal(cfg.training.epochs, 1);
  assert.match(r.stdout, /"weight_decay": 0\.0/, "a YAML 0.0 stays a float");
});

Deno.test("example: a sweep over every model and two learning rates is 6 jobs", async () => {
  const r = await strata(["sweep", "model=glob(*)", "optimizer.lr=1e-4,3e-4"], { cwd: example });
  assert.equal(r.code, 0, r.stderr);
  const jobs = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
  assert.equal(jobs.length, 6);
  assert.deepEqual(jobs[0].overrides, ["model=gpt2", "optimizer.lr=0.0001"]);
  assert.equal(jobs[5].override_dirname, "model=mistral_7b,optimizer.lr=0.0003");
});

Deno.test("example: a typo in a group option is caught with did-you-mean, exit 1", async () => {
  const r = await strata(["compose", "model=mistral7b"], { cwd: example });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /Could not find 'model\/mistral7b'/);
  assert.match(r.stderr, /Did you mean 'mistral_7b'\?/);
  assertNoStackTrace(r.stderr);
});

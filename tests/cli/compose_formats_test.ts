import assert from "node:assert/strict";
import { loadYaml } from "../../core/yaml/load.ts";
import { toJson } from "../../core/container.ts";
import { assertNoStackTrace, confTree, ROOT, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

const EXAMPLE = ["-d", ROOT + "examples/llm-finetune/conf"];

Deno.test("compose -f flat: resolved dotted.key=value lines, lists by index", async () => {
  const r = await strata(["compose", ...EXAMPLE, "-f", "flat", "model=gpt2"]);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trimEnd().split("\n");
  assert.equal(lines[0], "model.name=gpt2");
  assert.ok(lines.includes("model.lora.target_modules=[]"));
  assert.ok(lines.includes("optimizer.betas.0=0.9"));
  assert.ok(lines.includes("optimizer.eps=1e-08"));
  assert.ok(lines.includes("training.gradient_checkpointing=True"));
  assert.ok(lines.includes("dataset.max_samples=None"));
  assert.equal(lines.at(-1), "output_dir=outputs/gpt2-alpaca");
});

Deno.test("compose -f wandb: one JSON object, dotted keys, typed values", async () => {
  const r = await strata(["compose", ...EXAMPLE, "-f", "wandb"]);
  assert.equal(r.code, 0, r.stderr);
  const params = JSON.parse(r.stdout);
  assert.equal(params["optimizer.lr"], 0.0002);
  assert.equal(params["model.lora.enabled"], true);
  assert.equal(params["run_name"], "llama3-8b-alpaca");
  assert.match(r.stdout, /"model\.lora\.dropout": 0\.05/);
  assert.match(r.stdout, /"training\.epochs": 3,/);
});

Deno.test("compose -f mlflow: string params, batches of 100, cuts reported on stderr", async () => {
  const keys = Array.from({ length: 150 }, (_, i) => `k${i}: ${i}`).join("\n");
  const dir = await writeTree({
    "conf/config.yaml": `${keys}\nprompt: ${"x".repeat(6500)}\n${"y".repeat(260)}: 1\n`,
  });
  const r = await strata(["compose", "-d", "conf", "-f", "mlflow"], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const batches: Record<string, string>[] = JSON.parse(r.stdout);
  assert.deepEqual(batches.map((b) => Object.keys(b).length), [100, 52]);
  assert.equal(batches[0].k0, "0");
  assert.equal(batches[1].prompt.length, 6000);
  assert.equal(batches[1]["y".repeat(250)], "1");
  assert.match(
    r.stderr,
    /conf\/config\.yaml:151:9: warning: mlflow: the value of 'prompt' has 6500 characters, cut to MLflow's limit of 6000/,
  );
  assert.match(
    r.stderr,
    /: warning: mlflow: the key of 'y{260}' has 260 characters, cut to MLflow's limit of 250/,
  );
  assertNoStackTrace(r.stderr);
});

Deno.test("compose -f mlflow on the example: one batch, every value a string", async () => {
  const r = await strata(["compose", ...EXAMPLE, "-f", "mlflow"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, "");
  const [batch, ...more] = JSON.parse(r.stdout);
  assert.equal(more.length, 0);
  assert.equal(batch["optimizer.lr"], "0.0002");
  assert.equal(batch["optimizer.betas.1"], "0.999");
  assert.ok(Object.values(batch).every((v) => typeof v === "string"));
});

Deno.test("compose --origins: YAML comments that read back as the same config", async () => {
  const r = await strata(["compose", ...EXAMPLE, "--origins", "optimizer.lr=1e-3"]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^ {2}name: llama3-8b {2}# \S+conf\/model\/llama3_8b\.yaml:1:7$/m);
  assert.match(r.stdout, /^ {2}lr: 0\.001 {2}# override #1 'optimizer\.lr=1e-3'$/m);
  assert.match(r.stdout, /^ {4}- q_proj {2}# \S+llama3_8b\.yaml:10:20$/m);
  // a value over several lines gets its comment on a line of its own above it
  assert.match(r.stdout, /^ {2}# \S+alpaca\.yaml:4:18\n {2}prompt_template: '/m);
  const plain = await strata(["compose", ...EXAMPLE, "-f", "json", "optimizer.lr=1e-3"]);
  assert.equal(toJson(loadYaml(r.stdout), 2) + "\n", plain.stdout);
});

Deno.test("compose --origins -f json: the config and a side-table by full key", async () => {
  const r = await strata(["compose", ...EXAMPLE, "--origins", "-f", "json"]);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.config.seed, 1234);
  assert.match(out.origins["optimizer.betas[1]"], /conf\/optimizer\/adamw\.yaml:3:14$/);
  assert.equal(Object.keys(out.origins).length, 35);
});

Deno.test("compose --origins -f json: a key holding a dot keeps its own origin, apart from a.b", async () => {
  const dir = await confTree({ "conf/config.yaml": '"a.b": 1\na:\n  b: 2\n' });
  try {
    const r = await strata(["compose", "-d", "conf", "--origins", "-f", "json"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).origins, {
      "[a.b]": "conf/config.yaml:1:8",
      "a.b": "conf/config.yaml:3:6",
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("compose --origins -p KEY keeps Hydra's '# @package KEY' header", async () => {
  const r = await strata(["compose", ...EXAMPLE, "--origins", "-p", "optimizer"]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^# @package optimizer\nname: adamw {2}# \S+adamw\.yaml:1:7\n/);
  const plain = await strata(["compose", ...EXAMPLE, "-p", "optimizer"]);
  assert.equal(r.stdout.split("\n")[0], plain.stdout.split("\n")[0]);
});

Deno.test("compose -p '' prints the root under Hydra's '# @package ' header; -p _global_ none (checker x28)", async () => {
  const root = await strata(["compose", ...EXAMPLE, "-p", ""]);
  assert.equal(root.code, 0, root.stderr);
  const global = await strata(["compose", ...EXAMPLE, "-p", "_global_"]);
  assert.equal(global.code, 0, global.stderr);
  assert.equal(root.stdout, "# @package \n" + global.stdout);
});

Deno.test("compose --info with a --format it cannot write is bad usage, not ignored", async () => {
  const dir = await confTree({ "conf/config.yaml": "a: 1\n" });
  try {
    for (
      const [info, format] of [["defaults", "json"], ["defaults-tree", "wandb"], ["config", "flat"]]
    ) {
      const r = await strata(["compose", "-d", "conf", "--info", info, "-f", format], { cwd: dir });
      assert.equal(r.code, 2, `${info} ${format}: ${r.stdout}`);
      assert.equal(r.stdout, "");
      assert.match(r.stderr, new RegExp(`--format ${format} does not apply to --info ${info}`));
    }
    const tree = await strata(["compose", "-d", "conf", "--info", "defaults-tree", "-f", "json"], {
      cwd: dir,
    });
    assert.equal(tree.code, 0, tree.stderr);
    assert.ok(JSON.parse(tree.stdout).nodes);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

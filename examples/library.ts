// strata as a library: compose the fine-tuning example with overrides, read it
// through the Config view, validate it into a typed object with zod, and
// expand a sweep. Run it from the checkout:
//   deno run --allow-read --allow-env examples/library.ts
import { z } from "npm:zod@4.6.7";
import { compose, type Config, expandSweep, isStrataError, renderError } from "../mod.ts";

const configDir = new URL("./llm-finetune/conf", import.meta.url).pathname;

// Compose like Hydra's compose(): the config directory, the primary config, overrides.
const c = compose({
  configDir,
  configName: "config",
  overrides: ["model=mistral_7b", "optimizer.lr=3e-5"],
});
console.log(c.choices.model); // mistral_7b

// resolve() replaces ${...}, with Hydra's hydra: and now: resolvers available.
const cfg = c.resolve();
console.log(cfg.get("run_name")); // mistral-7b-alpaca
console.log(cfg.get("optimizer.lr"), cfg.select("optimizer.momentum", { default: 0 })); // 0.00003 0
for (const [key, value] of cfg.get<Config>("training")) console.log(`  ${key} = ${value}`);

// Every value knows where it came from.
console.log(c.config.origin("optimizer.lr")); // override #2 'optimizer.lr=3e-5'
console.log(c.config.origin("model.max_seq_len")?.replace(configDir, "conf")); // conf/model/mistral_7b.yaml:4:14

// A typed, validated object in one call: any Standard Schema works (zod, valibot, arktype).
const Train = z.object({
  model: z.object({ name: z.string(), max_seq_len: z.number().int() }),
  optimizer: z.object({ name: z.enum(["adamw", "sgd"]), lr: z.number().positive() }),
  training: z.object({ epochs: z.number().int().min(1), batch_size: z.number().int() }),
});
const train = cfg.toObject(Train);
console.log(train.training.epochs * train.training.batch_size); // 24

// Errors name the key and the file:line:col (or the override) they come from.
try {
  compose({ configDir, configName: "config", overrides: ["training.epochs=0"] }).resolve()
    .toObject(Train);
} catch (e) {
  if (!isStrataError(e)) throw e;
  console.log(renderError(e).split("\n")[0]); // override #1 'training.epochs=0': Too small: ...
}

// A sweep: every job's overrides, in Hydra's order.
const sweep = expandSweep({
  configDir,
  configName: "config",
  overrides: ["model=gpt2,mistral_7b", "optimizer.lr=1e-4,3e-4"],
});
for (const job of sweep) console.log(job.index, job.overrides.join(" "));

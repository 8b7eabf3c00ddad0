import assert from "node:assert/strict";
import { z } from "zod";
import {
  compose,
  type Config,
  createConfig,
  ErrorCode,
  renderError,
  type StandardSchema,
  toObject,
} from "../../../mod.ts";
import { thrown } from "../../_errors.ts";

const Optimizer = z.object({
  name: z.enum(["adamw", "sgd"]),
  lr: z.number().positive(),
  betas: z.tuple([z.number(), z.number()]),
});
const Train = z.object({ optimizer: Optimizer, epochs: z.number().int() });

async function confTree(optimizer: string): Promise<string> {
  const dir = await Deno.makeTempDir();
  await Deno.mkdir(`${dir}/optimizer`);
  await Deno.writeTextFile(
    `${dir}/config.yaml`,
    "defaults:\n  - optimizer: adamw\n  - _self_\nepochs: 3\n",
  );
  await Deno.writeTextFile(`${dir}/optimizer/adamw.yaml`, optimizer);
  return dir;
}

Deno.test("toObject(zod schema) returns the schema's typed output", async () => {
  const dir = await confTree("name: adamw\nlr: 2e-4\nbetas: [0.9, 0.999]\n");
  const c = compose({ configDir: dir, configName: "config" });
  const train = c.config.toObject(Train);
  // The static type is zod's output: these lines only compile if it is.
  const lr: number = train.optimizer.lr;
  const name: "adamw" | "sgd" = train.optimizer.name;
  assert.deepEqual({ lr, name, epochs: train.epochs }, { lr: 2e-4, name: "adamw", epochs: 3 });
  assert.deepEqual(toObject(c.config.get<Config>("optimizer"), Optimizer).betas, [0.9, 0.999]);
});

Deno.test("a zod issue is reported at the value's file:line:col, every issue listed", async () => {
  const dir = await confTree("name: adam\nlr: -1\nbetas: [0.9, 0.999]\n");
  const c = compose({ configDir: dir, configName: "config" });
  const e = thrown(() => c.config.toObject(Train));
  assert.equal(e.code, ErrorCode.Validation);
  assert.equal(e.fullKey, "optimizer.name");
  assert.deepEqual(e.origin, { file: `${dir}/optimizer/adamw.yaml`, line: 1, col: 7 });
  assert.equal(e.related.length, 1);
  assert.deepEqual(e.related[0].origin, { file: `${dir}/optimizer/adamw.yaml`, line: 2, col: 5 });
  const text = renderError(e);
  assert.match(text, new RegExp(`^${dir}/optimizer/adamw\\.yaml:1:7: `));
  assert.match(text, /adamw\.yaml:2:5: optimizer\.lr: /);
});

Deno.test("an issue on a value set by an override points at the override", async () => {
  const dir = await confTree("name: adamw\nlr: 2e-4\nbetas: [0.9, 0.999]\n");
  const c = compose({ configDir: dir, configName: "config", overrides: ["epochs=2.5"] });
  const e = thrown(() => c.config.toObject(Train));
  assert.equal(e.fullKey, "epochs");
  assert.deepEqual(e.origin, { override: 0, text: "epochs=2.5" });
});

Deno.test("list indexes in an issue's path become [i] keys", () => {
  const cfg = createConfig("optimizer:\n  name: sgd\n  lr: 0.1\n  betas: [0.9, high]\nepochs: 1\n");
  const e = thrown(() => cfg.toObject(Train));
  assert.equal(e.fullKey, "optimizer.betas[1]");
  assert.equal(e.origin?.line, 4);
});

Deno.test("an async schema: toObjectAsync awaits it, toObject refuses it", async () => {
  const Async = z.object({ lr: z.number() }).refine(
    (v) => Promise.resolve(v.lr < 1),
    "lr too large",
  );
  const ok = await createConfig({ lr: 0.5 }).toObjectAsync(Async);
  assert.equal(ok.lr, 0.5);
  await assert.rejects(
    () => createConfig({ lr: 5 }).toObjectAsync(Async),
    (e: Error) =>
      (e as { code?: string }).code === ErrorCode.Validation && /too large/.test(e.message),
  );
  assert.throws(
    () => createConfig({ lr: 0.5 }).toObject(Async),
    (e: Error) =>
      (e as { code?: string }).code === ErrorCode.Usage && /toObjectAsync/.test(e.message),
  );
});

Deno.test("any Standard Schema works, not only zod's", () => {
  const positive: StandardSchema<unknown, number> = {
    "~standard": {
      version: 1,
      vendor: "hand-written",
      validate: (v) =>
        typeof v === "number" && v > 0
          ? { value: v }
          : { issues: [{ message: "must be positive", path: [{ key: "n" }] }] },
    },
  };
  const cfg = createConfig({ n: -1 });
  const e = thrown(() => cfg.toObject(positive));
  assert.equal(e.message, "must be positive");
  assert.equal(e.fullKey, "n");
});

Deno.test("toObject(schema): an issue at a key the composed config lacks has no made-up '<string>' position", () => {
  const c = compose({ configDir: "examples/llm-finetune/conf", configName: "config" });
  const Schema = z.object({ seed: z.string(), wandb_project: z.string() });
  const e = thrown(() => c.resolve().toObject(Schema));
  assert.match(e.message, /expected string, received number/);
  const text = renderError(e);
  assert.match(text, /\n {4}wandb_project: Invalid input: expected string, received undefined$/);
  assert.doesNotMatch(text, /<string>/);
});

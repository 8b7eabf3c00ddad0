/**
 * A program outside the checkout imports `<checkout>/mod.ts` with no
 * `--config`: strata's own deno.json is not in play, so every package the
 * library loads must be named so Deno can fetch it anywhere.
 */

import assert from "node:assert/strict";

const root = new URL("../../", import.meta.url).pathname;

Deno.test("a script in a temp dir imports mod.ts and composes the example", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(
      `${dir}/launch.ts`,
      `import { compose, type Config, toYaml } from ${JSON.stringify(`file://${root}mod.ts`)};
const c = compose({
  configDir: ${JSON.stringify(`${root}examples/llm-finetune/conf`)},
  configName: "config",
  overrides: ["model=mistral_7b", "optimizer.lr=3e-5"],
});
const cfg = c.resolve();
console.log(JSON.stringify({
  runName: cfg.get("run_name"),
  lr: cfg.get("optimizer.lr"),
  modelKeys: cfg.get<Config>("model").keys().length > 0,
  yaml: toYaml(cfg).startsWith("model:"),
}));
`,
    );
    const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--allow-read", "--allow-env", "launch.ts"],
      cwd: dir,
      env: { NO_COLOR: "1" },
    }).output();
    const err = new TextDecoder().decode(stderr);
    assert.equal(code, 0, err);
    assert.doesNotMatch(err, /not a dependency|deno\.json/);
    assert.deepEqual(JSON.parse(new TextDecoder().decode(stdout)), {
      runName: "mistral-7b-alpaca",
      lr: 3e-5,
      modelKeys: true,
      yaml: true,
    });
    const left = [...Deno.readDirSync(dir)].map((e) => e.name);
    assert.deepEqual(left, ["launch.ts"], "no deno.json or lock file was needed or written");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

/**
 * A sweep plans every job before the first starts: what it keeps per job
 * until then must be small (its overrides and dir), not the job's config
 * texts. Measured as heap bytes after a full GC, in a subprocess with
 * `--expose-gc` (deterministic; no timing).
 */

import assert from "node:assert/strict";

const PLAN = new URL("../../../core/run/plan.ts", import.meta.url).href;
const JOBS = 600;

const SCRIPT = `
import { planMultirun } from ${JSON.stringify(PLAN)};
const gc = globalThis.gc;
const [conf, how] = Deno.args;
const plan = planMultirun({
  configDir: conf, configName: "config", overrides: ["seed=range(0,${JOBS})"],
  jobName: "app", cwd: "/w", now: new Date(2024, 0, 5),
});
plan.check(0);
gc();
const before = Deno.memoryUsage().heapUsed;
const kept = [];
for (let i = 0; i < ${JOBS}; i++) kept.push(how === "check" ? plan.check(i) : plan.job(i));
gc();
const after = Deno.memoryUsage().heapUsed;
console.log(JSON.stringify({ perJob: (after - before) / kept.length, last: kept.at(-1).dir }));
`;

Deno.test("a planned sweep job keeps little until it starts, not its config texts", async () => {
  const dir = await Deno.makeTempDir({ prefix: "strata-plan-mem-" });
  try {
    const layers = Array.from({ length: 150 }, (_, i) => `  l${i}: {units: ${i}, act: relu}`);
    await Deno.writeTextFile(
      `${dir}/config.yaml`,
      `seed: 0\nname: run-\${seed}\nmodel:\n${layers.join("\n")}\n`,
    );
    await Deno.writeTextFile(`${dir}/measure.ts`, SCRIPT);
    const measure = async (how: string) => {
      const out = await new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", "--v8-flags=--expose-gc", `${dir}/measure.ts`, dir, how],
      }).output();
      const err = new TextDecoder().decode(out.stderr);
      assert.equal(out.code, 0, err);
      return JSON.parse(new TextDecoder().decode(out.stdout)) as { perJob: number; last: string };
    };
    const [checked, whole] = await Promise.all([measure("check"), measure("job")]);
    assert.equal(checked.last, `/w/multirun/2024-01-05/00-00-00/${JOBS - 1}`);
    // a whole plan holds config.yaml, hydra.yaml and the resolved config: over 12 KB here
    assert.ok(whole.perJob > 12288, `a whole plan: ${whole.perJob} bytes`);
    assert.ok(checked.perJob < 4096, `a planned job keeps ${checked.perJob} bytes`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

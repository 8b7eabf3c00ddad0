import assert from "node:assert/strict";
import { expandCommand, hydraValue } from "../../../core/run/command.ts";
import { parseOverride } from "../../../core/override/parse.ts";

// Hydra's override grammar (which strata's parser follows) reads the run dir back whole.
const DIRS = [
  "/out/2024-01-05/10-00-00/0",
  "/sw/db=mysql,seed=1",
  "/sw/lr=0.1,model=[a,b]",
  "/my runs/x y",
  "/sw/it's",
  "/sw/back\\slash",
  "/sw/ends\\",
  "/sw/quote\\'d",
  "/sw/{a:1}(x)",
  "C:\\runs\\0",
];

Deno.test("hydraValue: Hydra's grammar reads every run dir back as written", () => {
  for (const dir of DIRS) {
    const o = parseOverride(`hydra.run.dir=${hydraValue(dir)}`);
    assert.equal(o.value?.kind, "element", dir);
    const node = o.value?.kind === "element" ? o.value.node : undefined;
    assert.deepEqual(node?.kind === "value" ? node.value : undefined, dir, dir);
  }
});

Deno.test("expandCommand: an override of {run_dir} is quoted for Hydra; elsewhere it is as is", () => {
  const job = { overrides: ["db=mysql", "seed=1"], runDir: "/sw/db=mysql,seed=1", num: 0 };
  assert.deepEqual(
    expandCommand(["app", "{overrides}", "hydra.run.dir={run_dir}", "--out={run_dir}/x"], job),
    [
      "app",
      "db=mysql",
      "seed=1",
      "hydra.run.dir='/sw/db=mysql,seed=1'",
      "--out=/sw/db=mysql,seed=1/x",
    ],
  );
});

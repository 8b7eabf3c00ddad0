import assert from "node:assert/strict";
import { expandCommand, hydraValue, scriptStem } from "../../../core/run/command.ts";
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

Deno.test("scriptStem: a launcher's or a wrapper's script names the job, as Hydra names it (PickScore)", () => {
  const cases: [string[], string | null][] = [
    [["accelerate", "launch", "--num_processes", "2", "trainer/scripts/train.py", "+x=1"], "train"],
    [["accelerate", "launch", "-m", "trainer.scripts.train"], "train"],
    [["torchrun", "--nproc_per_node", "8", "src/pretrain.py"], "pretrain"],
    [["python3", "-m", "torch.distributed.run", "--nproc_per_node=2", "main.py"], "main"],
    [["deepspeed", "--num_gpus", "2", "finetune.py", "--deepspeed"], "finetune"],
    [["srun", "-m", "block", "python", "-u", "eval.py"], "eval"],
    [["mpirun", "-np", "4", "python", "-m", "pkg.sim"], "sim"],
    [["python", "train.py"], "train"],
  ];
  for (const [argv, want] of cases) assert.equal(scriptStem(argv), want, argv.join(" "));
});

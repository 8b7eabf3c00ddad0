/** `--gpus TYPE:N`: the type reaches every scheduler, or the request is refused. */
import assert from "node:assert/strict";
import { k8sProblems } from "../core/manifest/_k8s_check.ts";
import { confTree, sweepIn, yamlDocuments } from "./_manifest.ts";

Deno.test("sweep --gpus TYPE:N: SLURM's --gpus=TYPE:N; k8s a count and a gpu.product node selector", async () => {
  const dir = confTree();
  const slurm = await sweepIn(dir, "-f slurm --gpus a100:2 seed=1,2 -- ./train");
  assert.equal(slurm.code, 0, slurm.stderr);
  assert.match(slurm.stdout, /^#SBATCH --gpus=a100:2$/m);
  const plain = await sweepIn(dir, "-f slurm --gpus 2 seed=1,2 -- ./train");
  assert.match(plain.stdout, /^#SBATCH --gpus=2$/m);

  const k8s = await sweepIn(
    dir,
    "-f k8s --image app:1 --gpus NVIDIA-A100-SXM4-80GB:2 seed=1,2 -- ./train",
  );
  assert.equal(k8s.code, 0, k8s.stderr);
  const objects = yamlDocuments(k8s.stdout);
  assert.deepEqual(k8sProblems(objects), []);
  const pod = objects.at(-1).spec.template.spec;
  assert.deepEqual(pod.containers[0].resources.limits, { "nvidia.com/gpu": 2 });
  assert.deepEqual(pod.nodeSelector, { "nvidia.com/gpu.product": "NVIDIA-A100-SXM4-80GB" });
  const count = await sweepIn(dir, "-f k8s --image app:1 --gpus 1 seed=1,2 -- ./train");
  assert.equal("nodeSelector" in yamlDocuments(count.stdout).at(-1).spec.template.spec, false);

  // A type no label value can hold is refused, not dropped.
  const bad = await sweepIn(dir, "-f k8s --image app:1 --gpus a/100:2 seed=1,2 -- ./train");
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /Cannot read --gpus 'a\/100:2'/);
  Deno.removeSync(dir, { recursive: true });
});

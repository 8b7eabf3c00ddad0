/**
 * The in-process phases bench:compare times (load, resolve, to_yaml), and
 * the JSON output of the resolved config (cold, then warm), of the
 * checkout at ROOT, on one file: medians of 9, so that two checkouts can be
 * compared run for run, alternating (the VM's speed drifts between whole
 * bench:compare runs more than these phases differ):
 *
 *   git archive REV | tar -x -C /tmp/old
 *   for i in 1 2 3; do for r in /tmp/old .; do
 *     deno run -A --no-lock --v8-flags=--max-semi-space-size=2,--min-semi-space-size=2 bench/phase_times.ts $r FILE.yaml
 *   done; done
 *
 * FILE.yaml: bench/compare/generate.ts's `base.yaml`
 * (`deno run -A bench/compare/generate.ts DIR 100000 50`).
 *
 * @module
 */

const [root, file] = Deno.args;
if (!root || !file) {
  console.error("usage: deno run -A bench/phase_times.ts CHECKOUT_ROOT FILE.yaml");
  Deno.exit(2);
}
const at = root.startsWith("/") ? root : `${Deno.cwd()}/${root}`;
const { loadYaml } = await import(`${at}/core/yaml/load.ts`);
const { resolveTree, toYaml } = await import(`${at}/engine.ts`);
const text = Deno.readTextFileSync(file);
const read = () => loadYaml(text, { file, lazy: false });
const base = read();
const median = (run: () => unknown) => {
  const ms: number[] = [];
  for (let i = 0; i < 9; i++) {
    const t = performance.now();
    run();
    ms.push(performance.now() - t);
  }
  return ms.sort((a, b) => a - b)[4].toFixed(1);
};
// JSON output of the resolved config, as `compose --resolve -f json` writes it: its first (cold)
// run first, as the CLI runs it once
const { toJsonBytes } = await import(`${at}/core/container.ts`);
const resolved = resolveTree(base);
const t = performance.now();
toJsonBytes(resolved, 2);
const coldJson = (performance.now() - t).toFixed(1);
console.log(
  `${root}: load ${median(read)} ms, resolve ${median(() => resolveTree(base))} ms, ` +
    `to_yaml ${median(() => toYaml(base))} ms, JSON output ${coldJson} ms cold, ` +
    `${median(() => toJsonBytes(resolved, 2))} ms warm`,
);

/**
 * What the Node built-ins that commander (and our path code) import cost at
 * start-up: the process wall of `deno run` of a file importing only that
 * module, against an empty file, alternating, median of N runs.
 *
 *   deno run -A bench/node_imports.ts [--runs 15]
 *
 * @module
 */

const runs = Number(Deno.args[Deno.args.indexOf("--runs") + 1] || 15);
const modules = ["", "node:events", "node:path", "node:util", "node:process"];
const dir = Deno.makeTempDirSync();
const files = modules.map((m, i) => {
  const file = `${dir}/m${i}.ts`;
  Deno.writeTextFileSync(file, m === "" ? "" : `import "${m}";\n`);
  return file;
});

async function wall(file: string): Promise<number> {
  const t0 = performance.now();
  await new Deno.Command(Deno.execPath(), { args: ["run", "-A", file], stdout: "null" }).output();
  return performance.now() - t0;
}

const times: number[][] = modules.map(() => []);
for (const f of files) await wall(f); // warm the cache
for (let r = 0; r < runs; r++) {
  for (let i = 0; i < files.length; i++) times[i].push(await wall(files[i]));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const bare = median(times[0]);
console.log(`bare deno run of an empty file: ${bare.toFixed(1)} ms (median of ${runs})`);
for (let i = 1; i < modules.length; i++) {
  const m = median(times[i]);
  console.log(`import "${modules[i]}": ${m.toFixed(1)} ms (+${(m - bare).toFixed(1)} ms)`);
}
Deno.removeSync(dir, { recursive: true });

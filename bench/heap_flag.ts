/**
 * Why the binary embeds `--v8-flags=--max-semi-space-size=2,--min-semi-space-size=2`:
 * `strata compose` as a process with V8's default young generation and with
 * semi-spaces of the sizes given (4, 8 and 16 MB unless `--sizes`),
 * interleaved run by run, medians of wall, CPU (user + sys) and peak RSS from
 * GNU time.
 *
 *   deno run -A bench/heap_flag.ts [--runs 5] [--sizes 4,8,16] [--mb 50] [--pinned]
 *     [--with FLAGS]... [--no-default] [--cli FILE]
 *
 * `--pinned` adds, for each size, the young generation held at that size from
 * the start (`--min-semi-space-size` too): V8 otherwise starts it at 1 MB and
 * grows it, scavenging on the way, which a short process pays at start-up.
 * `--with FLAGS` (repeatable) adds, for each size, that size with other V8
 * flags too (`--with --initial-old-space-size=64`); `--no-default` leaves out
 * V8's default young generation; `--cli` runs another entry point than
 * cli/main.ts (the bundle the binary embeds: `deno task bundle DIR`, then
 * `--cli DIR/main.js`). A third workload, `compose` on a 100-leaf tree
 * (start-up), runs three times as often.
 *
 * Inputs: bench:compare's 10^5-leaf, 50-group tree (`compose --resolve -f
 * json`) and issue 12's big file (`bench/bigfile_gen.ts`, shape `sections`,
 * `--mb` MB, `compose`). A CLI process allocates a tree and drops most of
 * what it allocated on the way (encodings, copies); a smaller young
 * generation is scavenged more often but each time touches less memory and
 * promotes less. BENCHMARKS.md ("The binary's heap flag") has the runs and why
 * 2 MB was chosen.
 *
 * @module
 */

import { writeInputs } from "./compare/generate.ts";
import { writeBigConf } from "./bigfile_gen.ts";

const args = Deno.args;
const arg = (name: string, def: string) => args.includes(name) ? args[args.indexOf(name) + 1] : def;
const runs = Number(arg("--runs", "5"));
const sizes = arg("--sizes", "4,8,16").split(",").map(Number);
const pinned = args.includes("--pinned");
const mb = Number(arg("--mb", "50"));
const also = args.flatMap((a, i) => a === "--with" ? [args[i + 1]] : []);

const CLI = arg("--cli", new URL("../cli/main.ts", import.meta.url).pathname);
const PERMISSIONS = ["--allow-read", "--allow-env", "--allow-write", "--allow-run"];

interface Sample {
  wall: number;
  cpu: number;
  rssMb: number;
}

async function run(v8: string[], cmd: string[]): Promise<Sample> {
  // wall from here (GNU time's %e counts only 10 ms steps: too coarse for start-up)
  const start = performance.now();
  const out = await new Deno.Command("/usr/bin/time", {
    args: ["-f", "%e %U %S %M", Deno.execPath(), "run", ...PERMISSIONS, ...v8, CLI, ...cmd],
    stdout: "null",
    stderr: "piped",
  }).output();
  const err = new TextDecoder().decode(out.stderr).trim().split("\n");
  if (!out.success) throw new Error(`strata ${cmd.join(" ")} failed:\n${err.join("\n")}`);
  const wall = performance.now() - start;
  const [, user, sys, rss] = err[err.length - 1].split(" ").map(Number);
  return { wall, cpu: (user + sys) * 1000, rssMb: rss / 1024 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

const dir = await Deno.makeTempDir({ prefix: "strata-heap-flag-" });
await writeInputs(`${dir}/tree`, { leaves: 100_000, groups: 50, seed: 1 });
await writeInputs(`${dir}/small`, { leaves: 100, groups: 2, seed: 1 });
const big = writeBigConf(`${dir}/big`, mb * 1e6, "sections");
const workloads: [string, string[]][] = [
  ["10^5-leaf tree, compose --resolve -f json", [
    "compose",
    "-d",
    `${dir}/tree/conf`,
    "--resolve",
    "-f",
    "json",
  ]],
  [`${mb} MB file (sections), compose`, ["compose", "-d", big]],
  ["100-leaf tree, compose (start-up)", ["compose", "-d", `${dir}/small/conf`]],
];
const variant = (flags: string): [string, string[]] => [flags, [`--v8-flags=${flags}`]];
const variants: [string, string[]][] = [
  ...(args.includes("--no-default") ? [] : [["V8 default", []] as [string, string[]]]),
  ...sizes.flatMap((s): [string, string[]][] => [
    variant(`--max-semi-space-size=${s}`),
    ...(pinned ? [variant(`--max-semi-space-size=${s},--min-semi-space-size=${s}`)] : []),
    ...also.map((flags) => variant(`--max-semi-space-size=${s},${flags.replace(/^,/, "")}`)),
  ]),
];

for (const [name, cmd] of workloads) {
  const samples: Sample[][] = variants.map(() => []);
  const times = name.includes("start-up") ? 3 * runs : runs;
  for (let r = 0; r < times; r++) {
    for (let v = 0; v < variants.length; v++) samples[v].push(await run(variants[v][1], cmd));
  }
  console.log(`\n${name} (median of ${times}, interleaved)\n`);
  console.log("| V8 flags | wall ms | CPU ms | peak RSS MB |\n|---|---|---|---|");
  for (let v = 0; v < variants.length; v++) {
    const s = samples[v];
    console.log(
      `| ${variants[v][0]} | ${median(s.map((x) => x.wall)).toFixed(0)} | ` +
        `${median(s.map((x) => x.cpu)).toFixed(0)} | ${median(s.map((x) => x.rssMb)).toFixed(0)} |`,
    );
  }
}
await Deno.remove(dir, { recursive: true });

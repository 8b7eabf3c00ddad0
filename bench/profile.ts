/**
 * Where a CLI command's time goes, by phase: runs `strata ARGS` once, in
 * this fresh process (so cold, as the binary runs it), under V8's sampling
 * profiler (node:inspector), and sums the samples by phase: each sample
 * goes to the innermost function on its stack that names a phase.
 *
 *   deno run -A bench/profile.ts [--interval 100] [--top 15] [--phase NAME] -- compose -d conf --resolve -f json
 *
 * Its output is what BENCHMARKS.md's "Where the time goes" quotes. The
 * profiler adds its own cost (a sample every `--interval` µs), so read the
 * shares, not the absolute figures; stdout of the command is discarded.
 * `--phase` lists the functions by self time within the phases whose name
 * starts with NAME only.
 *
 * @module
 */

import { Session } from "node:inspector";
import { main } from "../cli/main.ts";

interface CallFrame {
  functionName: string;
  url: string;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Phases by function (name and the end of its module's path), innermost wins. */
const PHASES: [name: string, file: string, phase: string][] = [
  ["(garbage collector)", "", "garbage collection"],
  ["loadYaml", "core/yaml/load.ts", "YAML reading (text to nodes)"],
  ["validateInterpolations", "core/resolve/validate.ts", "interpolation grammar check"],
  ["sealForMerge", "core/engine/merge_cache.ts", "merge: encoding the parsed files"],
  ["encodeMerge", "core/engine/merge_codec.ts", "merge: encoding"],
  ["decodeMerge", "core/engine/merge_decode.ts", "merge: nodes from the result"],
  ["engineMerge", "core/engine/merge.ts", "merge: the WASM call"],
  ["encode", "core/resolve/engine_codec.ts", "resolve: encoding the tree"],
  ["build", "core/resolve/engine_build.ts", "resolve: nodes from the result"],
  ["withEngine", "core/resolve/engine.ts", "resolve: the WASM call and host rounds"],
  ["resolveComposition", "core/compose/resolvers.ts", "resolve: other"],
  ["toJsonRuns", "core/container.ts", "output (JSON)"],
  ["toJsonBytes", "core/container.ts", "output (JSON)"],
  ["toYamlRuns", "core/yaml/emit.ts", "output (YAML)"],
  ["toYamlBytes", "core/yaml/emit.ts", "output (YAML)"],
  ["writeOut", "cli/output.ts", "output (writing)"],
  ["compose", "core/compose/compose.ts", "composition: defaults, overrides, hydra node"],
];

const args = Deno.args;
const dash = args.indexOf("--");
const own = dash < 0 ? [] : args.slice(0, dash);
const argv = dash < 0 ? args : args.slice(dash + 1);
const opt = (name: string, def: number) =>
  own.includes(name) ? Number(own[own.indexOf(name) + 1]) : def;
const interval = opt("--interval", 100);
const top = opt("--top", 15);
const onlyPhase = own.includes("--phase") ? own[own.indexOf("--phase") + 1] : undefined;

const session = new Session();
session.connect();
const post = <T>(method: string, params?: object) =>
  new Promise<T>((ok, fail) =>
    session.post(method, params ?? {}, (err, res) => err ? fail(err) : ok(res as T))
  );

await post("Profiler.enable");
await post("Profiler.setSamplingInterval", { interval });
const writeSync = Deno.stdout.writeSync.bind(Deno.stdout);
Deno.stdout.writeSync = (b: Uint8Array) => b.length; // the command's output is not ours
await post("Profiler.start");
const t0 = performance.now();
const code = await main(argv);
const wall = performance.now() - t0;
const { profile } = await post<{ profile: Profile }>("Profiler.stop");
Deno.stdout.writeSync = writeSync;
session.disconnect();

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const phaseOf = new Map<number, string>();
function phase(id: number): string {
  const known = phaseOf.get(id);
  if (known !== undefined) return known;
  const f = byId.get(id)!.callFrame;
  const hit = PHASES.find(([name, file]) => f.functionName === name && f.url.endsWith(file));
  const p = hit ? hit[2] : parent.has(id) ? phase(parent.get(id)!) : "start-up, argv and the rest";
  phaseOf.set(id, p);
  return p;
}
const ms = new Map<string, number>();
const selfMs = new Map<string, number>();
let total = 0;
for (let i = 0; i < profile.samples.length; i++) {
  const d = (profile.timeDeltas[i] ?? 0) / 1000;
  const id = profile.samples[i];
  total += d;
  ms.set(phase(id), (ms.get(phase(id)) ?? 0) + d);
  if (onlyPhase !== undefined && !phase(id).startsWith(onlyPhase)) continue;
  const f = byId.get(id)!.callFrame;
  const fn = `${f.functionName || "(anonymous)"} ${f.url.split("/").slice(-2).join("/")}`;
  selfMs.set(fn, (selfMs.get(fn) ?? 0) + d);
}

console.log(`strata ${argv.join(" ")}: exit ${code}, ${wall.toFixed(0)} ms in process, profiled\n`);
console.log("| phase | ms | share |\n|---|---:|---:|");
for (const [p, t] of [...ms].sort((a, b) => b[1] - a[1])) {
  console.log(`| ${p} | ${t.toFixed(0)} | ${(100 * t / total).toFixed(0)}% |`);
}
console.log(
  `\nfunctions by self time (top ${top}${onlyPhase ? `, phases "${onlyPhase}..."` : ""}):\n`,
);
for (const [fn, t] of [...selfMs].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`${t.toFixed(1).padStart(8)} ms  ${fn}`);
}

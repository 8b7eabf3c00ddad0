/**
 * What a JS config tree costs, and why that is most of a CLI compose's
 * time: how many pages of memory each phase of `strata compose --resolve -f
 * json` touches for the first time (minor page faults, from /proc/self/stat:
 * Linux only) and how long the phase takes, the bytes of objects per leaf of
 * the tree the reader builds, and what a first touch of a page costs on this
 * machine.
 *
 *   deno run -A --v8-flags=--expose-gc bench/tree_cost.ts [--leaves 100000]
 *
 * Inputs: bench:compare's generator (a tree of `--leaves` leaves over 50
 * groups, seed 1), in a temporary directory. The phases run once, cold, in
 * a fresh process with the binary's heap flag, as the CLI runs them (files
 * given to the merge, the config resolved in place). BENCHMARKS.md ("What a
 * JS tree costs") quotes a run.
 *
 * @module
 */

import "../core/yaml/full_install.ts"; // the full YAML reader, installed at once
import { writeInputs } from "./compare/generate.ts";
import { BINARY_FLAGS } from "./_binary_flags.ts";
import { loadYaml } from "../core/yaml/load.ts";
import type { Node } from "../core/node.ts";
import { compose } from "../core/compose/compose.ts";
import { resolveComposition } from "../core/compose/resolvers.ts";
import { toJsonRuns } from "../core/container.ts";

/** Minor page faults of this process so far (a first touch of a page each), or NaN off Linux. */
function faults(): number {
  try {
    const stat = Deno.readTextFileSync("/proc/self/stat");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[7]);
  } catch {
    return NaN;
  }
}

type Row = [phase: string, ms: number, faults: number];

/** The CLI's phases on the tree in `dir`, in this (fresh) process. */
function phases(dir: string): Row[] {
  const rows: Row[] = [];
  let f = faults(), t = performance.now();
  const mark = (phase: string) => {
    const f2 = faults(), t2 = performance.now();
    rows.push([phase, t2 - t, f2 - f]);
    f = f2, t = t2;
  };
  const c = compose({ configDir: `${dir}/conf`, configName: "config", reuseFiles: false });
  mark("compose: read the files, merge, the hydra node");
  const resolved = resolveComposition(c, { keepMissing: true, reuse: true });
  mark("resolve: encode, the engine, in place");
  toJsonRuns(resolved, 2);
  mark("JSON output");
  return rows;
}

if (Deno.args[0] === "--phases") {
  console.log(JSON.stringify({ rows: phases(Deno.args[1]), rss: Deno.memoryUsage().rss }));
  Deno.exit(0);
}

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) {
  console.error("run with --v8-flags=--expose-gc (see the module doc)");
  Deno.exit(2);
}
const args = Deno.args;
const leaves = Number(args.includes("--leaves") ? args[args.indexOf("--leaves") + 1] : 100_000);
const mb = (x: number) => (x / 1e6).toFixed(1);

const dir = await Deno.makeTempDir({ prefix: "strata-tree-cost-" });
try {
  await writeInputs(dir, { leaves, groups: 50, seed: 1 });

  // 1. the phases, in a fresh process (as the CLI's is)
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      // the heap flags the binary embeds (deno.json's compile task), as the CLI runs
      ...BINARY_FLAGS.filter((f) => f.startsWith("--v8-flags=")),
      new URL(import.meta.url).pathname,
      "--phases",
      dir,
    ],
    stderr: "inherit",
  }).output();
  if (!out.success) Deno.exit(1);
  const { rows, rss } = JSON.parse(new TextDecoder().decode(out.stdout)) as {
    rows: Row[];
    rss: number;
  };

  // 2. bytes per leaf of the tree the reader builds
  const text = Deno.readTextFileSync(`${dir}/base.yaml`);
  loadYaml("a: 1\n", { file: "warm.yaml" });
  gc();
  const h0 = Deno.memoryUsage().heapUsed;
  const tree = loadYaml(text, { file: "base.yaml", lazy: false });
  gc();
  const h1 = Deno.memoryUsage().heapUsed;
  const count = { leaves: 0, dicts: 0, lists: 0 };
  const walk = (n: Node): void => {
    if (n.kind === "dict") {
      count.dicts++;
      for (const e of n.entries.values()) walk(e.node);
    } else if (n.kind === "list") {
      count.lists++;
      n.items.forEach(walk);
    } else count.leaves++;
  };
  walk(tree);

  // 3. a first touch of a page against a second one
  const bytes = 64 * 1024 * 1024;
  const page = 4096;
  const buf = new Uint8Array(bytes);
  const f0 = faults();
  let t0 = performance.now();
  for (let i = 0; i < bytes; i += page) buf[i] = 1;
  const first = performance.now() - t0;
  const touched = faults() - f0;
  t0 = performance.now();
  for (let i = 0; i < bytes; i += page) buf[i] = 2;
  const again = performance.now() - t0;
  const pages = bytes / page;
  const perPage = first / pages;

  console.log(`## compose --resolve -f json of the ${leaves}-leaf tree, phase by phase\n`);
  console.log("| phase | ms | pages touched first | at the cost of a page below |");
  console.log("|---|---:|---:|---:|");
  for (const [phase, ms, f] of rows) {
    const share = f * perPage;
    console.log(
      `| ${phase} | ${ms.toFixed(0)} | ${f} | ${share.toFixed(0)} ms (${
        (100 * share / ms).toFixed(0)
      }%) |`,
    );
  }
  console.log(`\nRSS after the phases: ${mb(rss)} MB`);
  console.log(`\n## The reader's tree\n`);
  console.log(
    `${mb(text.length)} MB of YAML: ${count.leaves} leaves, ${count.dicts} dicts, ${count.lists} ` +
      `lists; the tree holds ${mb(h1 - h0)} MB of the JS heap after a full collection, ` +
      `${((h1 - h0) / count.leaves).toFixed(0)} bytes a leaf`,
  );
  console.log(`\n## Memory on this machine\n`);
  console.log(
    `first touch of ${pages} pages (64 MiB): ${first.toFixed(1)} ms, ` +
      `${(perPage * 1000).toFixed(1)} µs a page (${touched} page faults); ` +
      `touching them again: ${again.toFixed(1)} ms`,
  );
} finally {
  await Deno.remove(dir, { recursive: true });
}

/**
 * Issue 12's big-file goal: a 50 MB YAML file composes in under 5 s and in
 * 10x its size of memory, and no phase grows faster than the file.
 *
 *   deno run -A bench/bigfile.ts [--mb 12.5,25,50] [--shape sections,small,flat,records,pyyaml,json]
 *                                [--no-cli] [--no-phases]
 *
 * For each size it writes the seeded file (bench/bigfile_gen.ts) to a temp
 * dir, times the phases in this process (load, compose, toYaml, toJson,
 * resolve), then runs the CLI (`compose`, `compose --resolve`, `compose -f
 * json`) under `/usr/bin/time -v` for wall time and peak RSS, as ratios to
 * the goal (CPU time as well: on a busy machine wall time says little). The
 * last table shows each phase's ms per MB across sizes: equal figures mean
 * linear growth.
 *
 * @module
 */

import "../core/yaml/full_install.ts"; // the full YAML reader, installed at once
import { compose } from "../core/compose/compose.ts";
import { resolveComposition } from "../core/compose/resolvers.ts";
import { toJson } from "../core/container.ts";
import { toYaml } from "../core/yaml/emit.ts";
import { loadYaml } from "../core/yaml/load.ts";
import { type BigShape, writeBigConf } from "./bigfile_gen.ts";
import { BINARY_FLAGS } from "./_binary_flags.ts";

const args = Deno.args;
const flag = (name: string) => args.includes(name);
const mbArg = args[args.indexOf("--mb") + 1];
const sizes = (args.includes("--mb") ? mbArg : "12.5,25,50").split(",").map(Number);
const shapeArg = args[args.indexOf("--shape") + 1];
const shapes = (args.includes("--shape") ? shapeArg : "sections").split(",") as BigShape[];

function time<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const r = f();
  return [r, performance.now() - t0];
}

/** In-process phases, in ms (each on a fresh parse: the repository cache is per text). */
function phases(conf: string): Record<string, number> {
  const text = Deno.readTextFileSync(`${conf}/config.yaml`);
  const [, load] = time(() => loadYaml(text, { file: "config.yaml" }));
  const [c, comp] = time(() => compose({ configDir: conf, configName: "config" }));
  const [, yaml] = time(() => toYaml(c.config));
  const [, json] = time(() => toJson(c.config, 2));
  const [, resolve] = time(() => resolveComposition(c, { keepMissing: true }));
  return { load, compose: comp, toYaml: yaml, toJson: json, resolve };
}

const CLI = new URL("../cli/main.ts", import.meta.url).pathname;

/** Wall and CPU (user + sys) seconds and peak RSS (MB) of one CLI run, from GNU time. */
async function cli(
  conf: string,
  extra: string[],
): Promise<{ wall: number; cpu: number; rssMb: number }> {
  const cmd = new Deno.Command("/usr/bin/time", {
    args: [
      "-f",
      "%e %U %S %M",
      Deno.execPath(),
      "run",
      ...BINARY_FLAGS,
      CLI,
      "compose",
      "--config-dir",
      conf,
      "--config-name",
      "config",
      ...extra,
    ],
    stdout: "null",
    stderr: "piped",
  });
  const out = await cmd.output();
  const err = new TextDecoder().decode(out.stderr).trim().split("\n");
  if (!out.success) throw new Error(`strata compose ${extra.join(" ")} failed:\n${err.join("\n")}`);
  const [wall, user, sys, rss] = err[err.length - 1].split(" ").map(Number);
  return { wall, cpu: user + sys, rssMb: rss / 1024 };
}

const hasTime = (() => {
  try {
    return Deno.statSync("/usr/bin/time").isFile;
  } catch {
    return false;
  }
})();

const perMb: Record<string, string[]> = {};
for (const [shape, mb] of shapes.flatMap((sh) => sizes.map((mb) => [sh, mb] as const))) {
  const dir = Deno.makeTempDirSync({ prefix: "strata-bigfile-" });
  try {
    const conf = writeBigConf(dir, mb * 1e6, shape);
    const bytes = Deno.statSync(`${conf}/config.yaml`).size;
    const real = bytes / 1e6;
    console.log(`\n## ${real.toFixed(1)} MB, shape ${shape} (${conf}/config.yaml)`);
    if (!flag("--no-phases")) {
      const p = phases(conf);
      for (const [k, ms] of Object.entries(p)) {
        console.log(
          `  ${k.padEnd(8)} ${ms.toFixed(0).padStart(6)} ms  ${(ms / real).toFixed(1)} ms/MB`,
        );
        (perMb[`${shape} ${k}`] ??= []).push((ms / real).toFixed(1));
      }
    }
    if (!flag("--no-cli") && hasTime) {
      for (const extra of [[], ["--resolve"], ["-f", "json"]]) {
        const r = await cli(conf, extra);
        const name = `strata compose ${extra.join(" ")}`.trim();
        console.log(
          `  ${name.padEnd(25)} ${r.wall.toFixed(2)} s wall, ${r.cpu.toFixed(2)} s CPU ` +
            `(goal ${(real / 10).toFixed(1)} s: ${(r.wall / (real / 10)).toFixed(2)}x)  ` +
            `peak ${r.rssMb.toFixed(0)} MB (${(r.rssMb / real).toFixed(1)}x the file; goal 10x)`,
        );
        (perMb[`${shape} ${name}`] ??= []).push((r.wall * 1000 / real).toFixed(1));
      }
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
}
if (sizes.length > 1) {
  console.log(`\n## ms per MB at ${sizes.join(" / ")} MB (flat = linear)`);
  for (const [k, v] of Object.entries(perMb)) console.log(`  ${k.padEnd(34)} ${v.join(" / ")}`);
}

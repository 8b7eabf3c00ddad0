/**
 * Helpers for the manifest tests: a small conf/ tree in a temp dir, and the
 * documents of a generated Kubernetes YAML stream.
 *
 * @module
 */

import { parse } from "yaml";
import { type CliResult, strata } from "./_cli.ts";

/** Runs `strata sweep ARGS` in `dir`, ARGS written as one space-separated string. */
export function sweepIn(dir: string, args: string): Promise<CliResult> {
  return strata(["sweep", ...args.split(" ")], { cwd: dir });
}

/** A conf/ tree with a `model` group, an `lr` and a `seed`, written into a new temp dir. */
export function confTree(): string {
  const dir = Deno.makeTempDirSync({ prefix: "strata-manifest-" });
  Deno.mkdirSync(`${dir}/conf/model`, { recursive: true });
  Deno.writeTextFileSync(
    `${dir}/conf/config.yaml`,
    "defaults:\n  - model: small\n  - _self_\n\nlr: 0.1\nseed: 0\nname: ${model.name}-${seed}\n",
  );
  Deno.writeTextFileSync(`${dir}/conf/model/small.yaml`, "name: small\nlayers: 2\n");
  Deno.writeTextFileSync(`${dir}/conf/model/large.yaml`, "name: large\nlayers: 24\n");
  return dir;
}

/** Every file under `dir`, relative, sorted. */
export function listFiles(dir: string, prefix = ""): string[] {
  const out: string[] = [];
  for (const e of Deno.readDirSync(dir)) {
    if (e.isDirectory) out.push(...listFiles(`${dir}/${e.name}`, `${prefix}${e.name}/`));
    else out.push(prefix + e.name);
  }
  return out.sort();
}

/**
 * The objects of a multi-document YAML stream. Documents that are JSON (our
 * ConfigMaps) are read with JSON.parse, which is what a YAML reader gives for
 * them, only faster.
 */
// deno-lint-ignore no-explicit-any
export function yamlDocuments(text: string): any[] {
  return text.split(/^---\n/m).slice(1).map((d) => d.startsWith("{") ? JSON.parse(d) : parse(d));
}

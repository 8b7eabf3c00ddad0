/**
 * An option without a `# @package` header among sibling options that all say
 * `# @package _global_`: Hydra 1.0 put a header-less option at the top, Hydra
 * 1.1 and later put it at its group's package, so in a tree written that way
 * the one file that forgot its header lands under the group and changes
 * nothing it was meant to (vissl's `pretrain/simclr/optimization/
 * vit_lr_scheduler.yaml`, composed under `config.pretrain.simclr.optimization`).
 * Hydra says nothing; validate warns, at the file.
 *
 * @module
 */

import { readHeader } from "../compose/repository.ts";
import { canonicalKey, type Node } from "../node.ts";
import { loadYaml } from "../yaml/load.ts";
import type { Problem } from "./problems.ts";
import type { ConfFile } from "./tree.ts";
import { readFileText } from "../file_overlay.ts";

/** The `# @package` of a file's header: undefined for none, null when it cannot be read. */
function packageOf(file: string): string | undefined | null {
  try {
    return readHeader(readFileText(file), file).package;
  } catch {
    return null; // unreadable or a bad header: checked and reported on its own
  }
}

/** The keys a config file writes at `path` (none when it cannot be read or holds no mapping there). */
function keysAt(file: string, path: readonly string[]): Set<string> {
  let node: Node | undefined;
  try {
    node = loadYaml(readFileText(file), { file });
  } catch {
    return new Set(); // reported on its own
  }
  for (const k of path) {
    node = node?.kind === "dict" ? node.entries.get(canonicalKey(k))?.node : undefined;
  }
  if (node?.kind !== "dict") return new Set();
  return new Set(
    [...node.entries.values()].map((e) => String(e.key)).filter((k) => k !== "defaults"),
  );
}

/** Whether a config file's defaults list includes a config as `name` or `abs` (`- default`). */
function includes(file: string, name: string, abs: string): boolean {
  let node: Node | undefined;
  try {
    node = loadYaml(readFileText(file), { file });
  } catch {
    return false;
  }
  const defaults = node.kind === "dict"
    ? node.entries.get(canonicalKey("defaults"))?.node
    : undefined;
  if (defaults?.kind !== "list") return false;
  return defaults.items.some((d) =>
    d.kind === "value" && typeof d.value === "string" &&
    [name, abs].includes(d.value.replace(/^optional\s+/, "").replace(/@.*$/, "").trim())
  );
}

/**
 * A warning for each of `selected` (config files of the tree) that has no
 * `# @package` header while two or more options beside it in its group
 * directory do, and all of those say `_global_` (unless they write what it
 * holds under the group's own name, where the header-less one lands).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { headerlessAmongGlobals } from "./header_siblings.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.mkdirSync(`${dir}/opt`);
 * const files = ["a", "b", "c"].map((n) => ({ file: `${dir}/opt/${n}.yaml`, configPath: `opt/${n}` }));
 * Deno.writeTextFileSync(files[0].file, "# @package _global_\nlr: 1\n");
 * Deno.writeTextFileSync(files[1].file, "# @package _global_\nlr: 2\n");
 * Deno.writeTextFileSync(files[2].file, "lr: 3\n");
 * const found = headerlessAmongGlobals(files, files);
 * assert.deepEqual(found.map((p) => p.origin?.file), [files[2].file]);
 * assert.match(found[0].message, /lands at its group's package, opt/);
 * ```
 */
export function headerlessAmongGlobals(
  tree: readonly ConfFile[],
  selected: readonly ConfFile[],
): Problem[] {
  const dirOf = (c: ConfFile) => c.configPath.slice(0, Math.max(0, c.configPath.lastIndexOf("/")));
  const out: Problem[] = [];
  const headers = new Map<string, string | undefined | null>();
  const header = (f: ConfFile) => {
    if (!headers.has(f.file)) headers.set(f.file, packageOf(f.file));
    return headers.get(f.file);
  };
  // the tree's files by directory, once: a tree of a thousand options is a thousand lookups,
  // not a million comparisons
  const byDir = new Map<string, ConfFile[]>();
  for (const s of tree) {
    const dir = dirOf(s);
    const list = byDir.get(dir);
    if (list === undefined) byDir.set(dir, [s]);
    else list.push(s);
  }
  for (const f of selected) {
    const dir = dirOf(f);
    if (dir === "" || dir === "hydra" || dir.startsWith("hydra/")) continue;
    if (header(f) !== undefined) continue;
    const siblings = (byDir.get(dir) ?? []).filter((s) => s !== f && s.file !== f.file);
    const packages = siblings.map(header).filter((p) => p !== undefined);
    if (packages.length < 2 || packages.some((p) => p !== "_global_")) continue;
    // most of them header-less too: a directory of group-package options, not a slip
    if (siblings.length - packages.length >= packages.length) continue;
    // the global ones write what it holds under the group's own name (tmlr_btnr's
    // `training/gridsearch.yaml`: `training: {mode: ..., n_epochs: ...}` beside default.yaml's
    // `mode:`, `n_epochs:`): it is meant for the group's package, where it lands
    const own = keysAt(f.file, []);
    const globals = siblings.filter((s) => header(s) === "_global_");
    const overlap = (keys: Set<string>) => [...own].filter((k) => keys.has(k)).length;
    const atPackage = globals.reduce((n, s) => n + overlap(keysAt(s.file, dir.split("/"))), 0);
    const atRoot = globals.reduce((n, s) => n + overlap(keysAt(s.file, [])), 0);
    if (atPackage > atRoot) continue;
    // a base they include (sheeprl's `exp/default.yaml`, `- default` in each `_global_`
    // experiment): read at their package, the top, where it is meant to go
    const name = f.configPath.slice(dir.length + 1);
    if (globals.some((s) => includes(s.file, name, `/${f.configPath}`))) continue;
    // in a sub-directory, the group is as the option is chosen: `experiment=sub/x` puts it at
    // `experiment`, `experiment/sub=x` at `experiment.sub` (checker w35: said the second only)
    const slash = dir.indexOf("/");
    const where = slash < 0
      ? dir
      : `${dir.slice(0, slash)} (chosen as ${dir.slice(0, slash)}=${
        f.configPath.slice(slash + 1)
      }; ${dir.replaceAll("/", ".")} as ${dir}=${name})`;
    out.push({
      severity: "warning",
      code: "package-header",
      message: `no '# @package' header, unlike the ${packages.length} other options beside it ` +
        `(all '# @package _global_'): it lands at its group's package, ${where}, not at the ` +
        "top as Hydra 1.0 put a header-less option; add '# @package _global_' if it is meant " +
        "to be global",
      origin: { file: f.file, line: 1, col: 1 },
    });
  }
  return out;
}

/**
 * Where a job's resolved config goes in its run dir: `config.yaml`, unless a
 * `config.yaml` there is not one strata wrote (the primary config, when
 * `hydra.run.dir` is the config dir): strata never overwrites a file it did
 * not write.
 *
 * @module
 */

import { join, resolve } from "../path.ts";
import { formatWarning } from "../errors.ts";
import { canonicalKey, type Origin } from "../node.ts";
import type { Composition } from "../compose/compose.ts";
import { HASH_FILE, inRunDir } from "./write.ts";
import { existsAt } from "../fs_stat.ts";

/**
 * Where a job's resolved config goes instead of its run dir's `config.yaml`
 * when that file is not one strata wrote (see {@link resolvedConfigFile}).
 */
export const KEPT_CONFIG_FILE = ".strata/config.yaml";

/**
 * What the run dir's `config.yaml` was when strata wrote it (its modification
 * time and size): a file edited since is the user's, kept as any other.
 */
export const WRITTEN_FILE = ".strata/config_written";

/**
 * The stamp {@link WRITTEN_FILE} records of a file: its modification time (ms) and size.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { writtenStamp } from "./config_file.ts";
 * const f = Deno.makeTempFileSync();
 * Deno.writeTextFileSync(f, "a: 1\n");
 * assert.match(writtenStamp(f) ?? "", /^\d+ 5$/);
 * assert.equal(writtenStamp(`${f}.none`), undefined);
 * ```
 */
export function writtenStamp(path: string): string | undefined {
  try {
    const st = Deno.statSync(path);
    return `${st.mtime?.getTime() ?? 0} ${st.size}`;
  } catch {
    return undefined;
  }
}

/** Whether the run dir's `config.yaml` changed since strata wrote it (no record: unknown, no). */
function editedSince(dir: string, top: string): boolean {
  let recorded: string;
  try {
    recorded = Deno.readTextFileSync(join(dir, WRITTEN_FILE)).trim();
  } catch {
    return false; // a run dir of a strata that kept no stamp
  }
  return writtenStamp(top) !== recorded;
}

/** Where a job's resolved config goes, and the file it must not overwrite, if any. */
export interface ResolvedConfigFile {
  /** The file to write: `<run dir>/config.yaml`, or {@link KEPT_CONFIG_FILE} beside it. */
  path: string;
  /** The run dir's `config.yaml` strata did not write, left as it is; undefined when none. */
  kept?: string;
  /** Why {@link kept} is not strata's to replace. */
  why?: string;
  /** The key that put {@link kept} there, when not the one that chose the run dir. */
  key?: string;
  /** Where {@link key} was set. */
  setAt?: Origin;
}

function realPath(path: string): string {
  try {
    return Deno.realPathSync(path);
  } catch {
    return resolve(path);
  }
}

/**
 * Where a job's resolved config goes. A run dir's `config.yaml` is strata's
 * to replace only when strata wrote it: a regular file, not inside a config
 * dir of the search path, in a run dir whose `.strata/` records a run that
 * wrote it (its `config_hash`, and no {@link KEPT_CONFIG_FILE} of a run that
 * left it alone), unchanged since ({@link WRITTEN_FILE}). Any other `config.yaml` is the user's: with Hydra's
 * `hydra.run.dir: .` (IsaacGymEnvs) run from the config dir it is the primary
 * config. It is kept, and the resolved config goes to {@link KEPT_CONFIG_FILE}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { resolvedConfigFile } from "./config_file.ts";
 * const dir = Deno.makeTempDirSync();
 * assert.deepEqual(resolvedConfigFile(dir, []), { path: `${dir}/config.yaml` });
 * Deno.writeTextFileSync(`${dir}/config.yaml`, "defaults: [_self_]\n");
 * assert.deepEqual(resolvedConfigFile(dir, [dir]), {
 *   path: `${dir}/.strata/config.yaml`,
 *   kept: `${dir}/config.yaml`,
 *   why: "a config of the search path",
 * });
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function resolvedConfigFile(
  dir: string,
  configDirs: readonly string[],
): ResolvedConfigFile {
  const top = join(dir, "config.yaml");
  let st: Deno.FileInfo;
  try {
    st = Deno.lstatSync(top);
  } catch {
    return { path: top };
  }
  const real = realPath(top);
  const inConfigDir = configDirs.some((d) => {
    const root = realPath(d);
    return real.startsWith(root.endsWith("/") ? root : root + "/");
  });
  const why = inConfigDir
    ? "a config of the search path"
    : !st.isFile
    ? "not a regular file"
    : !existsAt(join(dir, HASH_FILE), { links: true }) ||
        existsAt(join(dir, KEPT_CONFIG_FILE), { links: true })
    ? `no record in ${join(dir, ".strata")} of a run that wrote it`
    : editedSince(dir, top)
    ? "changed since strata wrote it"
    : undefined;
  return why === undefined ? { path: top } : { path: join(dir, KEPT_CONFIG_FILE), kept: top, why };
}

/**
 * Where a job's resolved config goes when Hydra's own files land in the run
 * dir itself (`hydra.output_subdir: ""` as pyannote sets it, or `.`): Hydra
 * writes its unresolved `config.yaml` there (`Path(output_dir) /
 * Path(output_subdir)` in hydra/core/utils.py), which strata writes as Hydra
 * does and does not replace; undefined when Hydra's files go elsewhere.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { hydraConfigInRunDir } from "./config_file.ts";
 * // (job_plan.ts's keys: `config.yaml` for the run dir itself, `SUB/config.yaml` below it)
 * const files = (sub: string) => new Map([[sub === "" ? "config.yaml" : `${sub}/config.yaml`, "a: 1\n"]]);
 * assert.equal(hydraConfigInRunDir("/r", files(".hydra")), undefined);
 * assert.equal(hydraConfigInRunDir("/r", files(""))?.path, "/r/.strata/config.yaml");
 * assert.equal(hydraConfigInRunDir("/r", files("."))?.key, "hydra.output_subdir");
 * ```
 */
export function hydraConfigInRunDir(
  dir: string,
  files: ReadonlyMap<string, string>,
  setAt?: Origin,
): ResolvedConfigFile | undefined {
  const top = join(dir, "config.yaml");
  if (![...files.keys()].some((rel) => inRunDir(dir, rel) === top)) return undefined;
  return {
    path: join(dir, KEPT_CONFIG_FILE),
    kept: top,
    why: "Hydra's unresolved job config (Hydra's files go in the run dir itself)",
    key: "hydra.output_subdir",
    setAt,
  };
}

/**
 * The warning for a run dir's `config.yaml` that {@link resolvedConfigFile}
 * kept, at the key that chose the run dir and where it was set.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { keptConfigWarning } from "./config_file.ts";
 * const w = keptConfigWarning(
 *   { path: "cfg/.strata/config.yaml", kept: "cfg/config.yaml", why: "a config of the search path" },
 *   "hydra.run.dir",
 *   { file: "cfg/config.yaml", line: 5, col: 10 },
 * );
 * assert.match(w, /^cfg\/config.yaml:5:10: warning: hydra.run.dir: cfg\/config.yaml is/);
 * ```
 */
export function keptConfigWarning(
  file: Pick<ResolvedConfigFile, "path" | "key" | "setAt"> & { kept: string; why: string },
  key: string,
  setAt?: Origin,
): string {
  // Hydra's own config.yaml (hydraConfigInRunDir) is strata's to write, but not as the resolved one
  if (file.key !== undefined) {
    return formatWarning(
      `${file.key}: ${file.kept} is ${file.why}; the resolved config is in ${file.path} ` +
        `(STRATA_CONFIG)`,
      file.setAt,
    );
  }
  return formatWarning(
    `${key}: ${file.kept} is not a file strata wrote (${file.why}): left as it is; the ` +
      `resolved config is in ${file.path} (STRATA_CONFIG)`,
    setAt,
  );
}

/**
 * The config dirs of the search path (the config dir, `--search-path`, the
 * config's `hydra.searchpath` `file://` entries): a job never overwrites a
 * `config.yaml` in them.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compose } from "../compose/compose.ts";
 * import { searchPathDirs } from "./config_file.ts";
 * const options = { configDir: "examples/llm-finetune/conf", configName: "config", searchPath: ["x"] };
 * assert.deepEqual(searchPathDirs(options, compose(options)), ["examples/llm-finetune/conf", "x"]);
 * ```
 */
export function searchPathDirs(
  options: { configDir: string; searchPath?: readonly string[] },
  c: Composition,
): string[] {
  const sp = c.hydra.entries.get(canonicalKey("searchpath"))?.node;
  const listed = sp?.kind === "list"
    ? sp.items.flatMap((n) => n.kind === "value" && typeof n.value === "string" ? [n.value] : [])
    : [];
  return [options.configDir, ...(options.searchPath ?? []), ...listed].flatMap((e) =>
    e.startsWith("file://") ? [e.slice(7)] : e.includes("://") ? [] : [e]
  );
}

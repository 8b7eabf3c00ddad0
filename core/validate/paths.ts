/**
 * Path helpers validation needs: file URLs for dynamic imports, and config
 * option names that must stay inside their group.
 *
 * @module
 */

import type * as NodeUrl from "node:url";
import { nodeBuiltin } from "../node_builtin.ts";
import { ErrorCode, StrataError } from "../errors.ts";
import { resolve } from "../path.ts";
import { osReason } from "../os_error.ts";
import { overlaid, overlaidFileInfo } from "../file_overlay.ts";

/**
 * The `file://` URL of an absolute path (node:url without an import:
 * ../node_builtin.ts).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { toFileUrl } from "./paths.ts";
 * assert.equal(toFileUrl("/tmp/a b.ts"), "file:///tmp/a%20b.ts");
 * ```
 */
export function toFileUrl(path: string): string {
  return nodeBuiltin<typeof NodeUrl>("node:url").pathToFileURL(path).href;
}

/**
 * Whether a defaults entry's path (`db/mysql`, `../default`) leaves the config
 * directory. Hydra joins a relative path to the directory of the config that
 * names it (`parent_base_dir + "/" + path`) and opens its realpath, so `..`
 * is fine as long as the joined path stays under the root: only climbing
 * above it escapes. A leading `/` is Hydra's path from the root of the search
 * path, not of the file system. `fromDir`: the naming config's directory
 * (`solver/compression` for `solver/compression/default.yaml`), "" at the root.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { escapesConfigDir } from "./paths.ts";
 * assert.equal(escapesConfigDir("../../etc/passwd"), true);
 * assert.equal(escapesConfigDir("/db_schema/base_mysql@_here_"), false);
 * assert.equal(escapesConfigDir("../default", "solver/compression"), false);
 * assert.equal(escapesConfigDir("../../../x", "solver/compression"), true);
 * assert.equal(escapesConfigDir("/../x", "solver"), true);
 * ```
 */
export function escapesConfigDir(configPath: string, fromDir = ""): boolean {
  const joined = configPath.startsWith("/") ? configPath : `${fromDir}/${configPath}`;
  let depth = 0;
  for (const part of joined.split(/[\\/]/)) {
    if (part === "..") depth--;
    else if (part !== "" && part !== ".") depth++;
    if (depth < 0) return true;
  }
  return false;
}

/**
 * The FILES `strata validate` was given: files, and directories standing for
 * every file under them. A path that does not exist is bad usage, not an
 * empty selection (a typo must not pass as "no problems").
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { FileSelection } from "./paths.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.mkdirSync(dir + "/db");
 * Deno.writeTextFileSync(dir + "/db/a.yaml", "a: 1\n");
 * Deno.writeTextFileSync(dir + "/c.yaml", "a: 1\n");
 * const s = new FileSelection([dir + "/db"]);
 * assert.equal(s.has(dir + "/db/a.yaml"), true);
 * assert.equal(s.has(dir + "/c.yaml"), false);
 * assert.throws(() => new FileSelection([dir + "/typo.yaml"]), /typo\.yaml' not found/);
 * assert.throws(() => new FileSelection(["db=b"]), /not found: to compose with an override use --override 'db=b'/);
 * ```
 */
function isSymlink(path: string): boolean {
  try {
    return Deno.lstatSync(path).isSymlink;
  } catch {
    return false;
  }
}

export class FileSelection {
  /** The files named, as absolute paths. */
  readonly files = new Set<string>();
  /** Each path as given, with its absolute path and whether it is a directory. */
  readonly given: { path: string; abs: string; dir: boolean; broken?: boolean }[] = [];
  private readonly dirs: string[] = [];
  // A composition plan asks about each of its files: 1,000 plans of 50 files each
  // would otherwise normalize the same paths 50,000 times.
  private readonly answers = new Map<string, boolean>();

  /** @throws {StrataError} `usage` for a path that does not exist or cannot be read. */
  constructor(paths: string[]) {
    for (const p of paths) {
      let st: Deno.FileInfo;
      try {
        // (a file deleted from the working tree, not from the index: --staged reads the index's)
        st = overlaid(p) === undefined ? Deno.statSync(p) : overlaidFileInfo(p);
      } catch (e) {
        // a dangling symlink is a file of the tree all the same: its warning says where it points
        // (and one in a loop: the tree's walk reports it at its path, exit 1, checker x52 #3)
        const dangling = e instanceof Deno.errors.NotFound ||
          e instanceof Deno.errors.FilesystemLoop;
        if (dangling && isSymlink(p)) {
          this.files.add(resolve(p));
          this.given.push({ path: p, abs: resolve(p), dir: false, broken: true });
          continue;
        }
        const why = e instanceof Deno.errors.NotFound
          ? "not found"
          : `cannot be read (${osReason(e)})`;
        // `validate experiment=x`, typed as to compose: the overrides of validate are options
        const override = e instanceof Deno.errors.NotFound && /^[+~]|=/.test(p)
          ? `: to compose with an override use --override '${p}'`
          : "";
        throw new StrataError(ErrorCode.Usage, `file '${p}' ${why}${override}`);
      }
      if (st.isDirectory) this.dirs.push(resolve(p).replace(/[\\/]*$/, "/"));
      else this.files.add(resolve(p));
      this.given.push({ path: p, abs: resolve(p), dir: st.isDirectory });
    }
  }

  /** Whether a path is one of the files or under one of the directories. */
  has(path: string): boolean {
    let answer = this.answers.get(path);
    if (answer === undefined) {
      const abs = resolve(path);
      answer = this.files.has(abs) || this.dirs.some((d) => abs.startsWith(d));
      this.answers.set(path, answer);
    }
    return answer;
  }
}

/**
 * The FILES given that name nothing `validate` checks, each with why: a path
 * outside the config directory and the search path's (a README.md or a CI
 * workflow staged in the same commit, which pre-commit passes too), or one in
 * it that is not a config file. `checked`: the absolute paths of the files
 * validate reads (configs, schemas); `dirs`: the config directory first, then
 * the search path's.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { FileSelection, uncheckedPaths } from "./paths.ts";
 * import { resolve } from "../path.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.mkdirSync(dir + "/conf");
 * Deno.writeTextFileSync(dir + "/conf/c.yaml", "a: 1\n");
 * Deno.writeTextFileSync(dir + "/conf/README.txt", "");
 * Deno.writeTextFileSync(dir + "/ci.yaml", "");
 * const s = new FileSelection([dir + "/conf/c.yaml", dir + "/conf/README.txt", dir + "/ci.yaml"]);
 * const out = uncheckedPaths(s, [resolve(dir + "/conf/c.yaml")], [dir + "/conf"], "conf");
 * assert.deepEqual(out.map((u) => u.reason), [
 *   "not a config file (Hydra reads *.yaml files)",
 *   "not in the config directory conf/",
 * ]);
 * ```
 */
export function uncheckedPaths(
  selection: FileSelection,
  checked: Iterable<string>,
  dirs: string[],
  configDir: string,
): { path: string; reason: string }[] {
  const files = [...checked];
  const roots = dirs.map((d) => resolve(d).replace(/[\\/]*$/, "/"));
  const out: { path: string; reason: string }[] = [];
  for (const g of selection.given) {
    const under = g.abs.replace(/[\\/]*$/, "/");
    const covered = g.dir ? files.some((f) => f.startsWith(under)) : files.includes(g.abs);
    if (covered) continue;
    const inside = roots.some((r) => g.abs.startsWith(r) || under === r);
    if (inside && g.broken) continue; // its broken-symlink warning says why
    const reason = !inside
      ? `not in the config directory ${configDir.replace(/[\\/]*$/, "/")}`
      : g.dir
      ? "no config file under it"
      : "not a config file (Hydra reads *.yaml files)";
    out.push({ path: g.path, reason });
  }
  return out;
}

/**
 * What a commit's staged change asks `strata validate` to check, as the
 * pre-commit hooks run it (`--staged`). pre-commit passes the staged files
 * that exist, so a commit that only deletes or renames a config file would
 * pass no file at all, and the compositions that still name it would go
 * unchecked: git's index says what the commit removes.
 *
 * @module
 */

import { resolve } from "../path.ts";

/** The staged YAML changes of a git repository (paths relative to its root, made absolute). */
export interface StagedYaml {
  /** The repository's root (`git rev-parse --show-toplevel`). */
  root: string;
  /** Files added, modified or renamed to (they exist). */
  changed: string[];
  /** Files deleted, or renamed from. */
  removed: string[];
  /** The other files the commit changes (a resolvers module may be one of them). */
  other: string[];
  /**
   * YAML files whose working copy differs from the staged one: validate reads
   * the working tree, which pre-commit makes the staged one by stashing these
   * first, and a plain git hook does not.
   */
  unstaged: string[];
  /**
   * YAML files git does not track (nor ignore): on disk, not in the commit (a config added but
   * not `git add`-ed, one `git rm --cached`); validate reads them as absent.
   */
  untracked: string[];
  /**
   * What git ignores (`.gitignore`): files, and directories as one path ending in `/` (git lists
   * an ignored directory whole, not its files): not in the commit either, as a fresh clone shows
   * (a `conf/local/` each developer keeps). {@link ignoredInTree} finds the config files there.
   */
  ignored: string[];
}

/**
 * The staged `.yaml` (and `.yml`, which Hydra does not read: validate warns) changes of the repository around `cwd`, or undefined
 * when `cwd` is not in a git repository (or git cannot be run). With `range`, the changes
 * between two commits instead (pre-commit's `--from-ref`/`--to-ref` and its pre-push stage,
 * which stage nothing: a commit that deletes a config would pass no file, nothing staged).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { stagedYaml } from "./staged.ts";
 * const dir = Deno.makeTempDirSync();
 * assert.equal(stagedYaml(dir), undefined, "not a repository");
 * ```
 */
export function stagedYaml(
  cwd: string,
  range?: { from: string; to: string },
): StagedYaml | undefined {
  const git = (...args: string[]) => {
    try {
      const out = new Deno.Command("git", { args, cwd, stdout: "piped", stderr: "null" })
        .outputSync();
      return out.success ? new TextDecoder().decode(out.stdout) : undefined;
    } catch {
      return undefined; // no git
    }
  };
  const root = git("rev-parse", "--show-toplevel")?.trim();
  if (!root) return undefined;
  // a range of commits (pre-commit's --from-ref/--to-ref, its pre-push stage): what they change,
  // nothing staged; else what the index holds for the commit
  const status = range
    ? git("diff", "--name-status", "-z", "--no-renames", range.from, range.to)
    : git("diff", "--cached", "--name-status", "-z", "--no-renames");
  if (status === undefined) return undefined;
  const result: StagedYaml = {
    root,
    changed: [],
    removed: [],
    other: [],
    unstaged: [],
    untracked: [],
    ignored: [],
  };
  const fields = status.split("\0");
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const [kind, path] = [fields[i], fields[i + 1]];
    if (!/\.ya?ml$/.test(path)) result.other.push(`${root}/${path}`);
    else (kind === "D" ? result.removed : result.changed).push(`${root}/${path}`);
  }
  for (const path of (git("diff", "--name-only", "-z", "--no-renames") ?? "").split("\0")) {
    if (/\.ya?ml$/.test(path)) result.unstaged.push(`${root}/${path}`);
  }
  // (paths relative to the root: ls-files answers relative to where it runs)
  const others = git("-C", root, "ls-files", "--others", "--exclude-standard", "-z") ?? "";
  for (const path of others.split("\0")) {
    if (/\.yaml$/.test(path)) result.untracked.push(`${root}/${path}`);
  }
  const ignored = git(
    "-C",
    root,
    "ls-files",
    "--others",
    "--ignored",
    "--exclude-standard",
    "--directory",
    "-z",
  ) ?? "";
  for (const path of ignored.split("\0")) {
    if (path.endsWith("/") || /\.yaml$/.test(path)) result.ignored.push(`${root}/${path}`);
  }
  return result;
}

/**
 * The `.yaml` files of `ignored` ({@link StagedYaml.ignored}) under one of `dirs` (the config
 * directory and the search path's; `file://` ones as paths): an ignored directory there is read
 * for its files; one elsewhere (`outputs/`, `.venv/`) is not walked.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ignoredInTree } from "./staged.ts";
 * const root = Deno.makeTempDirSync();
 * Deno.mkdirSync(`${root}/conf/local`, { recursive: true });
 * Deno.writeTextFileSync(`${root}/conf/local/default.yaml`, "bs: 8\n");
 * const found = ignoredInTree([`${root}/conf/local/`, `${root}/outputs/`], [`${root}/conf`]);
 * assert.deepEqual(found, [`${root}/conf/local/default.yaml`]);
 * Deno.removeSync(root, { recursive: true });
 * ```
 */
export function ignoredInTree(ignored: readonly string[], dirs: readonly string[]): string[] {
  const roots = dirs.flatMap((d) =>
    d.includes("://") && !d.startsWith("file://") ? [] : [resolve(d.replace(/^file:\/\//, ""))]
  );
  const inside = (p: string) => roots.some((r) => p === r || p.startsWith(r + "/"));
  const out: string[] = [];
  const walk = (dir: string) => {
    let entries: Deno.DirEntry[];
    try {
      entries = [...Deno.readDirSync(dir)];
    } catch {
      return;
    }
    for (const e of entries) {
      const p = `${dir}/${e.name}`;
      if (e.isDirectory) walk(p);
      else if (/\.yaml$/.test(e.name)) out.push(p);
    }
  };
  for (const path of ignored) {
    const abs = resolve(path.replace(/\/$/, ""));
    if (!inside(abs)) continue;
    if (path.endsWith("/")) walk(abs);
    else out.push(abs);
  }
  return out.sort();
}

/**
 * The files of `unstaged` under one of `dirs` (the config directory and the
 * search path's; a `file://` one as its path, other schemes hold no files of
 * the repository): the config files whose working copy, which validate
 * reads, is not what the commit holds.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { unstagedInTree } from "./staged.ts";
 * assert.deepEqual(
 *   unstagedInTree(["/r/conf/a.yaml", "/r/.github/ci.yml", "/r/lib/b.yaml"], ["/r/conf", "file:///r/lib", "pkg://x"]),
 *   ["/r/conf/a.yaml", "/r/lib/b.yaml"],
 * );
 * ```
 */
export function unstagedInTree(unstaged: readonly string[], dirs: readonly string[]): string[] {
  const roots = dirs.filter((d) => !/^[a-z]+:\/\//.test(d) || d.startsWith("file://"))
    .map((d) => resolve(d.replace(/^file:\/\//, "")).replace(/\/*$/, "/"));
  return unstaged.filter((f) => roots.some((r) => resolve(f).startsWith(r)));
}

/**
 * What the index holds for each of `files` (absolute paths in the repository
 * at `root`): the bytes a commit would hold, for files whose working copy
 * differs (`git cat-file blob :path`). A file the index does not hold is left
 * out.
 *
 * @example
 * ```ts ignore
 * import { indexContents } from "./staged.ts";
 * indexContents("/repo", ["/repo/conf/config.yaml"]); // Map { "/repo/conf/config.yaml" => Uint8Array }
 * ```
 */
export function indexContents(root: string, files: readonly string[]): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  for (const file of files) {
    const path = resolve(file);
    if (!path.startsWith(root + "/")) continue;
    try {
      const r = new Deno.Command("git", {
        args: ["-C", root, "cat-file", "blob", ":" + path.slice(root.length + 1)],
        stdout: "piped",
        stderr: "null",
      }).outputSync();
      if (r.success) out.set(path, r.stdout);
    } catch {
      // no git: the disk's copy is read, as before
    }
  }
  return out;
}

/**
 * The root of the git repository `cwd` is in, or undefined (none, or no git).
 *
 * @example
 * ```ts
 * import { repositoryRoot } from "./staged.ts";
 * repositoryRoot(Deno.makeTempDirSync()); // undefined: no repository there
 * ```
 */
export function repositoryRoot(cwd: string): string | undefined {
  try {
    const out = new Deno.Command("git", {
      args: ["rev-parse", "--show-toplevel"],
      cwd,
      stdout: "piped",
      stderr: "null",
    }).outputSync();
    return out.success ? new TextDecoder().decode(out.stdout).trim() || undefined : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the tracked files of the working tree (with what is staged) differ from commit `ref`:
 * a range checked from another checkout (a pre-push of another branch) reads these files, not
 * the range's. Undefined when git cannot tell.
 *
 * @example
 * ```ts
 * import { workingTreeDiffers } from "./staged.ts";
 * workingTreeDiffers(Deno.makeTempDirSync(), "HEAD"); // undefined: no repository there
 * ```
 */
export function workingTreeDiffers(cwd: string, ref: string): boolean | undefined {
  try {
    const out = new Deno.Command("git", {
      args: ["diff", "--quiet", ref, "--"],
      cwd,
      stdout: "null",
      stderr: "null",
    }).outputSync();
    return out.code === 0 ? false : out.code === 1 ? true : undefined;
  } catch {
    return undefined;
  }
}

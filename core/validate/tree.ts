/**
 * The files of a conf/ tree as validation sees them: every `.yaml` file with
 * its config path, the config groups and their options. `_schema/` (schemas,
 * which Hydra never loads because no defaults list names them), hidden
 * directories, dotfiles beside the primary config and `__pycache__` are
 * skipped (a group's `.hidden.yaml` is its option `.hidden`, as in Hydra); symlinks are followed wherever
 * they point (a link back up the tree, a loop, is a problem, not a hang).
 *
 * @module
 */

import { join } from "../path.ts";
import { overlaid, overlaidFileInfo, readDirOverlaid } from "../file_overlay.ts";
import { readAsAbsent } from "../compose/source.ts";
import type { Problem } from "./problems.ts";
import { thrownText } from "../errors.ts";

/**
 * The directory of schema files inside a conf/ tree.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SCHEMA_DIR } from "./tree.ts";
 * assert.equal(SCHEMA_DIR, "_schema");
 * ```
 */
export const SCHEMA_DIR = "_schema";

/** One YAML file of the tree. */
export interface ConfFile {
  /** The path as origins show it: the config dir as the user named it, joined with `rel`. */
  file: string;
  /** The config path (`db/mysql`), relative to the config dir, without `.yaml`. */
  configPath: string;
}

/** A walked conf/ tree. */
export interface ConfTree {
  files: ConfFile[];
  /** Group path (`db`, `server/site`) → its option names, sorted. */
  groups: Map<string, string[]>;
  /** Unreadable entries (symlink loops, permission errors). */
  problems: Problem[];
}

function skipped(name: string, atTop: boolean): boolean {
  // A dotfile at the top is no group's option: only `-cn .name` reaches it, and a config dir that
  // is a project's root holds tools' own (`.pre-commit-config.yaml`).
  return (atTop && name.startsWith(".")) || name === "__pycache__" ||
    (atTop && name === SCHEMA_DIR);
}

/**
 * Walks a config directory. `roots`: the real paths of the search path's
 * other directories; one inside this one is left out (its configs are its own).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { walkConfTree } from "./tree.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.mkdirSync(dir + "/db");
 * Deno.mkdirSync(dir + "/_schema");
 * Deno.writeTextFileSync(dir + "/config.yaml", "a: 1\n");
 * Deno.writeTextFileSync(dir + "/db/mysql.yaml", "x: 1\n");
 * Deno.writeTextFileSync(dir + "/_schema/db.schema.yaml", "type: object\n");
 * const tree = walkConfTree(dir);
 * assert.deepEqual(tree.files.map((f) => f.configPath), ["config", "db/mysql"]);
 * assert.deepEqual([...tree.groups.keys()], ["db"]);
 * ```
 */
export function walkConfTree(configDir: string, roots: readonly string[] = []): ConfTree {
  const tree: ConfTree = { files: [], groups: new Map(), problems: [] };
  // The real paths of the directories being visited: a link to one of them is a loop. A link
  // to any other directory (a sibling group, a directory outside the tree) is followed, as
  // compose follows it.
  const ancestors: string[] = [];
  const visit = (rel: string) => {
    const dir = rel === "" ? configDir : join(configDir, rel);
    let real: string;
    let entries: Deno.DirEntry[];
    try {
      real = Deno.realPathSync(dir);
      // a sub-directory that is a search path entry of its own (physicsnemo's `conf/base`, its
      // `pkg://conf/base`) holds that root's configs, not a group of this one's
      if (rel !== "" && roots.includes(real)) return;
      if (ancestors.includes(real)) {
        tree.problems.push(unreadable(dir, "a symlink back into the config tree (a loop)"));
        return;
      }
      entries = readDirOverlaid(dir).sort((a, b) => a.name < b.name ? -1 : 1);
    } catch (e) {
      tree.problems.push(unreadable(dir, reason(e)));
      return;
    }
    ancestors.push(real);
    const options: string[] = [];
    for (const e of entries) {
      if (skipped(e.name, rel === "")) continue;
      const childRel = rel === "" ? e.name : `${rel}/${e.name}`;
      const path = join(configDir, childRel);
      let st: Deno.FileInfo;
      try {
        st = overlaid(path) === undefined ? Deno.statSync(path) : overlaidFileInfo(path);
      } catch (err) {
        const target = danglingTarget(path, err);
        // Hydra lists options with os.path.isfile, False for a dangling link: no option at all
        if (target !== undefined) {
          if (e.name.endsWith(".yaml")) tree.problems.push(brokenSymlink(path, target));
        } else tree.problems.push(unreadable(path, reason(err)));
        continue;
      }
      // A hidden file in a group is one of its options, as Hydra lists it (`db=.hidden`, and
      // `glob(*)` picks it); a hidden directory (`.git`) is no group an override can name.
      if (st.isDirectory) {
        if (!e.name.startsWith(".")) visit(childRel);
      } else if (st.isFile && e.name.endsWith(".yaml")) {
        if (readAsAbsent(path)) continue; // `--staged`: a file the commit does not hold
        tree.files.push({ file: path, configPath: childRel.slice(0, -5) });
        options.push(e.name.slice(0, -5));
      } else if (st.isFile && e.name.endsWith(".yml")) {
        // Hydra lists `.yaml` files only: `model=effnet` would not find `effnet.yml`
        tree.problems.push({
          severity: "warning",
          code: "config-file",
          message: "not listed by Hydra, which lists configs named <name>.yaml only " +
            "(version_base 1.1 still reads it where an entry or override names it with its " +
            "`.yml`, deprecated).",
          origin: { file: path },
          suggestions: [e.name.slice(0, -4) + ".yaml"],
        });
      }
    }
    ancestors.pop();
    if (rel !== "" && options.length > 0) tree.groups.set(rel, options);
  };
  visit("");
  return tree;
}

function reason(e: unknown): string {
  const msg = thrownText(e);
  if (/too many levels of symbolic links|ELOOP/i.test(msg)) return "a symlink loop";
  return msg.split(/[:(]/)[0].trim() || "unreadable";
}

/** The target of a symlink whose target does not exist (`stat` failed with `err`), else undefined. */
function danglingTarget(path: string, err: unknown): string | undefined {
  if (!(err instanceof Deno.errors.NotFound)) return undefined;
  try {
    return Deno.lstatSync(path).isSymlink ? Deno.readLinkSync(path) : undefined;
  } catch {
    return undefined;
  }
}

/** The warning of a dangling symlink: compose and option listing skip it, as Hydra does. */
export const BROKEN_SYMLINK = "broken-symlink";

function brokenSymlink(path: string, target: string): Problem {
  return {
    severity: "warning",
    code: BROKEN_SYMLINK,
    message: `broken symlink -> ${target}: Hydra lists no such option`,
    origin: { file: path },
  };
}

function unreadable(path: string, why: string): Problem {
  return {
    severity: "error",
    code: "unreadable",
    message: `cannot read: ${why}`,
    origin: { file: path },
  };
}

/**
 * A config source: a directory of YAML files and config groups (subdirectories).
 *
 * @module
 */

import { join } from "node:path";

/**
 * Reads configs from one directory on disk.
 *
 * @example
 * ```ts ignore
 * import { DirSource } from "./source.ts";
 * const src = new DirSource("conf");
 * src.options("model"); // ["gpt2", "llama3_8b"]
 * ```
 */
export class DirSource {
  /** @param dir the config directory, as the user named it */
  constructor(readonly dir: string) {}

  /** The path of config `name` (`db/mysql`), as origins show it. */
  pathOf(name: string): string {
    return join(this.dir, name + ".yaml");
  }

  /** The text of config `name`, or undefined when it does not exist. */
  read(name: string): string | undefined {
    for (const ext of [".yaml", ".yml"]) {
      try {
        return Deno.readTextFileSync(join(this.dir, name + ext));
      } catch (e) {
        if (!(e instanceof Deno.errors.NotFound) && !(e instanceof Deno.errors.IsADirectory)) {
          throw e;
        }
      }
    }
    return undefined;
  }

  /** Whether `group` is a directory (a config group). */
  isGroup(group: string): boolean {
    try {
      return Deno.statSync(join(this.dir, group)).isDirectory;
    } catch {
      return false;
    }
  }

  /** The options of a config group, sorted. */
  options(group: string): string[] {
    const out: string[] = [];
    try {
      for (const e of Deno.readDirSync(join(this.dir, group))) {
        const m = /^(.*)\.ya?ml$/.exec(e.name);
        if (e.isFile && m) out.push(m[1]);
      }
    } catch {
      return [];
    }
    return out.sort();
  }
}

/**
 * Hydra's command-line spellings, translated into the flags strata's commands
 * declare, before commander parses: commander has no two-letter short flags
 * (`-cd`, `-cn`, `-cp`) and no way to give `--info` a default value only when
 * the next word is not one of its choices. Everything after `--` (the job's
 * own command line) is left alone.
 *
 * @module
 */

import { ErrorCode, StrataError } from "../core/errors.ts";
import { basename, dirname, resolve } from "../core/path.ts";

/**
 * The values `--info` takes; a bare `--info` (or `-i`) means `all`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { INFO_CHOICES } from "./hydra_argv.ts";
 * assert.ok(INFO_CHOICES.includes("defaults-tree"));
 * ```
 */
export const INFO_CHOICES = [
  "all",
  "config",
  "defaults",
  "defaults-tree",
  "plugins",
  "searchpath",
] as const;

const TWO_LETTER: Record<string, string> = {
  "-cd": "--config-dir",
  "-cn": "--config-name",
  "-cp": "--config-path",
};

/** Hydra's flags strata has no counterpart of, and what to use instead (commander's "unknown option" says neither). */
const NO_COUNTERPART: Record<string, string> = {
  "--hydra-help": "Hydra's help page is `strata compose --hydra-help`'s, the app's (`--help`) " +
    "`strata compose --app-help`'s; `strata COMMAND --help` lists strata's own flags",
  "--app-help": "the app's help page (Hydra's --help) is `strata compose --app-help`'s; " +
    "`strata COMMAND --help` lists strata's own flags",
  "--run": "running one job is what `strata run` does (no flag needed); `strata run -m` runs a " +
    "multirun",
};

/** Splits `-cd=conf` / `--config-path=conf` into flag and value. */
function split(token: string): [string, string | undefined] {
  const eq = token.indexOf("=");
  if (!token.startsWith("-") || eq < 0) return [token, undefined];
  return [token.slice(0, eq), token.slice(eq + 1)];
}

/**
 * Rewrites Hydra's spellings into strata's: `-cd/-cn` → `--config-dir/--config-name`;
 * `--config-path/-cp DIR` (relative to the current directory, as there is no
 * script) becomes the primary `--config-dir`, and a `--config-dir` given with
 * it is searched after it (`--search-path`), as in Hydra where `--config-dir`
 * only adds a directory; a bare `--info/-i` becomes `--info all`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { translateHydraArgv } from "./hydra_argv.ts";
 * assert.deepEqual(
 *   translateHydraArgv(["compose", "-cd", "conf", "-cn=train", "-c", "job", "-i"]),
 *   ["compose", "--config-dir", "conf", "--config-name", "train", "-c", "job", "--info", "all"],
 * );
 * assert.deepEqual(translateHydraArgv(["compose", "-c=job", "-p=db"]), ["compose", "-c", "job", "-p", "db"]);
 * assert.deepEqual(
 *   translateHydraArgv(["run", "-cp", "conf", "-cd", "extra", "--", "prog", "-cd"]),
 *   ["run", "--config-dir", "conf", "--search-path", "extra", "--", "prog", "-cd"],
 * );
 * ```
 */
export function translateHydraArgv(argv: readonly string[]): string[] {
  const dash = argv.indexOf("--");
  // `-c=job`, `-p=db.host`: Hydra's argparse splits a short flag's `=` as a long one's;
  // commander would take `=job` as the value
  const head = (dash < 0 ? argv : argv.slice(0, dash)).flatMap((a) =>
    /^-[A-Za-z]=/.test(a) ? [a.slice(0, 2), a.slice(3)] : [a]
  );
  const tail = dash < 0 ? [] : argv.slice(dash);
  const out: string[] = [];
  for (let i = 0; i < head.length; i++) {
    const [flag, value] = split(head[i]);
    const long = TWO_LETTER[flag];
    // compose prints Hydra's page and the app's itself
    const hint = (flag === "--hydra-help" || flag === "--app-help") &&
        head.slice(0, i).includes("compose")
      ? undefined
      : NO_COUNTERPART[flag];
    if (hint) throw new StrataError(ErrorCode.Usage, `${flag}: ${hint}`);
    if (long) {
      out.push(long);
      if (value !== undefined) out.push(value);
    } else if ((flag === "-i" || flag === "--info") && value === undefined) {
      const next = head[i + 1];
      out.push("--info");
      // a word that can be no override (no `=`, not `~key`) is the topic, as
      // Hydra's argparse takes it: an unknown one is a usage error (exit 2)
      const topic = next !== undefined && !/^[-~]/.test(next) && !next.includes("=");
      if (topic) {
        out.push(next);
        i++;
      } else out.push("all");
    } else out.push(head[i]);
  }
  return [...primaryFromConfigPath(out), ...tail];
}

/** With `--config-path`, it is the primary dir and `--config-dir`/`-d` are searched after it. */
function primaryFromConfigPath(args: string[]): string[] {
  if (!args.some((a) => a === "--config-path" || a.startsWith("--config-path="))) {
    // without it, `--config-dir` is the primary dir: given twice, one would be dropped in
    // silence, where a Hydra user means the second added (checker x41)
    const dirs = args.flatMap((a, i) => {
      const [flag, value] = split(a);
      return flag === "--config-dir" || flag === "-d" ? [value ?? args[i + 1] ?? ""] : [];
    });
    if (dirs.length > 1) {
      throw new StrataError(
        ErrorCode.Usage,
        `--config-dir (-d, -cd) given ${dirs.length} times (${dirs.join(", ")}): without ` +
          "--config-path (-cp) it is the primary config directory, one only; to search another " +
          `directory too, as Hydra's --config-dir does: -cp ${dirs[0]} -cd ${dirs[1]}`,
      );
    }
    return args;
  }
  args.forEach((a, i) => {
    const [flag, value] = split(a);
    if (flag === "--config-path") checkConfigPath(value ?? args[i + 1]);
  });
  return args.map((a) => {
    const [flag, value] = split(a);
    const suffix = value === undefined ? "" : `=${value}`;
    if (flag === "--config-dir" || flag === "-d") return "--search-path" + suffix;
    if (flag === "--config-path") return "--config-dir" + suffix;
    return a;
  });
}

/**
 * Refuses a `--config-path` that names a config file (Hydra 0.11/1.0's
 * `config_path="conf/config.yaml"`), as Hydra 1.3's `validate_config_path`
 * does, with the flags that say it now.
 */
function checkConfigPath(path: string | undefined): void {
  const ext = /\.ya?ml$/.exec(path ?? "")?.[0];
  if (path === undefined || ext === undefined) return;
  const dir = dirname(path) || ".";
  const name = basename(path).slice(0, -ext.length);
  throw new StrataError(
    ErrorCode.Usage,
    "Using config_path to specify the config name is not supported, specify the config name " +
      "via config_name.\nSee https://hydra.cc/docs/1.2/upgrades/0.11_to_1.0/config_path_changes\n" +
      `    hint: --config-path ${path} is -d ${dir} -n ${name} (--config-path ${dir} ` +
      `--config-name ${name})`,
  );
}

/**
 * The directories `--config-dir`/`-cd`/`-d` add when `--config-path` names the
 * primary one (Hydra's additional config directories), in argv order.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { additionalConfigDirs } from "./hydra_argv.ts";
 * assert.deepEqual(additionalConfigDirs(["run", "-cp", "conf", "-cd=extra", "--", "x", "-cd", "y"]), ["extra"]);
 * assert.deepEqual(additionalConfigDirs(["compose", "-cd", "conf"]), []);
 * ```
 */
export function additionalConfigDirs(argv: readonly string[]): string[] {
  const dash = argv.indexOf("--");
  const head = dash < 0 ? argv : argv.slice(0, dash);
  const flags = head.map((a) => split(a)[0]);
  if (!flags.some((f) => f === "-cp" || f === "--config-path")) return [];
  const dirs: string[] = [];
  head.forEach((a, i) => {
    const [flag, value] = split(a);
    if (flag !== "-cd" && flag !== "--config-dir" && flag !== "-d") return;
    const dir = value ?? head[i + 1];
    if (dir !== undefined) dirs.push(dir);
  });
  return dirs;
}

/**
 * Refuses an additional config directory that is not a directory, as Hydra
 * does (`Additional config directory '...' not found`) before it composes:
 * unlike a `hydra.searchpath` entry, which is skipped with a warning, it was
 * typed on this command line.
 *
 * @throws {StrataError} `usage` (exit 2), naming the directory's absolute path.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkAdditionalConfigDirs } from "./hydra_argv.ts";
 * assert.throws(() => checkAdditionalConfigDirs(["compose", "-cp", ".", "-cd", "no/such/dir"]), /Additional config directory/);
 * ```
 */
export function checkAdditionalConfigDirs(argv: readonly string[]): void {
  for (const dir of additionalConfigDirs(argv)) {
    let isDir = false;
    try {
      isDir = Deno.statSync(dir).isDirectory;
    } catch {
      // missing or unreadable: not found, as Hydra's os.path.isdir says
    }
    if (!isDir) {
      throw new StrataError(
        ErrorCode.Usage,
        `Additional config directory '${resolve(dir)}' not found`,
      );
    }
  }
}

/**
 * What `strata completions` and the hidden `strata complete` do (./completions.ts
 * defines the commands): the script from npm:@bomb.sh/tab, and the answers
 * to each TAB.
 *
 * @module
 */

import { readVersionBase, type VersionBase } from "../core/compose/version_base.ts";
import type { Command, Option } from "npm:@commander-js/extra-typings@15.1.0";
import { script, ShellCompDirective } from "npm:@bomb.sh/tab@0.0.22";
import { type Candidate, keyCandidates, overrideCandidates } from "../core/compose/candidates.ts";
import { COMPLETE, SHELLS } from "./completions.ts";
import { projectDirs } from "./settings.ts";
import { translateHydraArgv } from "./hydra_argv.ts";
import { writeOut } from "./output.ts";

/** Commands whose positional arguments are overrides. */
const OVERRIDE_COMMANDS = new Set(["compose", "sweep", "explain", "hash", "run"]);
/** Commands whose words after `--` are a command to run (`run ... -- python train.py`). */
const COMMAND_AFTER_DASHES = new Set(["run", "sweep"]);

/**
 * Additions to tab's bash script. Without the bash-completion package its
 * `_get_comp_words_by_ref` is missing: split the line on blanks, as its
 * `-n "=:@"` asks (tab asks for `=:`; `@` joins `augment@data.transforms=`).
 * And readline replaces only the text after the last `=`, `:` or `@`
 * (COMP_WORDBREAKS), so the answers lose what comes before it.
 */
const BASH_PRELUDE = `if ! declare -F _get_comp_words_by_ref >/dev/null; then
_get_comp_words_by_ref() {
    local line=\${COMP_LINE:0:COMP_POINT}
    read -ra words <<< "$line"
    if [[ -z "$line" || "$line" =~ [[:space:]]$ ]]; then words+=(""); fi
    cword=$(( \${#words[@]} - 1 ))
    cur=\${words[cword]}
    prev=\${words[cword-1]}
}
fi
`;
const BASH_WORDS = `_get_comp_words_by_ref -n "=:" `;
const BASH_REPLY = `    COMPREPLY=( $(compgen -W "\${completions[*]}" -- "$cur") )`;
const BASH_TRIM = `
    local breaks=\${COMP_WORDBREAKS-=:@}
    breaks=\${breaks//[^=:@]/}
    if [[ -n "$breaks" && "$cur" == *["$breaks"]* ]]; then
        local prefix=\${cur%"\${cur##*["$breaks"]}"}
        COMPREPLY=( "\${COMPREPLY[@]#"$prefix"}" )
    fi`;

/** Set by the bash script: the words come as typed, quotes and all. */
const RAW_WORDS = "STRATA_COMPLETE_RAW";
/** tab's bash script builds the command as text and evals it: the typed words are expanded. */
const BASH_EVAL = `    # Build the command to get completions
    requestComp="strata complete -- \${words[@]:1}"`;
const BASH_EVAL_EMPTY = `    # Add an empty parameter if the last parameter is complete
    if [[ -z "$cur" ]]; then
        requestComp="$requestComp ''"
    fi`;
const BASH_EVAL_CALL = `    out=$(eval "$requestComp" 2>/dev/null)`;
/** ... run instead with the words as arguments, unexpanded (an empty last word is one already). */
const BASH_CALL = `    out=$(${RAW_WORDS}=1 strata complete -- "\${words[@]:1}" 2>/dev/null)`;

/**
 * A word as the shell would pass it, without running or expanding anything:
 * its quotes and backslashes taken off (`'a b'` is `a b`, `\~x` is `~x`); a
 * quote left open while typing runs to the end.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { shellWord } from "./completions_action.ts";
 * assert.equal(shellWord(`name='a b'`), "name=a b");
 * assert.equal(shellWord(`x="\\$HOME" ~y`), `x=$HOME ~y`);
 * assert.equal(shellWord(`tag='unfinished`), "tag=unfinished");
 * ```
 */
export function shellWord(raw: string): string {
  let out = "";
  let quote: string | undefined;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else out += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === "\\" && i + 1 < raw.length && '$`"\\'.includes(raw[i + 1])) out += raw[++i];
      else out += c;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "\\" && i + 1 < raw.length) out += raw[++i];
    else out += c;
  }
  return out;
}

/** The zsh script's test for a `--flag=value` word, whose match it puts before each answer. */
const ZSH_FLAG_WORD = `[[ "\${lastParam}" =~ '-.*=' ]]`;
/** The fish script's (the prefix is its output). */
const FISH_FLAG_WORD = `(string match -r -- '-.*=' "$lastArg")`;

/**
 * The completion script for a shell.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { completionScript } from "./completions_action.ts";
 * assert.match(completionScript("bash"), /complete -F __strata_complete strata/);
 * ```
 */
export function completionScript(shell: typeof SHELLS[number]): string {
  // tab prints the script with console.log: collect it instead
  const lines: string[] = [];
  const log = console.log;
  console.log = (...args: unknown[]) => lines.push(args.join(" "));
  try {
    script(shell, "strata", "strata");
  } finally {
    console.log = log;
  }
  const text = lines.join("\n") + "\n";
  if (shell === "zsh" || shell === "fish") {
    // The scripts (cobra's) take a last word with `-` before `=` for `--flag=value` and put what
    // matched before every answer, for a program that answers with the value alone. strata
    // answers with whole words (`--config-name=config`, `data-module=big`): the prefix doubled
    // them (`-module=data-module=big`). So no prefix.
    const fixed = text.replace(ZSH_FLAG_WORD, "false").replace(FISH_FLAG_WORD, `""`);
    if (fixed === text) throw new Error(`the ${shell} completion script changed: no flag pattern`);
    return fixed;
  }
  if (
    !text.includes(BASH_EVAL) || !text.includes(BASH_EVAL_EMPTY) || !text.includes(BASH_EVAL_CALL)
  ) {
    throw new Error("the bash completion script changed: no eval of the typed words");
  }
  // plain variables: readonly ones fail when the script is sourced again (a new .bashrc)
  return BASH_PRELUDE +
    text.replace(BASH_WORDS, `_get_comp_words_by_ref -n "=:@" `)
      .replace(BASH_EVAL, "").replace(BASH_EVAL_EMPTY, "").replace(BASH_EVAL_CALL, BASH_CALL)
      .replace(BASH_REPLY, BASH_REPLY + BASH_TRIM).replaceAll("\nreadonly ", "\n");
}

function optionValue(words: string[], names: string[], fallback: string): string {
  for (let i = words.length - 2; i >= 0; i--) {
    if (names.includes(words[i])) return words[i + 1];
    const eq = names.find((n) => words[i].startsWith(n + "="));
    if (eq) return words[i].slice(eq.length + 1);
  }
  return fallback;
}

function flagsOf(cmd: { options: readonly Option[] }): Candidate[] {
  const out: Candidate[] = [{ value: "--help", description: "display help for command" }];
  for (const o of cmd.options as readonly Option[]) {
    if (o.long) out.push({ value: o.long, description: o.description });
    if (o.short) out.push({ value: o.short, description: o.description });
  }
  return out;
}

/** Files and directories whose path starts with `word` (hidden ones only when asked for). */
function pathCandidates(word: string, dirsOnly: boolean): Candidate[] {
  const slash = word.lastIndexOf("/");
  const dir = word.slice(0, slash + 1);
  const stem = word.slice(slash + 1);
  const out: Candidate[] = [];
  try {
    for (const e of Deno.readDirSync(dir === "" ? "." : dir)) {
      if (!e.name.startsWith(stem) || (e.name.startsWith(".") && !stem.startsWith("."))) continue;
      const isDir = e.isDirectory || (e.isSymlink && Deno.statSync(dir + e.name).isDirectory);
      if (isDir) out.push({ value: `${dir}${e.name}/`, description: "directory" });
      else if (!dirsOnly) out.push({ value: `${dir}${e.name}`, description: "file" });
    }
  } catch {
    return [];
  }
  return out.sort((a, b) => a.value < b.value ? -1 : 1);
}

function pathsAnswer(word: string, dirsOnly: boolean): { items: Candidate[]; directive: number } {
  const items = pathCandidates(word, dirsOnly);
  const open = items.some((c) => c.value.endsWith("/"));
  return {
    items,
    directive: ShellCompDirective.ShellCompDirectiveNoFileComp |
      (open ? ShellCompDirective.ShellCompDirectiveNoSpace : 0),
  };
}

/**
 * The positional words of a command line (flags and the values they take left
 * out); after `--` every word is one, unless `command` (`run`'s words after it
 * are the command it runs, not its own).
 */
function positionals(
  cmd: { options: readonly Option[] },
  words: string[],
  command = false,
): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === "--") {
      if (!command) out.push(...words.slice(i + 1));
      break;
    }
    if (!w.startsWith("-") || w === "-") {
      out.push(w);
      continue;
    }
    const o = (cmd.options as readonly Option[]).find((o) => o.long === w || o.short === w);
    // `--no-config-name` is a negation (no value), though commander does not call it boolean
    if (o && !o.isBoolean() && !o.negate && !o.optional) i++;
  }
  return out;
}

/** Options whose value is a path (the others take free text: no files offered). */
const PATH_OPTIONS = new Set(["--config-dir", "--search-path", "--resolvers", "--out", "--output"]);
/** Options whose value is overrides (`diff --a "lr=1e-4 model=gpt2"`): one completes as any. */
const OVERRIDE_OPTIONS = new Set(["--a", "--b", "--override"]);

type Answer = { items: Candidate[]; directive: number };
const NONE = ShellCompDirective.ShellCompDirectiveNoFileComp;

/** Candidates that may go on (`model=`, `optimizer.`, `hydra/`) keep the cursor on the word. */
function open(items: Candidate[]): Answer {
  const more = items.some((c) => /[=./]$/.test(c.value));
  return { items, directive: NONE | (more ? ShellCompDirective.ShellCompDirectiveNoSpace : 0) };
}

/**
 * The option whose value is being typed: the word before (`-f `), or the word
 * itself (`--format=j`, with `prefix` the part before the value).
 */
function optionAt(
  cmd: { options: readonly Option[] },
  raw: string | undefined,
  prev: string | undefined,
  word: string,
): { option: Option; prefix: string } | undefined {
  const find = (flag: string | undefined) =>
    flag?.startsWith("-")
      ? (cmd.options as readonly Option[]).find((o) =>
        (o.long === flag || o.short === flag) && !o.isBoolean() && !o.negate
      )
      : undefined;
  const eq = word.indexOf("=");
  if (word.startsWith("--") && eq > 0) {
    const option = find(word.slice(0, eq));
    return option && { option, prefix: word.slice(0, eq + 1) };
  }
  // `-i`/`--info` at the end reads as `--info all` once translated: look at the raw word
  const option = raw === "-i" || raw === "--info" ? find(raw) : find(prev);
  return option && { option, prefix: "" };
}

function answer(program: Command, typed: string[]): Answer {
  const word = typed.at(-1) ?? "";
  // Hydra's spellings (-cd, -cn, --config-path) as the command itself reads them; a line the
  // command would refuse (`-cp conf/config.yaml`, `--run`) is reported when it runs, not on a tab
  let before: string[];
  try {
    before = translateHydraArgv(typed.slice(0, -1));
  } catch {
    return { items: [], directive: NONE };
  }
  const visible = program.commands.filter((c) => c.name() !== COMPLETE);
  if (before.length === 0) {
    return {
      items: visible.map((c) => ({ value: c.name(), description: c.description() })),
      directive: NONE,
    };
  }
  const cmd = visible.find((c) => c.name() === before[0]);
  if (!cmd) return { items: [], directive: NONE };
  // after `--` no word is an option: `run`'s and `sweep`'s are the command they run (its
  // files), the others' are their positional words (overrides)
  const dash = before.indexOf("--");
  const runs = COMMAND_AFTER_DASHES.has(cmd.name());
  if (dash > 0 && runs) return pathsAnswer(word, false);
  const own = dash > 0 ? before.slice(0, dash) : before;
  const { configDir, configName, searchPath, versionBase } = configOf([...own, ""]);
  const src = (overrides: string[]) => ({
    configDir,
    configName,
    searchPath,
    versionBase,
    overrides,
  });
  const at = dash > 0 ? undefined : optionAt(cmd, typed.at(-2), before.at(-1), word);
  if (at) {
    const { option, prefix } = at;
    const value = word.slice(prefix.length);
    const choices = (option.argChoices ?? []).filter((c) => c.startsWith(value));
    const withPrefix = (items: Candidate[]) =>
      items.map((c) => ({ value: prefix + c.value, description: c.description }));
    // `--info` may go without a topic: a word no topic starts is an override
    if (choices.length > 0 || (option.argChoices && !option.optional)) {
      return {
        items: withPrefix(choices.map((c) => ({ value: c, description: "" }))),
        directive: NONE,
      };
    }
    if (!option.argChoices) {
      if (option.long === "--config-name") {
        const names = pathCandidates(`${configDir}/`, false)
          .filter((c) => c.value.endsWith(".yaml"))
          .map((c) => ({ value: c.value.slice(configDir.length + 1, -5), description: c.value }));
        return { items: withPrefix(names), directive: NONE };
      }
      if (option.long === "--package") {
        return open(withPrefix(keyCandidates(src(overrideArgs(cmd, before)), value)));
      }
      if (OVERRIDE_OPTIONS.has(option.long ?? "")) {
        return open(withPrefix(overrideCandidates(src([]), value)));
      }
      if (!PATH_OPTIONS.has(option.long ?? "")) return { items: [], directive: NONE };
      const { items, directive } = pathsAnswer(
        value,
        option.long === "--config-dir" || option.long === "--search-path",
      );
      return { items: withPrefix(items), directive };
    }
  }
  if (word.startsWith("-")) return { items: dash > 0 ? [] : flagsOf(cmd), directive: NONE };
  if (cmd.name() === "completions") {
    return {
      items: SHELLS.map((s) => ({ value: s, description: `${s} script` })),
      directive: NONE,
    };
  }
  if (!OVERRIDE_COMMANDS.has(cmd.name())) return pathsAnswer(word, false);
  const args = positionals(cmd, before.slice(1), runs);
  // explain's first argument is a KEY (optimizer.lr), not an override
  return open(
    cmd.name() === "explain" && args.length === 0
      ? keyCandidates(src([]), word)
      : overrideCandidates(src(args.filter((w) => w.includes("="))), word),
  );
}

/** The overrides on a command line (its positional words with a `=`). */
function overrideArgs(
  cmd: { options: readonly Option[]; name(): string },
  before: string[],
): string[] {
  const runs = COMMAND_AFTER_DASHES.has(cmd.name());
  return positionals(cmd, before.slice(1), runs).filter((w) => w.includes("="));
}

/**
 * The config dir, name and search path the command line would use: its
 * -d/-n, else `.strata.yaml`'s (as the command itself reads them), else
 * conf/config; its --search-path, then `.strata.yaml`'s `search_path`.
 */
function configOf(
  words: string[],
): {
  configDir: string;
  configName: string | null;
  searchPath: string[];
  versionBase?: VersionBase;
} {
  const dir = optionValue(words, ["-d", "--config-dir"], "");
  const name = optionValue(words, ["-n", "--config-name"], "");
  const none = words.includes("--no-config-name");
  const searchPath = optionValues(words, "--search-path");
  // the line's --version-base over .strata.yaml's, as the command reads them
  const given = readVersionBase(optionValue(words, ["--version-base"], ""));
  const opts = { configDir: dir || "conf", configName: none ? null : name || "config", searchPath };
  const source = (key: string) =>
    (key === "configDir" ? dir !== "" : name !== "" || none) ? "cli" : undefined;
  try {
    const dirs = projectDirs({ getOptionValueSource: source }, {
      ...opts,
      configName: opts.configName ?? false,
    });
    return { ...dirs, versionBase: given ?? dirs.settings.versionBase };
  } catch {
    // a settings file that does not parse: the command reports it; a tab stays quiet
    return { ...opts, versionBase: given };
  }
}

/** Every value of a repeatable option (`--search-path a --search-path b`). */
function optionValues(words: string[], name: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    if (words[i] === name && i + 1 < words.length) out.push(words[++i]);
    else if (words[i].startsWith(name + "=")) out.push(words[i].slice(name.length + 1));
  }
  return out;
}

/**
 * Answers `strata complete -- WORDS`: the candidates for the last word, in
 * tab's protocol.
 *
 * @example
 * ```ts ignore
 * import { buildProgram } from "./main.ts";
 * await buildProgram().parseAsync(["complete", "--", "comp"], { from: "user" });
 * ```
 */
export function completeAction(program: Command, typed: string[]): void {
  // the bash script passes the words as typed (no eval: `~key` stays itself, `$(...)` is not
  // run on TAB, checker x42): their shell quoting is taken off here
  const words = Deno.env.get(RAW_WORDS) ? typed.map(shellWord) : typed;
  const { items, directive } = answer(program, words);
  const seen = new Set<string>();
  const word = words.at(-1) ?? "";
  const lines = items
    .filter((c) => c.value.startsWith(word) && !seen.has(c.value) && seen.add(c.value))
    .map((c) => `${c.value}\t${c.description.split("\n")[0]}\n`);
  writeOut(lines.join("") + `:${directive}\n`);
}

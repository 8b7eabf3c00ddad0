/**
 * The zsh and fish completion scripts, run in the real shells: each script
 * is sourced and asked to complete command lines, and it calls this
 * checkout's `strata complete` for the answers. fish completes for real
 * (`complete --do-complete`); zsh's completion widgets need a terminal, so
 * the script's `_strata` function runs with zsh's `_describe`/`compadd`
 * replaced by functions that print what they are given. In CI (CI=true) a
 * missing shell fails; elsewhere these tests are skipped.
 */

import assert from "node:assert/strict";
import { COMMANDS, SHELL_COMMAND, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

const CONF = {
  "conf/config.yaml": "defaults:\n  - model: small\n  - optimizer: adam\n  - _self_\nseed: 1\n",
  "conf/model/small.yaml": "layers: 2\n",
  "conf/model/big.yaml": "layers: 24\n",
  "conf/optimizer/adam.yaml": "lr: 0.001\n",
  "conf/optimizer/sgd.yaml": "lr: 0.1\nmomentum: 0.9\n",
};

const RUN = SHELL_COMMAND;

function have(shell: string): boolean {
  try {
    return new Deno.Command(shell, { args: ["-c", "true"] }).outputSync().success;
  } catch {
    return false;
  }
}

const inCi = Deno.env.get("CI") === "true";

/** Writes the tree and `strata completions SHELL` into it; returns the dir. */
async function setup(shell: string): Promise<string> {
  const dir = writeTree(CONF);
  const script = await strata(["completions", shell], { cwd: dir });
  assert.equal(script.code, 0, script.stderr);
  await Deno.writeTextFile(`${dir}/strata.${shell}`, script.stdout);
  return dir;
}

async function run(shell: string, args: string[], dir: string): Promise<string[]> {
  const out = await new Deno.Command(shell, { args, cwd: dir, env: { NO_COLOR: "1" } }).output();
  const stderr = new TextDecoder().decode(out.stderr);
  assert.equal(out.code, 0, stderr);
  assert.equal(stderr, "");
  return new TextDecoder().decode(out.stdout).split("\n");
}

/** Splits the output at `@@` lines into one answer per asked line. */
function answers(lines: string[]): string[][] {
  const out: string[][] = [[]];
  for (const l of lines) {
    if (l === "@@") out.push([]);
    else if (l !== "") out[out.length - 1].push(l);
  }
  return out;
}

/**
 * A zsh script that sources strata.zsh with `fakes` (zsh's completion
 * builtins as printing functions) and runs `_strata` on each asked line
 * (its words and CURRENT), `@@` after each.
 */
function zshAsking(asked: [string[], number][], fakes: string[]): string {
  return [
    `strata() { ${RUN} "$@" }`,
    "compdef() { : }",
    ...fakes,
    'compadd() { print -l -- "compadd: $*" }',
    "source ./strata.zsh",
    ...asked.map(([words, current]) =>
      `words=(${words.map((w) => `'${w}'`).join(" ")}); CURRENT=${current}; _strata; ` +
      `print -- @@`
    ),
  ].join("\n");
}

for (const shell of ["zsh", "fish"]) {
  if (!have(shell) && inCi) {
    Deno.test(`${shell} completion: installed in CI`, () => {
      throw new Error(`${shell} is not installed (.ci/run installs it)`);
    });
  }
}

Deno.test({
  name: "fish completion: commands, group options and config keys, from the real fish",
  ignore: !have("fish"),
  fn: async () => {
    const dir = await setup("fish");
    try {
      const asked = ["strata ", "strata compose model=", "strata compose optimizer.", "strata com"];
      const body = [
        `function strata; ${RUN} $argv; end`,
        "source ./strata.fish",
        ...asked.map((l) => `complete --do-complete "${l}"; echo @@`),
      ].join("\n");
      const [commands, options, keys, partial] = answers(
        await run("fish", ["--no-config", "-c", body], dir),
      );
      assert.deepEqual(commands.map((l) => l.split("\t")[0]).sort(), [...COMMANDS].sort());
      assert.deepEqual(options, ["model=big\toption of model", "model=small\toption of model"]);
      assert.deepEqual(keys.map((l) => l.split("\t")[0]), ["optimizer.lr="]);
      assert.deepEqual(partial.map((l) => l.split("\t")[0]), ["completions", "compose"]);
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "zsh completion: the script's _strata function gives commands, options and keys",
  ignore: !have("zsh"),
  fn: async () => {
    const dir = await setup("zsh");
    try {
      const asked: [string[], number][] = [
        [["strata", ""], 2],
        [["strata", "compose", "model="], 3],
        [["strata", "compose", "optimizer."], 3],
      ];
      const body = zshAsking(asked, [
        // _describe NAME ARRAY ...: print the array (value:description per line)
        '_describe() { local a; for a in "$@"; do ' +
        'if [[ $a != -* && ${(Pt)a} == array* ]]; then print -l -- "${(@P)a}"; return 0; fi; ' +
        "done; return 1 }",
      ]);
      const [commands, options, keys] = answers(await run("zsh", ["-f", "-c", body], dir));
      assert.deepEqual(commands.map((l) => l.split(":")[0]), COMMANDS);
      assert.deepEqual(options, ["model=big:option of model", "model=small:option of model"]);
      assert.deepEqual(keys.map((l) => l.split(":")[0]), ["optimizer.lr="]);
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  },
});

/** A group and a key with `-` before their `=`, which the scripts once took for `--flag=value`. */
const DASHED = {
  ...CONF,
  "conf/config.yaml": "defaults:\n  - data-module: small\n  - _self_\nseed: 1\n",
  "conf/data-module/small.yaml": "drop-path: 0.1\n",
  "conf/data-module/big.yaml": "drop-path: 0.2\n",
};

Deno.test({
  name: "fish completion: a word with '-' before its '=' is completed whole (no flag prefix)",
  ignore: !have("fish"),
  fn: async () => {
    const dir = writeTree(DASHED);
    try {
      const script = await strata(["completions", "fish"], { cwd: dir });
      await Deno.writeTextFile(`${dir}/strata.fish`, script.stdout);
      const asked = ["strata compose data-module=b", "strata compose --config-name=con"];
      const body = [
        `function strata; ${RUN} $argv; end`,
        "source ./strata.fish",
        ...asked.map((l) => `complete --do-complete "${l}"; echo @@`),
      ].join("\n");
      const [option, flag] = answers(await run("fish", ["--no-config", "-c", body], dir));
      assert.deepEqual(option.map((l) => l.split("\t")[0]), ["data-module=big"]);
      // a --flag=value word: strata's answer is the whole word, not doubled
      assert.deepEqual(flag.map((l) => l.split("\t")[0]), ["--config-name=config"]);
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  },
});

Deno.test({
  name:
    "zsh completion: no -P prefix before strata's whole-word answers, for a dashed key or a --flag=",
  ignore: !have("zsh"),
  fn: async () => {
    const dir = writeTree(DASHED);
    try {
      const script = await strata(["completions", "zsh"], { cwd: dir });
      await Deno.writeTextFile(`${dir}/strata.zsh`, script.stdout);
      const asked: [string[], number][] = [
        [["strata", "compose", "data-module=b"], 3],
        [["strata", "compose", "--config-name=con"], 3],
      ];
      // _describe and _arguments print the prefix they were given (-P), if any
      const printPrefix = '() { local p=""; while (( $# )); do [[ $1 == -P ]] && p=$2; shift; ' +
        'done; print -- "prefix:$p" }';
      const body = zshAsking(asked, [`_describe${printPrefix}`, `_arguments${printPrefix}`]);
      const [option, flag] = answers(await run("zsh", ["-f", "-c", body], dir));
      assert.ok(option.includes("prefix:"), option.join("\n"));
      // strata answers whole words (`--config-name=config`): a prefix would double the flag
      assert.ok(flag.includes("prefix:"), flag.join("\n"));
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  },
});

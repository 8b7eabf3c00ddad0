/**
 * `buildProgram(command)`: a run that names its command first registers that
 * command alone (start-up); help, completions and anything else get every
 * command, in help's order, and the one command is the same as in the whole
 * tree (same options, same help text).
 */

import assert from "node:assert/strict";
import { buildProgram } from "../../cli/main.ts";
import { COMMANDS } from "./_cli.ts";

const names = (command?: string) => buildProgram(command).commands.map((c) => c.name());
const ALL = [...COMMANDS, "complete"];

Deno.test("a command named first is the only one registered", () => {
  for (const name of COMMANDS.filter((c) => c !== "completions")) {
    assert.deepEqual(names(name), [name]);
  }
});

Deno.test("no command, help, completions, an option or an unknown word: every command", () => {
  for (const first of [undefined, "help", "completions", "complete", "--help", "-d", "compsoe"]) {
    assert.deepEqual(names(first), ALL, String(first));
  }
});

Deno.test("the one command's help is the whole tree's", () => {
  for (const name of COMMANDS) {
    const alone = buildProgram(name).commands.find((c) => c.name() === name)!;
    const inTree = buildProgram().commands.find((c) => c.name() === name)!;
    assert.equal(alone.helpInformation(), inTree.helpInformation(), name);
  }
});

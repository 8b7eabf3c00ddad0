/**
 * `.strata.yaml`'s problems in one run, each where it is written (checker w39): a
 * `validate.overrides` item that does not parse no longer hides the problems found against the
 * tree (options, together); a `validate.together` set's failing override is located in the set;
 * a file given that `validate.exclude` leaves out is said to be excluded, not "not a config
 * file"; `-f github` keeps validate's notes on stderr, as text does.
 */
import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

const TREE = {
  "conf/config.yaml": "defaults:\n  - optimizer: adam\n  - sched: step\n  - _self_\nseed: 1\n",
  "conf/optimizer/adam.yaml": "lr: 0.1\n",
  "conf/optimizer/sgd.yaml": "lr: 0.2\n",
  "conf/sched/step.yaml": "every: 3\n",
  "conf/sched/none.yaml": "every: 0\n",
};

/** `FILE:LINE:COL` of each report line. */
const places = (lines: string[]) => lines.flatMap((l) => l.match(/^(\S+:\d+:\d+): /)?.[1] ?? []);

Deno.test("validate: a validate.overrides item that does not parse leaves the tree's .strata.yaml problems reported", async () => {
  const dir = writeTree({
    ...TREE,
    ".strata.yaml": "validate:\n" +
      "  options:\n" +
      "    config: {optimizr: [adam]}\n" +
      "  overrides: [seed=2, 'optimizer.lr=[1,']\n" +
      "  together:\n" +
      "    - optimizer=sgd sched=nne\n",
  });
  try {
    const r = await validateIn(dir, []);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    // in line order; the set's error at its override `sched=nne` (6:21), not at the set (6:7)
    assert.deepEqual(places(r.lines), [
      ".strata.yaml:3:14",
      ".strata.yaml:4:40",
      ".strata.yaml:6:21",
    ]);
    assert.match(r.lines[0], /no group 'optimizr'.*Did you mean 'optimizer'\?/);
    assert.match(r.lines[1], /validate\.overrides: Error parsing override 'optimizer\.lr=\[1,'/);
    assert.match(r.lines[2], /Could not find 'sched\/nne'/);
    assert.match(r.stderr, /3 errors in \d+ files, \d+ compositions/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate: a validate.together set written as a list is located at its failing override", async () => {
  const dir = writeTree({
    ...TREE,
    ".strata.yaml": "validate:\n  together:\n    - [optimizer=sgd, sched=nne]\n",
  });
  try {
    const r = await validateIn(dir, ["-f", "github"]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /^::error file=\.strata\.yaml,line=3,col=23,/m);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate: a file given that validate.exclude leaves out is said to be excluded", async () => {
  const dir = writeTree({
    ...TREE,
    "conf/legacy/old.yaml": "a: [1,\n",
    "ci/x.yaml": "a: 1\n",
    ".strata.yaml": "validate:\n  exclude: [legacy]\n",
  });
  try {
    const one = await validateIn(dir, ["conf/legacy/old.yaml"]);
    assert.equal(one.code, 0, one.stderr);
    assert.equal(one.stdout, "nothing checked: the file given is excluded by validate.exclude\n");
    assert.match(one.stderr, /note: conf\/legacy\/old\.yaml: excluded by validate\.exclude/);
    const two = await validateIn(dir, ["conf/legacy/old.yaml", "ci/x.yaml"]);
    assert.equal(two.code, 0, two.stderr);
    assert.equal(
      two.stdout,
      "nothing checked: none of the 2 files given is a config file of conf/ that " +
        "validate.exclude leaves in\n",
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate -f github: the notes that say what a problem was checked with stay on stderr", async () => {
  // conditioner is chosen by a solver only: its options are checked with that solver, said in a
  // note (audiocraft's shape)
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - solver: default\n  - _self_\n",
    "conf/solver/default.yaml": "# @package _global_\nlr: 1\n",
    "conf/solver/lm.yaml": "# @package _global_\ndefaults:\n  - /conditioner: none\n  - _self_\n",
    "conf/conditioner/none.yaml": "kind: none\n",
    "conf/conditioner/chords.yaml": "kind: chords\nsize: ${chords_card}\n",
  });
  try {
    const text = await validateIn(dir, []);
    const github = await validateIn(dir, ["-f", "github"]);
    assert.equal(github.code, 1, github.stdout + github.stderr);
    const notes = (s: string) => s.split("\n").filter((l) => l.startsWith("note: "));
    assert.ok(notes(text.stderr).length > 0, text.stderr);
    assert.deepEqual(notes(github.stderr), notes(text.stderr));
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate: a validate.overrides item that fails the primary composition is reported, and the tree checked without it in the same run (checker w40)", async () => {
  const dir = writeTree({
    ...TREE,
    "conf/sched/none.yaml": "every: ${nmae}\n",
    ".strata.yaml": "validate:\n  overrides: [seed=2, optimizr.lr=1]\n",
  });
  try {
    const r = await validateIn(dir, []);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.deepEqual(places(r.lines), [".strata.yaml:2:23", "conf/sched/none.yaml:1:8"]);
    assert.match(r.lines[0], /override #2 of \.strata\.yaml validate\.overrides 'optimizr\.lr=1'/);
    assert.match(
      r.stdout,
      /^conf\/sched\/none\.yaml:1:8: error: Interpolation key 'nmae' not found \[key: sched\.every\]/m,
    );
    // the command line's own --override still fails the run alone, as given
    const cli = await validateIn(dir, ["--override", "optimzer.lr=1"]);
    assert.equal(cli.code, 1);
    assert.doesNotMatch(cli.stdout, /nmae/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate: an override of .strata.yaml that does not parse is placed at the character its message names (checker w40)", async () => {
  const dir = writeTree({
    ...TREE,
    ".strata.yaml": "validate:\n" +
      "  overrides: [seed=0, 'optimizer.lr=[1,']\n" +
      "  together:\n" +
      "    - optimizer=sgd optimizer.lr=[\n" +
      '    - ["optimizer=sgd", "seed=(1"]\n',
  });
  try {
    const r = await validateIn(dir, []);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    // one past the end for "got the end"; the `(` for the last
    assert.deepEqual(places(r.lines), [
      ".strata.yaml:2:40",
      ".strata.yaml:4:35",
      ".strata.yaml:5:31",
    ]);
    assert.match(r.lines[0], /expected a value at column 17, got the end/);
    assert.match(r.lines[2], /expected a value at column 6, got '\('/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate: an item of validate.overrides after one that does not parse keeps its number (checker w41)", async () => {
  const dir = writeTree({
    ...TREE,
    ".strata.yaml": "validate:\n  overrides: [seed=2, 'q=[', ~nokey]\n",
  });
  try {
    const r = await validateIn(dir, []);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /override #3 of \.strata\.yaml validate\.overrides '~nokey'/);
    const json = await validateIn(dir, ["-f", "json"]);
    const problems = JSON.parse(json.stdout).problems as { origin?: { override?: number } }[];
    assert.ok(problems.some((p) => p.origin?.override === 2), json.stdout);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
